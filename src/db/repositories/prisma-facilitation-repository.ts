/** The facilitator pool, time away and duty swaps of rotating circles. */
import type {
  AwayPeriod as AwayRow,
  DutySwap as SwapRow,
  PoolMember as PoolRow,
} from '../../generated/sqlite/client.js';
import type {
  AwayPeriod,
  DutySwap,
  FacilitationRepository,
  PoolMember,
  SwapStatus,
} from '../../services/facilitation/index.js';
import { uniqueViolation } from '../errors.js';
import { oneOf, type DomainColumns } from './rows.js';
import type { Db } from '../prisma-client.js';

const SWAP_STATUSES: SwapStatus[] = ['proposed', 'accepted', 'declined'];

/** Maps a `pool_members` row. */
export function toPoolMember(row: PoolRow): PoolMember {
  const columns: DomainColumns<PoolMember, PoolRow> = row;
  return { ...columns };
}

/** Maps an `away_periods` row. */
export function toAwayPeriod(row: AwayRow): AwayPeriod {
  const columns: DomainColumns<AwayPeriod, AwayRow> = row;
  return { ...columns };
}

/** Maps a `duty_swaps` row. */
export function toDutySwap(row: SwapRow): DutySwap {
  const columns: DomainColumns<DutySwap, SwapRow> = row;
  return { ...columns, status: oneOf(SWAP_STATUSES, row.status, 'swap.status') };
}

/** `FacilitationRepository` over Prisma. */
export class PrismaFacilitationRepository implements FacilitationRepository {
  constructor(private readonly db: Db) {}

  async pool(circleId: string): Promise<PoolMember[]> {
    const rows = await this.db.poolMember.findMany({
      where: { circleId },
      orderBy: [{ joinedAt: 'asc' }, { userId: 'asc' }],
    });
    return rows.map(toPoolMember);
  }

  async joinPool(member: PoolMember): Promise<boolean> {
    const existing = await this.db.poolMember.findUnique({
      where: { circleId_userId: { circleId: member.circleId, userId: member.userId } },
    });
    if (existing) return false;
    try {
      await this.db.poolMember.create({ data: member });
      return true;
    } catch (error) {
      if (uniqueViolation(error) !== null) return false;
      throw error;
    }
  }

  async leavePool(circleId: string, userId: string): Promise<boolean> {
    const { count } = await this.db.poolMember.deleteMany({ where: { circleId, userId } });
    return count === 1;
  }

  async addAway(period: Omit<AwayPeriod, 'id'>): Promise<AwayPeriod> {
    return toAwayPeriod(await this.db.awayPeriod.create({ data: period }));
  }

  async away(circleId: string): Promise<AwayPeriod[]> {
    const rows = await this.db.awayPeriod.findMany({
      where: { circleId },
      orderBy: [{ fromDate: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toAwayPeriod);
  }

  async createSwap(swap: Omit<DutySwap, 'id'>): Promise<DutySwap> {
    return toDutySwap(await this.db.dutySwap.create({ data: swap }));
  }

  async findSwap(id: string): Promise<DutySwap | null> {
    const row = await this.db.dutySwap.findUnique({ where: { id } });
    return row ? toDutySwap(row) : null;
  }

  async answerSwap(id: string, status: 'accepted' | 'declined'): Promise<boolean> {
    const { count } = await this.db.dutySwap.updateMany({
      where: { id, status: 'proposed' },
      data: { status },
    });
    return count === 1;
  }

  async swaps(circleId: string, statuses: SwapStatus[]): Promise<DutySwap[]> {
    const rows = await this.db.dutySwap.findMany({
      where: { circleId, status: { in: statuses } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toDutySwap);
  }
}
