import {
  type Actor,
  type ChannelPolicy,
  ConflictError,
  ForbiddenError,
  type GuildSettings,
  isModerator,
  NotFoundError,
  type Repositories,
} from '../kernel/index.js';
import type { Circle } from './model.js';
import type { MembershipStatus } from '../membership/index.js';

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
export async function requireModerator(
  repos: Repositories,
  actor: Actor,
  refusal = 'Only moderators (Manage Server or the moderator role set in /setup) can do that.',
): Promise<GuildSettings | null> {
  const settings = await repos.guilds.get(actor.guildId);
  if (!isModerator(actor, settings)) throw new ForbiddenError(refusal);
  return settings;
}

/**
 * What the caller must be to act on a circle:
 * - `any`: anyone in the circle's server (the service checks more itself, e.g. a meeting's facilitator);
 * - `see`: someone who may look at it ({@link canSee}); outsiders of a locked circle hear it is locked;
 * - `in-circle`: anyone with a current place (waitlisted, pending or active);
 * - `member`: an active member;
 * - `member-or-moderator`, `leader-or-moderator`: as named (leaders are the circle's leader and co-leader);
 * - `moderator`: a moderator of the server, checked before the circle is looked up.
 */
export type CircleRight =
  'any' | 'see' | 'in-circle' | 'member' | 'member-or-moderator' | 'leader-or-moderator' | 'moderator';

/**
 * A circle as a command names it, or by id as a confirmation button carries it: an id always means
 * the circle that was confirmed, where a name could by then belong to another.
 */
export type CircleRef = string | { id: string };

/** The part of a {@link CircleLookup} that names the circle of `ref`. */
export function lookupOf(ref: CircleRef): Pick<CircleLookup, 'name' | 'id'> {
  return typeof ref === 'string' ? { name: ref } : { id: ref.id };
}

/** How {@link findCircle} finds a circle and whom it lets through. */
export interface CircleLookup {
  /** The name a command option gave (matched case-insensitively within the caller's server). */
  name?: string;
  /** The id a button or form carried (it must belong to the caller's server). */
  id?: string;
  right: CircleRight;
  /** Whether an archived circle is found; by default it answers as missing. */
  archived?: boolean;
  /** A missing right answers as a missing circle, so that outsiders learn nothing of it. */
  hide?: boolean;
  /** The refusal when the right is missing (a default names the right); a moderator's is fixed text. */
  refusal?: string | ((circle: Circle) => string);
  /** The answer when no circle is found (by default "no circle named …" or "no longer exists"). */
  missing?: string;
}

/**
 * The one look-up of a circle for commands and components: by name or id, within the caller's
 * server, archived circles only when asked, and the caller's right checked. Returns the circle.
 */
export async function findCircle(repos: Repositories, actor: Actor, lookup: CircleLookup): Promise<Circle> {
  const missing = () =>
    new NotFoundError(
      lookup.missing ??
        (lookup.id === undefined ? notFound(lookup.name ?? '').message : 'That circle no longer exists.'),
    );
  if (lookup.right === 'moderator') {
    await requireModerator(repos, actor, typeof lookup.refusal === 'string' ? lookup.refusal : undefined);
  }
  const circle =
    lookup.id === undefined
      ? await repos.circles.findByName(actor.guildId, lookup.name ?? '')
      : lookup.id === ''
        ? null
        : await repos.circles.findById(lookup.id);
  if (!circle || circle.guildId !== actor.guildId) throw missing();
  if (circle.state === 'archived' && lookup.archived !== true) throw missing();
  const refusal = await rightRefusal(repos, actor, circle, lookup);
  if (refusal) throw lookup.hide === true ? missing() : refusal;
  return circle;
}

/** Why the actor lacks the right `lookup` asks for on `circle`; null when they have it. */
async function rightRefusal(
  repos: Repositories,
  actor: Actor,
  circle: Circle,
  lookup: CircleLookup,
): Promise<Error | null> {
  const { right } = lookup;
  if (right === 'any' || right === 'moderator') return null;
  const status = (await repos.memberships.find(circle.id, actor.userId))?.status ?? null;
  const moderator = async () => isModerator(actor, await repos.guilds.get(actor.guildId));
  const refuse = (fallback: string) =>
    new ForbiddenError(
      typeof lookup.refusal === 'function' ? lookup.refusal(circle) : (lookup.refusal ?? fallback),
    );
  switch (right) {
    case 'see':
      if (canSee(circle, status, await moderator())) return null;
      return circle.state === 'locked' ? lockedError(circle) : notFound(lookup.name ?? circle.name);
    case 'in-circle':
      return status !== null && status !== 'left'
        ? null
        : refuse(`This is for people joining **${circle.name}** only.`);
    case 'member':
      return status === 'active' ? null : refuse(`Only members of **${circle.name}** can do that.`);
    case 'member-or-moderator':
      return status === 'active' || (await moderator())
        ? null
        : refuse(`Only members of **${circle.name}** can do that.`);
    case 'leader-or-moderator':
      return [circle.leaderId, circle.coLeaderId].includes(actor.userId) || (await moderator())
        ? null
        : refuse('Only moderators and the circle’s leaders can do that.');
  }
}

/**
 * Whether someone may look at a circle: it is open for sign-on, or they belong to it (or wait
 * for it), or they moderate the server and it is not archived. Outsiders learn no more of a
 * locked circle than that it is locked, and nothing of an archived one.
 */
export function canSee(circle: Circle, status: MembershipStatus | null, moderator: boolean): boolean {
  return status !== null || circle.state === 'open' || (moderator && circle.state !== 'archived');
}

/**
 * The overwrites a circle channel should have at `now`: its active members and the drop-ins inside
 * their window (granted, their meeting not over), read-only once archived (members only: a drop-in
 * never keeps access to an archived circle).
 */
export async function channelPolicy(
  repos: Repositories,
  circle: Circle,
  kind: ChannelPolicy['kind'],
  now: Date,
): Promise<ChannelPolicy> {
  const active = await repos.memberships.listByCircle(circle.id, ['active']);
  const dropIns = circle.state === 'archived' ? [] : await repos.dropIns.listCurrent(circle.id, now);
  const memberIds = [...new Set([...active.map((m) => m.userId), ...dropIns.map((d) => d.userId)])];
  return { kind, memberIds, readOnly: circle.state === 'archived' };
}
