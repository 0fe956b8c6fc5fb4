import { describe, expect, it } from 'vitest';
import { databases } from '../../support/databases.js';
import { at, uid, useStore } from '../fixtures.js';

describe.each(databases)('guild settings, audit and key-value repositories on $name', (factory) => {
  const ctx = useStore(factory);

  it('saves and replaces guild settings', async () => {
    const guildId = uid('guild');
    expect(await ctx.store.guilds.get(guildId)).toBeNull();
    const settings = {
      guildId,
      moderatorRoleId: uid('role'),
      categoryId: null,
      modLogChannelId: uid('chan'),
      keepAttendanceYears: null,
      keepAuditYears: 6,
      keepEndedMembershipYears: 0,
    };
    expect(await ctx.store.guilds.save(settings)).toEqual(settings);
    expect(await ctx.store.guilds.get(guildId)).toEqual(settings);
    const changed = { ...settings, moderatorRoleId: null, categoryId: uid('cat') };
    expect(await ctx.store.guilds.save(changed)).toEqual(changed);
    expect(await ctx.store.guilds.get(guildId)).toEqual(changed);
  });

  it('records audit events and lists them newest first, by server or circle, with a limit', async () => {
    const guildId = uid('guild');
    const circleId = uid('circle');
    const event = (action: string, minute: number, circle: string | null = circleId) => ({
      guildId,
      circleId: circle,
      actorId: 'actor',
      action,
      detail: { userIds: ['a', 'b'], count: minute, ok: true, note: 'ids only' },
      at: at(minute),
    });
    await ctx.store.audit.record(event('circle.create', 1));
    await ctx.store.audit.record(event('settings.save', 2, null));
    await ctx.store.audit.record(event('member.join', 3));
    await ctx.store.audit.record(event('member.leave', 3));
    await ctx.store.audit.record({ ...event('elsewhere', 4), guildId: uid('guild') });

    const all = await ctx.store.audit.list({ guildId });
    expect(all.map((e) => e.action)).toEqual([
      'member.leave',
      'member.join',
      'settings.save',
      'circle.create',
    ]);
    expect(all[3]).toEqual(event('circle.create', 1));
    expect(all[2]?.circleId).toBeNull();
    expect((await ctx.store.audit.list({ guildId, circleId })).map((e) => e.action)).toEqual([
      'member.leave',
      'member.join',
      'circle.create',
    ]);
    expect((await ctx.store.audit.list({ guildId, limit: 1 })).map((e) => e.action)).toEqual([
      'member.leave',
    ]);
  });

  it('gets and sets key-values, also concurrently', async () => {
    const key = uid('key');
    expect(await ctx.store.keyValues.get(key)).toBeNull();
    await ctx.store.keyValues.set(key, 'one');
    expect(await ctx.store.keyValues.get(key)).toBe('one');
    await ctx.store.keyValues.set(key, 'two');
    expect(await ctx.store.keyValues.get(key)).toBe('two');
    const fresh = uid('key');
    await Promise.all(['a', 'b', 'c', 'd'].map((value) => ctx.store.keyValues.set(fresh, value)));
    expect(['a', 'b', 'c', 'd']).toContain(await ctx.store.keyValues.get(fresh));
  });
});
