/**
 * The repository port of the reminders feature: how its services read and write what the bot keeps.
 * Implemented over Prisma in `src/db/repositories`.
 */
import type {
  ClaimPreference,
  FollowUp,
  FollowUpStatus,
  NewFollowUp,
  NewReminder,
  Reminder,
  ReminderStatus,
} from './model.js';

/** The fields of a reminder that `updateIf` may change; a field left out stays as it is. */
export type ReminderPatch = Partial<
  Pick<
    Reminder,
    | 'dueAt'
    | 'expiresAt'
    | 'availableAt'
    | 'status'
    | 'attempts'
    | 'leaseUntil'
    | 'claimedBy'
    | 'messageId'
    | 'sentAt'
    | 'lastError'
  >
>;

/** The reminder outbox, shared by the schedulers of several processes. */
export interface ReminderRepository {
  /** Creates the reminders that do not exist yet (same meeting, kind and offset). */
  createMany(reminders: NewReminder[]): Promise<number>;
  listForMeeting(meetingId: string): Promise<Reminder[]>;
  /**
   * Changes a reminder only while its status is one of `from` (another scheduler may have claimed
   * it) and, when given, only while `claimedBy` still holds the claim (a worker whose lease ran out
   * must not overwrite the one that took over) and `dueAt` is unchanged (the meeting did not move
   * meanwhile). Returns whether it changed.
   */
  updateIf(
    id: string,
    from: ReminderStatus[],
    patch: ReminderPatch,
    expect?: { claimedBy?: string; dueAt?: Date },
  ): Promise<boolean>;
  /**
   * Marks reminders whose `expiresAt` has passed as expired: pending ones, and claimed ones whose
   * lease lapsed (their worker died). Returns how many.
   */
  expireOverdue(now: Date): Promise<number>;
  /**
   * Reminders a scheduler could claim now: pending with `availableAt` passed, or claimed with an
   * expired lease; not yet expired. Oldest `availableAt` first.
   */
  listClaimable(now: Date, limit: number): Promise<Reminder[]>;
  /**
   * Claims one reminder with a conditional update: only if it is still claimable at `now`.
   * Sets `claimed`, the lease and the worker, and counts the attempt. Returns the claimed row or null.
   */
  claim(id: string, now: Date, workerId: string, leaseUntil: Date): Promise<Reminder | null>;
  /**
   * Claims up to `limit` reminders claimable at `now` in one go, oldest `availableAt` first,
   * taking those of the worker's own shards first (`prefer`; PostgreSQL). Several processes
   * calling at once each get different rows.
   */
  claimDue(
    now: Date,
    workerId: string,
    leaseUntil: Date,
    limit: number,
    prefer?: ClaimPreference,
  ): Promise<Reminder[]>;
  /** Counts reminders by status (for reports and tests). */
  countByStatus(filter?: { circleId?: string }): Promise<Partial<Record<ReminderStatus, number>>>;
}

/** The fields of a follow-up that `updateIf` may change. */
export type FollowUpPatch = Partial<
  Pick<FollowUp, 'availableAt' | 'status' | 'leaseUntil' | 'claimedBy' | 'doneAt' | 'lastError'>
>;

/** The follow-up outbox, shared like the reminders by the schedulers of several processes. */
export interface FollowUpRepository {
  /** Creates the follow-ups that do not exist yet (one per meeting and kind); returns how many. */
  createMany(followUps: NewFollowUp[]): Promise<number>;
  listForMeeting(meetingId: string): Promise<FollowUp[]>;
  /** Claims up to `limit` due follow-ups at once, as `ReminderRepository.claimDue` does. */
  claimDue(
    now: Date,
    workerId: string,
    leaseUntil: Date,
    limit: number,
    prefer?: ClaimPreference,
  ): Promise<FollowUp[]>;
  /** Changes a follow-up only while its status is one of `from` and, when given, `claimedBy` holds. */
  updateIf(
    id: string,
    from: FollowUpStatus[],
    patch: FollowUpPatch,
    expect?: { claimedBy?: string },
  ): Promise<boolean>;
  /** Marks follow-ups past `expiresAt` expired: pending ones and claimed ones whose lease lapsed. */
  expireOverdue(now: Date): Promise<number>;
}
