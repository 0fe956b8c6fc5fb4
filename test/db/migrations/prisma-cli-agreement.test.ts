import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../src/db/migrations/migrate.js';
import { databases, type TestDatabase } from '../../support/databases.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

describe.each(databases)('Prisma CLI on a database migrated by the app ($name)', (factory) => {
  let db: TestDatabase | undefined;
  afterAll(async () => {
    await db?.drop();
  });

  it('`prisma migrate status` finds every migration applied', { timeout: 20_000 }, async () => {
    db = await factory.create();
    await applyMigrations(db.url);
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'prisma', 'build', 'index.js'), 'migrate', 'status'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: db.url, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      },
    );
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('Database schema is up to date!');
  });
});
