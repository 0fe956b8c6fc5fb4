/** Opening the database: migrate, connect, wrap in the `Store` port. */
import type { Store } from '../services/kernel/index.js';
import type { DataKeyring } from './encryption/data-keys.js';
import { sealClearCaseText } from './encryption/case-text-sweep.js';
import { applyMigrations } from './migrations/migrate.js';
import { connect, type ConnectOptions } from './prisma-client.js';
import { rekeyCircleNamesOnce } from './migrations/rekey-circle-names.js';
import { PrismaStore, type TransactionOptions } from './prisma-store.js';
import { truncateWal } from './sqlite-erasure.js';

/** Options of `openStore`. */
export interface OpenStoreOptions extends ConnectOptions {
  /** The data keys that encrypt and decrypt case text (see `resolveDataKeys`). */
  keys: DataKeyring;
  /** Apply pending migrations first, and bring stored data up to date (default true). */
  migrate?: boolean;
  /** Retries and time limits of `Store.transaction`. */
  transactions?: TransactionOptions;
}

/**
 * Opens the store at `url`: `file:<path>` (SQLite, relative to the current directory) or
 * `postgresql://…`. Unless `migrate` is false, first applies pending migrations and, once
 * connected, encrypts case text left in clear from before encryption (after checking that every
 * stored value can be read with `keys`). Connects with the provider's driver adapter and
 * generated Prisma client.
 *
 * @param url - Database URL, usually DATABASE_URL.
 * @param options - The data keys, whether to migrate, pool / busy-timeout settings and
 *   transaction retries.
 * @returns The store; call `close()` when done.
 * @throws UnreadableCaseTextError when stored case text was encrypted under a key `keys` lacks.
 */
export async function openStore(url: string, options: OpenStoreOptions): Promise<Store> {
  const migrate = options.migrate ?? true;
  if (migrate) await applyMigrations(url);
  const connection = await connect(url, options);
  if (migrate) {
    try {
      const clashes = (await rekeyCircleNamesOnce(connection.client))?.clashes ?? 0;
      // Circles made before look-alike names were folded, whose names now look the same: both stay
      // reachable by their exact names; new look-alikes are refused.
      if (clashes > 0) process.emitWarning(`${clashes} circle name(s) look like another circle's name`);
      const sealed = await sealClearCaseText(connection.client, options.keys);
      // The clear text was overwritten in its page (secure_delete); the page as it was leaves the
      // main file and the write-ahead log with the checkpoint.
      if (sealed > 0 && connection.provider === 'sqlite') await truncateWal(connection.client);
    } catch (error) {
      await connection.close();
      throw error;
    }
  }
  return new PrismaStore(connection, options.keys, options.transactions);
}
