/** Case requests: the queue of who presents next. */
import type { CaseRequest as CaseRow, Prisma } from '../../generated/sqlite/client.js';
import {
  type CasePatch,
  type CaseRepository,
  type CaseRequest,
  type CaseStatus,
  URGENCIES,
} from '../../services/cases/index.js';
import { oneOf, type DomainColumns } from './rows.js';
import { updateData } from './update-data.js';
import type { Db } from '../prisma-client.js';

const CASE_STATUSES: CaseStatus[] = ['open', 'presenting', 'presented', 'withdrawn'];

/** Maps a `case_requests` row. */
export function toCase(row: CaseRow): CaseRequest {
  const columns: DomainColumns<CaseRequest, CaseRow> = row;
  return {
    ...columns,
    status: oneOf(CASE_STATUSES, row.status, 'case.status'),
    urgency: oneOf(URGENCIES, row.urgency, 'case.urgency'),
  };
}

/** `CaseRepository` over Prisma. */
export class PrismaCaseRepository implements CaseRepository {
  constructor(private readonly db: Db) {}

  async create(
    request: Pick<CaseRequest, 'circleId' | 'userId' | 'urgency' | 'label' | 'question' | 'submittedAt'>,
  ): Promise<CaseRequest> {
    return toCase(await this.db.caseRequest.create({ data: { ...request, status: 'open' } }));
  }

  async listByCircle(circleId: string, statuses: CaseStatus[]): Promise<CaseRequest[]> {
    const rows = await this.db.caseRequest.findMany({
      where: { circleId, status: { in: statuses } },
      orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toCase);
  }

  async listUnclosed(limit: number): Promise<CaseRequest[]> {
    const rows = await this.db.caseRequest.findMany({
      where: {
        OR: [
          { status: 'presenting' },
          { status: 'presented', OR: [{ label: { not: null } }, { question: { not: null } }] },
        ],
      },
      orderBy: [{ takenAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
    return rows.map(toCase);
  }

  async lastPresented(circleId: string): Promise<Record<string, Date>> {
    const rows = await this.db.caseRequest.groupBy({
      by: ['userId'],
      where: { circleId, status: { in: ['presenting', 'presented'] }, takenAt: { not: null } },
      _max: { takenAt: true },
    });
    return Object.fromEntries(rows.flatMap((r) => (r._max.takenAt ? [[r.userId, r._max.takenAt]] : [])));
  }

  async updateIf(id: string, from: CaseStatus[], patch: CasePatch): Promise<boolean> {
    const data = updateData<CasePatch, Prisma.CaseRequestUpdateManyMutationInput>(patch);
    const { count } = await this.db.caseRequest.updateMany({ where: { id, status: { in: from } }, data });
    return count === 1;
  }
}
