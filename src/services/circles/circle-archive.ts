import {
  type Actor,
  ConflictError,
  errorFields,
  type Repositories,
  type ServiceDeps,
} from '../kernel/index.js';
import { endCases } from '../cases/index.js';
import { auditCircle } from '../audit/index.js';
import { type Meeting, type MeetingEventsService, syncReminders } from '../meetings/index.js';
import { channelPolicy, type CircleRef, findCircle, lookupOf } from './circle-access.js';
import type { Circle } from './model.js';

/** An archived circle can be brought back this long after it was archived. */
export const UNARCHIVE_DAYS = 30;
const DAY = 86_400_000;

/** What archiving a circle would do, counted from the database; nothing is changed. */
export interface ArchivePreview {
  circle: Circle;
  /** Active members: they keep read-only access to the channels and can no longer write. */
  members: number;
  /** Pending and waitlisted people, who are let go. */
  released: number;
  /** Case requests whose text is deleted at once. */
  cases: number;
  /** Upcoming meetings cancelled, and their reminders not yet sent. */
  meetings: number;
  reminders: number;
}

/** A circle brought back: its upcoming meetings, and which of its channels no longer exist. */
export interface Unarchived {
  circle: Circle;
  meetings: Meeting[];
  missingChannels: ('text' | 'voice')[];
}

/** Brings an archived circle's meetings back from its schedule (the schedule service's). */
export interface MeetingResumer {
  resume(repos: Repositories, circle: Circle, now: Date): Promise<Meeting[]>;
}

