/**
 * Erasing on SQLite. With `secure_delete` on, SQLite overwrites deleted content with zeros in the
 * page that held it. In WAL mode that page goes to the write-ahead log first: the page as it was
 * stays in the main file until a checkpoint copies the new one over it, and in the log until the
 * log is overwritten. A TRUNCATE checkpoint after an erasure does both: the main file gets the
 * zeroed page and the log is emptied.
 */
import type { DbClient } from './prisma-client.js';

/**
 * Turns on `secure_delete` for the connection of `client` and checks that it held.
 *
 * @throws Error when the SQLite build refuses it.
 */
export async function enableSecureDelete(client: DbClient): Promise<void> {
  const [row] =
    await client.$queryRawUnsafe<{ secure_delete: bigint | number }[]>('PRAGMA secure_delete = ON');
  if (Number(row?.secure_delete) !== 1) {
    throw new Error(
      'this SQLite build does not allow PRAGMA secure_delete; deleted text would stay readable',
    );
  }
}

/**
 * Checkpoints the write-ahead log into the main file and truncates it to zero bytes.
 *
 * @returns false when another connection kept it from completing (reading an older snapshot), so
 *   the caller tries again later.
 */
export async function truncateWal(client: DbClient): Promise<boolean> {
  const [row] = await client.$queryRawUnsafe<{ busy: bigint | number }[]>('PRAGMA wal_checkpoint(TRUNCATE)');
  return row !== undefined && Number(row.busy) === 0;
}

/**
 * Follows erasures of one store: `erased()` notes that case text was set to null; `settle()`, run
 * after each operation once it has committed, truncates the write-ahead log when one is pending.
 * A truncation that another connection keeps from completing stays pending for the next
 * operation; one that fails is reported as a process warning and does not fail the operation.
 * Does nothing on PostgreSQL.
 */
export class ErasureFollowUp {
  #pending = false;

  constructor(
    private readonly client: DbClient,
    private readonly sqlite: boolean,
  ) {}

  /** Notes that case text was erased (called by the case repository). */
  readonly erased = (): void => {
    if (this.sqlite) this.#pending = true;
  };

  /** Truncates the write-ahead log if an erasure is pending. */
  async settle(): Promise<void> {
    if (!this.#pending) return;
    try {
      if (await truncateWal(this.client)) this.#pending = false;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      process.emitWarning(`the write-ahead log could not be truncated after case text was erased: ${reason}`);
    }
  }
}
