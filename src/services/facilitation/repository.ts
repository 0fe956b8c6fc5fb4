/**
 * The repository port of the facilitation feature: how its services read and write what the bot keeps.
 * Implemented over Prisma in `src/db/repositories`.
 */
import type { AwayPeriod, DutySwap, PoolMember, SwapStatus } from './model.js';

export interface FacilitationRepository {
  pool(circleId: string): Promise<PoolMember[]>;
  /** Adds to the pool; false when already in it. */
  joinPool(member: PoolMember): Promise<boolean>;
  /** Removes from the pool; false when not in it. */
  leavePool(circleId: string, userId: string): Promise<boolean>;
  addAway(period: Omit<AwayPeriod, 'id'>): Promise<AwayPeriod>;
  away(circleId: string): Promise<AwayPeriod[]>;
  createSwap(swap: Omit<DutySwap, 'id'>): Promise<DutySwap>;
  findSwap(id: string): Promise<DutySwap | null>;
  /** Moves a swap from `proposed` to accepted or declined, once. */
  answerSwap(id: string, status: 'accepted' | 'declined'): Promise<boolean>;
  swaps(circleId: string, statuses: SwapStatus[]): Promise<DutySwap[]>;
}
