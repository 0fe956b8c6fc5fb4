import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DiscordEmulator } from '../emulator/index.js';
import { sqliteDatabases, type TestDatabase } from './support/databases.js';

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
      // A process group of its own: what is still alive in it afterwards was left behind.
      const launcher = spawn('npm', ['run', 'start:shards', '--silent'], {
        cwd: process.cwd(),
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          DISCORD_TOKEN: emu.botToken,
          DISCORD_API_BASE: emu.restBase,
          DATABASE_URL: db.url,
          SHARD_COUNT: '1',
          SHARD_LIST: '',
          LOG_FORMAT: 'json',
          LOG_LEVEL: 'info',
          ENV_FILE: '',
        },
      });
      const group = launcher.pid!;
      let out = '';
      launcher.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      launcher.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
      const exited = new Promise<number | null>((resolve) => launcher.on('exit', (code) => resolve(code)));
      const lines = () =>
        out
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as LogLine);
      const find = (msg: string) => lines().find((line) => line.msg === msg);
      try {
        // discord.js counts a shard ready at the gateway's READY; the bot logs its own line once it
        // has also synced its commands and started its jobs.
        await vi.waitFor(
          () => {
            expect(find('every shard is ready'), out).toBeDefined();
            expect(find('circlekeeper is ready'), out).toBeDefined();
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
