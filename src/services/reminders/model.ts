/** The model of the reminders feature: plain data only. */
export const REMINDER_KINDS = ['confidentiality', 'start', 'reflection'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export type ReminderStatus = 'pending' | 'claimed' | 'sent' | 'failed' | 'expired' | 'cancelled';

/**
 * An outbox row: one message the bot owes a circle for one meeting. Unique per meeting, kind
 * and offset; claimed with a lease, sent with a nonce, then marked sent.
 */
export interface Reminder {
  id: string;
  meetingId: string;
  circleId: string;
  kind: ReminderKind;
  /** Minutes before the start (confidentiality), 0 (start) or minutes after the end (reflection). */
  offsetMinutes: number;
  dueAt: Date;
  /** After this the reminder is pointless and is marked expired instead of sent. */
  expiresAt: Date;
  /** Not claimed before this (the due time, or later after a failed attempt). */
  availableAt: Date;
  status: ReminderStatus;
  attempts: number;
  leaseUntil: Date | null;
  claimedBy: string | null;
  messageId: string | null;
  sentAt: Date | null;
  /** An error code or status, never message text. */
  lastError: string | null;
}

export type NewReminder = Pick<
  Reminder,
  'meetingId' | 'circleId' | 'kind' | 'offsetMinutes' | 'dueAt' | 'expiresAt'
>;
