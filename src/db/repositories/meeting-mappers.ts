/** Rows of the meeting tables (schedules, meetings, reminders, attendance) → domain types. */
import type {
  Attendance as AttendanceRow,
  Meeting as MeetingRow,
  Reminder as ReminderRow,
  Schedule as ScheduleRow,
} from '../../generated/sqlite/client.js';
import { REMINDER_KINDS, type Reminder, type ReminderStatus } from '../../services/reminders/index.js';
import { type Attendance, type AttendanceRole } from '../../services/attendance/index.js';
import {
  type Meeting,
  type MeetingStatus,
  type Schedule,
  type Weekday,
} from '../../services/meetings/index.js';
import { CorruptRowError, oneOf } from './mappers.js';

/** Every meeting status; `satisfies` keeps the list in step with the type. */
export const MEETING_STATUSES = Object.keys({ scheduled: 1, cancelled: 1, held: 1 } satisfies Record<
  MeetingStatus,
  1
>) as MeetingStatus[];
/** Every reminder status. */
export const REMINDER_STATUSES = Object.keys({
  pending: 1,
  claimed: 1,
  sent: 1,
  failed: 1,
  expired: 1,
  cancelled: 1,
} satisfies Record<ReminderStatus, 1>) as ReminderStatus[];
/** Every attendance role. */
export const ATTENDANCE_ROLES = Object.keys({ participant: 1, facilitator: 1, presenter: 1 } satisfies Record<
  AttendanceRole,
  1
>) as AttendanceRole[];

function weekday(row: ScheduleRow): Weekday {
  if (Number.isInteger(row.weekday) && row.weekday >= 1 && row.weekday <= 7) return row.weekday as Weekday;
  throw new CorruptRowError(`schedule of circle ${row.circleId} has weekday ${row.weekday}`);
}

/** Maps a `schedules` row. */
export function toSchedule(row: ScheduleRow): Schedule {
  return {
    circleId: row.circleId,
    weekday: weekday(row),
    localTime: row.localTime,
    timeZone: row.timeZone,
    everyWeeks: row.everyWeeks,
    durationMinutes: row.durationMinutes,
    startsOn: row.startsOn,
    revision: row.revision,
    materialisedUntil: row.materialisedUntil,
    createdBy: row.createdBy,
    updatedAt: row.updatedAt,
  };
}

/** Maps a `meetings` row. */
export function toMeeting(row: MeetingRow): Meeting {
  return {
    id: row.id,
    circleId: row.circleId,
    guildId: row.guildId,
    occurrence: row.occurrence,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    status: oneOf(MEETING_STATUSES, row.status, 'meeting.status'),
    movedFrom: row.movedFrom,
    facilitatorId: row.facilitatorId,
    coFacilitatorId: row.coFacilitatorId,
    turnOwnerId: row.turnOwnerId,
    assignedAt: row.assignedAt,
    scheduledEventId: row.scheduledEventId,
    createdAt: row.createdAt,
  };
}

/** Maps a `reminders` row (its bookkeeping `created_at` / `updated_at` stay behind). */
export function toReminder(row: ReminderRow): Reminder {
  return {
    id: row.id,
    meetingId: row.meetingId,
    circleId: row.circleId,
    kind: oneOf(REMINDER_KINDS, row.kind, 'reminder.kind'),
    offsetMinutes: row.offsetMinutes,
    dueAt: row.dueAt,
    expiresAt: row.expiresAt,
    availableAt: row.availableAt,
    status: oneOf(REMINDER_STATUSES, row.status, 'reminder.status'),
    attempts: row.attempts,
    leaseUntil: row.leaseUntil,
    claimedBy: row.claimedBy,
    messageId: row.messageId,
    sentAt: row.sentAt,
    lastError: row.lastError,
  };
}

/** Maps an `attendance` row. */
export function toAttendance(row: AttendanceRow): Attendance {
  return {
    meetingId: row.meetingId,
    circleId: row.circleId,
    userId: row.userId,
    role: oneOf(ATTENDANCE_ROLES, row.role, 'attendance.role'),
    checkedInAt: row.checkedInAt,
  };
}
