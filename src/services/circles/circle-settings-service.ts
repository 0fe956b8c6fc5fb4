import {
  type Actor,
  ConflictError,
  errorFields,
  NotFoundError,
  type Repositories,
  type ServiceDeps,
  ValidationError,
} from '../kernel/index.js';
import { auditCircle } from '../audit/index.js';
import { findCircle } from './circle-access.js';
import { syncReminders } from '../meetings/index.js';
import {
  type Agreement,
  agreementChangedNotice,
  notifyPromoted,
  promoteFromWaitlist,
} from '../membership/index.js';
import type { Circle } from './model.js';
import type { CirclePatch } from './repository.js';
import * as rules from './validation.js';

export interface SettingsChange {
  capacity?: number | null;
  agreementText?: string | null;
  /** Reminder lead times as typed, e.g. `1d, 15m`. */
  reminders?: string | null;
  reflection?: boolean | null;
  /** Whether reminders and start prompts notify the active members by mention. */
  mentions?: boolean | null;
  /** An attendance expectation as typed, e.g. `6 of 8`, or `off`. */
  attendance?: string | null;
  /** Drop-in places per meeting (0: none). */
  dropIns?: number | null;
  leaderId?: string | null;
  coLeaderId?: string | null;
}

/** Parses a change as typed; nothing is read or written yet. */
function parseChange(change: SettingsChange): { patch: CirclePatch; agreementText: string | null } {
  const patch: CirclePatch = {};
  if (change.capacity != null) patch.capacity = rules.parse(rules.capacity, change.capacity);
  if (change.reminders != null) patch.reminderLeadMinutes = rules.reminderLeads(change.reminders);
  if (change.reflection != null) patch.reflectionPrompt = change.reflection;
  if (change.mentions != null) patch.mentionMembers = change.mentions;
  if (change.attendance != null) Object.assign(patch, rules.attendanceRule(change.attendance));
  if (change.dropIns != null) patch.dropInPlaces = rules.parse(rules.dropInPlaces, change.dropIns);
  if (change.leaderId != null) patch.leaderId = change.leaderId;
  if (change.coLeaderId != null) patch.coLeaderId = change.coLeaderId;
  if (patch.leaderId && patch.leaderId === patch.coLeaderId)
    throw new ValidationError('The leader and the co-leader must be two people.');
  const agreementText =
    change.agreementText == null ? null : rules.parse(rules.agreementText, change.agreementText);
  if (Object.keys(patch).length === 0 && agreementText === null) {
    throw new ValidationError('Nothing to change: give at least one setting.');
  }
  return { patch, agreementText };
}

/** Moderators' settings of a circle: capacity, agreement, reminders, mentions, reflection prompt, leaders. */
export class CircleSettingsService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The circle a moderator is about to change, and its current agreement (to prefill the modal). */
  async current(actor: Actor, name: string): Promise<{ circle: Circle; agreement: Agreement | null }> {
    const circle = await findCircle(this.deps.store, actor, { name, right: 'moderator' });
    return { circle, agreement: await this.deps.store.agreements.get(circle.id, circle.agreementVersion) };
  }

  /**
   * Applies the change in one transaction. A new agreement becomes the next version; existing
   * members keep their access and are asked in the circle's channel to acknowledge it. New
   * reminder times apply to every upcoming meeting.
   */
  async update(
    actor: Actor,
    name: string,
    change: SettingsChange,
  ): Promise<{ circle: Circle; changed: string[]; promoted: string[] }> {
    const { store, clock } = this.deps;
    const { circle } = await this.current(actor, name);
    const { patch, agreementText } = parseChange(change);
    const now = clock.now();
    const { updated, agreement, promoted, changed } = await store.transaction(async (tx) => {
      let updated = (await tx.circles.findById(circle.id)) ?? circle;
      await this.requireValid(tx, updated, patch);
      const changed = (Object.keys(patch) as (keyof CirclePatch)[]).filter(
        (key) => JSON.stringify(patch[key]) !== JSON.stringify(updated[key as keyof Circle]),
      );
      if (changed.length) updated = await tx.circles.update(circle.id, patch);
      let agreement: Agreement | null = null;
      if (agreementText !== null) {
        const version = updated.agreementVersion + 1;
        agreement = await tx.agreements.add({
          circleId: circle.id,
          version,
          text: agreementText,
          createdBy: actor.userId,
          createdAt: now,
        });
        updated = await tx.circles.update(circle.id, { agreementVersion: version });
        changed.push('agreementVersion');
      }
      if (changed.length === 0) throw new ConflictError(`**${circle.name}** already has those settings.`);
      if (changed.includes('reminderLeadMinutes') || changed.includes('reflectionPrompt')) {
        for (const meeting of await tx.meetings.listUpcoming(circle.id, now, { statuses: ['scheduled'] })) {
          await syncReminders(tx, meeting, updated);
        }
      }
      await auditCircle(tx, circle, actor.userId, 'circle.settings-changed', now, { changed });
      return { updated, agreement, promoted: await promoteFromWaitlist(tx, updated, now), changed };
    });
    if (agreement) await this.announce(updated, agreement);
    await notifyPromoted(this.deps, updated, promoted);
    await this.deps.changes?.circleChanged(updated.id);
    return { circle: updated, changed, promoted };
  }

  /** `update` for a circle named by id (the agreement form carries the id). */
  async updateById(
    actor: Actor,
    circleId: string,
    change: SettingsChange,
  ): Promise<{ circle: Circle; changed: string[]; promoted: string[] }> {
    const circle = await this.deps.store.circles.findById(circleId);
    if (!circle || circle.guildId !== actor.guildId) throw new NotFoundError('That circle no longer exists.');
    return this.update(actor, circle.name, change);
  }

  private async announce(circle: Circle, agreement: Agreement): Promise<void> {
    try {
      await this.deps.platform.postMessage(circle.textChannelId, agreementChangedNotice(circle, agreement));
    } catch (error) {
      this.deps.log.warn(
        { circleId: circle.id, ...errorFields(error) },
        'could not post the agreement change',
      );
    }
  }

  /** Capacity not below the places taken; leaders are active members. */
  private async requireValid(repos: Repositories, circle: Circle, patch: CirclePatch): Promise<void> {
    if (patch.capacity !== undefined) {
      const taken = await repos.memberships.countSeats(circle.id);
      if (patch.capacity < taken) {
        throw new ConflictError(
          `**${circle.name}** has ${taken} members holding places; its capacity cannot go below that.`,
        );
      }
    }
    for (const userId of [patch.leaderId, patch.coLeaderId]) {
      if (!userId) continue;
      if ((await repos.memberships.find(circle.id, userId))?.status !== 'active') {
        throw new ValidationError(`<@${userId}> must be an active member of **${circle.name}** to lead it.`);
      }
    }
  }
}
