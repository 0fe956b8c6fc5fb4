/**
 * The follow-up outbox: work owed once a meeting's first reminder is out. Claimed like reminders
 * (see claim-due.ts); unique per meeting and kind, so writing it twice owes it once.
 */
import {
  type ClaimPreference,
  FOLLOW_UP_KINDS,
  type FollowUp,
  type FollowUpPatch,
  type FollowUpRepository,
  type FollowUpStatus,
  type NewFollowUp,
} from '../../services/reminders/index.js';
import type { FollowUp as FollowUpRow, Prisma } from '../../generated/sqlite/client.js';
import type { Db } from '../prisma-client.js';
import type { Provider } from '../migrations/migrations.js';
import { uniqueViolation } from '../errors.js';
import { claimableAt as claimable, claimDuePostgresql, overdueAt } from './claim-due.js';
import { oneOf, withoutColumns, type DomainColumns } from './rows.js';
import { updateData } from './update-data.js';

const FOLLOW_UP_STATUSES = Object.keys({
  pending: 1,
  claimed: 1,
  done: 1,
  failed: 1,
  expired: 1,
} satisfies Record<FollowUpStatus, 1>) as FollowUpStatus[];

function toFollowUp(row: FollowUpRow): FollowUp {
  const columns: DomainColumns<FollowUp, FollowUpRow, 'createdAt' | 'updatedAt'> = withoutColumns(
    row,
    'createdAt',
    'updatedAt',
  );
  return {
    ...columns,
    kind: oneOf(FOLLOW_UP_KINDS, row.kind, 'followUp.kind'),
    status: oneOf(FOLLOW_UP_STATUSES, row.status, 'followUp.status'),
  };
}

/** `FollowUpRepository` over Prisma. */
export class PrismaFollowUpRepository implements FollowUpRepository {
  constructor(
    private readonly db: Db,
    private readonly provider: Provider,
  ) {}

  async createMany(followUps: NewFollowUp[]): Promise<number> {
    let created = 0;
    for (const followUp of followUps) {
      // One row per meeting and kind: a row already there (written by another process) stays.
      try {
        await this.db.followUp.create({ data: { ...followUp, status: 'pending', attempts: 0 } });
        created++;
      } catch (error) {
        if (!uniqueViolation(error)) throw error;
      }
    }
    return created;
  }

  async listForMeeting(meetingId: string): Promise<FollowUp[]> {
    const rows = await this.db.followUp.findMany({ where: { meetingId }, orderBy: { kind: 'asc' } });
    return rows.map(toFollowUp);
  }

  async claimDue(
    now: Date,
    workerId: string,
    leaseUntil: Date,
    limit: number,
    prefer?: ClaimPreference,
  ): Promise<FollowUp[]> {
    let ids: string[];
    if (this.provider === 'postgresql') {
      ids = await claimDuePostgresql(this.db, 'follow_ups', now, workerId, leaseUntil, limit, prefer);
    } else {
      const candidates = await this.db.followUp.findMany({
        where: claimable(now),
        orderBy: [{ availableAt: 'asc' }, { id: 'asc' }],
        take: limit,
        select: { id: true },
      });
      ids = [];
      for (const { id } of candidates) {
        const { count } = await this.db.followUp.updateMany({
          where: { id, ...claimable(now) },
          data: { status: 'claimed', claimedBy: workerId, leaseUntil, attempts: { increment: 1 } },
        });
        if (count === 1) ids.push(id);
      }
    }
    if (ids.length === 0) return [];
    const rows = await this.db.followUp.findMany({
      where: { id: { in: ids } },
      orderBy: [{ availableAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toFollowUp);
  }

  async updateIf(
    id: string,
    from: FollowUpStatus[],
    patch: FollowUpPatch,
    expect: { claimedBy?: string } = {},
  ): Promise<boolean> {
    const data = updateData<FollowUpPatch, Prisma.FollowUpUpdateManyMutationInput>(patch);
    const where: Prisma.FollowUpWhereInput = { id, status: { in: from } };
    if (expect.claimedBy !== undefined) where.claimedBy = expect.claimedBy;
    const { count } = await this.db.followUp.updateMany({ where, data });
    return count === 1;
  }

  async expireOverdue(now: Date): Promise<number> {
    const { count } = await this.db.followUp.updateMany({
      where: overdueAt(now),
      data: { status: 'expired', leaseUntil: null },
    });
    return count;
  }
}
