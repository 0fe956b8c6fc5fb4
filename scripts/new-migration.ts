/**
 * Creates the next migration for both providers from the change to `prisma/models.prisma`:
 *
 *   npm run db:new-migration -- <name>
 *
 * For each provider it diffs the `models.prisma` snapshot kept in the newest migration folder
 * (or nothing, for the first migration) against the current models with
 * `prisma migrate diff --from-schema-datamodel … --to-schema-datamodel … --script`. No database or
 * shadow database is involved (prisma/offline.config.mjs). It writes
 * `prisma/<provider>/migrations/<timestamp>_<name>/{migration.sql,models.prisma}` and refuses an
 * empty diff.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  PROVIDERS,
  ROOT,
  migrationsDir,
  readModels,
  renderSchema,
  schemaPath,
  writeSchemas,
  type Provider,
} from './prisma-schemas.js';

const PRISMA_CLI = join(ROOT, 'node_modules', 'prisma', 'build', 'index.js');
const OFFLINE_CONFIG = join(ROOT, 'prisma', 'offline.config.mjs');

/** Names of the migration folders of a provider, oldest first. */
export function migrationFolders(provider: Provider): string[] {
  const dir = migrationsDir(provider);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort();
}

/** Prisma's migration timestamp: UTC `YYYYMMDDHHMMSS`. */
function timestamp(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * `prisma migrate diff` on PostgreSQL starts with `CREATE SCHEMA IF NOT EXISTS "public"`, which
 * `prisma migrate dev` does not write and which needs CREATE on the database even when the schema
 * exists. Dropped.
 */
function tidy(sql: string): string {
  return sql.replace(/-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n/, '');
}

/** True when a script holds no statement (Prisma writes `-- This is an empty migration.`). */
function isEmpty(sql: string): boolean {
  return sql.replace(/--[^\n]*/g, '').trim() === '';
}

/** Runs `prisma migrate diff` from `fromModels` (null: empty database) to the current schema. */
function diff(provider: Provider, fromModels: string | null): string {
  const work = mkdtempSync(join(tmpdir(), 'circlekeeper-diff-'));
  try {
    let from = ['--from-empty'];
    if (fromModels !== null) {
      const previous = join(work, 'schema.prisma');
      writeFileSync(previous, renderSchema(provider, fromModels));
      from = ['--from-schema-datamodel', previous];
    }
    const args = [PRISMA_CLI, 'migrate', 'diff', '--config', OFFLINE_CONFIG, ...from];
    args.push('--to-schema-datamodel', schemaPath(provider), '--script');
    const result = spawnSync(process.execPath, args, {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CIRCLEKEEPER_DIFF_PROVIDER: provider },
    });
    if (result.status !== 0) {
      throw new Error(`prisma migrate diff (${provider}) failed:\n${result.stderr}${result.stdout}`);
    }
    return tidy(result.stdout);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Creates the migration `name` for every provider; returns the folders written. */
export function newMigration(name: string, now: Date = new Date()): string[] {
  const slug = name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  if (slug === '') throw new Error('usage: npm run db:new-migration -- <name>');
  const models = readModels();
  writeSchemas(models);

  const scripts = PROVIDERS.map((provider) => {
    const latest = migrationFolders(provider).at(-1);
    let snapshot: string | null = null;
    if (latest !== undefined) {
      const snapshotPath = join(migrationsDir(provider), latest, 'models.prisma');
      if (!existsSync(snapshotPath))
        throw new Error(`${snapshotPath} is missing: cannot diff from ${latest}`);
      snapshot = readFileSync(snapshotPath, 'utf8');
    }
    return { provider, latest, sql: diff(provider, snapshot) };
  });
  const empty = scripts.filter((script) => isEmpty(script.sql)).map((script) => script.provider);
  if (empty.length > 0) {
    throw new Error(
      `models.prisma has no change since the last migration (${empty.join(', ')}): nothing to do`,
    );
  }

  let stamp = timestamp(now);
  for (const { latest } of scripts) {
    const last = latest?.slice(0, 14);
    if (last !== undefined && stamp <= last) stamp = String(BigInt(last) + 1n);
  }
  return scripts.map(({ provider, sql }) => {
    const dir = migrationsDir(provider);
    const folder = join(dir, `${stamp}_${slug}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'migration.sql'), sql);
    writeFileSync(join(folder, 'models.prisma'), models);
    const lock = join(dir, 'migration_lock.toml');
    if (!existsSync(lock)) {
      const header =
        '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\n';
      writeFileSync(lock, `${header}provider = "${provider}"\n`);
    }
    return folder;
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    for (const folder of newMigration(process.argv.slice(2).join('_'))) {
      console.log(`created ${folder.slice(ROOT.length)}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
