import type { Actor } from './actor.js';
import { agreementOffer, endMembership, notifyPromoted } from './membership-steps.js';
import { recordAudit } from './audit.js';
import { CURRENT_STATUSES, lockedError, notFound } from './circle-access.js';
import { ConflictError, NotFoundError } from './errors.js';
import { errorFields } from './error-fields.js';
import type { Agreement, Circle, Membership } from './model.js';
import type { Repositories, ServiceDeps } from './ports.js';

export type JoinResult =
  | { kind: 'agreement'; circle: Circle; agreement: Agreement }
  | { kind: 'full'; circle: Circle; waitlistLength: number };

/** Joining, accepting the agreement, the waitlist, leaving, and the moderators' add and remove. */
export class MembershipService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Starts joining an open circle: the caller is shown the agreement, or offered the waitlist when full. */
  async join(actor: Actor, name: string): Promise<JoinResult> {
    const { store, clock } = this.deps;
    const circle = await store.circles.findByName(actor.guildId, name);
    if (!circle || circle.state === 'archived') throw notFound(name);
    const status = (await store.memberships.find(circle.id, actor.userId))?.status ?? null;
    if (status === 'active') throw new ConflictError(`You are already a member of **${circle.name}**.`);
    if (status === 'waitlisted') {
      const position = await this.waitlistPosition(store, circle.id, actor.userId);
      throw new ConflictError(`You are already on the waitlist of **${circle.name}** (number ${position}).`);
    }
    if (status !== 'pending') this.requireOpen(circle);
    const result = await store.transaction(async (tx): Promise<JoinResult> => {
      const current = await tx.memberships.find(circle.id, actor.userId);
      if (current?.status === 'pending') return agreementOffer(tx, circle);
      if (current && current.status !== 'left')
        throw new ConflictError(`You are already in **${circle.name}**.`);
      if ((await tx.memberships.countSeats(circle.id)) >= circle.capacity) {
        const waiting = await tx.memberships.listByCircle(circle.id, ['waitlisted']);
        return { kind: 'full', circle, waitlistLength: waiting.length };
      }
      const now = clock.now();
      await tx.memberships.upsert(circle.id, actor.userId, { status: 'pending', statusSince: now }, now);
      await recordAudit(tx, {
        guildId: circle.guildId,
        circleId: circle.id,
        actorId: actor.userId,
        action: 'member.joined',
        at: now,
      });
      return agreementOffer(tx, circle);
    });
    return result;
  }

  /** Puts the caller on the waitlist of a full open circle (or gives them a place if one came free). */
  async joinWaitlist(
    actor: Actor,
    circleId: string,
  ): Promise<JoinResult | { kind: 'waitlisted'; circle: Circle; position: number }> {
    const { store, clock } = this.deps;
    const circle = await this.requireCircle(circleId);
    this.requireOpen(circle);
    return store.transaction(async (tx) => {
      const current = await tx.memberships.find(circle.id, actor.userId);
      if (current && current.status !== 'left')
        throw new ConflictError(`You are already in **${circle.name}**.`);
      const now = clock.now();
      const full = (await tx.memberships.countSeats(circle.id)) >= circle.capacity;
      await tx.memberships.upsert(
        circle.id,
        actor.userId,
        { status: full ? 'waitlisted' : 'pending', statusSince: now },
        now,
      );
      await recordAudit(tx, {
        guildId: circle.guildId,
        circleId: circle.id,
        actorId: actor.userId,
        action: full ? 'member.waitlisted' : 'member.joined',
        at: now,
      });
      if (!full) return agreementOffer(tx, circle);
      return {
        kind: 'waitlisted' as const,
        circle,
        position: await this.waitlistPosition(tx, circle.id, actor.userId),
      };
    });
  }

  /**
   * Accepts the circle's current agreement: records the acceptance and gives the member access
   * to both channels. When Discord refuses, the membership goes back to pending.
   */
  async accept(userId: string, circleId: string, version: number): Promise<Circle> {
    const { store, clock, platform } = this.deps;
    const circle = await this.requireCircle(circleId);
    if (circle.state === 'archived') throw new ConflictError(`**${circle.name}** has been archived.`);
    const now = clock.now();
    const membership = await store.transaction(async (tx) => {
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
      const updated = await tx.memberships.update(current.id, {
        status: 'active',
        statusSince: now,
        acceptedVersion: version,
        acceptedAt: now,
      });
      await tx.agreements.recordAcceptance({ circleId: circle.id, userId, version, at: now });
      await recordAudit(tx, {
        guildId: circle.guildId,
        circleId: circle.id,
        actorId: userId,
        action: 'member.accepted',
        detail: { version },
        at: now,
      });
      return updated;
    });
    try {
      await platform.grantMember(
        circle.textChannelId,
        'text',
        userId,
        `Accepted the agreement of ${circle.name}`,
      );
      await platform.grantMember(
        circle.voiceChannelId,
        'voice',
        userId,
        `Accepted the agreement of ${circle.name}`,
      );
    } catch (error) {
      await this.revertAccept(circle, membership, error);
      throw error;
    }
    return circle;
  }

  /** Records that an active member read a changed agreement. Access does not depend on it. */
  async acknowledge(userId: string, circleId: string, version: number): Promise<Circle> {
    const { store, clock } = this.deps;
    const circle = await this.requireCircle(circleId);
    const membership = await store.memberships.find(circle.id, userId);
    if (membership?.status !== 'active')
      throw new ConflictError(`Only members of **${circle.name}** can acknowledge its agreement.`);
    if (version !== circle.agreementVersion)
      throw new ConflictError('A newer version of the agreement has been posted since.');
    if ((await store.agreements.acceptances(circle.id, userId)).some((a) => a.version === version)) {
      throw new ConflictError(`You have already acknowledged version ${version}.`);
    }
    await store.transaction(async (tx) => {
      const now = clock.now();
      await tx.agreements.recordAcceptance({ circleId: circle.id, userId, version, at: now });
      await tx.memberships.update(membership.id, { acceptedVersion: version, acceptedAt: now });
    });
    return circle;
  }

  /** Leaves a circle (or its waitlist); a freed place goes to the first in line. */
  async leave(actor: Actor, name: string): Promise<{ circle: Circle; wasWaitlisted: boolean }> {
    const circle = await this.deps.store.circles.findByName(actor.guildId, name);
    const membership = circle ? await this.deps.store.memberships.find(circle.id, actor.userId) : null;
    if (
      !circle ||
      !membership ||
      !CURRENT_STATUSES.includes(membership.status) ||
      circle.state === 'archived'
    ) {
      throw new NotFoundError(`You are not in a circle named “${name.slice(0, 60)}”.`);
    }
    await endMembership(this.deps, circle, actor.userId, actor.userId, 'member.left');
    return { circle, wasWaitlisted: membership.status === 'waitlisted' };
  }

  /** Sends the agreement to people promoted from the waitlist. */
  async notifyPromoted(circle: Circle, userIds: string[]): Promise<void> {
    await notifyPromoted(this.deps, circle, userIds);
  }

  private async revertAccept(circle: Circle, membership: Membership, cause: unknown): Promise<void> {
    const { store, platform, log } = this.deps;
    log.error(
      { circleId: circle.id, ...errorFields(cause) },
      'granting channel access failed; membership reverted to pending',
    );
    await store.memberships.update(membership.id, {
      status: 'pending',
      acceptedVersion: null,
      acceptedAt: null,
    });
    await platform
      .revokeMember(circle.textChannelId, membership.userId, 'Access grant rolled back')
      .catch(() => undefined);
    await platform
      .revokeMember(circle.voiceChannelId, membership.userId, 'Access grant rolled back')
      .catch(() => undefined);
  }

  private async waitlistPosition(repos: Repositories, circleId: string, userId: string): Promise<number> {
    const waiting = await repos.memberships.listByCircle(circleId, ['waitlisted']);
    return waiting.findIndex((m) => m.userId === userId) + 1;
  }

  private async requireCircle(circleId: string): Promise<Circle> {
    const circle = await this.deps.store.circles.findById(circleId);
    if (!circle) throw new NotFoundError('That circle no longer exists.');
    return circle;
  }

  private requireOpen(circle: Circle): void {
    if (circle.state === 'locked') throw lockedError(circle);
    if (circle.state === 'archived') throw new ConflictError(`**${circle.name}** has been archived.`);
  }
}
