/**
 * The bot at scale: 200 guilds of one circle, four shards in two processes (0,1 and 2,3) behind one
 * REST proxy, one PostgreSQL database, the emulator enforcing Discord's 50 requests/s. The two
 * processes start at the same moment against an empty database; the first reminders of all
 * circles fall due in the same second, and a quarter of the way through, the process of shards 0,1
 * is killed (SIGKILL) and started again. See `test/support/scale.ts`; `npm run bench:scale` runs
 * the same at 2,000 circles and prints the figures.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databases } from '../support/databases.js';
import {
  addAcceptRemove,
  type BurstResult,
  migrationFolders,
  runBurst,
  SHARD_COUNT,
  startScale,
  type ScaleWorld,
} from '../support/scale.js';

const CIRCLES = 200;
const postgresql = databases.filter((factory) => factory.name === 'postgresql');

describe.each(postgresql)('the bot at scale on $name', () => {
  let world: ScaleWorld;

  beforeAll(async () => {
    // One identify bucket, as for most bots: the two processes' shards take turns across processes.
    world = await startScale({ circles: CIRCLES, maxConcurrency: 1 });
  }, 300_000);
  afterAll(async () => {
    await world?.close();
  }, 120_000);

  it('starts two processes at once with one migration run, one command sync and no refused identify', async () => {
    const [a, b] = world.processes;
    expect(a!.ready).toMatchObject({ shards: [0, 1], shardCount: SHARD_COUNT });
    expect(b!.ready).toMatchObject({ shards: [2, 3], shardCount: SHARD_COUNT });
    // One registered the commands; the other, waiting for its lock, found them as they should be.
    expect([a!.ready!.commands, b!.ready!.commands].sort()).toEqual(['registered', 'unchanged']);
    expect(world.emu.commandPutCount).toBe(1);
    const applied = await world.query<{
      migration_name: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
    }>('SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name');
    expect(applied.map((m) => m.migration_name)).toEqual(await migrationFolders());
    expect(applied.every((m) => m.finished_at !== null && m.rolled_back_at === null)).toBe(true);
    expect(world.emu.identifyRefusals).toBe(0);
    // Every shard connected, each holding a quarter of the guilds.
    const shards = world.emu.gatewayShards().filter((s) => s.connected);
    expect(shards.map((s) => s.shard[0]).sort()).toEqual([0, 1, 2, 3]);
    for (const s of shards) expect(s.guilds).toBe(CIRCLES / SHARD_COUNT);
  });

  let burst: BurstResult;

  it('posts every first reminder once, with no 429, through a crash of the process of shards 0,1', async () => {
    burst = await runBurst(world, { deadlineMs: 150_000 });
    expect(burst.killedAfter).toBeLessThan(CIRCLES);
    expect({
      reminders: burst.reminders,
      lost: burst.lost,
      doubled: burst.doubled,
      rateLimited: burst.rateLimited,
    }).toEqual({ reminders: CIRCLES, lost: 0, doubled: 0, rateLimited: 0 });
    // A row the killed process claimed may have its message out (the proxy sent it) and be marked
    // sent only once its lease lapsed and another process took it over (the nonce returns the same
    // message).
    await vi.waitFor(
      async () => {
        const rows = await world.query<{ kind: string; status: string; n: string }>(
          'SELECT kind, status, count(*) AS n FROM reminders GROUP BY kind, status ORDER BY kind, status',
        );
        expect(rows.map((r) => [r.kind, r.status, Number(r.n)])).toEqual([
          ['confidentiality', 'sent', CIRCLES],
          ['start', 'pending', CIRCLES],
        ]);
      },
      { timeout: 120_000, interval: 500 },
    );
    expect(world.emu.rateLimitedCount).toBe(0);
    for (const g of world.guilds)
      expect(world.emu.messages(g.textChannelId).filter((m) => m.content?.startsWith('🔒'))).toHaveLength(1);
    // The restarted process came back on its shards and took part.
    const again = world.processes[2]!;
    expect(again.ready).toMatchObject({ shards: [0, 1], commands: 'unchanged' });
    expect(world.emu.commandPutCount).toBe(1);
    expect(world.emu.identifyRefusals).toBe(0);
  }, 400_000);

  it('does every follow-up once: each facilitator told once, each roster checked', () => {
    expect(burst.followUps).toEqual([
      { kind: 'facilitator', status: 'done', count: CIRCLES },
      { kind: 'roster', status: 'done', count: CIRCLES },
    ]);
    expect({ once: burst.facilitatorsToldOnce, more: burst.facilitatorsToldTwice }).toEqual({
      once: CIRCLES,
      more: 0,
    });
    // The roster checks and channel sweeps found the members as seeded and changed nobody's access.
    const repaired = world.processes.flatMap((p) =>
      p.lines.filter((l) => l.msg === 'circle channel overwrites drifted and were restored'),
    );
    expect(repaired).toEqual([]);
    for (const g of world.guilds)
      for (const userId of g.memberIds) expect(world.emu.canView(userId, g.textChannelId)).toBe(true);
  });

  it('answers a DM button once from the process of shard 0 and revokes from either process', async () => {
    const shard0Sessions = world.emu.gatewayShards().filter((s) => s.shard[0] === 0 && s.connected);
    expect(shard0Sessions).toHaveLength(1);
    for (let shard = 0; shard < SHARD_COUNT; shard++) {
      const g = world.guilds.find((guild) => guild.shard === shard)!;
      const r = await addAcceptRemove(world, g);
      expect(r.added, `guild on shard ${shard}`).toContain('sent to them by direct message');
      // The button in the DM reached only shard 0 (the process of shards 0,1), which answered once.
      expect(r.dmDeliveredTo).toEqual([0]);
      expect(r.dmCallbacks).toBe(1);
      expect(r.accepted).not.toBe('');
      expect(r.canViewAfterAccept).toBe(true);
      // The moderator's commands reached the guild's own shard: process A for 0,1, B for 2,3.
      expect(r.commandDeliveredTo).toEqual([shard]);
      expect(r.removed).toContain('their access is gone');
      expect(r.canViewAfterRemove).toBe(false);
    }
  }, 240_000);
});
