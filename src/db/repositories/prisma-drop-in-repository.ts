/** Drop-in places: one-meeting places for people outside a circle. */
import {
  DROP_IN_STATUSES,
  type DropIn,
  type DropInPatch,
  type DropInRepository,
  type DropInStatus,
  type NewDropIn,
} from '../../services/dropins/index.js';
import { NotFoundError } from '../../services/kernel/index.js';
import type { DropIn as DropInRow } from '../../generated/sqlite/client.js';
import type { Db } from '../prisma-client.js';
import { isNotFound, mapDuplicate } from '../errors.js';
import { oneOf, type DomainColumns } from './rows.js';

/** Maps a `drop_ins` row. */
export function toDropIn(row: DropInRow): DropIn {
  const columns: DomainColumns<DropIn, DropInRow> = row;
  return { ...columns, status: oneOf(DROP_IN_STATUSES, row.status, 'dropIn.status') };
}

/** `DropInRepository` over Prisma; one drop-in per person per meeting. */
export class PrismaDropInRepository implements DropInRepository {
  constructor(private readonly db: Db) {}

  async find(meetingId: string, userId: string): Promise<DropIn | null> {
    const row = await this.db.dropIn.findUnique({ where: { meetingId_userId: { meetingId, userId } } });
    return row === null ? null : toDropIn(row);
  }

  async findById(id: string): Promise<DropIn | null> {
    const row = await this.db.dropIn.findUnique({ where: { id } });
    return row === null ? null : toDropIn(row);
  }

  async create(dropIn: NewDropIn): Promise<DropIn> {
    return toDropIn(
      await mapDuplicate('DropIn', () => this.db.dropIn.create({ data: { ...dropIn, status: 'requested' } })),
    );
  }

  async update(id: string, patch: DropInPatch): Promise<DropIn> {
    try {
      return toDropIn(await this.db.dropIn.update({ where: { id }, data: patch }));
    } catch (error) {
      if (isNotFound(error)) throw new NotFoundError('That drop-in place no longer exists.');
      throw error;
    }
  }

  async transition(id: string, from: DropInStatus, patch: DropInPatch): Promise<boolean> {
    const { count } = await this.db.dropIn.updateMany({ where: { id, status: from }, data: patch });
    return count === 1;
  }

  count(meetingId: string, statuses: readonly DropInStatus[]): Promise<number> {
    return this.db.dropIn.count({ where: { meetingId, status: { in: [...statuses] } } });
  }

  async listByMeeting(meetingId: string, statuses: readonly DropInStatus[]): Promise<DropIn[]> {
    const rows = await this.db.dropIn.findMany({
      where: { meetingId, status: { in: [...statuses] } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toDropIn);
  }

  async listCurrent(circleId: string, now: Date): Promise<DropIn[]> {
    const rows = await this.db.dropIn.findMany({
      where: { circleId, status: 'granted', meeting: { status: 'scheduled', endsAt: { gt: now } } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toDropIn);
  }

  async listToGrant(now: Date, startsBy: Date, maxAttempts: number, limit: number): Promise<DropIn[]> {
    const rows = await this.db.dropIn.findMany({
      where: {
        status: 'requested',
        attempts: { lt: maxAttempts },
        meeting: {
          status: 'scheduled',
          endsAt: { gt: now },
          startsAt: { lte: startsBy },
          circle: { state: { not: 'archived' } },
        },
      },
      orderBy: [{ meeting: { startsAt: 'asc' } }, { id: 'asc' }],
      take: limit,
    });
    return rows.map(toDropIn);
  }

  async listToEnd(now: Date, maxAttempts: number, limit: number): Promise<DropIn[]> {
    const rows = await this.db.dropIn.findMany({
      where: {
        status: { in: ['requested', 'granted'] },
        attempts: { lt: maxAttempts },
        meeting: { OR: [{ endsAt: { lte: now } }, { status: { not: 'scheduled' } }] },
      },
      orderBy: [{ id: 'asc' }],
      take: limit,
    });
    return rows.map(toDropIn);
  }
}
