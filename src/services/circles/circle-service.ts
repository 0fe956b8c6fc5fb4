import { type Actor, ConflictError, DuplicateError, errorFields, type ServiceDeps } from '../kernel/index.js';
import { defaultAgreement, notifyPromoted, promoteFromWaitlist } from '../membership/index.js';
import { endCases } from '../cases/index.js';
import { auditCircle } from '../audit/index.js';
import { channelPolicy, findCircle, requireModerator } from './circle-access.js';
import type { Circle, CircleKind, FacilitationMode } from './model.js';
import * as rules from './validation.js';
import { type MeetingEventsService, syncReminders } from '../meetings/index.js';
import { updateSettings } from '../server/index.js';

/** Text channels are lower-case with hyphens, as Discord shows them. */
export function textChannelName(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-|-$/g, '') || 'circle'
  );
}

/** Moderators' operations on circles: create, lock, unlock, archive. */
export class CircleService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly events: MeetingEventsService,
  ) {}

  /**
   * Creates a circle with its private text and voice channels. If any step fails, the channels
   * (and a category made for them) are deleted again, so nothing half-made is left behind.
   */
  async create(
    actor: Actor,
    input: { name: string; kind: string; capacity?: number | null; facilitation?: string | null },
  ): Promise<Circle> {
    const { store, platform, clock } = this.deps;
    const settings = await requireModerator(store, actor);
    const name = rules.parse(rules.circleName, input.name);
    const kind: CircleKind = rules.parse(rules.circleKind, input.kind);
    const capacity = rules.parse(rules.capacity, input.capacity ?? rules.DEFAULT_CAPACITY);
    const facilitation: FacilitationMode = rules.parse(
      rules.facilitation,
      input.facilitation ?? (kind === 'balint' ? 'designated' : 'rotating'),
    );
    const existing = await store.circles.findByName(actor.guildId, name);
    if (existing) throw duplicateName(existing);

    const reason = `Circle “${name}” created by ${actor.userId}`;
    const category = await platform.ensureCategory(actor.guildId, settings?.categoryId ?? null, reason);
    const made: string[] = [];
    try {
      const empty = { memberIds: [], readOnly: false };
      const base = { guildId: actor.guildId, categoryId: category.id, reason };
      made.push(
        await platform.createChannel({
          ...base,
          name: textChannelName(name),
          policy: { ...empty, kind: 'text' },
        }),
      );
      made.push(await platform.createChannel({ ...base, name, policy: { ...empty, kind: 'voice' } }));
      const [textChannelId = '', voiceChannelId = ''] = made;
      const now = clock.now();
      return await store.transaction(async (tx) => {
        if (category.id !== settings?.categoryId)
          await updateSettings(tx, actor.guildId, { categoryId: category.id });
        const circle = await tx.circles.create({
          guildId: actor.guildId,
          name,
          kind,
          capacity,
          facilitation,
          textChannelId,
          voiceChannelId,
          agreementText: defaultAgreement(kind),
          createdBy: actor.userId,
          createdAt: now,
        });
        await auditCircle(tx, circle, actor.userId, 'circle.created', now, {
          kind,
          capacity,
          facilitation,
          textChannelId,
          voiceChannelId,
        });
        return circle;
      });
    } catch (error) {
      const leftovers = category.created ? [...made, category.id] : made;
      for (const channelId of leftovers) {
        await platform
          .deleteChannel(channelId, 'Circle creation failed')
          .catch((cleanup: unknown) =>
            this.deps.log.error(
              { channelId, ...errorFields(cleanup) },
              'could not delete a channel of a failed circle creation',
            ),
          );
      }
      if (error instanceof DuplicateError) throw duplicateName({ name, state: 'open' });
      throw error;
    }
  }

  /** Stops new joins; the roster can still be changed by moderators. */
  async lock(actor: Actor, name: string): Promise<Circle> {
    return (await this.setEnrolment(actor, name, 'locked')).circle;
  }

  /** Reopens enrolment; free places go to the waitlist first, in the same transaction. */
  async unlock(actor: Actor, name: string): Promise<{ circle: Circle; promoted: string[] }> {
    const { circle, promoted } = await this.setEnrolment(actor, name, 'open');
    await notifyPromoted(this.deps, circle, promoted);
    return { circle, promoted };
  }

  /**
   * Ends a circle: its channels become read-only for the members it had, pending and waitlisted
   * people are let go, and it leaves every list. The data is kept. The database changes first,
   * so the channel guard agrees with the new overwrites; if Discord refuses, it is put back.
   */
  async archive(actor: Actor, name: string): Promise<Circle> {
    const { store, platform, clock } = this.deps;
    const circle = await findCircle(store, actor, { name, right: 'moderator' });
    const now = clock.now();
    const { archived, released } = await store.transaction(async (tx) => {
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
      await platform.enforcePolicy(
        circle.textChannelId,
        await channelPolicy(store, archived, 'text', clock.now()),
        reason,
      );
      await platform.enforcePolicy(
        circle.voiceChannelId,
        await channelPolicy(store, archived, 'voice', clock.now()),
        reason,
      );
    } catch (error) {
      await store.transaction(async (tx) => {
        for (const m of released)
          await tx.memberships.update(m.id, { status: m.status, statusSince: m.statusSince });
        await tx.circles.update(circle.id, { state: circle.state, archivedAt: null });
        await auditCircle(tx, circle, 'bot', 'circle.archive-undone', clock.now());
      });
      const restore = `Archiving “${circle.name}” failed`;
      await platform
        .enforcePolicy(circle.textChannelId, await channelPolicy(store, circle, 'text', clock.now()), restore)
        .catch(() => null);
      await platform
        .enforcePolicy(
          circle.voiceChannelId,
          await channelPolicy(store, circle, 'voice', clock.now()),
          restore,
        )
        .catch(() => null);
      throw error;
    }
    await this.cancelUpcoming(archived);
    return archived;
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

  private async setEnrolment(
    actor: Actor,
    name: string,
    state: 'open' | 'locked',
  ): Promise<{ circle: Circle; promoted: string[] }> {
    const { store, clock } = this.deps;
    const found = await findCircle(store, actor, { name, right: 'moderator' });
    return store.transaction(async (tx) => {
      const circle = (await tx.circles.findById(found.id)) ?? found;
      if (circle.state === state) {
        throw new ConflictError(`**${circle.name}** is already ${state === 'open' ? 'open' : 'locked'}.`);
      }
      const now = clock.now();
      const updated = await tx.circles.update(circle.id, { state });
      await auditCircle(
        tx,
        circle,
        actor.userId,
        state === 'open' ? 'circle.unlocked' : 'circle.locked',
        now,
      );
      return { circle: updated, promoted: await promoteFromWaitlist(tx, updated, now) };
    });
  }
}

function duplicateName(existing: Pick<Circle, 'name' | 'state'>): ConflictError {
  const archived = existing.state === 'archived' ? ' (archived)' : '';
  return new ConflictError(
    `A circle named **${existing.name}**${archived} already exists in this server. Choose another name.`,
  );
}
