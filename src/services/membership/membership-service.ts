import {
  type Actor,
  ConflictError,
  errorFields,
  NotFoundError,
  type Repositories,
  type ServiceDeps,
} from '../kernel/index.js';
import { auditCircle } from '../audit/index.js';
import { type Circle, CURRENT_STATUSES, findCircle, lockedError } from '../circles/index.js';
import { endMembership, offerAgreement } from './membership-steps.js';
import type { Agreement } from './model.js';

export type JoinResult =
  | { kind: 'agreement'; circle: Circle; agreement: Agreement }
  | { kind: 'full'; circle: Circle; waitlistLength: number };

export type WaitlistResult = JoinResult | { kind: 'waitlisted'; circle: Circle; position: number };

/** A member's own steps: joining (or the waitlist), accepting the agreement, leaving. */
export class MembershipService {
  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Starts joining an open circle: the caller is shown the agreement, or offered the waitlist
   * when the circle is full or others are already waiting (they come first).
   */
  async join(actor: Actor, name: string): Promise<JoinResult> {
    const found = await findCircle(this.deps.store, actor, { name, right: 'any' });
    return this.joinCircle(actor, found.id);
  }

  /** `join` for a circle named by id: the Join button of an open call carries it. */
  async joinById(actor: Actor, circleId: string): Promise<JoinResult> {
    const found = await findCircle(this.deps.store, actor, { id: circleId, right: 'any' });
    return this.joinCircle(actor, found.id);
  }

  private async joinCircle(actor: Actor, circleId: string): Promise<JoinResult> {
    const { store, clock } = this.deps;
    const result = await store.transaction(async (tx): Promise<JoinResult> => {
      const circle = await this.fresh(tx, circleId);
      const current = await tx.memberships.find(circle.id, actor.userId);
      if (current?.status === 'active')
        throw new ConflictError(`You are already a member of **${circle.name}**.`);
      if (current?.status === 'waitlisted') {
        const position = await this.waitlistPosition(tx, circle.id, actor.userId);
        throw new ConflictError(
          `You are already on the waitlist of **${circle.name}** (number ${position}).`,
        );
      }
      if (current?.status === 'pending') return offerAgreement(tx, circle);
      this.requireOpen(circle);
      const waiting = await tx.memberships.listByCircle(circle.id, ['waitlisted']);
      if (waiting.length > 0 || (await tx.memberships.countSeats(circle.id)) >= circle.capacity) {
        return { kind: 'full', circle, waitlistLength: waiting.length };
      }
      const now = clock.now();
      await tx.memberships.upsert(circle.id, actor.userId, { status: 'pending', statusSince: now }, now);
      await auditCircle(tx, circle, actor.userId, 'member.joined', now);
      return offerAgreement(tx, circle);
    });
    // A pending member holds a place: the circle's open call shows one fewer.
    await this.deps.changes?.circleChanged(circleId);
    return result;
  }

  /** Puts the caller at the end of the waitlist (or gives them the place if one came free and nobody waits). */
  async joinWaitlist(actor: Actor, circleId: string): Promise<WaitlistResult> {
    const { store, clock } = this.deps;
    const result = await store.transaction(async (tx): Promise<WaitlistResult> => {
      const circle = await this.fresh(tx, circleId);
      this.requireOpen(circle);
      const current = await tx.memberships.find(circle.id, actor.userId);
      if (current && current.status !== 'left')
        throw new ConflictError(`You are already in **${circle.name}**.`);
      const waiting = await tx.memberships.listByCircle(circle.id, ['waitlisted']);
      const full = waiting.length > 0 || (await tx.memberships.countSeats(circle.id)) >= circle.capacity;
      const now = clock.now();
      await tx.memberships.upsert(
        circle.id,
        actor.userId,
        { status: full ? 'waitlisted' : 'pending', statusSince: now },
        now,
      );
      await auditCircle(tx, circle, actor.userId, full ? 'member.waitlisted' : 'member.joined', now);
      if (!full) return offerAgreement(tx, circle);
      return { kind: 'waitlisted', circle, position: waiting.length + 1 };
    });
    await this.deps.changes?.circleChanged(circleId);
    return result;
  }

