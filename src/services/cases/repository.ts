/**
 * The repository port of the cases feature: how its services read and write what the bot keeps.
 * Implemented over Prisma in `src/db/repositories`.
 */
import type { CaseRequest, CaseStatus } from './model.js';

/** The fields of a case request that `updateIf` may change; a field left out stays as it is. */
export type CasePatch = Partial<
  Pick<CaseRequest, 'status' | 'urgency' | 'label' | 'question' | 'takenAt' | 'meetingId' | 'closedAt'>
>;

/** Case requests: the queue of who presents next. */
export interface CaseRepository {
  create(
    request: Pick<CaseRequest, 'circleId' | 'userId' | 'urgency' | 'label' | 'question' | 'submittedAt'>,
  ): Promise<CaseRequest>;
  /** A circle's requests in the given statuses, oldest submission first. */
  listByCircle(circleId: string, statuses: CaseStatus[]): Promise<CaseRequest[]>;
  /** Requests still to close after their meeting: presenting, or presented with text left. At most `limit`. */
  listUnclosed(limit: number): Promise<CaseRequest[]>;
  /** When each member of a circle last presented (took the floor), by user id. */
  lastPresented(circleId: string): Promise<Record<string, Date>>;
  /** Changes a request only while its status is one of `from` (an atomic claim). Returns whether it changed. */
  updateIf(id: string, from: CaseStatus[], patch: CasePatch): Promise<boolean>;
}
