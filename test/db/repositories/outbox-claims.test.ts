import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/services/kernel/store.js';
import type { ClaimPreference, NewReminder } from '../../../src/services/reminders/model.js';
import { databases } from '../../support/databases.js';
import { at, newCircle, useStores } from '../fixtures.js';

/** A snowflake-shaped server id on shard `shard` of `count` (Discord: (id >> 22) % count). */
function guildOnShard(shard: number, count: number, salt: number): string {
  return ((BigInt(salt * count + shard) << 22n) + 12345n).toString();
}

/** `count` reminders due at `at(10)` for a meeting of a circle in `guildId`. */
async function seedDue(store: Store, guildId: string, count: number): Promise<string[]> {
  const circle = await store.circles.create(newCircle({ guildId }));
  const [meeting] = await store.meetings.createMany([
    { circleId: circle.id, guildId, occurrence: 'r1:2026-01-05', startsAt: at(60), endsAt: at(120) },
  ]);
  const rows: NewReminder[] = Array.from({ length: count }, (_, i) => ({
    meetingId: meeting!.id,
    circleId: circle.id,
    guildId,
    kind: 'start',
    offsetMinutes: i,
    dueAt: at(10),
    expiresAt: at(100),
  }));
  await store.reminders.createMany(rows);
  return (await store.reminders.listForMeeting(meeting!.id)).map((r) => r.id);
}

