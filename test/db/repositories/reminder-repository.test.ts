import { describe, expect, it } from 'vitest';
import type { NewReminder, ReminderKind } from '../../../src/services/reminders/model.js';
import type { Store } from '../../../src/services/kernel/store.js';
import { databases } from '../../support/databases.js';
import { at, seedMeeting, useStore, useStores } from '../fixtures.js';

/** A reminder of `meeting` due at `at(due)` and pointless from `at(expires)`. */
function reminder(
  meeting: { id: string; circleId: string; guildId: string },
  due: number,
  expires: number,
  kind: ReminderKind = 'confidentiality',
  offsetMinutes = due,
): NewReminder {
  return {
    meetingId: meeting.id,
    circleId: meeting.circleId,
    guildId: meeting.guildId,
    kind,
    offsetMinutes,
    dueAt: at(due),
    expiresAt: at(expires),
  };
}

/** `count` reminders of a fresh meeting, due at `at(due)` (offsets 0…count-1). */
async function seedReminders(store: Store, count: number, due: number, expires: number) {
  const { meeting } = await seedMeeting(store);
  const reminders = Array.from({ length: count }, (_, i) => reminder(meeting, due, expires, 'start', i));
  expect(await store.reminders.createMany(reminders)).toBe(count);
  return { meeting, reminders: await store.reminders.listForMeeting(meeting.id) };
}

describe.each(databases)('reminder repository on $name', (factory) => {
  const ctx = useStore(factory);

  it('creates the missing reminders as pending, available when due, and counts them', async () => {
    const { meeting } = await seedMeeting(ctx.store);
    const wanted = [reminder(meeting, 45, 60), reminder(meeting, 0, 60, 'start', 0)];
    expect(await ctx.store.reminders.createMany(wanted)).toBe(2);
    expect(await ctx.store.reminders.createMany(wanted)).toBe(0);
    const reflection = reminder(meeting, 180, 240, 'reflection', 60);
    expect(await ctx.store.reminders.createMany([...wanted, reflection, reflection])).toBe(1);
    expect(await ctx.store.transaction((tx) => tx.reminders.createMany([...wanted, reflection]))).toBe(0);
    expect(await ctx.store.reminders.createMany([])).toBe(0);

    const rows = await ctx.store.reminders.listForMeeting(meeting.id);
    expect(rows.map((r) => [r.kind, r.offsetMinutes])).toEqual([
      ['start', 0],
      ['confidentiality', 45],
      ['reflection', 60],
    ]);
    expect(rows[1]).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      ...wanted[0],
      availableAt: at(45),
      status: 'pending',
      attempts: 0,
      leaseUntil: null,
      claimedBy: null,
      messageId: null,
      sentAt: null,
      lastError: null,
    });
    expect(await ctx.store.reminders.countByStatus({ circleId: meeting.circleId })).toEqual({ pending: 3 });
  });

  it('changes a reminder only while it is in one of the expected statuses', async () => {
    const { meeting, reminders } = await seedReminders(ctx.store, 1, 10, 100);
    const id = reminders[0]!.id;
    expect(await ctx.store.reminders.updateIf(id, ['claimed'], { status: 'sent', sentAt: at(11) })).toBe(
      false,
    );
    expect(
      await ctx.store.reminders.updateIf(id, ['pending', 'claimed'], {
        status: 'failed',
        lastError: '50013',
        availableAt: at(20),
        attempts: 3,
      }),
    ).toBe(true);
    expect(await ctx.store.reminders.updateIf('no-such-id', ['failed'], { status: 'pending' })).toBe(false);
    expect(
      await ctx.store.transaction((tx) =>
        tx.reminders.updateIf(id, ['failed'], {
          status: 'sent',
          messageId: 'm1',
          sentAt: at(21),
          lastError: null,
        }),
      ),
    ).toBe(true);
    expect((await ctx.store.reminders.listForMeeting(meeting.id))[0]).toMatchObject({
      status: 'sent',
      lastError: null,
      messageId: 'm1',
      sentAt: at(21),
      availableAt: at(20),
      attempts: 3,
    });
    expect(await ctx.store.reminders.countByStatus({ circleId: meeting.circleId })).toEqual({ sent: 1 });
  });

  it('claims with a lease: nobody else while it holds, anyone once it lapsed, counting attempts', async () => {
    const { reminders } = await seedReminders(ctx.store, 1, 10, 100);
    const id = reminders[0]!.id;
    expect(await ctx.store.reminders.claim(id, at(9), 'early', at(12))).toBeNull(); // not due yet
    const first = await ctx.store.reminders.claim(id, at(10), 'w1', at(15));
    expect(first).toMatchObject({ id, status: 'claimed', claimedBy: 'w1', leaseUntil: at(15), attempts: 1 });
    expect(await ctx.store.reminders.claim(id, at(10), 'w2', at(15))).toBeNull();
    expect(await ctx.store.reminders.claim(id, at(15), 'w2', at(20))).toBeNull(); // lease holds up to its end
    const second = await ctx.store.transaction((tx) => tx.reminders.claim(id, at(16), 'w2', at(21)));
    expect(second).toMatchObject({ status: 'claimed', claimedBy: 'w2', leaseUntil: at(21), attempts: 2 });
    // The first worker's late completion is refused: the row is the second worker's now.
    expect(
      await ctx.store.reminders.updateIf(
        id,
        ['claimed'],
        { status: 'sent', sentAt: at(17) },
        { claimedBy: 'w1' },
      ),
    ).toBe(false);
    expect(
      await ctx.store.reminders.updateIf(
        id,
        ['claimed'],
        { status: 'sent', sentAt: at(17) },
        { claimedBy: 'w2' },
      ),
    ).toBe(true);
    expect(await ctx.store.reminders.claim(id, at(30), 'w3', at(35))).toBeNull(); // sent: never again
  });

  it('does not claim an expired reminder, even with a lapsed lease', async () => {
    const { reminders } = await seedReminders(ctx.store, 2, 10, 20);
    const [a, b] = reminders;
    expect(await ctx.store.reminders.claim(a!.id, at(20), 'w', at(25))).toBeNull(); // expires at 20
    expect(await ctx.store.reminders.claim(b!.id, at(12), 'w', at(30))).not.toBeNull();
    expect(await ctx.store.reminders.claim(b!.id, at(31), 'w2', at(40))).toBeNull();
  });
});

