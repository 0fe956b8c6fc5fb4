import { describe, expect, it } from 'vitest';
import { DuplicateError, NotFoundError } from '../../../src/services/kernel/errors.js';
import { databases } from '../../support/databases.js';
import { newCircle, uid, useStore } from '../fixtures.js';

describe.each(databases)('circle repository on $name', (factory) => {
  const ctx = useStore(factory);

  it('creates a circle with its first agreement and finds it by id, name and channel', async () => {
    const input = newCircle({ name: 'Tuesday Balint' });
    const circle = await ctx.store.circles.create(input);
    expect(circle).toMatchObject({
      guildId: input.guildId,
      name: 'Tuesday Balint',
      kind: 'balint',
      capacity: 8,
      state: 'open',
      facilitation: 'rotating',
      textChannelId: input.textChannelId,
      voiceChannelId: input.voiceChannelId,
      agreementVersion: 1,
      createdAt: input.createdAt,
      archivedAt: null,
    });
    expect(circle.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await ctx.store.agreements.get(circle.id, 1)).toEqual({
      circleId: circle.id,
      version: 1,
      text: input.agreementText,
      createdBy: input.createdBy,
      createdAt: input.createdAt,
    });
    expect(await ctx.store.circles.findById(circle.id)).toEqual(circle);
    expect(await ctx.store.circles.findByName(input.guildId, 'tUESDAY balint')).toEqual(circle);
    expect(await ctx.store.circles.findByChannel(input.textChannelId)).toEqual(circle);
    expect(await ctx.store.circles.findByChannel(input.voiceChannelId)).toEqual(circle);
  });

  it('returns null for unknown circles', async () => {
    expect(await ctx.store.circles.findById('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await ctx.store.circles.findByName(uid('guild'), 'nobody')).toBeNull();
    expect(await ctx.store.circles.findByChannel(uid('chan'))).toBeNull();
  });

  it('refuses a taken name in another case with DuplicateError, but allows it in another server', async () => {
    const first = await ctx.store.circles.create(newCircle({ name: 'Peer Review' }));
    const error = await ctx.store.circles
      .create(newCircle({ guildId: first.guildId, name: 'PEER review' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DuplicateError);
    expect((error as DuplicateError).target).toBe('Circle.guildId,nameKey');
    await expect(ctx.store.circles.create(newCircle({ name: 'PEER review' }))).resolves.toMatchObject({
      name: 'PEER review',
    });
    // Nothing half-written: still one circle of that name, no agreement of the refused one.
    expect(await ctx.store.circles.list(first.guildId, { states: ['open'] })).toHaveLength(1);
  });

  it('refuses a channel that another circle uses', async () => {
    const first = await ctx.store.circles.create(newCircle());
    await expect(
      ctx.store.circles.create(newCircle({ textChannelId: first.textChannelId })),
    ).rejects.toMatchObject({
      name: 'DuplicateError',
      target: 'Circle.textChannelId',
    });
  });

  it('lists by state, ordered by name case-insensitively, with prefix and limit', async () => {
    const guildId = uid('guild');
    const names = ['beta', 'Alpha', 'alpine', 'Gamma', '50%_off', '50x'];
    const created = [];
    for (const name of names) created.push(await ctx.store.circles.create(newCircle({ guildId, name })));
    await ctx.store.circles.update(created[3]!.id, { state: 'locked' });
    await ctx.store.circles.create(newCircle({ name: 'Alpha' })); // another server

    const open = await ctx.store.circles.list(guildId, { states: ['open'] });
    expect(open.map((c) => c.name)).toEqual(['50%_off', '50x', 'Alpha', 'alpine', 'beta']);
    const all = await ctx.store.circles.list(guildId, { states: ['open', 'locked', 'archived'] });
    expect(all.map((c) => c.name)).toEqual(['50%_off', '50x', 'Alpha', 'alpine', 'beta', 'Gamma']);
    expect((await ctx.store.circles.list(guildId, { states: ['locked'] })).map((c) => c.name)).toEqual([
      'Gamma',
    ]);
    expect(
      (await ctx.store.circles.list(guildId, { states: ['open'], prefix: 'AL' })).map((c) => c.name),
    ).toEqual(['Alpha', 'alpine']);
    expect(
      (await ctx.store.circles.list(guildId, { states: ['open'], prefix: 'al', limit: 1 })).map(
        (c) => c.name,
      ),
    ).toEqual(['Alpha']);
    expect(
      (await ctx.store.circles.list(guildId, { states: ['open'], limit: 2 })).map((c) => c.name),
    ).toEqual(['50%_off', '50x']);
    // LIKE wildcards in a prefix are literal characters.
    expect(
      (await ctx.store.circles.list(guildId, { states: ['open'], prefix: '50%' })).map((c) => c.name),
    ).toEqual(['50%_off']);
    expect(await ctx.store.circles.list(guildId, { states: ['open'], prefix: '_' })).toEqual([]);
    expect(await ctx.store.circles.list(guildId, { states: [] })).toEqual([]);
  });

  it('updates name, capacity, state, agreement version and archive time', async () => {
    const circle = await ctx.store.circles.create(newCircle({ name: 'Old name' }));
    const archivedAt = new Date('2026-02-01T12:30:00.123Z');
    const updated = await ctx.store.circles.update(circle.id, {
      name: 'New Name',
      capacity: 3,
      state: 'archived',
      agreementVersion: 2,
      archivedAt,
    });
    expect(updated).toEqual({
      ...circle,
      name: 'New Name',
      capacity: 3,
      state: 'archived',
      agreementVersion: 2,
      archivedAt,
    });
    expect(await ctx.store.circles.findByName(circle.guildId, 'new name')).toEqual(updated);
    expect(await ctx.store.circles.findByName(circle.guildId, 'old name')).toBeNull();
    expect(await ctx.store.circles.update(circle.id, { archivedAt: null })).toMatchObject({
      archivedAt: null,
    });
    expect(await ctx.store.circles.update(circle.id, {})).toMatchObject({ name: 'New Name' });
  });

  it('marks a circle exposed once, however many processes notice, and only a graver exposure replaces it', async () => {
    const circle = await ctx.store.circles.create(newCircle());
    expect(circle).toMatchObject({ exposure: null, exposedAt: null });
    const first = new Date('2026-02-01T10:00:00.000Z');
    const noticed = await Promise.all(
      Array.from({ length: 4 }, () => ctx.store.circles.markExposed(circle.id, 'unsettled', first)),
    );
    expect(noticed.filter(Boolean)).toHaveLength(1);
    expect(await ctx.store.circles.findById(circle.id)).toMatchObject({
      exposure: 'unsettled',
      exposedAt: first,
    });
    const later = new Date('2026-02-01T11:00:00.000Z');
    expect(await ctx.store.circles.markExposed(circle.id, 'channel-missing', later)).toBe(true);
    expect(await ctx.store.circles.markExposed(circle.id, 'repair-failed', later)).toBe(false);
    expect(await ctx.store.circles.markExposed(circle.id, 'channel-missing', later)).toBe(false);
    expect(await ctx.store.circles.findById(circle.id)).toMatchObject({
      exposure: 'channel-missing',
      exposedAt: first,
    });

    expect(await ctx.store.circles.clearExposure(circle.id, ['unsettled', 'repair-failed'])).toBe(false);
    expect(await ctx.store.circles.clearExposure(circle.id, ['channel-missing'])).toBe(true);
    expect(await ctx.store.circles.findById(circle.id)).toMatchObject({ exposure: null, exposedAt: null });
    expect(await ctx.store.circles.clearExposure(circle.id, ['channel-missing'])).toBe(false);
  });

  it('moves a circle to new channel ids', async () => {
    const circle = await ctx.store.circles.create(newCircle());
    const textChannelId = uid('text');
    expect(await ctx.store.circles.update(circle.id, { textChannelId })).toMatchObject({
      textChannelId,
      voiceChannelId: circle.voiceChannelId,
    });
    expect(await ctx.store.circles.findByChannel(textChannelId)).toMatchObject({ id: circle.id });
    expect(await ctx.store.circles.findByChannel(circle.textChannelId)).toBeNull();
  });

  it('refuses a rename to a taken name and an update of an unknown circle', async () => {
    const first = await ctx.store.circles.create(newCircle({ name: 'One' }));
    const second = await ctx.store.circles.create(newCircle({ guildId: first.guildId, name: 'Two' }));
    await expect(ctx.store.circles.update(second.id, { name: 'ONE' })).rejects.toBeInstanceOf(DuplicateError);
    await expect(ctx.store.circles.update(second.id, { name: 'two' })).resolves.toMatchObject({
      name: 'two',
    });
    await expect(
      ctx.store.circles.update('00000000-0000-4000-8000-000000000000', { capacity: 2 }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('gives a new circle the meeting defaults and updates leaders, reminder leads and the reflection prompt', async () => {
    const circle = await ctx.store.circles.create(newCircle());
    expect(circle).toMatchObject({
      leaderId: null,
      coLeaderId: null,
      reminderLeadMinutes: [15],
      reflectionPrompt: false,
    });
    const updated = await ctx.store.circles.update(circle.id, {
      leaderId: 'lead',
      coLeaderId: 'co',
      reminderLeadMinutes: [15, 1440, 60, 15],
      reflectionPrompt: true,
    });
    expect(updated).toMatchObject({
      leaderId: 'lead',
      coLeaderId: 'co',
      reminderLeadMinutes: [1440, 60, 15],
      reflectionPrompt: true,
    });
    expect(await ctx.store.circles.findById(circle.id)).toEqual(updated);
    const cleared = await ctx.store.circles.update(circle.id, {
      coLeaderId: null,
      reminderLeadMinutes: [],
    });
    expect(cleared).toMatchObject({ leaderId: 'lead', coLeaderId: null, reminderLeadMinutes: [] });
  });
});
