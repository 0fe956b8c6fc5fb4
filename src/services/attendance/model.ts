/** The model of the attendance feature: plain data only. */
import type { Meeting } from '../meetings/index.js';

/**
 * What a member was in a meeting: `participant` when they checked in, `presenter` when their case was
 * taken, and the facilitators and leaders of that meeting. One member may hold several.
 */
export const ATTENDANCE_ROLES = [
  'participant',
  'presenter',
  'facilitator',
  'co-facilitator',
  'leader',
  'co-leader',
] as const;
export type AttendanceRole = (typeof ATTENDANCE_ROLES)[number];
/** How each role is named to people; the values above are what is stored. */
export const ATTENDANCE_ROLE_LABELS: Record<AttendanceRole, string> = {
  participant: 'Participant',
  presenter: 'Presenter',
  facilitator: 'Facilitator',
  'co-facilitator': 'Co-facilitator',
  leader: 'Leader',
  'co-leader': 'Co-leader',
};

/** Why a leader or moderator corrected a member's attendance: a code, never free text. */
export const CORRECTION_REASONS = [
  'missed-check-in',
  'technical-problem',
  'left-early',
  'recorded-in-error',
  'other',
] as const;
export type CorrectionReason = (typeof CORRECTION_REASONS)[number];
export const CORRECTION_REASON_LABELS: Record<CorrectionReason, string> = {
  'missed-check-in': 'Missed the check-in',
  'technical-problem': 'Technical problem',
  'left-early': 'Left early',
  'recorded-in-error': 'Recorded in error',
  other: 'Other',
};

/** A correction adds a role to a member's attendance or removes it. */
export const CORRECTION_CHANGES = ['add', 'remove'] as const;
export type CorrectionChange = (typeof CORRECTION_CHANGES)[number];
export const CORRECTION_CHANGE_LABELS: Record<CorrectionChange, string> = { add: 'Add', remove: 'Remove' };

/** Who attended which meeting, in which roles. Ids, roles and times only: nothing about cases. */
export interface Attendance {
  meetingId: string;
  circleId: string;
  userId: string;
  roles: AttendanceRole[];
  /** When the member checked in (or, for a presenter who had not, when their case was taken). */
  checkedInAt: Date;
}

/**
 * A certificate of attendance as the bot keeps it: who, which circle and dates, its totals, a digest
 * of the facts it showed, and the hash of its verification code (the code is only on the certificate).
 */
export interface Certificate {
  id: string;
  guildId: string;
  circleId: string;
  userId: string;
  codeHash: string;
  /** First and last local dates covered, `YYYY-MM-DD`. */
  fromDate: string;
  toDate: string;
  /** The zone the dates are read in. */
  timeZone: string;
  meetings: number;
  /** Contact hours in quarter hours. */
  quarters: number;
  digest: string;
  issuedAt: Date;
}

/** One attended meeting of a member's record. */
export interface AttendedMeeting {
  attendance: Attendance;
  meeting: Meeting;
}
