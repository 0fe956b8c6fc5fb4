import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  MigrationError,
  providerOf,
  sqliteFilePath,
} from '../../../src/db/migrations/migrate.js';
import { defaultMigrationsDir, loadMigrations } from '../../../src/db/migrations/migrations.js';
import { databases, type TestDatabase } from '../../support/databases.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Runs one statement on the test database with the plain driver. */
async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  if (providerOf(url) === 'sqlite') {
    const db = new Database(sqliteFilePath(url));
    try {
      const statement = db.prepare(sql);
      return statement.reader ? (statement.all() as Record<string, unknown>[]) : (statement.run(), []);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

/** Runs scripts/migrate.ts in a separate process. */
function migrateInChild(url: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'migrate.ts')], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => done({ code, output }));
  });
}

describe('database URLs', () => {
  it('names the provider and resolves SQLite paths against the current directory', () => {
    expect(providerOf('file:./data/x.db')).toBe('sqlite');
    expect(providerOf('postgres://u@h/db')).toBe('postgresql');
    expect(providerOf('postgresql://u@h/db')).toBe('postgresql');
    expect(() => providerOf('mysql://u:secret@h/db')).toThrow(/unsupported database URL "mysql:\/\/…@h\/db"/);
    expect(sqliteFilePath('file:./data/x.db')).toBe(resolve(process.cwd(), 'data/x.db'));
    expect(sqliteFilePath('file:/abs/x.db?mode=rw')).toBe('/abs/x.db');
  });
});

describe.each(databases)('migrations on $name', (factory) => {
  const created: TestDatabase[] = [];
  const fresh = async () => {
    const db = await factory.create();
    created.push(db);
    return db;
  };
  afterAll(async () => {
    await Promise.all(created.map((db) => db.drop()));
  });
  const committed = loadMigrations(defaultMigrationsDir(factory.name));
  const names = committed.map((m) => m.name);

  it('applies every migration to a fresh database once, recorded as Prisma records them', async () => {
    const db = await fresh();
    const applied: string[] = [];
    const first = await applyMigrations(db.url, { onApplied: (name) => applied.push(name) });
    expect(first).toEqual({ provider: factory.name, applied: names, skipped: [] });
    expect(applied).toEqual(names);
    expect(await applyMigrations(db.url)).toEqual({ provider: factory.name, applied: [], skipped: names });

    const rows = await query(db.url, 'SELECT * FROM _prisma_migrations ORDER BY migration_name');
    expect(rows.map((row) => row['migration_name'])).toEqual(names);
    for (const row of rows) {
      const file = readFileSync(
        join(defaultMigrationsDir(factory.name), String(row['migration_name']), 'migration.sql'),
      );
      expect(row['checksum']).toBe(createHash('sha256').update(file).digest('hex'));
      expect(row['finished_at']).not.toBeNull();
      expect(row['rolled_back_at']).toBeNull();
      expect(row['logs']).toBeNull();
      expect(Number(row['applied_steps_count'])).toBe(1);
      expect(String(row['id'])).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(await query(db.url, 'SELECT count(*) AS n FROM circles')).toEqual([
      { n: factory.name === 'sqlite' ? 0 : '0' },
    ]);
  });

  it('refuses to go on when an applied migration was modified', async () => {
    const db = await fresh();
    await applyMigrations(db.url);
    await query(db.url, `UPDATE _prisma_migrations SET checksum = '${'0'.repeat(64)}'`);
    const error = await applyMigrations(db.url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toMatch(
      new RegExp(`migration ${names[0]} was modified after it was applied`),
    );
  });

  it('refuses to go on after a migration that started but did not finish', async () => {
    const db = await fresh();
    await applyMigrations(db.url);
    await query(db.url, 'UPDATE _prisma_migrations SET finished_at = NULL');
    await expect(applyMigrations(db.url)).rejects.toThrow(/started but did not finish/);
  });

  it('rolls back a failing migration whole, records nothing, and applies it once fixed', async () => {
    const db = await fresh();
    const dir = mkdtempSync(join(tmpdir(), 'circlekeeper-migrations-'));
    try {
      cpSync(defaultMigrationsDir(factory.name), dir, { recursive: true });
      const broken = join(dir, '29991231000000_broken');
      mkdirSync(broken);
      writeFileSync(
        join(broken, 'migration.sql'),
        'CREATE TABLE "half" ("id" INTEGER);\nSELECT * FROM "no_such_table";\n',
      );
      const error = await applyMigrations(db.url, { migrationsDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as Error).message).toMatch(
        /migration 29991231000000_broken failed and was rolled back: .*no_such_table/,
      );
      const tables =
        factory.name === 'sqlite'
          ? `SELECT name FROM sqlite_master WHERE name = 'half'`
          : `SELECT to_regclass('half') AS name`;
      expect((await query(db.url, tables)).filter((row) => row['name'] !== null)).toEqual([]);
      expect(
        (await query(db.url, 'SELECT migration_name FROM _prisma_migrations')).map(
          (r) => r['migration_name'],
        ),
      ).toEqual(names);

      writeFileSync(join(broken, 'migration.sql'), 'CREATE TABLE "half" ("id" INTEGER);\n');
      expect((await applyMigrations(db.url, { migrationsDir: dir })).applied).toEqual([
        '29991231000000_broken',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets concurrent migrators all succeed and applies each migration once', async () => {
    const db = await fresh();
    if (factory.name === 'sqlite') {
      // better-sqlite3 is synchronous: real concurrency needs separate processes.
      const runs = await Promise.all([migrateInChild(db.url), migrateInChild(db.url)]);
      for (const run of runs) expect(run.code, run.output).toBe(0);
      const lines = runs.flatMap((run) =>
        run.output.split('\n').filter((line) => line.startsWith('applied ')),
      );
      expect(lines.sort()).toEqual(names.map((name) => `applied ${name}`));
    } else {
      const reports = await Promise.all([
        applyMigrations(db.url),
        applyMigrations(db.url),
        applyMigrations(db.url),
      ]);
      expect(reports.flatMap((report) => report.applied).sort()).toEqual(names);
    }
    expect(await query(db.url, 'SELECT migration_name FROM _prisma_migrations')).toHaveLength(names.length);
  });
});
