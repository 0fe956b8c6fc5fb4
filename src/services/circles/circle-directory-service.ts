import { type Actor, isModerator, type ServiceDeps } from '../kernel/index.js';
import { CURRENT_STATUSES, findCircle } from './circle-access.js';
import { UNARCHIVE_DAYS } from './circle-archive.js';
import type { Circle, Exposure } from './model.js';
import type { Membership, MembershipStatus } from '../membership/index.js';

export interface CircleSummary {
  circle: Circle;
  seatsTaken: number;
  waitlistLength: number;
}

export interface CircleDetails extends CircleSummary {
  /** The caller's own status, or null when they are not in it. */
  status: MembershipStatus | null;
  /** Active members; only for active members and moderators. */
  roster: string[] | null;
  /** Whether a channel may be exposed or is missing; only for moderators. */
  exposure: { kind: Exposure; since: Date | null } | null;
}

/**
 * Which circles a `circle` option offers: what the caller may act on with that command.
 * `manage`: moderators' live circles; `lead`: those plus the ones the caller leads; `join`: open
 * ones; `mine`: the caller's own; `active`: those the caller is an active member of; `visible`: what `info` shows.
 */
/**
 * What a circle option suggests: `roster` and `leave` include archived circles (their roster can
 * still shrink); `archived` only archived circles that can still be brought back (for moderators);
 * the others only live ones.
 */
export type SuggestionScope =
  'manage' | 'roster' | 'lead' | 'join' | 'mine' | 'leave' | 'active' | 'visible' | 'archived' | 'drop-in';

/** Listing and looking up circles, always limited to what the caller may see. */
export class CircleDirectoryService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Circles open for sign-on, and the caller's own. */
  async list(
    actor: Actor,
  ): Promise<{ open: CircleSummary[]; mine: { circle: Circle; status: MembershipStatus }[] }> {
    const { store } = this.deps;
    const open = await store.circles.list(actor.guildId, { states: ['open'], limit: 25 });
    const mine = await store.memberships.listByUser(actor.guildId, actor.userId, CURRENT_STATUSES);
    return {
      open: await Promise.all(open.map((circle) => this.summary(circle))),
      mine: mine
        .filter((m) => m.circle.state !== 'archived')
        .slice(0, 25)
        .map((m) => ({ circle: m.circle, status: m.status })),
    };
  }

  /** Details of one circle; the roster only for its members and moderators. */
  async info(actor: Actor, name: string): Promise<CircleDetails> {
    const { store } = this.deps;
    const circle = await findCircle(store, actor, { name, right: 'see', archived: true });
    const current = await store.memberships.listByCircle(circle.id, CURRENT_STATUSES);
    const status = current.find((m) => m.userId === actor.userId)?.status ?? null;
    // Active members see who they sit with; moderators see the roster they manage (never what is said).
    const member = status === 'active';
    const isMod = isModerator(actor, await store.guilds.get(actor.guildId));
    const moderator = !member && isMod;
    const roster =
      member || moderator ? current.filter((m) => m.status === 'active').map((m) => m.userId) : null;
    // Moderators (members among them) learn that a channel may be exposed, so that they repair it.
    const exposure = isMod && circle.exposure ? { kind: circle.exposure, since: circle.exposedAt } : null;
    return { ...summarize(circle, current), status, roster, exposure };
  }

  /** Up to 25 circle names starting with `prefix` that the caller may use in the given scope. */
  async suggest(actor: Actor, scope: SuggestionScope, prefix: string): Promise<string[]> {
    const { store } = this.deps;
    const names = new Set<string>();
    const live = { states: ['open', 'locked'] as Circle['state'][], prefix, limit: 25 };
    const moderator =
      scope === 'manage' ||
      scope === 'roster' ||
      scope === 'lead' ||
      scope === 'visible' ||
      scope === 'archived'
        ? isModerator(actor, await store.guilds.get(actor.guildId))
        : false;
    if (scope === 'roster') {
      const states: Circle['state'][] = ['open', 'locked', 'archived'];
      return moderator
        ? (await store.circles.list(actor.guildId, { ...live, states })).map((c) => c.name)
        : [];
    }
    if (scope === 'archived') {
      if (!moderator) return [];
      const since = this.deps.clock.now().getTime() - UNARCHIVE_DAYS * 86_400_000;
      const archived = await store.circles.list(actor.guildId, { ...live, states: ['archived'] });
      return archived.filter((c) => (c.archivedAt?.getTime() ?? 0) >= since).map((c) => c.name);
    }
    if (scope === 'drop-in') {
      // Circles that offer drop-in places announce themselves to the server (as open circles do).
      const offering = await store.circles.list(actor.guildId, { ...live, limit: 200 });
      return offering
        .filter((c) => c.dropInPlaces > 0)
        .map((c) => c.name)
        .slice(0, 25);
    }
    if (scope === 'manage' || scope === 'lead') {
      const all = moderator || scope === 'lead' ? await store.circles.list(actor.guildId, live) : [];
      const allowed = moderator
        ? all
        : all.filter((c) => c.leaderId === actor.userId || c.coLeaderId === actor.userId);
      return allowed.map((c) => c.name);
    }
    if (scope !== 'mine' && scope !== 'leave' && scope !== 'active') {
      const candidates =
        moderator && scope === 'visible' ? live : { ...live, states: ['open'] as Circle['state'][] };
      for (const circle of await store.circles.list(actor.guildId, candidates)) names.add(circle.name);
    }
    const statuses: MembershipStatus[] =
      scope === 'join' ? ['pending'] : scope === 'active' ? ['active'] : CURRENT_STATUSES;
    const lower = prefix.toLowerCase();
    for (const m of await store.memberships.listByUser(actor.guildId, actor.userId, statuses)) {
      const live = m.circle.state !== 'archived' || scope === 'leave';
      if (live && m.circle.name.toLowerCase().startsWith(lower)) names.add(m.circle.name);
    }
    return [...names].sort((a, b) => a.localeCompare(b)).slice(0, 25);
  }

  private async summary(circle: Circle): Promise<CircleSummary> {
    return summarize(circle, await this.deps.store.memberships.listByCircle(circle.id, CURRENT_STATUSES));
  }
}

/** Places taken and waitlist length from a circle's current memberships. */
function summarize(circle: Circle, current: Membership[]): CircleSummary {
  const waitlistLength = current.filter((m) => m.status === 'waitlisted').length;
  return { circle, seatsTaken: current.length - waitlistLength, waitlistLength };
}
