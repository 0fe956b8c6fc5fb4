/**
 * The repository port of the reminders feature: how its services read and write what the bot keeps.
 * Implemented over Prisma in `src/db/repositories`.
 */
import type { NewReminder, Reminder, ReminderStatus } from './model.js';

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
  /** Counts reminders by status (for reports and tests). */
  countByStatus(filter?: { circleId?: string }): Promise<Partial<Record<ReminderStatus, number>>>;
}
