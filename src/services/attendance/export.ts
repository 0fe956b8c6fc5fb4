/**
 * `/attendance export`: a circle's attendance as RFC 4180 CSV for moderators and the circle's leaders,
 * and the leadership log (sessions led and co-led) beside it. Ids, names, roles, times and hours only.
 */
import { stringify } from 'csv-stringify/sync';
import { type Circle, findCircle } from '../circles/index.js';
import { type Actor, NotFoundError, type ServiceDeps } from '../kernel/index.js';
import { dateRange, type DateRange } from './range.js';
import { leadership } from './hours.js';
import { circleZone, type MeetingRecord, meetingRecords } from './records.js';

export const ATTENDANCE_COLUMNS = [
  'circle',
  'kind',
  'date',
  'start',
  'end',
  'time_zone',
  'member',
  'member_id',
  'roles',
  'contact_hours',
  'facilitators',
  'leaders',
] as const;

export const LEADERSHIP_COLUMNS = [
  'leader',
  'leader_id',
  'circle',
  'date',
  'start',
  'end',
  'time_zone',
  'led_or_co_led',
  'roles',
  'contact_hours',
] as const;

export interface AttendanceExport {
  circle: Circle;
  range: DateRange;
  meetings: number;
  /** One row per member and meeting. */
  attendanceCsv: string;
  /** One row per session led or co-led. */
  leadershipCsv: string;
  /** Sessions led and co-led per leader, most first. */
  leaders: { userId: string; led: number; coLed: number }[];
}

/**
 * A cell as text a spreadsheet shows as text: a value starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return would otherwise be read as a formula (display names are chosen by users).
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Builds the export of one circle; only moderators and the circle's leaders may. */
export async function exportAttendance(
  deps: ServiceDeps,
  actor: Actor,
  options: { circle: string; from?: string | null; to?: string | null },
): Promise<AttendanceExport> {
  const { store, platform, clock } = deps;
  const circle = await findCircle(store, actor, {
    name: options.circle,
    right: 'leader-or-moderator',
    archived: true,
    refusal: 'Only moderators and the circle’s leaders can export its attendance.',
  });
  const timeZone = await circleZone(store, circle);
  const range = dateRange(options.from, options.to, clock.now(), timeZone);
  const records = await meetingRecords(store, circle, range, timeZone);
  if (records.length === 0) {
    throw new NotFoundError(
      `**${circle.name}** has no recorded attendance from ${range.fromDate} to ${range.toDate}.`,
    );
  }
  const ids = records.flatMap((r) => r.attendees.map((a) => a.userId).concat(r.facilitatorIds));
  const names = await platform.displayNames(circle.guildId, ids);
  const name = (id: string) => spreadsheetSafe(names.get(id) ?? 'unknown');
  const people = (list: readonly string[]) => list.map(name).join('; ');
  const when = (r: MeetingRecord) => [r.date, r.start, r.end, r.timeZone];
  const attendance = records.flatMap((r) =>
    r.attendees.map((a) => [
      spreadsheetSafe(circle.name),
      circle.kind,
      ...when(r),
      name(a.userId),
      a.userId,
      a.roles.join('; '),
      r.hours,
      people(r.facilitatorIds),
      people(r.leaderIds),
    ]),
  );
  const counts = new Map<string, { userId: string; led: number; coLed: number }>();
  const leadershipRows = records.flatMap((r) =>
    r.attendees.flatMap((a) => {
      const led = leadership(a.roles);
      if (led === null) return [];
      const count = counts.get(a.userId) ?? { userId: a.userId, led: 0, coLed: 0 };
      if (led === 'led') count.led += 1;
      else count.coLed += 1;
      counts.set(a.userId, count);
      return [
        [
          name(a.userId),
          a.userId,
          spreadsheetSafe(circle.name),
          ...when(r),
          led,
          a.roles.join('; '),
          r.hours,
        ],
      ];
    }),
  );
  const csv = (columns: readonly string[], rows: unknown[][]) =>
    stringify(rows, { header: true, columns: [...columns], record_delimiter: 'windows', bom: true });
  return {
    circle,
    range,
    meetings: records.length,
    attendanceCsv: csv(ATTENDANCE_COLUMNS, attendance),
    leadershipCsv: csv(LEADERSHIP_COLUMNS, leadershipRows),
    leaders: [...counts.values()].sort((a, b) => b.led + b.coLed - (a.led + a.coLed)),
  };
}
