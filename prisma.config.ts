/**
 * Prisma CLI configuration. The native engines cannot be downloaded on our machines, so the CLI
 * runs the WebAssembly schema engine (`engine: "js"`) through a driver adapter.
 *
 * There are two schemas (`prisma/sqlite`, `prisma/postgresql`). The default schema, the migrations
 * folder and the adapter follow DATABASE_URL (`file:` → SQLite, `postgres(ql)://` → PostgreSQL;
 * unset → `file:./data/circlekeeper.db`); `--schema` overrides the schema where a command accepts it.
 * The default `schema` also matters to commands without `--schema` (`migrate diff`): the CLI reads
 * it to learn that no query engine must be downloaded (`engineType = "client"`); without it, it
 * tries to download one and fails.
 *
 * Only SQLite can be migrated by the CLI here (`migrate deploy`; `migrate status` works for both).
 * The app applies migrations itself (`npm run db:migrate`, src/db/migrate.ts), and new migrations
 * are made offline with `npm run db:new-migration -- <name>` (prisma/offline.config.mjs).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defineConfig } from 'prisma/config';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

const DEFAULT_URL = 'file:./data/circlekeeper.db';

const url = process.env['DATABASE_URL'] ?? DEFAULT_URL;
const provider = /^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite';

async function adapter(): Promise<SqlMigrationAwareDriverAdapterFactory> {
  if (provider === 'postgresql') {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    // allowExitOnIdle: the CLI never ends the pool; without it every command waits out the idle timeout.
    return new PrismaPg({ connectionString: url, allowExitOnIdle: true });
  }
  const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3');
  const path = resolve(url.replace(/^file:/, '').replace(/\?.*$/, ''));
  mkdirSync(dirname(path), { recursive: true }); // as Prisma's native engine does
  return new PrismaBetterSQLite3({ url: path });
}

export default defineConfig({
  experimental: { adapter: true },
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
  engine: 'js',
  adapter,
});
