import { isModerator, type Actor } from '../kernel/index.js';
import { ForbiddenError, NotFoundError } from '../kernel/index.js';
import type { Circle } from './model.js';
import type { Repositories, ServiceDeps } from '../kernel/index.js';

/** What a button or form acts on, named by one argument of its custom id. */
export type ComponentTarget = 'circle' | 'meeting' | 'swap';

/**
 * Who may use a button or form:
 * - `member`: an active member of a circle that is not archived;
 * - `in-circle`: anyone with a current place (waitlisted, pending or active), e.g. to accept the agreement;
 * - `server-member`: anyone in the circle's own server (a click in a server only);
 * - `moderator`: a moderator of the circle's server.
 */
export type ComponentCaller = 'member' | 'in-circle' | 'server-member' | 'moderator';

/** Declared by every component handler; checked once, before the handler runs. */
export interface ComponentAccess {
  target: ComponentTarget;
  /** Index of the custom id argument holding the target's id (default 0). */
  arg?: number;
  caller: ComponentCaller;
}

/** Who clicked: an actor in a server, or a user in a direct message (no server). */
export type ComponentUser = { actor: Actor } | { userId: string; guildId: null };

const stale = () => new NotFoundError('That button is not valid any more.');

/**
 * The one check every button and form passes before its handler runs: the circle it acts on
 * exists, belongs to the server the click came from (or, in a direct message, the user has a place
 * in it), and the caller may act. A custom id is chosen by the client, so none of it is trusted.
 * Returns the circle.
 */
export async function authorizeComponent(
  repos: Repositories,
  user: ComponentUser,
  access: ComponentAccess,
  args: readonly string[],
): Promise<Circle> {
  const id = args[access.arg ?? 0] ?? '';
  if (!id) throw stale();
  const circle = await circleOf(repos, access.target, id);
  const userId = 'actor' in user ? user.actor.userId : user.userId;
  if (!circle) throw stale();
  if ('actor' in user ? circle.guildId !== user.actor.guildId : access.caller === 'server-member')
    throw stale();
  const membership = await repos.memberships.find(circle.id, userId);
  const status = membership?.status ?? null;
  // In a direct message only people with a place in the circle get past this point.
  if (!('actor' in user) && (status === null || status === 'left')) throw stale();
  switch (access.caller) {
    case 'member':
      if (circle.state === 'archived') throw stale();
      if (status !== 'active') throw new ForbiddenError(`Only members of **${circle.name}** can use this.`);
      break;
    case 'in-circle':
      if (status === null || status === 'left')
        throw new ForbiddenError(`This is for people joining **${circle.name}** only.`);
      break;
    case 'server-member':
      if (circle.state === 'archived') throw stale();
      break;
    case 'moderator':
      if (!('actor' in user) || !isModerator(user.actor, await repos.guilds.get(circle.guildId)))
        throw new ForbiddenError('Only moderators can do that.');
      break;
  }
  return circle;
}

async function circleOf(repos: Repositories, target: ComponentTarget, id: string): Promise<Circle | null> {
  if (target === 'circle') return repos.circles.findById(id);
  const circleId =
    target === 'meeting'
      ? (await repos.meetings.findById(id))?.circleId
      : (await repos.facilitation.findSwap(id))?.circleId;
  return circleId ? repos.circles.findById(circleId) : null;
}

/** {@link authorizeComponent} over the store, for the interaction router. */
export class ComponentAccessService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Throws unless `user` may use a component declaring `access` with these custom id arguments. */
  authorize(user: ComponentUser, access: ComponentAccess, args: readonly string[]): Promise<Circle> {
    return authorizeComponent(this.deps.store, user, access, args);
  }
}
