import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DiscordEmulator } from '../emulator/index.js';
import { createLogger } from '../src/logger.js';
import { createShutdown } from '../src/ops/shutdown.js';

const silent = createLogger('silent');

describe('shutdown', () => {
  afterEach(() => vi.useRealTimers());

  it('stops the bot, then exits 0', async () => {
    const exit = vi.fn();
    let finish!: () => void;
    const stop = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const shutdown = createShutdown({ stop, logger: silent, exit });
    shutdown('SIGTERM');
    expect(stop).toHaveBeenCalledOnce();
    expect(exit).not.toHaveBeenCalled();
    finish();
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(0));
  });

  it('exits 1 at once on a second signal', () => {
    const exit = vi.fn();
    const shutdown = createShutdown({ stop: () => new Promise(() => undefined), logger: silent, exit });
    shutdown('SIGTERM');
    shutdown('SIGINT');
    expect(exit).toHaveBeenCalledExactlyOnceWith(1);
  });

  it('exits 1 when stopping fails or outlasts the timeout', async () => {
    const failed = vi.fn();
    createShutdown({ stop: () => Promise.reject(new Error('x')), logger: silent, exit: failed })('SIGINT');
    await vi.waitFor(() => expect(failed).toHaveBeenCalledWith(1));

    vi.useFakeTimers();
    const hung = vi.fn();
    createShutdown({ stop: () => new Promise(() => undefined), logger: silent, exit: hung, timeoutMs: 5000 })(
      'SIGTERM',
    );
    vi.advanceTimersByTime(4999);
    expect(hung).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(hung).toHaveBeenCalledExactlyOnceWith(1);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe.each(['SIGTERM', 'SIGINT'] as const)('npm start and %s', (signal) => {
  it('reaches the bot, which stops and exits with nothing left running', async () => {
    const emu = await DiscordEmulator.start();
    const dir = mkdtempSync(join(tmpdir(), 'circlekeeper-signal-'));
    // A process group of its own: what is still alive in it afterwards was left behind.
    const child = spawn('npm', ['start', '--silent'], {
      cwd: process.cwd(),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        DISCORD_TOKEN: emu.botToken,
        DISCORD_API_BASE: emu.restBase,
        DATABASE_URL: `file:${join(dir, 'bot.db')}`,
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'info',
        ENV_FILE: '',
      },
    });
    const group = child.pid!;
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await vi.waitFor(() => expect(out).toContain('circlekeeper is ready'), {
        timeout: 60_000,
        interval: 100,
      });
      const sentAt = Date.now();
      process.kill(group, signal);
      expect(await exited).toBe(0);
      expect(Date.now() - sentAt).toBeLessThan(15_000);
      const shutting = out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { msg: string; signal?: string })
        .find((line) => line.msg === 'shutting down');
      expect(shutting?.signal).toBe(signal);
      await vi.waitFor(() => expect(alive(-group)).toBe(false), { timeout: 5_000 });
    } finally {
      if (alive(-group)) process.kill(-group, 'SIGKILL');
      await emu.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
