/**
 * One typed facade over the two generated Prisma clients. Both are generated from the same
 * models (prisma/models.prisma), so their model APIs match; the SQLite client's types serve for
 * both, and the PostgreSQL client is cast to them here and nowhere else.
 */
import type { Pool, PoolClient } from 'pg';
import type { Prisma, PrismaClient as SqlitePrismaClient } from '../generated/sqlite/client.js';
import { releaseOnFailedCommit } from './adapter-guard.js';
import { providerOf, sqliteFilePath, type Provider } from './migrations/migrations.js';
import { enableSecureDelete } from './sqlite-erasure.js';
import { localExclusive, postgresqlExclusive, type Exclusive } from './exclusive.js';

/** The Prisma client of either provider. */
export type DbClient = SqlitePrismaClient;
/** What repositories query through: the client itself or an interactive transaction. */
export type Db = Prisma.TransactionClient;

/** A connected client of one provider and how to close it. */
export interface Connection {
  provider: Provider;
  /** SQLite: the database file's absolute path (connections to one file share a queue); PostgreSQL: null. */
  file: string | null;
  client: DbClient;
  /** Named locks for work one process at a time may run. */
  exclusive: Exclusive;
  /** Disconnects the client and releases the driver (closes the pg pool). */
  close(): Promise<void>;
}

/** Driver settings. */
export interface ConnectOptions {
  /** SQLite busy timeout in ms (default 5000). */
  busyTimeoutMs?: number;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
}

/**
 * Creates the Prisma client for `url` with the matching driver adapter and generated client.
 * SQLite gets WAL, a busy timeout, enforced foreign keys and `secure_delete` (deleted content is
 * overwritten with zeros) on its single connection.
 */
export async function connect(url: string, options: ConnectOptions = {}): Promise<Connection> {
  const provider = providerOf(url);
  if (provider === 'sqlite') {
    const [{ PrismaClient }, { PrismaBetterSQLite3 }] = await Promise.all([
      import('../generated/sqlite/client.js'),
      import('@prisma/adapter-better-sqlite3'),
    ]);
    const file = sqliteFilePath(url);
    const adapter = new PrismaBetterSQLite3({
      url: file,
      timeout: options.busyTimeoutMs ?? 5000,
    });
    const client: DbClient = new PrismaClient({ adapter: releaseOnFailedCommit(adapter) });
    try {
      await client.$queryRawUnsafe('PRAGMA journal_mode = WAL');
      await client.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
      await client.$executeRawUnsafe('PRAGMA foreign_keys = ON');
      await enableSecureDelete(client);
    } catch (error) {
      await client.$disconnect();
      throw error;
    }
    return { provider, file, client, exclusive: localExclusive(), close: () => client.$disconnect() };
  }

  const [{ PrismaClient }, { PrismaPg }, { default: pg }] = await Promise.all([
    import('../generated/postgresql/client.js'),
    import('@prisma/adapter-pg'),
    import('pg'),
  ]);
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  const clients = trackClients(pool);
  const client = new PrismaClient({
    adapter: releaseOnFailedCommit(new PrismaPg(pool)),
  }) as unknown as DbClient;
  const exclusive = postgresqlExclusive(url);
  return {
    provider,
    file: null,
    client,
    exclusive,
    close: async () => {
      await exclusive.close();
      try {
        await client.$disconnect();
      } finally {
        await pool.end();
        await clients.closed(5000);
      }
    },
  };
}

/**
 * Follows the pool's connections. `pool.end()` resolves once it has asked its clients to end,
 * not when their sockets are closed; a server-side termination arriving in between (a test
 * dropping the database, a restart) is emitted as an `error` on a client nobody listens to any
 * more, which crashes the process. Every client gets a listener for that, and `closed()` waits
 * for the sockets.
 */
function trackClients(pool: Pool): { closed(timeoutMs: number): Promise<void> } {
  const open = new Set<PoolClient>();
  pool.on('connect', (connection) => {
    open.add(connection);
    connection.on('error', () => undefined); // reported to the query that was running, if any
    connection.once('end', () => open.delete(connection));
  });
  return {
    async closed(timeoutMs) {
      const ends = [...open].map((connection) => new Promise((resolve) => connection.once('end', resolve)));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.all(ends), timeout]);
      clearTimeout(timer);
    },
  };
}
