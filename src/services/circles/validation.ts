import { z } from 'zod';
import { ValidationError } from '../kernel/index.js';
import { CIRCLE_KINDS, FACILITATION_MODES } from './model.js';
import { AGREEMENT_MAX_LENGTH, AGREEMENT_MIN_LENGTH } from '../membership/index.js';
import { parseLeadTimes } from '../meetings/index.js';

export const CIRCLE_NAME_MIN = 2;
export const CIRCLE_NAME_MAX = 50;
export const CAPACITY_MIN = 2;
export const CAPACITY_MAX = 30;
export const DEFAULT_CAPACITY = 8;

export const circleName = z
  .string()
  .trim()
  .min(CIRCLE_NAME_MIN, `A circle name needs at least ${CIRCLE_NAME_MIN} characters.`)
  .max(CIRCLE_NAME_MAX, `A circle name can be at most ${CIRCLE_NAME_MAX} characters.`)
  .regex(
    /^[\p{L}\p{N}][\p{L}\p{N} '&-]*$/u,
    "A circle name may use letters, digits, spaces, hyphens, apostrophes and '&', and must start with a letter or digit.",
  );

export const capacity = z
  .number()
  .int('Capacity must be a whole number.')
  .min(CAPACITY_MIN, `Capacity must be between ${CAPACITY_MIN} and ${CAPACITY_MAX}.`)
  .max(CAPACITY_MAX, `Capacity must be between ${CAPACITY_MIN} and ${CAPACITY_MAX}.`);

export const circleKind = z.enum(CIRCLE_KINDS, {
  error: `Kind must be one of: ${CIRCLE_KINDS.join(', ')}.`,
});

export const facilitation = z.enum(FACILITATION_MODES, {
  error: `Facilitation must be one of: ${FACILITATION_MODES.join(', ')}.`,
});

export const agreementText = z
  .string()
  .trim()
  .min(AGREEMENT_MIN_LENGTH, `The agreement needs at least ${AGREEMENT_MIN_LENGTH} characters.`)
  .max(AGREEMENT_MAX_LENGTH, `The agreement can be at most ${AGREEMENT_MAX_LENGTH} characters.`);

/** The most drop-in places a circle may offer per meeting. */
export const DROP_IN_PLACES_MAX = 4;

export const dropInPlaces = z
  .number()
  .int('Drop-in places must be a whole number.')
  .min(0, `Drop-in places must be between 0 and ${DROP_IN_PLACES_MAX}.`)
  .max(DROP_IN_PLACES_MAX, `Drop-in places must be between 0 and ${DROP_IN_PLACES_MAX}.`);

/** Parses `value` or throws a `ValidationError` carrying the first rule it broke. */
export function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw new ValidationError(result.error.issues[0]?.message ?? 'That value is not valid.');
  return result.data;
}

/** The largest window of an attendance expectation. */
export const ATTENDANCE_WINDOW_MAX = 52;
/** The longest attendance expectation as typed (`100 out of 100` and some spaces). */
export const ATTENDANCE_RULE_MAX_LENGTH = 20;

/** Reminders before a meeting: at most this many, each this many minutes ahead at least and at most. */
export const REMINDERS_MAX = 4;
export const REMINDER_LEAD_MIN = 5;
export const REMINDER_LEAD_MAX = 7 * 24 * 60;
/** The longest list of reminder times as typed (four times such as `6d23h59m`, with separators). */
export const REMINDERS_TEXT_MAX_LENGTH = 48;

/** Reminder lead times as typed (`1d, 15m`), in minutes, largest first; or a `ValidationError`. */
export function reminderLeads(text: string): number[] {
  const leads = text.length > REMINDERS_TEXT_MAX_LENGTH ? null : parseLeadTimes(text);
  if (!leads)
    throw new ValidationError(
      'Give reminder times such as `1d, 15m` (days, hours, minutes before the meeting).',
    );
  if (leads.length > REMINDERS_MAX || leads.some((m) => m < REMINDER_LEAD_MIN || m > REMINDER_LEAD_MAX)) {
    throw new ValidationError(
      `Set one to ${REMINDERS_MAX} reminders, each from ${REMINDER_LEAD_MIN} minutes to ${REMINDER_LEAD_MAX / 1440} days before the meeting.`,
    );
  }
  return leads;
}

/**
 * An attendance expectation as typed: `6 of 8` (or `6/8`: at least 6 of the last 8 meetings), or
 * `off` (null for both).
 */
export function attendanceRule(text: string): {
  attendanceMinimum: number | null;
  attendanceWindow: number | null;
} {
  const trimmed = text.length > ATTENDANCE_RULE_MAX_LENGTH ? '' : text.trim().toLowerCase();
  if (['off', 'none'].includes(trimmed)) return { attendanceMinimum: null, attendanceWindow: null };
  const match = /^(\d{1,3})\s*(?:of|\/|out of)\s*(\d{1,3})$/.exec(trimmed);
  const minimum = Number(match?.[1]);
  const window = Number(match?.[2]);
  if (!match || minimum < 1 || window < minimum || window > ATTENDANCE_WINDOW_MAX) {
    throw new ValidationError(
      `Give the attendance rule as \`6 of 8\` (at least 6 of the last 8 meetings; up to ${ATTENDANCE_WINDOW_MAX}), or \`off\`.`,
    );
  }
  return { attendanceMinimum: minimum, attendanceWindow: window };
}
