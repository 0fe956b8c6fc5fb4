/**
 * The repository port of the drop-in feature. Implemented over Prisma in `src/db/repositories`.
 */
import type { DropIn, DropInStatus, NewDropIn } from './model.js';

export type DropInPatch = Partial<
  Pick<
    DropIn,
    'status' | 'acceptedVersion' | 'createdAt' | 'grantedAt' | 'endedAt' | 'attempts' | 'lastError'
  >
>;

export interface DropInRepository {
  find(meetingId: string, userId: string): Promise<DropIn | null>;
  findById(id: string): Promise<DropIn | null>;
  /** Creates a drop-in in status `requested`. */
  create(dropIn: NewDropIn): Promise<DropIn>;
  update(id: string, patch: DropInPatch): Promise<DropIn>;
  /** Applies `patch` only while the drop-in is in status `from` (one conditional update); whether it did. */
  transition(id: string, from: DropInStatus, patch: DropInPatch): Promise<boolean>;
  /** How many drop-ins of a meeting are in the given statuses. */
  count(meetingId: string, statuses: readonly DropInStatus[]): Promise<number>;
  listByMeeting(meetingId: string, statuses: readonly DropInStatus[]): Promise<DropIn[]>;
  /** Granted drop-ins of a circle whose meeting is scheduled and ends after `now`: those inside their window. */
  listCurrent(circleId: string, now: Date): Promise<DropIn[]>;
  /**
   * Requested drop-ins whose meeting is scheduled, has not ended by `now` and starts by `startsBy`,
   * with fewer than `maxAttempts` failed attempts; earliest meeting first.
   */
  listToGrant(now: Date, startsBy: Date, maxAttempts: number, limit: number): Promise<DropIn[]>;
  /**
   * Drop-ins holding a place (requested or granted) whose meeting ended by `now` or is no longer
   * scheduled, with fewer than `maxAttempts` failed attempts.
   */
  listToEnd(now: Date, maxAttempts: number, limit: number): Promise<DropIn[]>;
}
