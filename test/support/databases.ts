/**
 * Fresh, empty databases for tests, one entry per provider:
 *
 *   describe.each(databases)('… on $name', (database) => {
 *     let db: TestDatabase;
 *     beforeAll(async () => {
 *       db = await database.create();
 *       store = await openStore(db.url, { keys: TEST_KEYS });
 *     });
 *     afterAll(async () => { await store.close(); await db.drop(); });
 *   });
 *
 * SQLite: a new file in a new temporary folder. PostgreSQL: a new database with a random name on
 * the server at TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres), dropped
 * by `drop()` after its connections are terminated. Set TEST_POSTGRES_URL=off to run SQLite only.
 * The databases are empty: `openStore(url, { keys })` (or `applyMigrations(url)`) migrates them;
 * the test data keys are in `data-keys.ts`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type TestProvider = 'sqlite' | 'postgresql';

/** One fresh database. */
export interface TestDatabase {
  name: TestProvider;
  /** Database URL for `openStore` / `applyMigrations`. */
  url: string;
  /** Deletes the database. Close your stores first; lingering PostgreSQL connections are terminated. */
  drop(): Promise<void>;
}

/** Creates fresh databases of one provider; `name` reads well in `describe.each(databases)('… $name')`. */
export interface TestDatabaseFactory {
  name: TestProvider;
  create(): Promise<TestDatabase>;
}

/** The PostgreSQL server used for tests, or null when disabled with TEST_POSTGRES_URL=off. */
export const TEST_POSTGRES_URL: string | null = ((): string | null => {
  const value = process.env['TEST_POSTGRES_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  return ['', 'off', 'none', 'false', '0'].includes(value.toLowerCase()) ? null : value;
})();

function randomName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** Runs `work` on a short-lived connection to the maintenance database. */
async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** SQLite files in new temporary folders. */
export const sqliteDatabases: TestDatabaseFactory = {
  name: 'sqlite',
  async create() {
    const dir = await mkdtemp(join(tmpdir(), 'circlekeeper-test-'));
    return {
      name: 'sqlite',
      url: `file:${join(dir, 'test.db')}`,
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  },
};

/** Databases on the PostgreSQL server at `adminUrl` (a database the tests may connect to for CREATE / DROP). */
export function postgresDatabases(adminUrl: string): TestDatabaseFactory {
  return {
    name: 'postgresql',
    async create() {
      const database = randomName('ck_test');
      await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${database}"`));
      const url = new URL(adminUrl);
      url.pathname = `/${database}`;
      let dropped = false;
      return {
        name: 'postgresql',
        url: url.toString(),
        async drop() {
          if (dropped) return;
          dropped = true;
          await withAdmin(adminUrl, async (client) => {
            await client.query(
              'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
              [database],
            );
            await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
          });
        },
      };
    },
  };
}

/** One factory per provider under test: SQLite always, PostgreSQL unless TEST_POSTGRES_URL=off. */
export const databases: TestDatabaseFactory[] =
  TEST_POSTGRES_URL === null ? [sqliteDatabases] : [sqliteDatabases, postgresDatabases(TEST_POSTGRES_URL)];
