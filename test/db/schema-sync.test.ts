import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  PROVIDERS,
  migrationsDir,
  readModels,
  renderSchema,
  schemaPath,
} from '../../scripts/prisma-schemas.js';
import { migrationFolders } from '../../scripts/new-migration.js';

describe('prisma schema files', () => {
  const models = readModels();

  it.each(PROVIDERS)(
    '%s schema.prisma is generated from models.prisma (run `npm run db:generate`)',
    (provider) => {
      expect(readFileSync(schemaPath(provider), 'utf8')).toBe(renderSchema(provider, models));
    },
  );

  it.each(PROVIDERS)(
    'the newest %s migration was made from the current models.prisma (run `npm run db:new-migration -- <name>`)',
    (provider) => {
      const latest = migrationFolders(provider).at(-1);
      expect(latest).toBeDefined();
      expect(readFileSync(join(migrationsDir(provider), latest!, 'models.prisma'), 'utf8')).toBe(models);
    },
  );

  it('both providers have the same migrations, each with its snapshot and lock file', () => {
    const [sqlite, postgresql] = PROVIDERS.map((provider) => migrationFolders(provider));
    expect(sqlite).toEqual(postgresql);
    for (const provider of PROVIDERS) {
      expect(readFileSync(join(migrationsDir(provider), 'migration_lock.toml'), 'utf8')).toContain(
        `provider = "${provider}"`,
      );
      for (const folder of migrationFolders(provider)) {
        expect(
          existsSync(join(migrationsDir(provider), folder, 'models.prisma')),
          `${provider}/${folder}`,
        ).toBe(true);
      }
    }
  });
});
