/**
 * Case requests: the queue of who presents next. The label and question are stored encrypted
 * under the current data key and bound to their row (see `encryption/case-text.ts`); the services
 * see them as written.
 */
import { randomUUID } from 'node:crypto';
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
import { openCaseText, sealCaseText } from '../encryption/case-text.js';
import type { DataKeyring } from '../encryption/data-keys.js';

const CASE_STATUSES: CaseStatus[] = ['open', 'presenting', 'presented', 'withdrawn'];

/**
 * Maps a `case_requests` row, decrypting its label and question.
 *
 * @throws UnreadableFieldError when either cannot be decrypted with the keys of `keys`.
 */
export function toCase(row: CaseRow, keys: DataKeyring): CaseRequest {
  const columns: DomainColumns<CaseRequest, CaseRow> = row;
  return {
    ...columns,
    status: oneOf(CASE_STATUSES, row.status, 'case.status'),
    urgency: oneOf(URGENCIES, row.urgency, 'case.urgency'),
    label: openCaseText(keys, row.id, 'label', row.label),
    question: openCaseText(keys, row.id, 'question', row.question),
  };
}

/** `CaseRepository` over Prisma. */
export class PrismaCaseRepository implements CaseRepository {
  /**
   * @param db - The client or transaction to query through.
   * @param keys - The data keys: the current one encrypts, every one decrypts.
   * @param erased - Called after an update set a label or question to null, so the store can
   *   make sure the old value does not linger in the database files.
   */
  constructor(
    private readonly db: Db,
    private readonly keys: DataKeyring,
    private readonly erased: () => void = () => undefined,
  ) {}

  async create(
    request: Pick<CaseRequest, 'circleId' | 'userId' | 'urgency' | 'label' | 'question' | 'submittedAt'>,
  ): Promise<CaseRequest> {
    // The id is chosen here, not by the database, because the encrypted text is bound to it.
    const id = randomUUID();
    const row = await this.db.caseRequest.create({
      data: {
        ...request,
        id,
        status: 'open',
        label: sealCaseText(this.keys, id, 'label', request.label),
        question: sealCaseText(this.keys, id, 'question', request.question),
      },
    });
    return toCase(row, this.keys);
  }

  async listByCircle(circleId: string, statuses: CaseStatus[]): Promise<CaseRequest[]> {
    const rows = await this.db.caseRequest.findMany({
      where: { circleId, status: { in: statuses } },
      orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map((row) => toCase(row, this.keys));
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
    return rows.map((row) => toCase(row, this.keys));
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
    const data = updateData<CasePatch, Prisma.CaseRequestUpdateManyMutationInput>(patch, {
      label: (label) => ({ label: sealCaseText(this.keys, id, 'label', label) }),
      question: (question) => ({ question: sealCaseText(this.keys, id, 'question', question) }),
    });
    const { count } = await this.db.caseRequest.updateMany({ where: { id, status: { in: from } }, data });
    if (count === 1 && (patch.label === null || patch.question === null)) this.erased();
    return count === 1;
  }
}
