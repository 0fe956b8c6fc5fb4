/**
 * A leader's or moderator's correction of a member's attendance of a past meeting: a role added
 * (a member who could not check in) or removed (recorded in error), with the reason as a code.
 * Audited; the audit event holds ids, the role and the reason code only.
 */
import { auditCircle } from '../audit/index.js';
import { type Circle, findCircle } from '../circles/index.js';
import {
  type Actor,
  ConflictError,
  NotFoundError,
  type ServiceDeps,
  ValidationError,
} from '../kernel/index.js';
import { localDate, type Meeting, parseLocalDate } from '../meetings/index.js';
import { ATTENDANCE_ROLES, CORRECTION_REASONS, type AttendanceRole, type CorrectionReason } from './model.js';

export interface CorrectionInput {
  circle: string;
  userId: string;
  /** The meeting's local date in the circle's schedule time zone, `YYYY-MM-DD`. */
  date: string;
  role: string;
  change: 'add' | 'remove';
  reason: string;
}

export interface Correction {
  circle: Circle;
  meeting: Meeting;
  role: AttendanceRole;
  change: 'add' | 'remove';
}

const isRole = (value: string): value is AttendanceRole => ATTENDANCE_ROLES.some((role) => role === value);
const isReason = (value: string): value is CorrectionReason => CORRECTION_REASONS.some((r) => r === value);

/** Applies one correction; throws, changing nothing, on any bad input. */
export async function correctAttendance(
  deps: ServiceDeps,
  actor: Actor,
  input: CorrectionInput,
): Promise<Correction> {
  const { store, clock } = deps;
  const { role, reason, change } = input;
  if (!isRole(role)) throw new ValidationError(`\`role\` must be one of ${ATTENDANCE_ROLES.join(', ')}.`);
  if (!isReason(reason))
    throw new ValidationError(`\`reason\` must be one of ${CORRECTION_REASONS.join(', ')}.`);
  const date = parseLocalDate(input.date);
  if (date === null) throw new ValidationError('`date` must be a date such as 2026-12-01.');
  const circle = await findCircle(store, actor, {
    name: input.circle,
    right: 'leader-or-moderator',
    archived: true,
    refusal: 'Only moderators and the circle’s leaders can correct attendance.',
  });
  const membership = await store.memberships.find(circle.id, input.userId);
  if (membership === null)
    throw new NotFoundError(`<@${input.userId}> has never been in **${circle.name}**.`);
  const schedule = await store.schedules.get(circle.id);
  if (!schedule) throw new NotFoundError(`**${circle.name}** has no meetings.`);
  // The meeting whose local date in the schedule's zone is `date`, as /meeting cancel reads a date;
  // a day of margin before it covers every zone's offset.
  const margin = new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000);
  const now = clock.now();
  const meeting = (
    await store.meetings.listUpcoming(circle.id, margin, { statuses: ['scheduled', 'held'], limit: 5 })
  ).find((m) => localDate(m.startsAt, schedule.timeZone) === date);
  if (!meeting) throw new NotFoundError(`**${circle.name}** had no meeting on ${date}.`);
  if (meeting.endsAt > now) throw new ConflictError('Only meetings that have ended can be corrected.');
  await store.transaction(async (tx) => {
    if (change === 'add') {
      const existing = (await tx.attendance.listForMeeting(meeting.id)).find(
        (a) => a.userId === input.userId,
      );
      if (existing?.roles.includes(role))
        throw new ConflictError(`<@${input.userId}> already has that role.`);
      await tx.attendance.addRole(
        { meetingId: meeting.id, circleId: circle.id, userId: input.userId, checkedInAt: meeting.startsAt },
        role,
      );
    } else if (!(await tx.attendance.removeRole(meeting.id, input.userId, role))) {
      throw new ConflictError(`<@${input.userId}> did not have that role in that meeting.`);
    }
    await auditCircle(tx, circle, actor.userId, 'attendance.corrected', now, {
      meetingId: meeting.id,
      userId: input.userId,
      role,
      change,
      reason,
    });
  });
  return { circle, meeting, role, change };
}
