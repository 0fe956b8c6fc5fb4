/**
 * The repository port of the open-calls feature. Implemented over Prisma in `src/db/repositories`.
 */
import type { NewOpenCall, OpenCall } from './model.js';

/** The fields of an open call that `update` may change. */
export type OpenCallPatch = Partial<Pick<OpenCall, 'renderedHash' | 'checkAt' | 'failures' | 'lastError'>>;

/** Open calls: where each card is, what it shows, when to look at it again. */
export interface OpenCallRepository {
  create(call: NewOpenCall): Promise<OpenCall>;
  /** The open cards of a circle, oldest first. */
  listOpen(circleId: string): Promise<OpenCall[]>;
  /** Open cards whose `checkAt` has come, earliest first. */
  listDue(now: Date, limit: number): Promise<OpenCall[]>;
  /** Applies `patch` to a card that is still open; returns whether it was. */
  update(id: string, patch: OpenCallPatch): Promise<boolean>;
  /** Closes a card that is still open (a conditional update); returns whether this call closed it. */
  close(id: string, at: Date, patch?: OpenCallPatch): Promise<boolean>;
  /** Makes the circle's open cards due at `at` (the scheduler looks at them next). */
  checkSoon(circleId: string, at: Date): Promise<void>;
}
