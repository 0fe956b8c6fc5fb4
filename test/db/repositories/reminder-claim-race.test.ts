import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { databases } from '../../support/databases.js';
import { at, seedMeeting, useStore } from '../fixtures.js';

const WORKER = fileURLToPath(new URL('./claim-worker.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

interface Child {
  ready: Promise<void>;
  go(): void;
  claimed: Promise<string[]>;
}

/** Starts claim-worker.ts in a child process; it claims `ids` once `go()` is called. */
function claimInChild(url: string, worker: string, ids: string[]): Child {
  const args = [url, worker, at(10).toISOString(), at(15).toISOString(), ...ids];
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: ROOT });
  let out = '';
  let err = '';
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.startsWith('ready\n')) ready();
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const claimed = new Promise<string[]>((resolve, reject) => {
    child.on('close', (code) => {
      ready();
      if (code !== 0) reject(new Error(`claim worker ${worker} exited with ${code}: ${err}`));
      else resolve(JSON.parse(out.slice('ready\n'.length)) as string[]);
    });
  });
  return { ready: isReady, go: () => child.stdin.end('go\n'), claimed };
}

describe.each(databases)('schedulers in separate processes on one $name database', (factory) => {
  const ctx = useStore(factory);

  it('claim each of 50 reminders exactly once', { timeout: 90_000 }, async () => {
    const { meeting } = await seedMeeting(ctx.store);
    const wanted = Array.from({ length: 50 }, (_, i) => ({
      meetingId: meeting.id,
      circleId: meeting.circleId,
      guildId: meeting.guildId,
      kind: 'start' as const,
      offsetMinutes: i,
      dueAt: at(10),
      expiresAt: at(100),
    }));
    await ctx.store.reminders.createMany(wanted);
    const ids = (await ctx.store.reminders.listForMeeting(meeting.id)).map((row) => row.id);
    const children = [claimInChild(ctx.db.url, 'a', ids), claimInChild(ctx.db.url, 'b', ids)];
    await Promise.all(children.map((child) => child.ready));
    for (const child of children) child.go();
    const [a, b] = (await Promise.all(children.map((child) => child.claimed))) as [string[], string[]];
    expect([...a, ...b].sort()).toEqual([...ids].sort());
    const rows = await ctx.store.reminders.listForMeeting(meeting.id);
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'claimed', attempts: 1 });
      expect(row.claimedBy).toBe(a.includes(row.id) ? 'a' : 'b');
    }
  });
});
