import type { Actor } from './actor.js';
import { auditCircle } from './audit.js';
import { findManagedCircle, requireModerator } from './circle-access.js';
import { ConflictError, ValidationError } from './errors.js';
import { errorFields } from './error-fields.js';
import { agreementChangedNotice } from './messages.js';
import type { Agreement, Circle } from './model.js';
import type { ServiceDeps } from './ports.js';
import * as rules from './validation.js';
import { notifyPromoted } from './membership-steps.js';
import { promoteFromWaitlist } from './waitlist.js';

export interface SettingsChange {
  capacity?: number | null;
  agreementText?: string | null;
}

/** Moderators' settings of a circle: capacity and the confidentiality agreement. */
export class CircleSettingsService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The circle a moderator is about to change, and its current agreement (to prefill the modal). */
  async current(actor: Actor, name: string): Promise<{ circle: Circle; agreement: Agreement | null }> {
    await requireModerator(this.deps.store, actor);
    const circle = await findManagedCircle(this.deps.store, actor, name);
    return { circle, agreement: await this.deps.store.agreements.get(circle.id, circle.agreementVersion) };
  }

  /** Checks a change without applying it, so a modal is only shown for a change that can succeed. */
  async check(actor: Actor, name: string, change: SettingsChange): Promise<Circle> {
    const { circle } = await this.current(actor, name);
    if (change.capacity != null) {
      const capacity = rules.parse(rules.capacity, change.capacity);
      await this.requireRoom(circle, capacity);
    }
    return circle;
  }

  /**
   * Applies capacity and agreement changes together. A new agreement becomes the next version;
   * existing members keep their access and are asked in the circle's channel to acknowledge it.
   */
  async update(
    actor: Actor,
    name: string,
    change: SettingsChange,
  ): Promise<{ circle: Circle; changed: string[]; promoted: string[] }> {
    const { store, clock } = this.deps;
    const { circle } = await this.current(actor, name);
    const capacity = change.capacity == null ? null : rules.parse(rules.capacity, change.capacity);
    const text = change.agreementText == null ? null : rules.parse(rules.agreementText, change.agreementText);
    if (capacity === null && text === null)
      throw new ValidationError('Nothing to change: give a capacity or edit the agreement.');

    const now = clock.now();
    const { updated, agreement, promoted, changed } = await store.transaction(async (tx) => {
      const changed: string[] = [];
      let updated = (await tx.circles.findById(circle.id)) ?? circle;
      if (capacity !== null && capacity !== updated.capacity) {
        await this.requireRoom(updated, capacity, await tx.memberships.countSeats(circle.id));
        updated = await tx.circles.update(circle.id, { capacity });
        changed.push('capacity');
      }
      let agreement: Agreement | null = null;
      if (text !== null) {
        const version = updated.agreementVersion + 1;
        agreement = await tx.agreements.add({
          circleId: circle.id,
          version,
          text,
          createdBy: actor.userId,
          createdAt: now,
        });
        updated = await tx.circles.update(circle.id, { agreementVersion: version });
        changed.push('agreement');
      }
      if (changed.length === 0)
        throw new ConflictError(`**${circle.name}** already has capacity ${circle.capacity}.`);
      await auditCircle(tx, circle, actor.userId, 'circle.settings-changed', now, {
        changed,
        capacity: updated.capacity,
        agreementVersion: updated.agreementVersion,
      });
      return { updated, agreement, promoted: await promoteFromWaitlist(tx, updated, now), changed };
    });
    if (agreement) await this.announce(updated, agreement);
    await notifyPromoted(this.deps, updated, promoted);
    return { circle: updated, changed, promoted };
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

  private async requireRoom(circle: Circle, capacity: number, seats?: number): Promise<void> {
    const taken = seats ?? (await this.deps.store.memberships.countSeats(circle.id));
    if (capacity < taken) {
      throw new ConflictError(
        `**${circle.name}** has ${taken} members holding places; its capacity cannot go below that.`,
      );
    }
  }
}
