import {
  type Actor,
  ConflictError,
  NotFoundError,
  type ServiceDeps,
  ValidationError,
} from '../kernel/index.js';
import { auditCircle } from '../audit/index.js';
import { type Circle, type CircleRef, CURRENT_STATUSES, findCircle, lookupOf } from '../circles/index.js';
import type { MembershipStatus } from './model.js';
import { endMembership, offerAgreement, sendAgreementByDirectMessage } from './membership-steps.js';

/** Moderators' roster changes: adding and removing members, also while a circle is locked. */
export class RosterService {
  constructor(private readonly deps: ServiceDeps) {}

  /** A moderator adds someone; they get access once they accept the agreement (sent by direct message). */
  async add(
    actor: Actor,
    name: string,
    target: { userId: string; isBot: boolean },
  ): Promise<{ circle: Circle; dmSent: boolean }> {
    const { store, clock } = this.deps;
    const circle = await findCircle(store, actor, { name, right: 'moderator' });
    if (target.isBot) throw new ValidationError('Bots cannot be members of a circle.');
    const offer = await store.transaction(async (tx) => {
      const current = await tx.memberships.find(circle.id, target.userId);
      if (current?.status === 'active' || current?.status === 'pending') {
        throw new ConflictError(`<@${target.userId}> is already in **${circle.name}**.`);
      }
      const seats = await tx.memberships.countSeats(circle.id);
      if (seats >= circle.capacity) {
        throw new ConflictError(
          `**${circle.name}** is full (${seats} of ${circle.capacity}). Raise its capacity with /circle-admin settings first.`,
        );
      }
      const now = clock.now();
      await tx.memberships.upsert(circle.id, target.userId, { status: 'pending', statusSince: now }, now);
      await auditCircle(tx, circle, actor.userId, 'member.added', now, { userId: target.userId });
      return offerAgreement(tx, circle);
    });
    await this.deps.changes?.circleChanged(circle.id);
    const dmSent = await sendAgreementByDirectMessage(
      this.deps,
      offer.circle,
      offer.agreement,
      target.userId,
      `A moderator added you to **${circle.name}**.`,
    );
    return { circle, dmSent };
  }

  /** Who would be removed, and from which circle; nothing changes. Refused when they are not in it. */
  async previewRemove(
    actor: Actor,
    name: string,
    userId: string,
  ): Promise<{ circle: Circle; status: MembershipStatus }> {
    const { store } = this.deps;
    const circle = await findCircle(store, actor, { name, right: 'moderator', archived: true });
    return { circle, status: await this.currentStatus(circle, userId) };
  }

  /**
   * A moderator removes someone: their access goes at once; a freed place goes to the first in line.
   * By name, or by the circle id a confirmation carries.
   */
  async remove(
    actor: Actor,
    ref: CircleRef,
    userId: string,
  ): Promise<{ circle: Circle; accessRemoved: boolean }> {
    const { store } = this.deps;
    const circle = await findCircle(store, actor, { ...lookupOf(ref), right: 'moderator', archived: true });
    await this.currentStatus(circle, userId);
    const { accessRemoved } = await endMembership(this.deps, circle, userId, actor.userId, 'member.removed');
    return { circle, accessRemoved };
  }

  private async currentStatus(circle: Circle, userId: string): Promise<MembershipStatus> {
    const membership = await this.deps.store.memberships.find(circle.id, userId);
    if (!membership || !CURRENT_STATUSES.includes(membership.status)) {
      throw new NotFoundError(`<@${userId}> is not in **${circle.name}**.`);
    }
    return membership.status;
  }
}
