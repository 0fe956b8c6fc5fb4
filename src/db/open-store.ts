/** Opening the database: migrate, connect, wrap in the `Store` port. */
import type { Store } from '../services/kernel/index.js';
import { applyMigrations } from './migrations/migrate.js';
import { connect, type ConnectOptions } from './prisma-client.js';
import { rekeyCircleNamesOnce } from './migrations/rekey-circle-names.js';
import { PrismaStore, type TransactionOptions } from './prisma-store.js';

/** Options of `openStore`. */
export interface OpenStoreOptions extends ConnectOptions {
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
  /** Retries and time limits of `Store.transaction`. */
  transactions?: TransactionOptions;
}

/**
 * Opens the store at `url`: `file:<path>` (SQLite, relative to the current directory) or
 * `postgresql://…`. Applies pending migrations first unless `migrate` is false, then connects
 * with the provider's driver adapter and generated Prisma client.
 *
 * @param url - Database URL, usually DATABASE_URL.
 * @param options - Whether to migrate, pool / busy-timeout settings and transaction retries.
 * @returns The store; call `close()` when done.
 */
export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  const migrate = options.migrate ?? true;
  if (migrate) await applyMigrations(url);
  const connection = await connect(url, options);
  if (migrate) {
    const clashes = (await rekeyCircleNamesOnce(connection.client))?.clashes ?? 0;
    // Circles made before look-alike names were folded, whose names now look the same: both stay
    // reachable by their exact names; new look-alikes are refused.
    if (clashes > 0) process.emitWarning(`${clashes} circle name(s) look like another circle's name`);
  }
  return new PrismaStore(connection, options.transactions);
}
