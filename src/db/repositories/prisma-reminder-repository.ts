/**
 * The reminder outbox. Schedulers in several processes share it: a reminder is taken with one
 * conditional UPDATE (claimable now → `claimed` with a lease), so only one of them gets it while
 * the lease holds; a crashed worker's lease runs out and the reminder becomes claimable again.
 */
import {
  type ClaimPreference,
  type NewReminder,
  type Reminder,
  REMINDER_KINDS,
  type ReminderPatch,
  type ReminderRepository,
  type ReminderStatus,
} from '../../services/reminders/index.js';
import type { Prisma, Reminder as ReminderRow } from '../../generated/sqlite/client.js';
import type { Db } from '../prisma-client.js';
import type { Provider } from '../migrations/migrations.js';
import { createMissing, SKIP_DUPLICATES, type MissingRowsTable } from '../migrations/create-missing.js';
import { oneOf, withoutColumns, type DomainColumns } from './rows.js';
import { updateData } from './update-data.js';
import { claimableAt as claimable, claimDuePostgresql, overdueAt } from './claim-due.js';

/** Every reminder status; `satisfies` keeps the list in step with the type. */
export const REMINDER_STATUSES = Object.keys({
  pending: 1,
  claimed: 1,
  sent: 1,
  failed: 1,
  expired: 1,
  cancelled: 1,
} satisfies Record<ReminderStatus, 1>) as ReminderStatus[];

/** Maps a `reminders` row (its bookkeeping `created_at` / `updated_at` stay behind). */
export function toReminder(row: ReminderRow): Reminder {
  const columns: DomainColumns<Reminder, ReminderRow, 'createdAt' | 'updatedAt'> = withoutColumns(
    row,
    'createdAt',
    'updatedAt',
  );
  return {
    ...columns,
    kind: oneOf(REMINDER_KINDS, row.kind, 'reminder.kind'),
    status: oneOf(REMINDER_STATUSES, row.status, 'reminder.status'),
  };
}

const keyOf = (reminder: { meetingId: string; kind: string; offsetMinutes: number }): string =>
  JSON.stringify([reminder.meetingId, reminder.kind, reminder.offsetMinutes]);

/** `ReminderRepository` over Prisma; a reminder is unique per meeting, kind and offset. */
export class PrismaReminderRepository implements ReminderRepository {
  readonly #table: MissingRowsTable<Prisma.ReminderCreateManyInput, { id: string }>;

