import { isModerator, type Actor } from '../kernel/index.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../kernel/index.js';
import type { Circle } from './model.js';
import type { GuildSettings } from '../kernel/index.js';
import type { MembershipStatus } from '../membership/index.js';
import type { ChannelPolicy, Repositories } from '../kernel/index.js';

/** Statuses that count as being in a circle (not yet gone). */
export const CURRENT_STATUSES: MembershipStatus[] = ['waitlisted', 'pending', 'active'];

export function notFound(name: string): NotFoundError {
  return new NotFoundError(`There is no circle named “${name.slice(0, 60)}” that you can see.`);
}

/** The answer to anyone outside a locked circle who asks to join it or about it. */
export function lockedError(circle: Circle): ConflictError {
  return new ConflictError(
    `**${circle.name}** is locked: it is not taking new members. Ask a moderator if you should be in it.`,
  );
}

/** Throws unless the actor is a moderator of the server; returns the server's settings. */
export async function requireModerator(repos: Repositories, actor: Actor): Promise<GuildSettings | null> {
  const settings = await repos.guilds.get(actor.guildId);
  if (!isModerator(actor, settings)) {
    throw new ForbiddenError(
      'Only moderators (Manage Server or the moderator role set in /setup) can do that.',
    );
  }
  return settings;
}

/** A circle a moderator may manage: any circle of the server that is not archived. */
export async function findManagedCircle(repos: Repositories, actor: Actor, name: string): Promise<Circle> {
  const circle = await repos.circles.findByName(actor.guildId, name);
  if (!circle || circle.state === 'archived') throw notFound(name);
  return circle;
}

/**
 * A circle whose roster a moderator may change by removing someone: any circle of the server,
 * archived ones included, so that nobody keeps a read-only seat in an ended circle against the
 * moderators' will.
 */
export async function findRosterCircle(repos: Repositories, actor: Actor, name: string): Promise<Circle> {
  const circle = await repos.circles.findByName(actor.guildId, name);
  if (!circle) throw notFound(name);
  return circle;
}

/**
 * Whether someone may look at a circle: it is open for sign-on, or they belong to it (or wait
 * for it), or they moderate the server and it is not archived. Outsiders learn no more of a
 * locked circle than that it is locked, and nothing of an archived one.
 */
export function canSee(circle: Circle, status: MembershipStatus | null, moderator: boolean): boolean {
  return status !== null || circle.state === 'open' || (moderator && circle.state !== 'archived');
}

/** The overwrites a circle channel should have: its active members, read-only once archived. */
export async function channelPolicy(
  repos: Repositories,
  circle: Circle,
  kind: ChannelPolicy['kind'],
): Promise<ChannelPolicy> {
  const active = await repos.memberships.listByCircle(circle.id, ['active']);
  return { kind, memberIds: active.map((m) => m.userId), readOnly: circle.state === 'archived' };
}
