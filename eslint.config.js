// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** What the domain may not import: Discord, Prisma, node-cron and the adapters. */
const DOMAIN_IMPORTS = [
  {
    group: ['discord.js', '@discordjs/*', 'discord-api-types', 'discord-api-types/*'],
    message: 'Services talk to Discord through the ChatPlatform port.',
  },
  {
    group: ['@prisma/*', 'prisma', '**/generated/**', '**/db/**'],
    message: 'Services reach the database through repository ports.',
  },
  { group: ['node-cron'], message: 'Scheduling is driven from outside the services.' },
  {
    group: ['**/platform/**', '**/commands/**', '**/events/**', '**/jobs/**'],
    message: 'Services do not depend on adapters.',
  },
];

/** Forbids imports matching `regex`: a file inside another feature's folder instead of its index.ts. */
const featureBoundary = (regex) => [
  {
    regex,
    message: 'Use another feature through its index.ts (src/services/<feature>/index.ts) only.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'src/generated', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Port implementations are async by contract even when an in-memory one has nothing to await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // The domain stays free of Discord, Prisma and node-cron, and never reads the system clock; a
    // feature reaches another one only through that feature's index.ts.
    files: ['src/services/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...DOMAIN_IMPORTS, ...featureBoundary('^\\.\\./(?!\\.\\.)[^/]+/(?!index\\.js$)')] },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Read the time from the Clock port.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Read the time from the Clock port.',
        },
      ],
    },
  },
  {
    // The composition root builds every feature from its index.ts.
    files: ['src/services/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...DOMAIN_IMPORTS, ...featureBoundary('^\\./[^/]+/(?!index\\.js$)')] },
      ],
    },
  },
  {
    // Commands, events, jobs and adapters use a feature through its index.ts only.
    files: ['src/**/*.ts'],
    ignores: ['src/services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: featureBoundary('(^|/)services/[^/]+/(?!index\\.js$)') },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
