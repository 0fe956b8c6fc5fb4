/**
 * Writes the per-provider Prisma schemas from the single source of truth `prisma/models.prisma`:
 * `prisma/sqlite/schema.prisma` and `prisma/postgresql/schema.prisma` are a generator and datasource
 * header followed by the models verbatim. Run by `npm run db:generate` before `prisma generate`.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The providers a schema is generated for. */
export const PROVIDERS = ['sqlite', 'postgresql'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** Repository root (this file lives in `scripts/`). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The single source of truth for the models. */
export const MODELS_PATH = join(ROOT, 'prisma', 'models.prisma');

/** Placeholder datasource urls: SQLite relative to the schema file (= `file:./data/circlekeeper.db` from the root). */
const DEFAULT_URLS: Record<Provider, string> = {
  sqlite: 'file:../../data/circlekeeper.db',
  postgresql: 'postgresql://postgres@127.0.0.1:5432/circlekeeper',
};

/** Path of the generated schema of a provider. */
export function schemaPath(provider: Provider): string {
  return join(ROOT, 'prisma', provider, 'schema.prisma');
}

/** Folder holding the committed migrations of a provider. */
export function migrationsDir(provider: Provider): string {
  return join(ROOT, 'prisma', provider, 'migrations');
}

/**
 * Renders a complete schema for `provider` from the text of `models.prisma`.
 * The datasource url is a fixed local default, not `env("DATABASE_URL")`: the CLI cannot read a
 * schema whose env var is unset and then tries to download the native engines, which fails here.
 * Commands that reach a database get their connection from prisma.config.ts (DATABASE_URL).
 */
export function renderSchema(provider: Provider, models: string): string {
  const header = [
    '// Generated from prisma/models.prisma by scripts/prisma-schemas.ts: do not edit.',
    '// Change prisma/models.prisma, then run `npm run db:generate` and `npm run db:new-migration -- <name>`.',
    '',
    'generator client {',
    '  provider               = "prisma-client"',
    `  output                 = "../../src/generated/${provider}"`,
    '  engineType             = "client"',
    '  runtime                = "nodejs"',
    '  moduleFormat           = "esm"',
    '  generatedFileExtension = "ts"',
    '  importFileExtension    = "js"',
    '}',
    '',
    'datasource db {',
    `  provider = "${provider}"`,
    `  url      = "${DEFAULT_URLS[provider]}"`,
    '}',
    '',
    '',
  ].join('\n');
  return header + models;
}

/** Reads `prisma/models.prisma`. */
export function readModels(): string {
  return readFileSync(MODELS_PATH, 'utf8');
}

/** Writes both provider schemas; returns the paths written. */
export function writeSchemas(models: string = readModels()): string[] {
  return PROVIDERS.map((provider) => {
    const path = schemaPath(provider);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, renderSchema(provider, models));
    return path;
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const path of writeSchemas()) console.log(`wrote ${path.slice(ROOT.length)}`);
}
