/** Open calls: the public cards announcing circles, and when to look at them again. */
import {
  type NewOpenCall,
  OPEN_CALL_STATUSES,
  type OpenCall,
  type OpenCallPatch,
  type OpenCallRepository,
} from '../../services/open-calls/index.js';
import type { OpenCall as OpenCallRow } from '../../generated/sqlite/client.js';
import type { Db } from '../prisma-client.js';
import { oneOf, type DomainColumns } from './rows.js';

function toOpenCall(row: OpenCallRow): OpenCall {
  const columns: DomainColumns<OpenCall, OpenCallRow> = row;
  return { ...columns, status: oneOf(OPEN_CALL_STATUSES, row.status, 'openCall.status') };
}

/** `OpenCallRepository` over Prisma. */
export class PrismaOpenCallRepository implements OpenCallRepository {
  constructor(private readonly db: Db) {}

  async create(call: NewOpenCall): Promise<OpenCall> {
    return toOpenCall(await this.db.openCall.create({ data: { ...call, status: 'open', failures: 0 } }));
  }

  async listOpen(circleId: string): Promise<OpenCall[]> {
    const rows = await this.db.openCall.findMany({
      where: { circleId, status: 'open' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toOpenCall);
  }

  async listDue(now: Date, limit: number): Promise<OpenCall[]> {
    const rows = await this.db.openCall.findMany({
      where: { status: 'open', checkAt: { lte: now } },
      orderBy: [{ checkAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
    return rows.map(toOpenCall);
  }

  async update(id: string, patch: OpenCallPatch): Promise<boolean> {
    const { count } = await this.db.openCall.updateMany({ where: { id, status: 'open' }, data: patch });
    return count === 1;
  }

  async close(id: string, at: Date, patch: OpenCallPatch = {}): Promise<boolean> {
    const { count } = await this.db.openCall.updateMany({
      where: { id, status: 'open' },
      data: { ...patch, status: 'closed', closedAt: at },
    });
    return count === 1;
  }

  async checkSoon(circleId: string, at: Date): Promise<void> {
    await this.db.openCall.updateMany({ where: { circleId, status: 'open' }, data: { checkAt: at } });
  }
}