  /**
   * Accepts the circle's current agreement: records the acceptance and gives the member access
   * to both channels. When Discord refuses, the membership goes back to pending.
   */
  async accept(userId: string, circleId: string, version: number): Promise<Circle> {
    const { store, clock, platform } = this.deps;
    const now = clock.now();
    const circle = await store.transaction(async (tx) => {
      const circle = await this.fresh(tx, circleId);
      if (circle.state === 'archived') throw new ConflictError(`**${circle.name}** has been archived.`);
      const current = await tx.memberships.find(circle.id, userId);
      if (current?.status === 'active')
        throw new ConflictError(`You have already accepted and are a member of **${circle.name}**.`);
      if (current?.status !== 'pending') {
        throw new ConflictError(
          `You are not joining **${circle.name}** at the moment. Use /circle join to start.`,
        );
      }
      if (version !== circle.agreementVersion) {
        throw new ConflictError(
          'The agreement changed since it was shown to you. Use /circle join to read the current one.',
        );
      }
      await tx.memberships.update(current.id, {
        status: 'active',
        statusSince: now,
        acceptedVersion: version,
        acceptedAt: now,
      });
      await tx.agreements.recordAcceptance({ circleId: circle.id, userId, version, at: now });
      await auditCircle(tx, circle, userId, 'member.accepted', now, { version });
      return circle;
    });
    const reason = `Accepted the agreement of ${circle.name}`;
    try {
      await platform.grantMember(circle.textChannelId, 'text', userId, reason);
      await platform.grantMember(circle.voiceChannelId, 'voice', userId, reason);
    } catch (error) {
      await this.revertAccept(circle, userId, version, error);
      throw error;
    }
    await this.deps.changes?.circleChanged(circle.id);
    return circle;
  }

  /** Records that an active member read a changed agreement. Access does not depend on it. */
  async acknowledge(userId: string, circleId: string, version: number): Promise<Circle> {
    const { store, clock } = this.deps;
    return store.transaction(async (tx) => {
      const circle = await this.fresh(tx, circleId);
      const membership = await tx.memberships.find(circle.id, userId);
      if (membership?.status !== 'active')
        throw new ConflictError(`Only members of **${circle.name}** can acknowledge its agreement.`);
      if (version !== circle.agreementVersion)
        throw new ConflictError('A newer version of the agreement has been posted since.');
      if ((await tx.agreements.acceptances(circle.id, userId)).some((a) => a.version === version)) {
        throw new ConflictError(`You have already acknowledged version ${version}.`);
      }
      const now = clock.now();
      await tx.agreements.recordAcceptance({ circleId: circle.id, userId, version, at: now });
      await tx.memberships.update(membership.id, { acceptedVersion: version, acceptedAt: now });
      return circle;
    });
  }

  /**
   * Leaves a circle (or its waitlist); a freed place goes to the first in line.
   * `accessRemoved` is false when Discord did not confirm removing the overwrites yet.
   */
  async leave(
    actor: Actor,
    name: string,
  ): Promise<{ circle: Circle; wasWaitlisted: boolean; accessRemoved: boolean }> {
    // Leaving an archived circle is allowed: it takes away the read-only access that remains.
    const circle = await findCircle(this.deps.store, actor, {
      name,
      right: 'in-circle',
      archived: true,
      hide: true,
      missing: `You are not in a circle named “${name.slice(0, 60)}”.`,
    });
    const membership = await this.deps.store.memberships.find(circle.id, actor.userId);
    if (!membership || !CURRENT_STATUSES.includes(membership.status)) {
      throw new NotFoundError(`You are not in a circle named “${name.slice(0, 60)}”.`);
    }
    const { accessRemoved } = await endMembership(
      this.deps,
      circle,
      actor.userId,
      actor.userId,
      'member.left',
    );
    return { circle, wasWaitlisted: membership.status === 'waitlisted', accessRemoved };
  }

  private async revertAccept(circle: Circle, userId: string, version: number, cause: unknown): Promise<void> {
    const { store, platform, clock, log } = this.deps;
    log.error(
      { circleId: circle.id, userId, ...errorFields(cause) },
      'granting channel access failed; membership back to pending',
    );
    await store.transaction(async (tx) => {
      const current = await tx.memberships.find(circle.id, userId);
      if (current?.status !== 'active' || current.acceptedVersion !== version) return;
      await tx.memberships.update(current.id, { status: 'pending', acceptedVersion: null, acceptedAt: null });
      await auditCircle(tx, circle, 'bot', 'member.accept-reverted', clock.now(), { userId, version });
    });
    for (const channelId of [circle.textChannelId, circle.voiceChannelId]) {
      await platform.revokeMember(channelId, userId, 'Access grant rolled back').catch(() => undefined);
    }
  }

  private async waitlistPosition(repos: Repositories, circleId: string, userId: string): Promise<number> {
    const waiting = await repos.memberships.listByCircle(circleId, ['waitlisted']);
    return waiting.findIndex((m) => m.userId === userId) + 1;
  }

  /** The circle as it is inside the transaction (its state or capacity may have just changed). */
  private async fresh(repos: Repositories, circleId: string): Promise<Circle> {
    const circle = await repos.circles.findById(circleId);
    if (!circle) throw new NotFoundError('That circle no longer exists.');
    return circle;
  }

  private requireOpen(circle: Circle): void {
    if (circle.state === 'locked') throw lockedError(circle);
    if (circle.state === 'archived') throw new ConflictError(`**${circle.name}** has been archived.`);
  }
}
