import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DiscordEmulator } from '../emulator/index.js';
import { formatDataKey, generateDataKey } from '../src/db/encryption/data-keys.js';
import { databases, sqliteDatabases, type TestDatabase } from './support/databases.js';

interface LogLine {
  msg: string;
  launcher?: number;
  pid?: number;
  shard?: number;
  shards?: number[];
  shardCount?: number;
  shardsStopped?: number;
  signal?: string;
  failed?: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Starts `npm run start:shards` in a process group of its own (what is still alive in it afterwards
 * was left behind), with JSON logs collected.
 */
function startLauncher(env: Record<string, string>) {
  const launcher = spawn('npm', ['run', 'start:shards', '--silent'], {
    cwd: process.cwd(),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SHARD_LIST: '', LOG_FORMAT: 'json', LOG_LEVEL: 'info', ENV_FILE: '', ...env },
  });
  let out = '';
  launcher.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  launcher.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  return {
    group: launcher.pid!,
    exited: new Promise<number | null>((resolve) => launcher.on('exit', (code) => resolve(code))),
    output: () => out,
    lines: () =>
      out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as LogLine),
  };
}

// Generous limits only: the shard process loads the identifier check and migrates a database
// before it connects, which takes long on a loaded machine.
const START_TIMEOUT_MS = 120_000;

describe('npm run start:shards against the emulator', () => {
  let emu: DiscordEmulator;
  let db: TestDatabase;

  beforeEach(async () => {
    emu = await DiscordEmulator.start();
    const ownerId = emu.createUser({ username: 'owner' });
    emu.createGuild({ name: 'Riverside Clinic', ownerId });
    db = await sqliteDatabases.create();
  });
  afterEach(async () => {
    await emu.stop();
    await db.drop();
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'starts a shard process that becomes ready, and stops it and itself on %s',
    async (signal) => {
      const { group, exited, lines, output } = startLauncher({
        DISCORD_TOKEN: emu.botToken,
        DISCORD_API_BASE: emu.restBase,
        DATABASE_URL: db.url,
        SHARD_COUNT: '1',
      });
      const find = (msg: string) => lines().find((line) => line.msg === msg);
      try {
        // discord.js counts a shard ready at the gateway's READY; the bot logs its own line once it
        // has also synced its commands and started its jobs.
        await vi.waitFor(
          () => {
            expect(find('every shard is ready'), output()).toBeDefined();
            expect(find('circlekeeper is ready'), output()).toBeDefined();
          },
          {
            timeout: START_TIMEOUT_MS,
            interval: 200,
          },
        );
        const started = find('shard process started')!;
        expect(started.shard).toBe(0);
        const shardPid = started.pid!;
        expect(shardPid).not.toBe(started.launcher);
        expect(alive(shardPid)).toBe(true);
        // The bot itself, in the shard process, came up holding shard 0 of 1.
        const ready = find('circlekeeper is ready');
        expect(ready).toMatchObject({ shards: [0], shardCount: 1 });
        expect(ready?.launcher).toBeUndefined();

        process.kill(group, signal);
        expect(await exited).toBe(0);
        expect(find('every shard has stopped')).toMatchObject({ shardsStopped: 1, failed: 0 });
        // The shard, sent SIGTERM by the launcher, stopped the bot the usual way (its own log line).
        expect(find('shutting down: stopping every shard')).toMatchObject({ signal });
        expect(lines().filter((line) => line.msg === 'shutting down')).toEqual([
          expect.objectContaining({ signal: 'SIGTERM' }),
        ]);
        await vi.waitFor(() => expect(alive(-group)).toBe(false), { timeout: 30_000 });
        expect(alive(shardPid)).toBe(false);
      } finally {
        if (alive(-group)) process.kill(-group, 'SIGKILL');
      }
    },
    300_000,
  );
});

describe('npm run start:shards with two shards on postgresql', () => {
  let emu: DiscordEmulator;
  let db: TestDatabase;

  beforeEach(async () => {
    emu = await DiscordEmulator.start({ shards: 2, maxConcurrency: 2 });
    const ownerId = emu.createUser({ username: 'owner' });
    for (let i = 0; i < 4; i++) emu.createGuild({ name: `Clinic ${i}`, ownerId });
    db = await databases.find((d) => d.name === 'postgresql')!.create();
  });
  afterEach(async () => {
    await emu.stop();
    await db.drop();
  });

  it('runs a process per shard, each with its own health port, and starts one again when it dies', async () => {
    const healthPort = await freePortPair();
    const { group, exited, lines, output } = startLauncher({
      DISCORD_TOKEN: emu.botToken,
      DISCORD_API_BASE: emu.restBase,
      DATABASE_URL: db.url,
      DATA_KEY: formatDataKey(generateDataKey()),
      SHARD_COUNT: '2',
      HEALTH_PORT: String(healthPort),
    });
    const all = (msg: string) => lines().filter((line) => line.msg === msg);
    const healthy = async (port: number) =>
      (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null))?.status === 200;
    try {
      await vi.waitFor(() => expect(all('circlekeeper is ready'), output()).toHaveLength(2), {
        timeout: START_TIMEOUT_MS * 2,
        interval: 250,
      });
      expect(
        all('circlekeeper is ready')
          .map((line) => line.shards)
          .sort(),
      ).toEqual([[0], [1]]);
      expect(await healthy(healthPort)).toBe(true);
      expect(await healthy(healthPort + 1)).toBe(true);

      // The process of shard 1 dies: the launcher starts it again, and it serves its shard.
      const dying = all('shard process started').find((line) => line.shard === 1)!.pid!;
      process.kill(dying, 'SIGKILL');
      await vi.waitFor(() => expect(all('circlekeeper is ready'), output()).toHaveLength(3), {
        timeout: START_TIMEOUT_MS,
        interval: 250,
      });
      const again = all('shard process started').filter((line) => line.shard === 1);
      expect(again).toHaveLength(2);
      expect(again[1]!.pid).not.toBe(dying);
      expect(alive(again[1]!.pid!)).toBe(true);
      await vi.waitFor(async () => expect(await healthy(healthPort + 1)).toBe(true), { timeout: 30_000 });

      expect(emu.identifyRefusals).toBe(0);
      process.kill(group, 'SIGTERM');
      expect(await exited).toBe(0);
      await vi.waitFor(() => expect(alive(-group)).toBe(false), { timeout: 30_000 });
    } finally {
      if (alive(-group)) process.kill(-group, 'SIGKILL');
    }
  }, 600_000);
});

/** A port whose next port is also free (the second shard's health endpoint). */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    const free = await Promise.all([port, port + 1].map(portIsFree));
    if (free.every(Boolean)) return port;
  }
  throw new Error('no free pair of ports');
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