  constructor(
    private readonly db: Db,
    private readonly provider: Provider,
  ) {
    const select = { id: true } as const;
    this.#table = {
      keyOf,
      insertSkippingDuplicates: (data) =>
        this.db.reminder.createManyAndReturn({ data, select, ...SKIP_DUPLICATES }),
      existingKeys: async (data) => {
        const rows = await this.db.reminder.findMany({
          where: { meetingId: { in: [...new Set(data.map((row) => row.meetingId))] } },
          select: { meetingId: true, kind: true, offsetMinutes: true },
        });
        return new Set(rows.map(keyOf));
      },
      insertAll: (data) => this.db.reminder.createManyAndReturn({ data, select }),
      insertOne: (data) => this.db.reminder.create({ data, select }),
    };
  }

  /** Creates the missing reminders as `pending`, available at their due time; returns how many. */
  async createMany(reminders: NewReminder[]): Promise<number> {
    const data = reminders.map((reminder): Prisma.ReminderCreateManyInput => ({
      meetingId: reminder.meetingId,
      circleId: reminder.circleId,
      guildId: reminder.guildId,
      kind: reminder.kind,
      offsetMinutes: reminder.offsetMinutes,
      dueAt: reminder.dueAt,
      expiresAt: reminder.expiresAt,
      availableAt: reminder.dueAt,
      status: 'pending',
      attempts: 0,
    }));
    return (await createMissing(this.provider, this.#table, data)).length;
  }

  /** A meeting's reminders by due time. */
  async listForMeeting(meetingId: string): Promise<Reminder[]> {
    const rows = await this.db.reminder.findMany({
      where: { meetingId },
      orderBy: [{ dueAt: 'asc' }, { kind: 'asc' }, { offsetMinutes: 'desc' }],
    });
    return rows.map(toReminder);
  }

  /** One conditional UPDATE: only while the status is one of `from`. */
  async updateIf(
    id: string,
    from: ReminderStatus[],
    patch: ReminderPatch,
    expect: { claimedBy?: string; dueAt?: Date } = {},
  ): Promise<boolean> {
    const data = updateData<ReminderPatch, Prisma.ReminderUpdateManyMutationInput>(patch);
    const where: Prisma.ReminderWhereInput = { id, status: { in: from } };
    if (expect.claimedBy !== undefined) where.claimedBy = expect.claimedBy;
    if (expect.dueAt !== undefined) where.dueAt = expect.dueAt;
    const { count } = await this.db.reminder.updateMany({ where, data });
    return count === 1;
  }

  /** Pending reminders with `expiresAt <= now` become `expired` (one UPDATE). */
  async expireOverdue(now: Date): Promise<number> {
    const { count } = await this.db.reminder.updateMany({
      where: overdueAt(now),
      data: { status: 'expired', leaseUntil: null },
    });
    return count;
  }

  /** Claimable reminders, oldest `availableAt` first (ties by id), at most `limit`. */
  async listClaimable(now: Date, limit: number): Promise<Reminder[]> {
    const rows = await this.db.reminder.findMany({
      where: claimable(now),
      orderBy: [{ availableAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
    return rows.map(toReminder);
  }

  /**
   * One conditional UPDATE (still claimable at `now`) sets `claimed`, the worker, the lease and
   * counts the attempt; the row is re-read only when this call changed it.
   */
  async claim(id: string, now: Date, workerId: string, leaseUntil: Date): Promise<Reminder | null> {
    const { count } = await this.db.reminder.updateMany({
      where: { id, ...claimable(now) },
      data: { status: 'claimed', claimedBy: workerId, leaseUntil, attempts: { increment: 1 } },
    });
    if (count !== 1) return null;
    const row = await this.db.reminder.findUnique({ where: { id } });
    return row === null ? null : toReminder(row);
  }

  /**
   * Claims up to `limit` due reminders at once: on PostgreSQL with `FOR UPDATE SKIP LOCKED` and
   * the shard preference (see claim-due.ts); on SQLite one conditional UPDATE each.
   */
  async claimDue(
    now: Date,
    workerId: string,
    leaseUntil: Date,
    limit: number,
    prefer?: ClaimPreference,
  ): Promise<Reminder[]> {
    if (this.provider === 'postgresql') {
      const ids = await claimDuePostgresql(this.db, 'reminders', now, workerId, leaseUntil, limit, prefer);
      if (ids.length === 0) return [];
      const rows = await this.db.reminder.findMany({
        where: { id: { in: ids } },
        orderBy: [{ availableAt: 'asc' }, { id: 'asc' }],
      });
      return rows.map(toReminder);
    }
    const claimed: Reminder[] = [];
    for (const candidate of await this.listClaimable(now, limit)) {
      const reminder = await this.claim(candidate.id, now, workerId, leaseUntil);
      if (reminder) claimed.push(reminder);
    }
    return claimed;
  }

  /** Counts by status, of one circle or of all; statuses without reminders are left out. */
  async countByStatus(filter: { circleId?: string } = {}): Promise<Partial<Record<ReminderStatus, number>>> {
    const groups = await this.db.reminder.groupBy({
      by: ['status'],
      where: filter.circleId !== undefined ? { circleId: filter.circleId } : {},
      _count: { _all: true },
    });
    const counts: Partial<Record<ReminderStatus, number>> = {};
    for (const group of groups) {
      counts[oneOf(REMINDER_STATUSES, group.status, 'reminder.status')] = group._count._all;
    }
    return counts;
  }
}
