/**
 * Contact hours and the totals of a member's record: per circle, per role, and the leadership log
 * (sessions led and co-led) that credentialing bodies ask leaders for.
 */
import type { Meeting } from '../meetings/index.js';
import { ATTENDANCE_ROLES, type AttendanceRole } from './model.js';

/** A meeting's contact hours: its span, rounded to the nearest quarter hour. */
export function contactHours(meeting: Pick<Meeting, 'startsAt' | 'endsAt'>): number {
  const minutes = (meeting.endsAt.getTime() - meeting.startsAt.getTime()) / 60_000;
  return Math.max(0, Math.round(minutes / 15)) / 4;
}

/** Whether a set of roles leads a meeting (facilitator or leader) or co-leads it. */
export function leadership(roles: readonly AttendanceRole[]): 'led' | 'co-led' | null {
  if (roles.includes('facilitator') || roles.includes('leader')) return 'led';
  if (roles.includes('co-facilitator') || roles.includes('co-leader')) return 'co-led';
  return null;
}

export interface RecordSummary {
  meetings: number;
  hours: number;
  /** Per circle id: its name, meetings and hours, and the starts of the sessions led and co-led there. */
  circles: { circleId: string; name: string; meetings: number; hours: number; led: Date[]; coLed: Date[] }[];
  /** Per role held, in the order of `ATTENDANCE_ROLES`: meetings and hours. */
  roles: { role: AttendanceRole; meetings: number; hours: number }[];
  /** Sessions led (as facilitator or leader) and co-led (as co-facilitator or co-leader, not led). */
  led: number;
  coLed: number;
}

/** The totals of a record's lines. */
export function recordSummary(
  lines: readonly {
    circle: { id: string; name: string };
    meeting: { startsAt: Date };
    roles: readonly AttendanceRole[];
    hours: number;
  }[],
): RecordSummary {
  const circles = new Map<string, RecordSummary['circles'][number]>();
  let hours = 0;
  let led = 0;
  let coLed = 0;
  for (const line of lines) {
    hours += line.hours;
    const circle = circles.get(line.circle.id) ?? {
      circleId: line.circle.id,
      name: line.circle.name,
      meetings: 0,
      hours: 0,
      led: [],
      coLed: [],
    };
    circle.meetings += 1;
    circle.hours += line.hours;
    circles.set(line.circle.id, circle);
    const role = leadership(line.roles);
    if (role === 'led') {
      led += 1;
      circle.led.push(line.meeting.startsAt);
    } else if (role === 'co-led') {
      coLed += 1;
      circle.coLed.push(line.meeting.startsAt);
    }
  }
  const roles = ATTENDANCE_ROLES.map((role) => {
    const held = lines.filter((line) => line.roles.includes(role));
    return { role, meetings: held.length, hours: held.reduce((sum, line) => sum + line.hours, 0) };
  }).filter((entry) => entry.meetings > 0);
  return { meetings: lines.length, hours, circles: [...circles.values()], roles, led, coLed };
}
