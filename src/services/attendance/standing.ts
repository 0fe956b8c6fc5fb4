/**
 * Attendance expectations: a circle may ask members to attend at least `minimum` of the last `window`
 * meetings. A member's standing counts the meetings held since they became active, leaving out those
 * on their declared time away; they are below when even attending the rest of the window could not
 * reach the minimum. Standing is shown only to the member and to leaders and moderators.
 */
import type { Circle } from '../circles/index.js';
import type { Repositories } from '../kernel/index.js';
import { localDate, type Meeting } from '../meetings/index.js';
import { circleZone } from './records.js';

export interface Expectation {
  minimum: number;
  window: number;
}

/** A circle's expectation, or null when it sets none. */
export function expectationOf(
  circle: Pick<Circle, 'attendanceMinimum' | 'attendanceWindow'>,
): Expectation | null {
  const { attendanceMinimum: minimum, attendanceWindow: window } = circle;
  return minimum !== null && window !== null ? { minimum, window } : null;
}

export interface Standing extends Expectation {
  userId: string;
  /** Meetings of the window that count (at most `window`) and how many of them were attended. */
  counted: number;
  attended: number;
  /** Whether even attending the rest of the window could not reach the minimum. */
  below: boolean;
}

/**
 * The standing of each active member of a circle as of `asOf` (meetings ended by then), in the order
 * of the roster; empty when the circle sets no expectation.
 */
export async function circleStanding(repos: Repositories, circle: Circle, asOf: Date): Promise<Standing[]> {
  const expectation = expectationOf(circle);
  if (!expectation) return [];
  const members = (await repos.memberships.listByCircle(circle.id, ['active'])).filter(
    (m) => m.statusSince <= asOf,
  );
  if (members.length === 0) return [];
  const earliest = new Date(Math.min(...members.map((m) => m.statusSince.getTime())));
  const held = (
    await repos.meetings.listHeld(circle.id, { from: earliest, to: asOf }, { latest: true })
  ).filter((m) => m.endsAt <= asOf);
  const attended = new Set(
    (await repos.attendance.listForCircle(circle.id, { from: earliest, to: asOf })).map(
      ({ attendance }) => `${attendance.meetingId}:${attendance.userId}`,
    ),
  );
  const zone = await circleZone(repos, circle);
  const away = await repos.facilitation.away(circle.id);
  const isAway = (userId: string, meeting: Meeting) => {
    const date = localDate(meeting.startsAt, zone);
    return away.some((a) => a.userId === userId && a.fromDate <= date && date <= a.toDate);
  };
  return members.map(({ userId, statusSince }) => {
    const window = held
      .filter((m) => m.startsAt >= statusSince && !isAway(userId, m))
      .slice(0, expectation.window);
    const count = window.filter((m) => attended.has(`${m.id}:${userId}`)).length;
    return {
      userId,
      ...expectation,
      counted: window.length,
      attended: count,
      below: count + (expectation.window - window.length) < expectation.minimum,
    };
  });
}

/** A standing in words, e.g. `5 of the last 8 meetings (at least 6 of 8 asked)`. */
export function standingText(standing: Standing): string {
  const { attended, counted, minimum, window } = standing;
  const meetings = counted === 1 ? 'meeting' : 'meetings';
  const of = counted < window ? `the ${counted} ${meetings} so far` : `the last ${counted} ${meetings}`;
  return `${attended} of ${of} (at least ${minimum} of ${window} asked)`;
}
