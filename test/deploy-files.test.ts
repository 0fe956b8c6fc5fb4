import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// js-yaml comes with the linting tools (a development dependency).
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
}

describe('Dockerfile', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages = instructions.filter((line) => line.startsWith('FROM '));
  const last = instructions.slice(instructions.lastIndexOf(stages.at(-1)!));

  it('builds in one stage and runs from node:20-slim in another', () => {
    expect(stages).toEqual(['FROM node:20-slim AS build', 'FROM node:20-slim']);
    expect(instructions).toContain('RUN npm run build && npm prune --omit=dev --no-audit --no-fund');
    expect(last.some((line) => line.startsWith('COPY --from=build') && line.endsWith('./dist'))).toBe(true);
    // The migrations are found by walking up from dist/ to prisma/.
    expect(last.some((line) => line.startsWith('COPY --from=build') && line.endsWith('./prisma'))).toBe(true);
  });

  it('runs as a user other than root, with node itself as the process that gets signals', () => {
    const users = last.filter((line) => line.startsWith('USER '));
    expect(users).toEqual(['USER node']);
    const cmd = last.filter((line) => line.startsWith('CMD ') || line.startsWith('ENTRYPOINT '));
    expect(cmd).toEqual(['CMD ["node", "dist/index.js"]']);
  });

  it('can run the bot, the launcher and the REST proxy, all compiled from src/', () => {
    for (const entry of ['index', 'launcher', 'proxy']) expect(existsSync(`src/${entry}.ts`)).toBe(true);
  });

  it('matches what the build script writes', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toBe('tsc -p tsconfig.build.json');
    const build = JSON.parse(readFileSync('tsconfig.build.json', 'utf8')) as {
      compilerOptions: { rootDir: string; outDir: string };
    };
    expect(build.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' });
  });
});

describe('compose.yaml', () => {
  const compose = yaml.load(readFileSync('compose.yaml', 'utf8')) as {
    services: Record<string, ComposeService>;
    volumes: Record<string, unknown>;
  };

  const bots = ['bot-a', 'bot-b'];

  it('runs PostgreSQL, the REST proxy and two bot processes built from the Dockerfile', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['bot-a', 'bot-b', 'postgres', 'rest-proxy']);
    expect(compose.services.postgres!.image).toMatch(/^postgres:\d+/);
    expect(compose.services.postgres!.healthcheck?.test).toContain('pg_isready');
    expect(Object.keys(compose.volumes)).toEqual(['postgres-data']);
  });

  it('runs the REST proxy from the same image, reachable by the bots only', () => {
    const proxy = compose.services['rest-proxy']!;
    expect(proxy.build).toBe('.');
    expect(proxy.command).toEqual(['node', 'dist/proxy.js']);
    expect(proxy.environment).toMatchObject({
      DISCORD_TOKEN: '${DISCORD_TOKEN:?set DISCORD_TOKEN in .env}',
      PROXY_HOST: '0.0.0.0',
      PROXY_PORT: '8080',
    });
    expect(proxy).not.toHaveProperty('ports');
    expect(proxy.healthcheck?.test.join(' ')).toContain('8080');
  });

  it('gives each bot the database, key, proxy and health endpoint, after PostgreSQL and the proxy are healthy', () => {
    const proxyPort = compose.services['rest-proxy']!.environment!.PROXY_PORT;
    for (const name of bots) {
      const bot = compose.services[name]!;
      expect(bot.build).toBe('.');
      expect(bot.command).toBeUndefined();
      expect(bot.depends_on).toEqual({
        postgres: { condition: 'service_healthy' },
        'rest-proxy': { condition: 'service_healthy' },
      });
      expect(bot.environment).toMatchObject({
        DATABASE_URL: 'postgresql://circlekeeper:circlekeeper@postgres:5432/circlekeeper',
        DATA_KEY: '${DATA_KEY:?set DATA_KEY in .env}',
        DISCORD_TOKEN: '${DISCORD_TOKEN:?set DISCORD_TOKEN in .env}',
        DISCORD_API_BASE: `http://rest-proxy:${proxyPort}/api`,
        HEALTH_PORT: '9464',
      });
      expect(bot.healthcheck?.test.join(' ')).toContain('http://127.0.0.1:9464/healthz');
      expect(bot.stop_grace_period).toBe('30s');
    }
  });

  it('splits the shards between the bots: the same count, disjoint lists covering every shard', () => {
    const counts = bots.map((name) => compose.services[name]!.environment!.SHARD_COUNT);
    expect(new Set(counts).size).toBe(1);
    const count = Number(counts[0]);
    expect(Number.isInteger(count) && count >= bots.length).toBe(true);
    const lists = bots.map((name) => compose.services[name]!.environment!.SHARD_LIST!.split(',').map(Number));
    expect(lists.map((list) => list.length)).toEqual([2, 2]);
    expect(lists.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, id) => id));
  });
});
