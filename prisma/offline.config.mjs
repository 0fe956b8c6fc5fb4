// @ts-check
/**
 * Prisma CLI configuration for `prisma migrate diff` between schema files without any database,
 * used by scripts/new-migration.ts. Select the provider with CIRCLEKEEPER_DIFF_PROVIDER
 * (`sqlite` | `postgresql`). Plain JavaScript so it needs no tsconfig entry.
 *
 * The WebAssembly schema engine connects through the adapter even for a schema-to-schema diff.
 * SQLite gets an in-memory database. For PostgreSQL the engine asks one question (does the `public`
 * schema exist, and which server version is this); a stub adapter answers it as PostgreSQL 15
 * and refuses anything else, so no server is needed.
 */
import process from 'node:process';
import { defineConfig } from 'prisma/config';

const provider = process.env['CIRCLEKEEPER_DIFF_PROVIDER'] === 'postgresql' ? 'postgresql' : 'sqlite';

/** @param {string} what @returns {never} */
function offline(what) {
  throw new Error(`offline PostgreSQL stub: ${what} is not supported (diffs between schema files only)`);
}

/**
 * Answers the schema engine's version probe; nothing else.
 * @returns {import('@prisma/driver-adapter-utils').SqlDriverAdapter}
 */
function stubPostgres() {
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    queryRaw: async (query) => {
      if (!query.sql.includes('server_version_num')) offline(`query ${query.sql}`);
      return {
        columnNames: ['exists', 'version', 'numeric_version'],
        columnTypes: [5, 7, 0], // Boolean, Text, Int32
        rows: [[true, 'PostgreSQL 15.0 (offline stub)', 150000]],
      };
    },
    executeRaw: async (query) => offline(`statement ${query.sql}`),
    executeScript: async () => offline('executeScript'),
    startTransaction: async () => offline('transactions'),
    getConnectionInfo: () => ({ schemaName: 'public', supportsRelationJoins: true }),
    dispose: async () => {},
  };
}

/** @returns {Promise<import('@prisma/driver-adapter-utils').SqlMigrationAwareDriverAdapterFactory>} */
async function adapter() {
  if (provider === 'sqlite') {
    const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3');
    return new PrismaBetterSQLite3({ url: ':memory:' });
  }
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: async () => stubPostgres(),
    connectToShadowDb: async () => offline('shadow database'),
  };
}

export default defineConfig({
  experimental: { adapter: true },
  schema: `${provider}/schema.prisma`,
  engine: 'js',
  adapter,
});
