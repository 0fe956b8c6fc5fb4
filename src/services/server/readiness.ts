/**
 * What a new server and its circles still need before the first meeting: the checklist `/setup`
 * ends with, and the next step each moderator command suggests.
 */
import type { Circle } from '../circles/index.js';
import type { Repositories } from '../kernel/index.js';

/** What one circle lacks before it can meet as it should. */
export interface CircleReadiness {
  circle: Circle;
  /** Without a schedule there are no meetings, so no reminders. */
  scheduled: boolean;
  /** A designated circle whose leader is not set. */
  leaderMissing: boolean;
  /** A rotating circle whose facilitator pool is empty: its meetings have no facilitator. */
  poolEmpty: boolean;
  activeMembers: number;
}

export async function readinessOf(repos: Repositories, circle: Circle): Promise<CircleReadiness> {
  const [schedule, pool, active] = await Promise.all([
    repos.schedules.get(circle.id),
    circle.facilitation === 'rotating' ? repos.facilitation.pool(circle.id) : Promise.resolve([]),
    repos.memberships.listByCircle(circle.id, ['active']),
  ]);
  return {
    circle,
    scheduled: schedule !== null,
    leaderMissing: circle.facilitation === 'designated' && circle.leaderId === null,
    poolEmpty: circle.facilitation === 'rotating' && pool.length === 0,
    activeMembers: active.length,
  };
}

/** One thing a circle lacks, and what a moderator does about it. */
export interface Gap {
  problem: string;
  action: string;
}

/** What a circle lacks, most important first. */
export function gapsOf(r: CircleReadiness): Gap[] {
  const name = r.circle.name;
  const gaps: Gap[] = [];
  if (!r.scheduled)
    gaps.push({
      problem: 'no schedule, so no meetings and no reminders',
      action: `set when it meets with \`/circle-admin schedule ${name} weekday time timezone\``,
    });
  if (r.leaderMissing)
    gaps.push({ problem: 'no leader', action: `name one with \`/circle-admin settings ${name} leader:\`` });
  if (r.activeMembers === 0)
    gaps.push({
      problem: 'no members yet',
      action: `add members with \`/circle-admin add ${name} member\`, or post an open call with \`/circle-admin announce ${name} channel\``,
    });
  if (r.poolEmpty)
    gaps.push({
      problem: 'nobody in its facilitator pool, so its meetings have no facilitator',
      action: `members opt in with \`/facilitator pool ${name} join\``,
    });
  return gaps;
}

/** The one next step a moderator should take for a circle, as a line ending a command's answer. */
export function nextStepLine(r: CircleReadiness): string {
  const [first] = gapsOf(r);
  if (first) return `**Next:** ${first.action}.`;
  return `**Next:** nothing is missing. Members see the next meeting with \`/meeting next ${r.circle.name}\`; the reminders come before it.`;
}