describe.each(databases)('the reminder outbox queries on $name', (factory) => {
  const ctx = useStore(factory);

  it('lists claimable reminders oldest first with a limit, and expires overdue pending and abandoned ones', async () => {
    const { meeting } = await seedMeeting(ctx.store);
    const r = (kind: ReminderKind, offset: number, due: number, expires: number) =>
      reminder(meeting, due, expires, kind, offset);
    await ctx.store.reminders.createMany([
      r('start', 1, 30, 100), // due, pending
      r('start', 2, 10, 100), // due, will be claimed with a lapsed lease
      r('start', 3, 20, 100), // due, will be claimed with a lease that holds
      r('start', 4, 41, 100), // not due yet
      r('start', 5, 5, 40), // due but expires at 40 = now: expired
      r('start', 6, 0, 30), // expired long ago
      r('reflection', 7, 1, 100), // due, will be sent
      r('reflection', 8, 2, 30), // claimed, lease lapsed, expired: its worker died, so it expires
    ]);
    const byOffset = new Map(
      (await ctx.store.reminders.listForMeeting(meeting.id)).map((row) => [row.offsetMinutes, row.id]),
    );
    const id = (offset: number) => byOffset.get(offset)!;
    expect(await ctx.store.reminders.claim(id(2), at(10), 'w', at(35))).not.toBeNull();
    expect(await ctx.store.reminders.claim(id(3), at(20), 'w', at(50))).not.toBeNull();
    expect(await ctx.store.reminders.claim(id(8), at(20), 'w', at(25))).not.toBeNull();
    expect(await ctx.store.reminders.updateIf(id(7), ['pending'], { status: 'sent' })).toBe(true);

    const now = at(40);
    const claimable = await ctx.store.reminders.listClaimable(now, 10);
    expect(claimable.map((row) => row.offsetMinutes)).toEqual([2, 1]);
    expect((await ctx.store.reminders.listClaimable(now, 1)).map((row) => row.offsetMinutes)).toEqual([2]);
    expect((await ctx.store.reminders.listClaimable(at(41), 10)).map((row) => row.offsetMinutes)).toEqual([
      2, 1, 4,
    ]);

    expect(await ctx.store.reminders.expireOverdue(now)).toBe(3);
    expect(await ctx.store.reminders.expireOverdue(now)).toBe(0);
    const statuses = new Map(
      (await ctx.store.reminders.listForMeeting(meeting.id)).map((row) => [row.offsetMinutes, row.status]),
    );
    expect(Object.fromEntries(statuses)).toEqual({
      1: 'pending',
      2: 'claimed',
      3: 'claimed',
      4: 'pending',
      5: 'expired',
      6: 'expired',
      7: 'sent',
      8: 'expired',
    });
    expect(await ctx.store.reminders.countByStatus()).toEqual({
      pending: 2,
      claimed: 2,
      expired: 3,
      sent: 1,
    });
    // At 100 the rest have expired: pending ones, and claimed ones whose leases lapsed.
    expect(await ctx.store.transaction((tx) => tx.reminders.expireOverdue(at(100)))).toBe(4);
    expect(await ctx.store.transaction((tx) => tx.reminders.listClaimable(at(100), 10))).toEqual([]);
    expect(await ctx.store.reminders.countByStatus()).toEqual({ expired: 7, sent: 1 });
  });
});

