import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../src/services/meetings/model.js';
import { databases } from '../../support/databases.js';
import { at, newCircle, useStore } from '../fixtures.js';

describe.each(databases)('schedule repository on $name', (factory) => {
  const ctx = useStore(factory);

  it('saves, replaces and lists due schedules of live circles only, oldest first, with a limit', async () => {
    const schedule = (circleId: string, minute: number): Schedule => ({
      circleId,
      weekday: 2,
      localTime: '19:30',
      timeZone: 'Europe/Berlin',
      everyWeeks: 1,
      durationMinutes: 90,
      startsOn: '2026-01-06',
      revision: 1,
      materialisedUntil: at(minute),
      createdBy: 'mod',
      updatedAt: at(0),
    });
    const [a, b, archived, locked, later] = await Promise.all(
      [1, 2, 3, 4, 5].map(() => ctx.store.circles.create(newCircle())),
    );
    expect(await ctx.store.schedules.get(a!.id)).toBeNull();
    expect(await ctx.store.schedules.save(schedule(a!.id, 30))).toEqual(schedule(a!.id, 30));
    const replaced = { ...schedule(a!.id, 20), weekday: 7 as const, revision: 2, localTime: '08:00' };
    expect(await ctx.store.schedules.save(replaced)).toEqual(replaced);
    expect(await ctx.store.schedules.get(a!.id)).toEqual(replaced);
    await ctx.store.schedules.save(schedule(b!.id, 10));
    await ctx.store.schedules.save(schedule(archived!.id, 5));
    await ctx.store.schedules.save(schedule(locked!.id, 25));
    await ctx.store.schedules.save(schedule(later!.id, 100));
    await ctx.store.circles.update(archived!.id, { state: 'archived', archivedAt: at(1) });
    await ctx.store.circles.update(locked!.id, { state: 'locked' });

    const due = await ctx.store.schedules.listDue(at(100), 10);
    const ids = [b!.id, a!.id, locked!.id];
    expect(
      due.filter((s) => ids.includes(s.circleId) || s.circleId === archived!.id).map((s) => s.circleId),
    ).toEqual(ids);
    expect(due.map((s) => s.circleId)).not.toContain(later!.id); // materialised up to exactly `before`
    expect(await ctx.store.schedules.listDue(at(100), 1)).toHaveLength(1);
  });

  it('lists the distinct time zones of one server’s live circles, the most used first', async () => {
    const guildId = 'guild-zones';
    const schedule = (circleId: string, timeZone: string): Schedule => ({
      circleId,
      weekday: 2,
      localTime: '19:30',
      timeZone,
      everyWeeks: 1,
      durationMinutes: 90,
      startsOn: '2026-01-06',
      revision: 1,
      materialisedUntil: at(0),
      createdBy: 'mod',
      updatedAt: at(0),
    });
    const [a, b, c, archived, elsewhere] = await Promise.all(
      [guildId, guildId, guildId, guildId, 'guild-other'].map((g) =>
        ctx.store.circles.create(newCircle({ guildId: g })),
      ),
    );
    expect(await ctx.store.schedules.timeZonesOfGuild(guildId)).toEqual([]);
    await ctx.store.schedules.save(schedule(a!.id, 'Europe/Berlin'));
    await ctx.store.schedules.save(schedule(b!.id, 'America/Halifax'));
    await ctx.store.schedules.save(schedule(c!.id, 'America/Halifax'));
    await ctx.store.schedules.save(schedule(archived!.id, 'Asia/Tokyo'));
    await ctx.store.schedules.save(schedule(elsewhere!.id, 'Pacific/Auckland'));
    await ctx.store.circles.update(archived!.id, { state: 'archived', archivedAt: at(1) });
    expect(await ctx.store.schedules.timeZonesOfGuild(guildId)).toEqual(['America/Halifax', 'Europe/Berlin']);
  });
});
