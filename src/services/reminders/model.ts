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
  /** The circle's server (schedulers prefer the servers of their own shards). */
  guildId: string;
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
  'meetingId' | 'circleId' | 'guildId' | 'kind' | 'offsetMinutes' | 'dueAt' | 'expiresAt'
>;

/** What is owed once a meeting's first reminder is out. */
export const FOLLOW_UP_KINDS = ['facilitator', 'roster'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];
export type FollowUpStatus = 'pending' | 'claimed' | 'done' | 'failed' | 'expired';

/**
 * An outbox row of work that follows a meeting's first reminder: telling the facilitator, checking
 * the roster against Discord. Written in the same transaction that marks the reminder sent, so it
 * is owed even when the process that sent the reminder dies next; claimed with a lease like a
 * reminder, so that it is done once.
 */
export interface FollowUp {
  id: string;
  meetingId: string;
  circleId: string;
  guildId: string;
  kind: FollowUpKind;
  availableAt: Date;
  /** After this the work is pointless and is marked expired. */
  expiresAt: Date;
  status: FollowUpStatus;
  attempts: number;
  leaseUntil: Date | null;
  claimedBy: string | null;
  doneAt: Date | null;
  /** An error code or status, never message text. */
  lastError: string | null;
}

export type NewFollowUp = Pick<
  FollowUp,
  'meetingId' | 'circleId' | 'guildId' | 'kind' | 'availableAt' | 'expiresAt'
>;

/**
 * Which servers a scheduler takes first: those on its own shards (their channels are in its
 * cache). Another process's rows it takes only once they waited `graceMs` (their process may be
 * down), and any row whose lease lapsed.
 */
export interface ClaimPreference {
  shardIds: readonly number[];
  shardCount: number;
  graceMs: number;
}
