import {
  type Actor,
  ForbiddenError,
  NotFoundError,
  type Repositories,
  type ServiceDeps,
} from '../kernel/index.js';
import { findCircle, type CircleLookup } from './circle-access.js';
import type { Circle } from './model.js';
import { currentDropIn, currentDropInInCircle } from '../dropins/index.js';

/** What a button or form acts on, named by one argument of its custom id. */
export type ComponentTarget = 'circle' | 'meeting' | 'swap';

/**
 * Who may use a button or form:
 * - `member`: an active member of a circle that is not archived;
 * - `in-circle`: anyone with a current place (waitlisted, pending or active), e.g. to accept the agreement;
 * - `server-member`: anyone in the circle's own server (a click in a server only);
 * - `moderator`: a moderator of the circle's server;
 * - `leader-or-moderator`: a moderator, or the circle's leader or co-leader (e.g. to change a meeting).
 * - `attendee`: a `member`, or someone outside the circle whose drop-in place is current (granted and
 *   its meeting not over; for a meeting, a place at that meeting), e.g. to check in.
 */
export type ComponentCaller =
  'member' | 'in-circle' | 'server-member' | 'moderator' | 'leader-or-moderator' | 'attendee';

/** Declared by every component handler; checked once, before the handler runs. */
export type ComponentAccess =
  | {
      target: ComponentTarget;
      /** Index of the custom id argument holding the target's id (default 0). */
      arg?: number;
      caller: ComponentCaller;
    }
  /** Acts on the clicker's own records on the server the click came from; refused in a direct message. */
  | { target: 'self' };

/** Who clicked: an actor in a server, or a user in a direct message (no server). */
export type ComponentUser = { actor: Actor } | { userId: string; guildId: null };

const STALE = 'That button is not valid any more.';
const stale = () => new NotFoundError(STALE);

/** What each kind of caller means for {@link findCircle} when the click comes from a server. */
const LOOKUPS: Record<ComponentCaller, Omit<CircleLookup, 'id' | 'name'>> = {
  member: { right: 'member', refusal: (circle) => `Only members of **${circle.name}** can use this.` },
  'in-circle': { right: 'in-circle', archived: true },
  'server-member': { right: 'any' },
  moderator: { right: 'moderator', archived: true, refusal: 'Only moderators can do that.' },
  'leader-or-moderator': {
    right: 'leader-or-moderator',
    archived: true,
    refusal: 'Only moderators and the circle’s leaders can do that.',
  },
  attendee: { right: 'member', refusal: (circle) => `Only members of **${circle.name}** can use this.` },
};

/**
 * The one check every button and form passes before its handler runs: the circle it acts on
 * exists, belongs to the server the click came from (or, in a direct message, the user has a place
 * in it), and the caller may act. A custom id is chosen by the client, so none of it is trusted.
 * In a server this is {@link findCircle}, the look-up every command uses. Returns the circle.
 */
export async function authorizeComponent(
  repos: Repositories,
  user: ComponentUser,
  access: Exclude<ComponentAccess, { target: 'self' }>,
  args: readonly string[],
  now: Date,
): Promise<Circle> {
  const id = args[access.arg ?? 0] ?? '';
  if (!id) throw stale();
  const circleId = (await circleIdOf(repos, access.target, id)) ?? '';
  if ('actor' in user) {
    if (access.caller === 'attendee') {
      const circle = await findCircle(repos, user.actor, { id: circleId, right: 'any', missing: STALE });
      if (await hasCurrentDropIn(repos, access.target, id, circle, user.actor.userId, now)) return circle;
    }
    return findCircle(repos, user.actor, { id: circleId, ...LOOKUPS[access.caller], missing: STALE });
  }
  // A direct message has no server: only people with a place in the circle get past this point.
  const circle = circleId ? await repos.circles.findById(circleId) : null;
  if (!circle || access.caller === 'server-member') throw stale();
  const status = (await repos.memberships.find(circle.id, user.userId))?.status ?? null;
  if (status === null || status === 'left') throw stale();
  switch (access.caller) {
    case 'member':
    case 'attendee':
      if (circle.state === 'archived') throw stale();
      if (status !== 'active') throw new ForbiddenError(`Only members of **${circle.name}** can use this.`);
      break;
    case 'moderator':
    case 'leader-or-moderator':
      // Moderators' and leaders' buttons are answers to commands in the server, never in a DM.
      throw new ForbiddenError('Only moderators can do that.');
    case 'in-circle':
      break;
  }
  return circle;
}

/** Whether the user holds a current drop-in place in the circle (for a meeting target: at that meeting). */
async function hasCurrentDropIn(
  repos: Repositories,
  target: ComponentTarget,
  id: string,
  circle: Circle,
  userId: string,
  now: Date,
): Promise<boolean> {
  if (target === 'meeting') {
    const meeting = await repos.meetings.findById(id);
    return meeting !== null && (await currentDropIn(repos, meeting, userId, now)) !== null;
  }
  return (await currentDropInInCircle(repos, circle.id, userId, now)) !== null;
}

/** The id of the circle a button acts on, from the id its custom id carries. */
async function circleIdOf(repos: Repositories, target: ComponentTarget, id: string): Promise<string | null> {
  if (target === 'circle') return id;
  return target === 'meeting'
    ? ((await repos.meetings.findById(id))?.circleId ?? null)
    : ((await repos.facilitation.findSwap(id))?.circleId ?? null);
}

/** {@link authorizeComponent} over the store, for the interaction router. */
export class ComponentAccessService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Throws unless `user` may use a component declaring `access` with these custom id arguments. */
  async authorize(
    user: ComponentUser,
    access: ComponentAccess,
    args: readonly string[],
  ): Promise<Circle | null> {
    if (access.target === 'self') {
      if (!('actor' in user)) throw stale();
      return null;
    }
    return authorizeComponent(this.deps.store, user, access, args, this.deps.clock.now());
  }
}
