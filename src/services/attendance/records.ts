/**
 * A circle's attendance as records of meetings: local date and times in the schedule's zone, contact
 * hours, who attended in which roles, who facilitated and who led. The export and certificates read it.
 */
import type { Circle } from '../circles/index.js';
import type { Repositories } from '../kernel/index.js';
import { localDate, localTime, type Meeting } from '../meetings/index.js';
import { contactHours } from './hours.js';
import type { AttendanceRole } from './model.js';
import type { DateRange } from './range.js';

export interface MeetingRecord {
  meeting: Meeting;
  /** Local date and wall times in `timeZone`. */
  date: string;
  start: string;
  end: string;
  timeZone: string;
  hours: number;
  attendees: { userId: string; roles: AttendanceRole[] }[];
  /** Who facilitated and co-facilitated, as recorded (else as assigned). */
  facilitatorIds: string[];
  /** Who attended as leader or co-leader. */
  leaderIds: string[];
}

/** The schedule's zone of a circle (UTC when it has none: then it has no meetings either). */
export async function circleZone(repos: Repositories, circle: Circle): Promise<string> {
  return (await repos.schedules.get(circle.id))?.timeZone ?? 'UTC';
}

/** The records of a circle's attended meetings in a range, earliest first. */
export async function meetingRecords(
  repos: Repositories,
  circle: Circle,
  range: Pick<DateRange, 'from' | 'to'>,
  timeZone: string,
): Promise<MeetingRecord[]> {
  const records = new Map<string, MeetingRecord>();
  for (const { attendance, meeting } of await repos.attendance.listForCircle(circle.id, range)) {
    if (meeting.status === 'cancelled') continue;
    let record = records.get(meeting.id);
    if (!record) {
      record = {
        meeting,
        date: localDate(meeting.startsAt, timeZone),
        start: localTime(meeting.startsAt, timeZone),
        end: localTime(meeting.endsAt, timeZone),
        timeZone,
        hours: contactHours(meeting),
        attendees: [],
        facilitatorIds: [],
        leaderIds: [],
      };
      records.set(meeting.id, record);
    }
    record.attendees.push({ userId: attendance.userId, roles: attendance.roles });
  }
  for (const record of records.values()) {
    const holding = (...roles: AttendanceRole[]) =>
      record.attendees.filter((a) => roles.some((role) => a.roles.includes(role))).map((a) => a.userId);
    const recorded = holding('facilitator', 'co-facilitator');
    const assigned = [record.meeting.facilitatorId, record.meeting.coFacilitatorId].filter(
      (id): id is string => id !== null,
    );
    record.facilitatorIds = recorded.length ? recorded : assigned;
    record.leaderIds = holding('leader', 'co-leader');
  }
  return [...records.values()];
}
