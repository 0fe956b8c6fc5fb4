import { describe, expect, it } from 'vitest';
import { DuplicateError, NotFoundError } from '../../../src/services/kernel/errors.js';
import { databases } from '../../support/databases.js';
import { at, newCircle, uid, useStore } from '../fixtures.js';

describe.each(databases)('membership repository on $name', (factory) => {
  const ctx = useStore(factory);

  it('creates a membership, finds it, and reuses the row when someone who left comes back', async () => {
    const circle = await ctx.store.circles.create(newCircle());
    const userId = uid('user');
    expect(await ctx.store.memberships.find(circle.id, userId)).toBeNull();
    const created = await ctx.store.memberships.upsert(
      circle.id,
      userId,
      { status: 'pending', statusSince: at(1) },
      at(1),
    );
    expect(created).toEqual({
      id: expect.any(String) as unknown,
      circleId: circle.id,
      userId,
      status: 'pending',
      statusSince: at(1),
      acceptedVersion: null,
      acceptedAt: null,
      createdAt: at(1),
    });
    expect(await ctx.store.memberships.find(circle.id, userId)).toEqual(created);
    await ctx.store.memberships.update(created.id, { status: 'left', statusSince: at(2) });
    const back = await ctx.store.memberships.upsert(
      circle.id,
      userId,
      { status: 'waitlisted', statusSince: at(3) },
      at(3),
    );
    expect(back).toEqual({ ...created, status: 'waitlisted', statusSince: at(3) });
  });

  it('updates status and acceptance, including back to null', async () => {
    const circle = await ctx.store.circles.create(newCircle());
    const m = await ctx.store.memberships.upsert(
      circle.id,
      uid('user'),
      { status: 'pending', statusSince: at(1) },
      at(1),
    );
    const accepted = await ctx.store.memberships.update(m.id, {
      status: 'active',
      statusSince: at(5),
      acceptedVersion: 1,
      acceptedAt: at(5),
    });
    expect(accepted).toEqual({
      ...m,
      status: 'active',
      statusSince: at(5),
      acceptedVersion: 1,
      acceptedAt: at(5),
    });
    expect(await ctx.store.memberships.update(m.id, { acceptedVersion: null, acceptedAt: null })).toEqual({
      ...accepted,
      acceptedVersion: null,
      acceptedAt: null,
    });
    await expect(
      ctx.store.memberships.update('00000000-0000-4000-8000-000000000000', { status: 'left' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists a circle by status, oldest statusSince first, and counts pending plus active seats', async () => {
    const circle = await ctx.store.circles.create(newCircle());
    const add = (status: 'waitlisted' | 'pending' | 'active' | 'left', minute: number) =>
      ctx.store.memberships.upsert(circle.id, uid('user'), { status, statusSince: at(minute) }, at(minute));
    const w2 = await add('waitlisted', 20);
    const w1 = await add('waitlisted', 10);
    const p = await add('pending', 5);
    const a = await add('active', 1);
    await add('left', 2);
    expect((await ctx.store.memberships.listByCircle(circle.id, ['waitlisted'])).map((m) => m.id)).toEqual([
      w1.id,
      w2.id,
    ]);
    expect(
      (await ctx.store.memberships.listByCircle(circle.id, ['active', 'pending'])).map((m) => m.id),
    ).toEqual([a.id, p.id]);
    expect(await ctx.store.memberships.listByCircle(circle.id, [])).toEqual([]);
    expect(await ctx.store.memberships.countSeats(circle.id)).toBe(2);
    expect(await ctx.store.memberships.countSeats(uid('circle'))).toBe(0);
  });

  it("lists a user's memberships in one server with their circles, ordered by circle name", async () => {
    const guildId = uid('guild');
    const userId = uid('user');
    const zeta = await ctx.store.circles.create(newCircle({ guildId, name: 'zeta' }));
    const alpha = await ctx.store.circles.create(newCircle({ guildId, name: 'Alpha' }));
    const gone = await ctx.store.circles.create(newCircle({ guildId, name: 'gone' }));
    const elsewhere = await ctx.store.circles.create(newCircle({ name: 'elsewhere' }));
    for (const c of [zeta, alpha, elsewhere]) {
      await ctx.store.memberships.upsert(c.id, userId, { status: 'active', statusSince: at(1) }, at(1));
    }
    await ctx.store.memberships.upsert(gone.id, userId, { status: 'left', statusSince: at(1) }, at(1));
    await ctx.store.memberships.upsert(
      alpha.id,
      uid('user'),
      { status: 'active', statusSince: at(1) },
      at(1),
    );

    const mine = await ctx.store.memberships.listByUser(guildId, userId, ['active', 'pending']);
    expect(mine.map((m) => m.circle.name)).toEqual(['Alpha', 'zeta']);
    expect(mine[0]).toMatchObject({ userId, circleId: alpha.id, status: 'active', circle: alpha });
    expect(
      (await ctx.store.memberships.listByUser(guildId, userId, ['left'])).map((m) => m.circleId),
    ).toEqual([gone.id]);
  });
});

describe.each(databases)('agreement repository on $name', (factory) => {
  const ctx = useStore(factory);

  it('adds versions and refuses an existing one', async () => {
    const circle = await ctx.store.circles.create(newCircle());
    const v2 = {
      circleId: circle.id,
      version: 2,
      text: 'Second text',
      createdBy: uid('user'),
      createdAt: at(30),
    };
    expect(await ctx.store.agreements.add(v2)).toEqual(v2);
    expect(await ctx.store.agreements.get(circle.id, 2)).toEqual(v2);
    expect(await ctx.store.agreements.get(circle.id, 3)).toBeNull();
    const error = await ctx.store.agreements.add({ ...v2, text: 'again' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateError);
    expect((error as DuplicateError).target).toBe('Agreement.circleId,version');
  });

  it('records acceptances idempotently and lists them oldest first', async () => {
    const circle = await ctx.store.circles.create(newCircle());
    await ctx.store.agreements.add({
      circleId: circle.id,
      version: 2,
      text: 'v2',
      createdBy: 'x',
      createdAt: at(10),
    });
    const userId = uid('user');
    expect(await ctx.store.agreements.acceptances(circle.id, userId)).toEqual([]);
    await ctx.store.agreements.recordAcceptance({ circleId: circle.id, userId, version: 1, at: at(1) });
    await ctx.store.agreements.recordAcceptance({ circleId: circle.id, userId, version: 2, at: at(11) });
    await ctx.store.agreements.recordAcceptance({ circleId: circle.id, userId, version: 1, at: at(20) });
    await ctx.store.agreements.recordAcceptance({
      circleId: circle.id,
      userId: uid('user'),
      version: 1,
      at: at(2),
    });
    expect(await ctx.store.agreements.acceptances(circle.id, userId)).toEqual([
      { version: 1, at: at(1) },
      { version: 2, at: at(11) },
    ]);
  });

  it('refuses an acceptance of a version that does not exist', async () => {
    const circle = await ctx.store.circles.create(newCircle());
    await expect(
      ctx.store.agreements.recordAcceptance({
        circleId: circle.id,
        userId: uid('user'),
        version: 9,
        at: at(1),
      }),
    ).rejects.toThrow();
  });
});
