import {
  type Actor,
  ConflictError,
  NotFoundError,
  type ServiceDeps,
  ValidationError,
} from '../kernel/index.js';
import { auditCircle } from '../audit/index.js';
import { type Circle, CURRENT_STATUSES, findCircle } from '../circles/index.js';
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

  /** A moderator removes someone: their access goes at once; a freed place goes to the first in line. */
  async remove(
    actor: Actor,
    name: string,
    userId: string,
  ): Promise<{ circle: Circle; accessRemoved: boolean }> {
    const { store } = this.deps;
    const circle = await findCircle(store, actor, { name, right: 'moderator', archived: true });
    const membership = await store.memberships.find(circle.id, userId);
    if (!membership || !CURRENT_STATUSES.includes(membership.status)) {
      throw new NotFoundError(`<@${userId}> is not in **${circle.name}**.`);
    }
    const { accessRemoved } = await endMembership(this.deps, circle, userId, actor.userId, 'member.removed');
    return { circle, accessRemoved };
  }
}
