/** Applies the committed SQLite migrations with better-sqlite3, recording them as Prisma does. */
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  checkApplied,
  failure,
  type AppliedMigration,
  type Migration,
  type MigrateOptions,
  type MigrationReport,
} from './migrations.js';

/** Prisma's own DDL for the table (schema engine, SQLite flavour). */
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** Timestamps as Prisma's SQLite adapter writes them. */
function timestamp(date: Date): string {
  return date.toISOString().replace('Z', '+00:00');
}

/**
 * Switches a new database file to WAL. Two processes opening a new file at once may both try; SQLite
 * can refuse the second at once ("database is locked") rather than wait on the busy timeout, so the
 * switch is retried every 50 ms until `timeoutMs` has passed.
 */
function useWal(db: Database.Database, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      const busy =
        error instanceof Error &&
        /database is locked|SQLITE_BUSY/u.test(
          `${error.message} ${String((error as { code?: unknown }).code)}`,
        );
      if (!busy || Date.now() >= deadline) throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

/**
 * Applies the pending migrations to the SQLite file at `path` (its folder is created).
 * Each migration runs in its own `BEGIN IMMEDIATE` transaction together with its
 * `_prisma_migrations` row, after re-reading that table under the write lock, so two processes
 * starting at once apply each migration once (the second waits on the busy timeout).
 * Foreign keys are off on this connection while migrating (SQLite ignores `PRAGMA foreign_keys`
 * inside a transaction, and Prisma's table redefinitions need them off); they are checked with
 * `PRAGMA foreign_key_check` before each commit instead.
 */
export function migrateSqlite(
  path: string,
  migrations: Migration[],
  options: MigrateOptions = {},
): MigrationReport {
  mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: options.lockTimeoutMs ?? 60_000 });
  const report: MigrationReport = { provider: 'sqlite', applied: [], skipped: [] };
  try {
    useWal(db, options.lockTimeoutMs ?? 60_000);
    // A migration that rebuilds a table frees the pages of the old one: zeroed, not left readable.
    db.pragma('secure_delete = ON');
    db.pragma('foreign_keys = OFF');
    const readRows = (): AppliedMigration[] =>
      db
        .prepare(
          `SELECT migration_name AS name, checksum, finished_at AS finishedAt, rolled_back_at AS rolledBackAt
           FROM "_prisma_migrations" ORDER BY started_at`,
        )
        .all() as AppliedMigration[];
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(CREATE_TABLE);
      checkApplied(migrations, readRows());
      db.exec('COMMIT');
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK');
    }

    const insert = db.prepare(
      `INSERT INTO "_prisma_migrations"
         (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
       VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
    );

    for (const migration of migrations) {
      db.exec('BEGIN IMMEDIATE');
      try {
        if (checkApplied(migrations, readRows()).has(migration.name)) {
          db.exec('COMMIT');
          report.skipped.push(migration.name);
          continue;
        }
        const startedAt = timestamp(new Date());
        try {
          db.exec(migration.sql);
          const violations = db.pragma('foreign_key_check') as unknown[];
          if (violations.length > 0) {
            throw new Error(
              `it leaves ${violations.length} foreign key violation(s): ${JSON.stringify(violations.slice(0, 3))}`,
            );
          }
        } catch (error) {
          throw failure(migration.name, error);
        }
        insert.run(randomUUID(), migration.checksum, timestamp(new Date()), migration.name, startedAt);
        db.exec('COMMIT');
        report.applied.push(migration.name);
        options.onApplied?.(migration.name);
      } finally {
        if (db.inTransaction) db.exec('ROLLBACK');
      }
    }
    return report;
  } finally {
    db.close();
  }
}
