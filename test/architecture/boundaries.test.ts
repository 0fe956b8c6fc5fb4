/**
 * The lint rules that keep the shape: a feature of `src/services` is used through its index.ts only,
 * and the domain imports no adapter. Runs the project's own no-restricted-imports settings on
 * small probe files.
 */
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

type ConfigEntry = Linter.Config;

/** The project's ESLint settings (plain JavaScript, so loaded by path rather than typed import). */
const configPath = '../../eslint.config.js';
const config = ((await import(configPath)) as { default: ConfigEntry[] }).default;

/** The project's entries that set no-restricted-imports, with a TypeScript parser and nothing type-aware. */
const entries: ConfigEntry[] = [
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
  ...config
    .filter((entry) => entry.rules?.['no-restricted-imports'] !== undefined)
    .map((entry) => ({
      files: entry.files,
      ...(entry.ignores === undefined ? {} : { ignores: entry.ignores }),
      rules: { 'no-restricted-imports': entry.rules?.['no-restricted-imports'] },
    })),
];

function restrictedImports(file: string, source: string): string[] {
  const messages = new Linter({ configType: 'flat' }).verify(source, entries, file);
  return messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('feature boundaries', () => {
  it('a feature reaches another feature through its index.ts only', () => {
    expect(
      restrictedImports(
        'src/services/cases/probe.ts',
        "import { CircleService } from '../circles/circle-service.js';",
      ),
    ).toHaveLength(1);
    expect(
      restrictedImports(
        'src/services/cases/probe.ts',
        "import { CircleService } from '../circles/index.js';",
      ),
    ).toHaveLength(0);
  });

  it('inside a feature, files import each other directly', () => {
    expect(
      restrictedImports('src/services/cases/probe.ts', "import { endCases } from './case-queue.js';"),
    ).toHaveLength(0);
  });

  it('commands, events, jobs and adapters use a feature through its index.ts only', () => {
    for (const file of [
      'src/commands/probe.ts',
      'src/events/probe.ts',
      'src/jobs/probe.ts',
      'src/db/repositories/probe.ts',
    ]) {
      const depth = file.split('/').length - 2;
      const up = '../'.repeat(depth);
      expect(
        restrictedImports(file, `import { x } from '${up}services/circles/circle-service.js';`),
      ).toHaveLength(1);
      expect(restrictedImports(file, `import { x } from '${up}services/circles/index.js';`)).toHaveLength(0);
    }
  });

  it('the composition root builds features from their index.ts', () => {
    expect(
      restrictedImports('src/services/index.ts', "import { x } from './circles/circle-service.js';"),
    ).toHaveLength(1);
    expect(
      restrictedImports('src/services/index.ts', "import { x } from './circles/index.js';"),
    ).toHaveLength(0);
  });

  it('the domain imports neither Discord, Prisma nor an adapter', () => {
    for (const source of [
      "import { Client } from 'discord.js';",
      "import { PrismaClient } from '@prisma/client';",
      "import { x } from '../../platform/overwrites.js';",
      "import { x } from '../../jobs/scheduler.js';",
    ]) {
      expect(restrictedImports('src/services/cases/probe.ts', source)).toHaveLength(1);
    }
  });
});