/** Archiving and bringing back circles; used through `CircleService`. */
export class CircleArchive {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly events: MeetingEventsService,
    private readonly meetings: MeetingResumer,
  ) {}

  async preview(actor: Actor, name: string): Promise<ArchivePreview> {
    const { store, clock } = this.deps;
    const circle = await findCircle(store, actor, { name, right: 'moderator' });
    const [members, released, cases, upcoming] = await Promise.all([
      store.memberships.listByCircle(circle.id, ['active']),
      store.memberships.listByCircle(circle.id, ['pending', 'waitlisted']),
      store.cases.listByCircle(circle.id, ['open', 'presenting', 'presented']),
      store.meetings.listUpcoming(circle.id, clock.now(), { statuses: ['scheduled'] }),
    ]);
    let reminders = 0;
    for (const meeting of upcoming)
      reminders += (await store.reminders.listForMeeting(meeting.id)).filter(
        (r) => r.status === 'pending',
      ).length;
    return {
      circle,
      members: members.length,
      released: released.length,
      cases: cases.filter((c) => c.status !== 'presented' || c.label !== null || c.question !== null).length,
      meetings: upcoming.length,
      reminders,
    };
  }

  /**
   * Ends a circle: its channels become read-only for the members it had, pending and waitlisted
   * people are let go, and it leaves every list. The data is kept. The database changes first,
   * so the channel guard agrees with the new overwrites; if Discord refuses, it is put back.
   */
  async archive(actor: Actor, ref: CircleRef): Promise<Circle> {
    const { store, clock } = this.deps;
    // By id (a confirmation), a circle archived meanwhile is found and answered as such.
    const byId = typeof ref !== 'string';
    const circle = await findCircle(store, actor, { ...lookupOf(ref), right: 'moderator', archived: byId });
    const now = clock.now();
    const { archived, released } = await store.transaction(async (tx) => {
      const current = (await tx.circles.findById(circle.id)) ?? circle;
      if (current.state === 'archived') throw new ConflictError(`**${circle.name}** is already archived.`);
      const released = await tx.memberships.listByCircle(circle.id, ['pending', 'waitlisted']);
      for (const membership of released)
        await tx.memberships.update(membership.id, { status: 'left', statusSince: now });
      const archived = await tx.circles.update(circle.id, { state: 'archived', archivedAt: now });
      // Open requests end with the circle, and their text goes at once (it stays gone if Discord
      // refuses below and the archive is undone: the more private outcome).
      const withdrawn = await endCases(
        tx.cases,
        await tx.cases.listByCircle(circle.id, ['open', 'presenting', 'presented']),
        now,
      );
      await auditCircle(tx, circle, actor.userId, 'circle.archived', now, {
        released: released.length,
        casesEnded: withdrawn,
      });
      return { archived, released };
    });
    const reason = `Circle “${circle.name}” archived by ${actor.userId}`;
    try {
      await this.enforce(archived, reason);
    } catch (error) {
      await store.transaction(async (tx) => {
        for (const m of released)
          await tx.memberships.update(m.id, { status: m.status, statusSince: m.statusSince });
        await tx.circles.update(circle.id, { state: circle.state, archivedAt: null });
        await auditCircle(tx, circle, 'bot', 'circle.archive-undone', clock.now());
      });
      await this.enforce(circle, `Archiving “${circle.name}” failed`).catch(() => null);
      throw error;
    }
    await this.cancelUpcoming(archived);
    // An open call for the circle closes with it.
    await this.deps.changes?.circleChanged(archived.id);
    return archived;
  }

  /**
   * Brings back a circle archived less than {@link UNARCHIVE_DAYS} days ago: its active members get
   * full access to its channels again, its meetings come back from its schedule with their
   * reminders. It comes back locked, so that nobody new joins until a moderator unlocks it. Case
   * text deleted by the archive stays deleted; people let go by it stay gone.
   */
  async unarchive(actor: Actor, name: string): Promise<Unarchived> {
    const { store, clock, log } = this.deps;
    const found = await findCircle(store, actor, { name, right: 'moderator', archived: true });
    const now = clock.now();
    const unarchived = await store.transaction(async (tx) => {
      const circle = (await tx.circles.findById(found.id)) ?? found;
      if (circle.state !== 'archived') throw new ConflictError(`**${circle.name}** is not archived.`);
      const archivedAt = circle.archivedAt ?? new Date(0);
      if (now.getTime() - archivedAt.getTime() > UNARCHIVE_DAYS * DAY) {
        throw new ConflictError(
          `**${circle.name}** was archived on <t:${Math.floor(archivedAt.getTime() / 1000)}:D>, more than ${UNARCHIVE_DAYS} days ago: it can no longer be brought back. Create a new circle instead.`,
        );
      }
      const updated = await tx.circles.update(circle.id, { state: 'locked', archivedAt: null });
      await auditCircle(tx, circle, actor.userId, 'circle.unarchived', now, {
        archivedAt: archivedAt.toISOString(),
      });
      return updated;
    });
    try {
      await this.enforce(unarchived, `Circle “${found.name}” unarchived by ${actor.userId}`);
    } catch (error) {
      log.warn({ circleId: found.id, ...errorFields(error) }, 'could not reopen the channels of a circle');
      await store.transaction(async (tx) => {
        await tx.circles.update(found.id, { state: 'archived', archivedAt: found.archivedAt });
        await auditCircle(tx, found, 'bot', 'circle.unarchive-undone', clock.now());
      });
      await this.enforce(found, `Unarchiving “${found.name}” failed`).catch(() => null);
      throw new ConflictError(
        `Discord refused to change the channels of **${found.name}**, so it stays archived and nothing changed. Check the bot’s permissions (/setup lists what is missing) and try again.`,
      );
    }
    const meetings = await store.transaction((tx) => this.meetings.resume(tx, unarchived, now));
    await this.events.syncCircle(unarchived.id);
    return { circle: unarchived, meetings, missingChannels: await this.missingChannels(unarchived) };
  }

  /**
   * Channels deleted while the circle was archived (nothing recreates or alerts on them then):
   * the moderator is told, and `/circle-admin repair` recreates them now that it is live again.
   */
  private async missingChannels(circle: Circle): Promise<('text' | 'voice')[]> {
    const { store, platform } = this.deps;
    const missing: ('text' | 'voice')[] = [];
    for (const kind of ['text', 'voice'] as const) {
      const channelId = kind === 'text' ? circle.textChannelId : circle.voiceChannelId;
      const check = await platform.inspectChannel(
        channelId,
        await channelPolicy(store, circle, kind, this.deps.clock.now()),
      );
      if (check.status === 'missing') missing.push(kind);
    }
    return missing;
  }

  /** Writes both channels' overwrites for the circle as it is (read-only when archived). */
  private async enforce(circle: Circle, reason: string): Promise<void> {
    const { store, platform } = this.deps;
    await platform.enforcePolicy(
      circle.textChannelId,
      await channelPolicy(store, circle, 'text', this.deps.clock.now()),
      reason,
    );
    await platform.enforcePolicy(
      circle.voiceChannelId,
      await channelPolicy(store, circle, 'voice', this.deps.clock.now()),
      reason,
    );
  }

  /** An archived circle meets no more: its upcoming meetings, their reminders and its event go. */
  private async cancelUpcoming(circle: Circle): Promise<void> {
    const { store, clock } = this.deps;
    await store.transaction(async (tx) => {
      for (const meeting of await tx.meetings.listUpcoming(circle.id, clock.now(), {
        statuses: ['scheduled'],
      })) {
        await syncReminders(tx, await tx.meetings.update(meeting.id, { status: 'cancelled' }), circle);
      }
    });
    await this.events.syncCircle(circle.id);
  }
}