describe.each(databases)('two schedulers on one $name database', (factory) => {
  const ctx = useStores(factory, 2);

  it('create each reminder once when they materialise the same reminders at once', async () => {
    const [one, two] = ctx.stores as [Store, Store];
    const { meeting } = await seedMeeting(one);
    const wanted = Array.from({ length: 30 }, (_, i) => reminder(meeting, 10, 100, 'start', i));
    const counts = await Promise.all([
      one.reminders.createMany(wanted),
      two.reminders.createMany([...wanted].reverse()),
      two.transaction((tx) => tx.reminders.createMany(wanted.slice(10))),
    ]);
    expect(counts.reduce((sum, n) => sum + n, 0)).toBe(30);
    expect(await one.reminders.listForMeeting(meeting.id)).toHaveLength(30);
  });

  it('claim each of 50 reminders exactly once when both race for all of them', async () => {
    const [one, two] = ctx.stores as [Store, Store];
    const { meeting, reminders } = await seedReminders(one, 50, 10, 100);
    const now = at(10);
    // Each reminder is asked for by both stores back to back, in alternating order.
    const claims = reminders.flatMap((row, i) => {
      const byOne = () => one.reminders.claim(row.id, now, 'one', at(15));
      const byTwo = () => two.reminders.claim(row.id, now, 'two', at(15));
      return i % 2 === 0 ? [byOne(), byTwo()] : [byTwo(), byOne()];
    });
    const results = await Promise.all(claims);
    const winners = results.filter((row) => row !== null);
    expect(winners.filter((row) => row.claimedBy === 'one').length).toBeGreaterThan(0);
    expect(winners.filter((row) => row.claimedBy === 'two').length).toBeGreaterThan(0);
    expect(winners).toHaveLength(50);
    expect(new Set(winners.map((row) => row.id)).size).toBe(50);
    for (const row of winners) expect(row).toMatchObject({ attempts: 1, status: 'claimed' });
    const mine = (rows: { meetingId: string }[]) => rows.filter((row) => row.meetingId === meeting.id);
    expect(mine(await two.reminders.listClaimable(at(14), 200))).toEqual([]);
    expect(mine(await one.reminders.listClaimable(at(16), 200))).toHaveLength(50);
  });
});