describe.each(databases)('outbox claims on $name', (factory) => {
  const ctx = useStores(factory, 2);

  it(
    'hands each due reminder to one of two schedulers claiming batches at once',
    { timeout: 60_000 },
    async () => {
      const [a, b] = ctx.stores as [Store, Store];
      const ids = await seedDue(a, guildOnShard(0, 1, 1), 60);
      const lease = at(20);
      const taken: Record<string, string[]> = { a: [], b: [] };
      const worker = async (store: Store, name: 'a' | 'b') => {
        for (;;) {
          const batch = await store.reminders.claimDue(at(11), name, lease, 7);
          if (batch.length === 0) return;
          for (const row of batch) {
            expect(row).toMatchObject({ status: 'claimed', claimedBy: name, leaseUntil: lease, attempts: 1 });
            taken[name]!.push(row.id);
          }
        }
      };
      await Promise.all([worker(a, 'a'), worker(b, 'b')]);
      const all = [...taken['a']!, ...taken['b']!];
      expect(all.sort()).toEqual([...ids].sort());
      // Claimed rows are nobody's until their lease lapses; then anyone's, counting a second attempt.
      expect(await a.reminders.claimDue(at(19), 'c', at(30), 100)).toEqual([]);
      const retaken = await b.reminders.claimDue(at(21), 'c', at(30), 100);
      expect(retaken).toHaveLength(60);
      expect(new Set(retaken.map((r) => r.attempts))).toEqual(new Set([2]));
    },
  );

  it('keeps follow-ups once per meeting and kind, claims, settles and expires them', async () => {
    const [store] = ctx.stores as [Store];
    const circle = await store.circles.create(newCircle({ guildId: guildOnShard(0, 1, 2) }));
    const [meeting] = await store.meetings.createMany([
      {
        circleId: circle.id,
        guildId: circle.guildId,
        occurrence: 'r1:2026-01-06',
        startsAt: at(60),
        endsAt: at(120),
      },
    ]);
    const base = {
      meetingId: meeting!.id,
      circleId: circle.id,
      guildId: circle.guildId,
      availableAt: at(10),
    };
    const wanted = [
      { ...base, kind: 'facilitator' as const, expiresAt: at(60) },
      { ...base, kind: 'roster' as const, expiresAt: at(120) },
    ];
    expect(await store.followUps.createMany(wanted)).toBe(2);
    expect(await store.followUps.createMany(wanted)).toBe(0);
    const claimed = (await store.followUps.claimDue(at(11), 'w', at(12), 10)).sort((x, y) =>
      x.kind.localeCompare(y.kind),
    );
    expect(claimed.map((f) => [f.kind, f.status, f.claimedBy, f.attempts])).toEqual([
      ['facilitator', 'claimed', 'w', 1],
      ['roster', 'claimed', 'w', 1],
    ]);
    const [facilitator, roster] = claimed as [(typeof claimed)[0], (typeof claimed)[0]];
    expect(
      await store.followUps.updateIf(facilitator.id, ['claimed'], { status: 'done' }, { claimedBy: 'x' }),
    ).toBe(false);
    expect(
      await store.followUps.updateIf(
        facilitator.id,
        ['claimed'],
        { status: 'done', doneAt: at(11) },
        { claimedBy: 'w' },
      ),
    ).toBe(true);
    // The roster check's worker died: past its expiry, the lapsed claim expires.
    expect(await store.followUps.expireOverdue(at(121))).toBe(1);
    const rows = await store.followUps.listForMeeting(meeting!.id);
    expect(rows.map((f) => [f.kind, f.status])).toEqual([
      ['facilitator', 'done'],
      ['roster', 'expired'],
    ]);
    expect(roster.id).toBe(rows[1]!.id);
  });

  it('runs exclusive work in one caller at a time, and again once it is done', async () => {
    const [a, b] = ctx.stores as [Store, Store];
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const first = a.exclusive('job', () => {
      started();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await running;
    // Another call in the same process, and (on PostgreSQL) another process, find it taken.
    expect(await a.exclusive('job', async () => undefined)).toBe(false);
    if (factory.name === 'postgresql') expect(await b.exclusive('job', async () => undefined)).toBe(false);
    expect(await a.exclusive('another job', async () => undefined)).toBe(true);
    const waiting = a.exclusive('job', async () => undefined, { waitMs: 30_000 });
    release();
    expect(await first).toBe(true);
    expect(await waiting).toBe(true);
    expect(await b.exclusive('job', async () => undefined)).toBe(true);
  });
});

describe('outbox claims across shards on postgresql', () => {
  const factory = databases.find((d) => d.name === 'postgresql')!;
  const ctx = useStores(factory, 2);

  it('takes its own shards at once, others after the grace, lapsed leases always', async () => {
    const [store] = ctx.stores as [Store];
    const mine = await seedDue(store, guildOnShard(1, 2, 3), 3);
    const theirs = await seedDue(store, guildOnShard(0, 2, 3), 3);
    const prefer: ClaimPreference = { shardIds: [1], shardCount: 2, graceMs: 5 * 60_000 };
    const now = at(11);
    const first = await store.reminders.claimDue(now, 'one', at(30), 100, prefer);
    expect(first.map((r) => r.id).sort()).toEqual([...mine].sort());
    // The other process never came: once the rows waited past the grace, this one takes them.
    expect(await store.reminders.claimDue(at(14), 'one', at(15), 100, prefer)).toEqual([]);
    const late = await store.reminders.claimDue(at(15), 'one', at(40), 100, prefer);
    expect(late.map((r) => r.id).sort()).toEqual([...theirs].sort());
    // A row of another shard whose worker died is taken over as soon as its lease lapsed.
    const other: ClaimPreference = { shardIds: [0], shardCount: 2, graceMs: 60 * 60_000 };
    expect(await store.reminders.claimDue(at(29), 'two', at(40), 100, other)).toEqual([]);
    const taken = await store.reminders.claimDue(at(31), 'two', at(40), 100, other);
    expect(taken.map((r) => r.id).sort()).toEqual([...mine].sort());
  });

  it("takes its own shards' rows before older rows of others", async () => {
    const [store] = ctx.stores as [Store];
    const theirs = await seedDue(store, guildOnShard(0, 2, 4), 3);
    const mine = await seedDue(store, guildOnShard(1, 2, 4), 3);
    const prefer: ClaimPreference = { shardIds: [1], shardCount: 2, graceMs: 60_000 };
    // Long past the grace, every row is this process's to take; its own still come first.
    const first = await store.reminders.claimDue(at(30), 'one', at(40), 3, prefer);
    expect(first.map((r) => r.id).sort()).toEqual([...mine].sort());
    const next = await store.reminders.claimDue(at(30), 'one', at(40), 3, prefer);
    expect(next.map((r) => r.id).sort()).toEqual([...theirs].sort());
  });

  it('lets exclusive work go when the process holding it dies', { timeout: 60_000 }, async () => {
    const [a, b] = ctx.stores as [Store, Store];
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const held = a.exclusive('sweep', () => {
      started();
      return new Promise<void>((resolve) => (release = resolve));
    });
    await running;
    expect(await b.exclusive('sweep', async () => undefined)).toBe(false);
    // The database ends the holder's session, as when its process is killed.
    const admin = await import('pg').then(
      ({ default: pg }) => new pg.Client({ connectionString: ctx.db!.url }),
    );
    await admin.connect();
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    await admin.end();
    expect(await b.exclusive('sweep', async () => undefined, { waitMs: 10_000 })).toBe(true);
    release();
    expect(await held).toBe(true);
  });
});
