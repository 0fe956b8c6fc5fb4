import { isModerator, type Actor } from './actor.js';
import { ForbiddenError, NotFoundError } from './errors.js';
import type { Circle, GuildSettings, MembershipStatus } from './model.js';
import type { ChannelPolicy, Repositories } from './ports.js';

/** Statuses that count as being in a circle (not yet gone). */
export const CURRENT_STATUSES: MembershipStatus[] = ['waitlisted', 'pending', 'active'];

export function notFound(name: string): NotFoundError {
  return new NotFoundError(`There is no circle named “${name.slice(0, 60)}” that you can see.`);
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
 * A circle the actor may look at: open for sign-on, or one they belong to (or wait for),
 * or any live circle for a moderator. Others answer "not found" so that their existence stays private.
 */
export async function findVisibleCircle(
  repos: Repositories,
  actor: Actor,
  name: string,
): Promise<{ circle: Circle; moderator: boolean; status: MembershipStatus | null }> {
  const circle = await repos.circles.findByName(actor.guildId, name);
  if (!circle) throw notFound(name);
  const membership = await repos.memberships.find(circle.id, actor.userId);
  const status = membership && membership.status !== 'left' ? membership.status : null;
  const moderator = isModerator(actor, await repos.guilds.get(actor.guildId));
  const visible = status !== null || circle.state === 'open' || (moderator && circle.state !== 'archived');
  if (!visible) throw notFound(name);
  return { circle, moderator, status };
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
