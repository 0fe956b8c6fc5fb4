import { describe, expect, it } from 'vitest';
import { StoreMisuseError } from '../../src/db/prisma-store.js';
import type { Repositories } from '../../src/services/kernel/store.js';
import { databases } from '../support/databases.js';
import { at, newCircle, uid, useStore } from './fixtures.js';

/** Resolves once `parties` callers arrived, or after `ms`. */
function barrier(parties: number, ms: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((resolve) => (release = resolve));
  return () => {
    arrived += 1;
    if (arrived >= parties) release();
    return Promise.race([all, new Promise<void>((resolve) => setTimeout(resolve, ms))]);
  };
}

describe.each(databases)('store transactions on $name', (factory) => {
  // A small pool: a connection leaked by a failed COMMIT would soon starve it (see adapter-guard.ts).
  const ctx = useStore(factory, { poolSize: 4, transactions: { attempts: 6, backoffMs: 2 } });

  it('commits everything written through tx', async () => {
    const input = newCircle();
    const circle = await ctx.store.transaction(async (tx) => {
      const created = await tx.circles.create(input);
      await tx.memberships.upsert(created.id, 'u1', { status: 'active', statusSince: at(1) }, at(1));
      await tx.audit.record({
        guildId: input.guildId,
        circleId: created.id,
        actorId: 'u1',
        action: 'circle.create',
        detail: {},
        at: at(1),
      });
      return created;
    });
    expect(await ctx.store.circles.findById(circle.id)).toEqual(circle);
    expect(await ctx.store.memberships.countSeats(circle.id)).toBe(1);
    expect(await ctx.store.audit.list({ guildId: input.guildId })).toHaveLength(1);
  });

  it('rolls back everything when work throws', async () => {
    const input = newCircle();
    const key = uid('key');
    const failure = new Error('boom');
    await expect(
      ctx.store.transaction(async (tx) => {
        const created = await tx.circles.create(input);
        await tx.memberships.upsert(created.id, 'u1', { status: 'active', statusSince: at(1) }, at(1));
        await tx.audit.record({
          guildId: input.guildId,
          circleId: created.id,
          actorId: 'u1',
          action: 'x',
          detail: {},
          at: at(1),
        });
        await tx.keyValues.set(key, 'v');
        expect(await tx.circles.findById(created.id)).not.toBeNull();
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(await ctx.store.circles.findByName(input.guildId, input.name)).toBeNull();
    expect(await ctx.store.circles.findByChannel(input.textChannelId)).toBeNull();
    expect(await ctx.store.audit.list({ guildId: input.guildId })).toEqual([]);
    expect(await ctx.store.keyValues.get(key)).toBeNull();
  });

  it('rolls back on a DuplicateError inside the transaction and lets it through', async () => {
    const first = await ctx.store.circles.create(newCircle({ name: 'Taken' }));
    const error = await ctx.store
      .transaction(async (tx) => {
        await tx.keyValues.set('dup-probe', 'written');
        await tx.circles.create(newCircle({ guildId: first.guildId, name: 'taken' }));
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DuplicateError' });
    expect(await ctx.store.keyValues.get('dup-probe')).toBeNull();
  });

  it('keeps a write made outside a transaction that is open at the same time and rolls back', async () => {
    const key = uid('key');
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const failing = ctx.store.transaction(async (tx) => {
      await tx.keyValues.set(`${key}-tx`, 'tx');
      entered();
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error('rollback');
    });
    const outside = Promise.race([inside, new Promise((resolve) => setTimeout(resolve, 500))]).then(() =>
      ctx.store.keyValues.set(key, 'outside'),
    );
    await expect(failing).rejects.toThrow('rollback');
    await outside;
    expect(await ctx.store.keyValues.get(key)).toBe('outside');
    expect(await ctx.store.keyValues.get(`${key}-tx`)).toBeNull();
  });

  it('gives the last place to exactly one of several concurrent read-count-then-insert transactions', async () => {
    for (let round = 0; round < 3; round++) {
      const circle = await ctx.store.circles.create(newCircle({ capacity: 2 }));
      await ctx.store.memberships.upsert(circle.id, 'first', { status: 'active', statusSince: at(0) }, at(0));
      const contenders = 4;
      // Make all contenders read before any writes. SQLite runs one transaction at a time (no overlap to force).
      const arrive = barrier(contenders, factory.name === 'sqlite' ? 0 : 1000);
      let calls = 0;
      const takeLastPlace = (userId: string) =>
        ctx.store.transaction(async (tx: Repositories) => {
          calls += 1;
          const seats = await tx.memberships.countSeats(circle.id);
          if (calls <= contenders) await arrive();
          if (seats >= circle.capacity) return false;
          await tx.memberships.upsert(circle.id, userId, { status: 'pending', statusSince: at(1) }, at(1));
          return true;
        });
      const results = await Promise.all(
        Array.from({ length: contenders }, (_, i) => takeLastPlace(`user-${i}`)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await ctx.store.memberships.countSeats(circle.id)).toBe(2);
      if (factory.name === 'postgresql') expect(calls).toBeGreaterThan(contenders); // conflicts were retried
    }
  });

  it('retries a serialization failure a few times, then gives up', async () => {
    let calls = 0;
    const conflict = Object.assign(new Error('Transaction failed due to a write conflict or a deadlock'), {
      code: 'P2034',
    });
    await expect(
      ctx.store.transaction(() => {
        calls += 1;
        return Promise.reject(conflict);
      }),
    ).rejects.toBe(conflict);
    expect(calls).toBe(6);
    calls = 0;
    await expect(
      ctx.store.transaction(() => {
        calls += 1;
        if (calls < 3)
          return Promise.reject(Object.assign(new Error('could not serialize access'), { code: '40001' }));
        return Promise.resolve('done');
      }),
    ).resolves.toBe('done');
    expect(calls).toBe(3);
  });

  it('refuses the store itself (instead of tx) and nested transactions inside a transaction', async () => {
    await expect(ctx.store.transaction(() => ctx.store.keyValues.get('x'))).rejects.toBeInstanceOf(
      StoreMisuseError,
    );
    await expect(
      ctx.store.transaction(() => ctx.store.transaction(() => Promise.resolve(1))),
    ).rejects.toBeInstanceOf(StoreMisuseError);
    await expect(ctx.store.transaction(async (tx) => tx.keyValues.get('x'))).resolves.toBeNull();
  });
});
