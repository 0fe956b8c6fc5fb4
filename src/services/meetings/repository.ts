/**
 * The repository port of the meetings feature: how its services read and write what the bot keeps.
 * Implemented over Prisma in `src/db/repositories`.
 */
import type { Meeting, MeetingStatus, NewMeeting, Schedule } from './model.js';

/** Circles' recurring meeting times: one schedule per circle. */
export interface ScheduleRepository {
  get(circleId: string): Promise<Schedule | null>;
  /** Creates or replaces the circle's schedule. */
  save(schedule: Schedule): Promise<Schedule>;
  /** Schedules of live circles whose meetings are materialised only up to before `before`, oldest first. */
  listDue(before: Date, limit: number): Promise<Schedule[]>;
  /**
   * Moves `materialisedUntil` forward only while the schedule is still at `revision` (a top-up
   * must never overwrite a schedule changed meanwhile). Returns whether it moved.
   */
  extend(circleId: string, revision: number, until: Date): Promise<boolean>;
  /** Schedules of live circles, ordered by circle id, `limit` at a time after `afterCircleId`. */
  list(limit: number, afterCircleId?: string): Promise<Schedule[]>;
  /** The distinct time zones of a server's live circles' schedules, the most used first. */
  timeZonesOfGuild(guildId: string): Promise<string[]>;
}

/** The fields of a meeting that `update` may change; a field left out stays as it is. */
export type MeetingPatch = Partial<
  Pick<
    Meeting,
    | 'startsAt'
    | 'endsAt'
    | 'status'
    | 'movedFrom'
    | 'facilitatorId'
    | 'coFacilitatorId'
    | 'scheduledEventId'
    | 'turnOwnerId'
    | 'assignedAt'
    | 'dropInsOff'
  >
>;

/** Meetings: the occurrences of a circle's schedule, unique per circle and occurrence. */
export interface MeetingRepository {
  /** Creates the meetings that do not exist yet (same circle and occurrence); returns those created. */
  createMany(meetings: NewMeeting[]): Promise<Meeting[]>;
  findById(id: string): Promise<Meeting | null>;
  findByOccurrence(circleId: string, occurrence: string): Promise<Meeting | null>;
  /** Meetings of a circle in the given statuses that end after `after`, earliest start first. */
  listUpcoming(
    circleId: string,
    after: Date,
    options: { statuses: MeetingStatus[]; limit?: number },
  ): Promise<Meeting[]>;
  /**
   * Meetings of a circle that are not cancelled and started in `[from, to)`, earliest first
   * (`latest`: the last `limit` of them instead, latest first).
   */
  listHeld(
    circleId: string,
    range: { from: Date; to: Date },
    options?: { limit?: number; latest?: boolean },
  ): Promise<Meeting[]>;
  /**
   * Meetings not cancelled that ended in `(since, before]` and whose attendance was not reviewed yet,
   * earliest end first.
   */
  listUnreviewed(since: Date, before: Date, limit: number): Promise<Meeting[]>;
  /** Marks a meeting reviewed only if it was not (one conditional update); whether this call did. */
  markReviewed(id: string, at: Date): Promise<boolean>;
  /** Meetings with a scheduled event that ended before `before` (their event can be replaced by the next one). */
  listEndedWithEvent(before: Date, limit: number): Promise<Meeting[]>;
  /** Applies `patch`; `NotFoundError` when the meeting is gone. */
  update(id: string, patch: MeetingPatch): Promise<Meeting>;
  /**
   * Sets `scheduledEventId` to `next` only while it is still `expected` (one conditional update),
   * so that two processes never both create an event for one meeting. Returns whether it changed.
   */
  setEventIdIf(id: string, expected: string | null, next: string | null): Promise<boolean>;
  /** Fixes a meeting's facilitation once: only while `assignedAt` is still null. Returns whether it did. */
  fixAssignment(
    id: string,
    assignment: {
      facilitatorId: string | null;
      coFacilitatorId: string | null;
      turnOwnerId: string | null;
      assignedAt: Date;
    },
  ): Promise<boolean>;
  /** When each member last had a fixed turn in a circle (not counting cancelled meetings), by user id. */
  lastTurns(circleId: string): Promise<Record<string, Date>>;
}
