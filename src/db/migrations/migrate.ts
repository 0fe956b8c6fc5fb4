/**
 * Applies the committed Prisma migrations without the Prisma CLI (which cannot migrate
 * PostgreSQL on our machines), recording them in `_prisma_migrations` exactly as Prisma Migrate
 * does, so `prisma migrate status` / `deploy` agree with what was applied.
 */
import { migratePostgresql } from './migrate-postgresql.js';
import { migrateSqlite } from './migrate-sqlite.js';
import {
  defaultMigrationsDir,
  loadMigrations,
  migrationsUpTo,
  providerOf,
  sqliteFilePath,
  type MigrateOptions,
  type MigrationReport,
} from './migrations.js';

export { MigrationError, providerOf, sqliteFilePath } from './migrations.js';
export type { MigrateOptions, MigrationReport, Provider } from './migrations.js';

/**
 * Applies the pending migrations of the provider that `url` names (`file:` → SQLite, relative
 * paths against the current directory; `postgres://` / `postgresql://` → PostgreSQL), oldest
 * first, each in its own transaction. Already applied migrations are skipped; a migration whose
 * file changed after it was applied is refused with a `MigrationError`. Safe to run from several
 * processes at once.
 *
 * @param url - Database URL.
 * @param options - Where the migrations are (default: this package's `prisma/<provider>/migrations`),
 *   a callback per applied migration, how long to wait for a concurrent migrator, and optionally
 *   the last migration to apply (`upTo`).
 * @returns The names of the migrations applied and skipped.
 */
export async function applyMigrations(url: string, options: MigrateOptions = {}): Promise<MigrationReport> {
  const provider = providerOf(url);
  const migrations = migrationsUpTo(
    loadMigrations(options.migrationsDir ?? defaultMigrationsDir(provider)),
    options.upTo,
  );
  if (provider === 'sqlite') return migrateSqlite(sqliteFilePath(url), migrations, options);
  return migratePostgresql(url, migrations, options);
}
