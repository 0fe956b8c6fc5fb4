/** Applies the committed PostgreSQL migrations with node-postgres, recording them as Prisma does. */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  PRISMA_ADVISORY_LOCK_KEY,
  checkApplied,
  failure,
  type AppliedMigration,
  type Migration,
  type MigrateOptions,
  type MigrationReport,
} from './migrations.js';

/** Prisma's own DDL for the table (schema engine, PostgreSQL flavour). */
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

const SELECT_ROWS = `SELECT migration_name AS name, checksum, finished_at AS "finishedAt", rolled_back_at AS "rolledBackAt"
  FROM _prisma_migrations ORDER BY started_at`;

/**
 * Applies the pending migrations to the PostgreSQL database at `url`. The whole run holds the
 * advisory lock Prisma Migrate uses, so concurrent app instances (and the Prisma CLI) take turns;
 * each migration runs in its own transaction together with its `_prisma_migrations` row.
 */
export async function migratePostgresql(
  url: string,
  migrations: Migration[],
  options: MigrateOptions = {},
): Promise<MigrationReport> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const report: MigrationReport = { provider: 'postgresql', applied: [], skipped: [] };
  try {
    await client.query(`SET lock_timeout = ${Math.max(1, Math.round(options.lockTimeoutMs ?? 60_000))}`);
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
    try {
      await client.query('SET lock_timeout = 0');
      await client.query(CREATE_TABLE);
      const rows = (await client.query<AppliedMigration>(SELECT_ROWS)).rows;
      const applied = checkApplied(migrations, rows);
      for (const migration of migrations) {
        if (applied.has(migration.name)) {
          report.skipped.push(migration.name);
          continue;
        }
        await client.query('BEGIN');
        try {
          const startedAt = new Date();
          try {
            await client.query(migration.sql);
          } catch (error) {
            throw failure(migration.name, error);
          }
          await client.query(
            `INSERT INTO _prisma_migrations
               (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
             VALUES ($1, $2, clock_timestamp(), $3, NULL, NULL, $4, 1)`,
            [randomUUID(), migration.checksum, migration.name, startedAt],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        }
        report.applied.push(migration.name);
        options.onApplied?.(migration.name);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]).catch(() => {});
    }
    return report;
  } finally {
    await client.end();
  }
}
