/**
 * The committed migrations (`prisma/<provider>/migrations/<name>/migration.sql`) and the rules for
 * recording them in Prisma's `_prisma_migrations` table.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The database providers Circlekeeper supports. */
export type Provider = 'sqlite' | 'postgresql';

/** One committed migration. `checksum` is Prisma's: sha256 hex of the bytes of migration.sql. */
export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** A row of `_prisma_migrations`, as far as we read it. */
export interface AppliedMigration {
  name: string;
  checksum: string;
  finishedAt: unknown;
  rolledBackAt: unknown;
}

/** What `applyMigrations` did. */
export interface MigrationReport {
  provider: Provider;
  applied: string[];
  skipped: string[];
}

/** Options of `applyMigrations`. */
export interface MigrateOptions {
  /** Folder holding the migration folders; default `prisma/<provider>/migrations` of this package. */
  migrationsDir?: string;
  /** Called after each migration is committed. */
  onApplied?: (name: string) => void;
  /** How long to wait for another migrator (lock or busy database), in ms. Default 60 s. */
  lockTimeoutMs?: number;
  /** Apply the migrations only up to and including this one (for tests of a migration on old data). */
  upTo?: string;
}

/** The key Prisma Migrate itself locks on PostgreSQL, so the CLI and the app exclude each other. */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;

/** Which provider a database URL names: `file:` → SQLite, `postgres://` / `postgresql://` → PostgreSQL. */
export function providerOf(url: string): Provider {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  throw new Error(
    `unsupported database URL "${url.replace(/\/\/[^@/]*@/, '//…@')}": use file:… or postgresql://…`,
  );
}

/** The file of a `file:` URL, resolved against the current directory (query string dropped). */
export function sqliteFilePath(url: string): string {
  const path = url.slice('file:'.length).replace(/\?.*$/, '');
  if (path === '' || path === ':memory:')
    throw new Error('an in-memory SQLite database cannot be migrated and reopened');
  return isAbsolute(path) ? path : resolve(process.cwd(), path);
}

/**
 * Finds `prisma/<provider>/migrations` by walking up from this module, so that it works from
 * `src/db` (tsx) as well as from a compiled `dist/src/db`, whatever the current directory.
 */
export function defaultMigrationsDir(provider: Provider): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'prisma', provider, 'migrations');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`no prisma/${provider}/migrations folder above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** Prisma's checksum of a migration script. */
export function checksumOf(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The migrations in `dir`, in name (= timestamp) order. */
export function loadMigrations(dir: string): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const bytes = readFileSync(join(dir, name, 'migration.sql'));
      return { name, sql: bytes.toString('utf8'), checksum: checksumOf(bytes) };
    });
}

/**
 * The migrations up to and including `name`; all of them when `name` is undefined.
 * @throws MigrationError when no migration has that name.
 */
export function migrationsUpTo(migrations: Migration[], name: string | undefined): Migration[] {
  if (name === undefined) return migrations;
  const index = migrations.findIndex((migration) => migration.name === name);
  if (index === -1) throw new MigrationError(`no migration named ${name}`);
  return migrations.slice(0, index + 1);
}

/** Raised when the database and the committed migrations disagree. */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

/**
 * Checks the recorded migrations against the files and returns the names already applied.
 * Refuses a migration whose file changed after it was applied, and one that failed half-way
 * (recorded by the Prisma CLI without `finished_at`), as `prisma migrate deploy` does.
 */
export function checkApplied(migrations: Migration[], rows: AppliedMigration[]): Set<string> {
  const applied = new Set<string>();
  const byName = new Map(migrations.map((migration) => [migration.name, migration]));
  for (const row of rows) {
    if (row.rolledBackAt !== null && row.rolledBackAt !== undefined) continue;
    if (row.finishedAt === null || row.finishedAt === undefined) {
      throw new MigrationError(
        `migration ${row.name} started but did not finish in an earlier run; repair the database, then ` +
          `mark it with \`prisma migrate resolve --applied ${row.name}\` or \`--rolled-back ${row.name}\``,
      );
    }
    const local = byName.get(row.name);
    if (local !== undefined && local.checksum !== row.checksum) {
      throw new MigrationError(
        `migration ${row.name} was modified after it was applied (checksum ${row.checksum} in the database, ` +
          `${local.checksum} on disk); restore the original migration.sql and put the change in a new migration`,
      );
    }
    applied.add(row.name);
  }
  return applied;
}

/** Prepends the migration's name to an error raised while applying it. */
export function failure(name: string, error: unknown): MigrationError {
  const message = error instanceof Error ? error.message : String(error);
  const wrapped = new MigrationError(`migration ${name} failed and was rolled back: ${message}`);
  wrapped.cause = error;
  return wrapped;
}
