/**
 * Taking due outbox rows (reminders, follow-ups) for one worker.
 *
 * PostgreSQL: one statement picks the oldest claimable rows with `FOR UPDATE SKIP LOCKED` and
 * claims them, so schedulers in several processes each get different rows without waiting for
 * one another. Rows of servers on the worker's own shards come at once; another process's rows
 * only once they have waited the grace period (their process may be down); a row whose lease
 * lapsed (its worker died) is anyone's.
 *
 * SQLite (one process): the rows are listed and each taken with a conditional UPDATE.
 */
import type { ClaimPreference } from '../../services/reminders/index.js';
import type { Prisma } from '../../generated/sqlite/client.js';
import type { Db } from '../prisma-client.js';

/** The outbox tables, by their SQL names. */
export type OutboxTable = 'reminders' | 'follow_ups';

/** A lower bound no real instant is below (keeps the time ranges two-sided; see `claimableAt`). */
export const EPOCH = new Date(0);

/** A filter that both outbox tables take (their claim columns are the same). */
type OutboxWhere = Prisma.ReminderWhereInput & Prisma.FollowUpWhereInput;

/**
 * Claimable at `now`: pending and available, or claimed with a lapsed lease; not expired.
 *
 * The tick must stay cheap with many future rows. Each branch of the OR has two usable indexes,
 * (status, available_at) and (status, expires_at); without statistics (SQLite never has any
 * unless ANALYZE ran, PostgreSQL until autovacuum analyses a fresh table) both planners took
 * `expires_at > now`, which matches every future row (100,000 rows read for nothing). The
 * redundant lower bounds make the available_at / lease_until ranges two-sided, which both planners
 * rank as far more selective.
 */
export function claimableAt(now: Date): OutboxWhere {
  return {
    expiresAt: { gt: now },
    OR: [
      { status: 'pending', availableAt: { gte: EPOCH, lte: now } },
      { status: 'claimed', leaseUntil: { gte: EPOCH, lt: now } },
    ],
  };
}

/** Past their expiry: pending rows, and claimed ones whose worker died (lease lapsed). */
export function overdueAt(now: Date): OutboxWhere {
  return {
    expiresAt: { lte: now },
    OR: [{ status: 'pending' }, { status: 'claimed', leaseUntil: { lt: now } }],
  };
}

/**
 * Which claimable rows this worker may take: its own shards' servers at once, others' once they
 * waited past `$5` (now less the grace), lapsed leases always; and in what order: its own first
 * (their channels are in its cache; another's cost a read over REST), then the oldest. Whole
 * numbers only: the shard ids are written into the statement.
 */
function preference(prefer: ClaimPreference | undefined): { where: string; orderBy: string } {
  let own = 'FALSE';
  if (prefer && prefer.shardIds.length > 0) {
    const { shardCount: count, shardIds: ids } = prefer;
    if (!Number.isInteger(count) || count < 1 || !ids.every((id) => Number.isInteger(id) && id >= 0))
      throw new RangeError('shard ids and count must be whole numbers');
    // Discord's shard formula: (guild_id >> 22) % shard_count.
    own = `((CAST(guild_id AS BIGINT) >> 22) % ${count}) IN (${ids.join(', ')})`;
  }
  return {
    where: `${own} OR available_at <= CAST($5 AS TIMESTAMP) OR status = 'claimed'`,
    orderBy: `CASE WHEN ${own} THEN 0 ELSE 1 END, available_at, id`,
  };
}

/**
 * Claims up to `limit` rows of `table` claimable at `now` for `workerId` until `leaseUntil` on
 * PostgreSQL, counting an attempt on each. Returns the ids claimed, oldest `available_at` first.
 */
export async function claimDuePostgresql(
  db: Db,
  table: OutboxTable,
  now: Date,
  workerId: string,
  leaseUntil: Date,
  limit: number,
  prefer?: ClaimPreference,
): Promise<string[]> {
  const order = preference(prefer);
  const graceCut = new Date(now.getTime() - (prefer && prefer.shardIds.length > 0 ? prefer.graceMs : 0));
  // Timestamps go in as ISO text cast to TIMESTAMP: the columns hold UTC without a zone.
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `WITH due AS (
       SELECT id FROM ${table}
        WHERE expires_at > CAST($1 AS TIMESTAMP)
          AND ((status = 'pending' AND available_at >= CAST($6 AS TIMESTAMP) AND available_at <= CAST($1 AS TIMESTAMP))
            OR (status = 'claimed' AND lease_until >= CAST($6 AS TIMESTAMP) AND lease_until < CAST($1 AS TIMESTAMP)))
          AND (${order.where})
        ORDER BY ${order.orderBy}
        LIMIT $4
        FOR UPDATE SKIP LOCKED)
     UPDATE ${table} AS t
        SET status = 'claimed', claimed_by = $2, lease_until = CAST($3 AS TIMESTAMP),
            attempts = t.attempts + 1, updated_at = CAST($1 AS TIMESTAMP)
       FROM due WHERE t.id = due.id
     RETURNING t.id, t.available_at`,
    now.toISOString(),
    workerId,
    leaseUntil.toISOString(),
    limit,
    graceCut.toISOString(),
    EPOCH.toISOString(),
  );
  return rows.map((row) => row.id);
}
