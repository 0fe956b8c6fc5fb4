import type { AwayPeriod, DutySwap, PoolMember } from './model.js';

export interface RotationSlot {
  meetingId: string;
  /** The meeting's local date, to compare with time away. */
  date: string;
  startsAt: Date;
}

export interface RotationAssignment {
  meetingId: string;
  /** Whose turn it counts as. */
  ownerId: string | null;
  /** Who facilitates: the owner, or the partner of an accepted swap. */
  facilitatorId: string | null;
}

/**
 * The fair rotation over upcoming meetings whose facilitator is not fixed yet. Each meeting goes
 * to the available pool member whose last turn is oldest (never first), ties by join order; a
 * member away that day is skipped and keeps their place. An accepted swap trades who facilitates
 * two meetings while both members still own them; the turns stay charged to their owners, so a
 * swap costs nobody their place.
 */
export function projectRotation(input: {
  pool: readonly PoolMember[];
  lastTurns: Readonly<Record<string, Date>>;
  slots: readonly RotationSlot[];
  away: readonly AwayPeriod[];
  swaps: readonly DutySwap[];
  /** Meetings already fixed: half of a swap may have happened there. */
  fixed?: readonly RotationAssignment[];
}): RotationAssignment[] {
  const last = new Map(Object.entries(input.lastTurns).map(([id, at]) => [id, at.getTime()]));
  const isAway = (userId: string, date: string) =>
    input.away.some((a) => a.userId === userId && a.fromDate <= date && date <= a.toDate);
  const result: RotationAssignment[] = input.slots.map((slot) => {
    const available = input.pool.filter((p) => !isAway(p.userId, slot.date));
    const owner = available.reduce<PoolMember | null>((best, p) => {
      if (!best) return p;
      const a = last.get(p.userId) ?? Number.NEGATIVE_INFINITY;
      const b = last.get(best.userId) ?? Number.NEGATIVE_INFINITY;
      return a < b || (a === b && p.joinedAt < best.joinedAt) ? p : best;
    }, null);
    if (owner) last.set(owner.userId, slot.startsAt.getTime());
    return {
      meetingId: slot.meetingId,
      ownerId: owner?.userId ?? null,
      facilitatorId: owner?.userId ?? null,
    };
  });
  const open = new Map(result.map((r) => [r.meetingId, r]));
  const all = new Map([...(input.fixed ?? []).map((r) => [r.meetingId, r] as const), ...open]);
  for (const swap of input.swaps) {
    if (swap.status !== 'accepted') continue;
    const mine = all.get(swap.requesterMeetingId);
    const theirs = all.get(swap.partnerMeetingId);
    if (mine?.ownerId !== swap.requesterId || theirs?.ownerId !== swap.partnerId) continue; // no longer theirs
    // Only meetings not fixed yet change; a fixed half was fixed with the swap already applied.
    if (open.has(mine.meetingId)) mine.facilitatorId = swap.partnerId;
    if (open.has(theirs.meetingId)) theirs.facilitatorId = swap.requesterId;
  }
  return result;
}
