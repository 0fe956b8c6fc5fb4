import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../src/services/kernel/errors.js';
import type { NewMeeting } from '../../../src/services/meetings/model.js';
import { databases } from '../../support/databases.js';
import { at, newCircle, seedMeeting, uid, useStore, useStores } from '../fixtures.js';

function meetingsOf(circle: { id: string; guildId: string }, days: number[]): NewMeeting[] {
  return days.map((day) => ({
    circleId: circle.id,
    guildId: circle.guildId,
    occurrence: `r1:2026-02-${String(day).padStart(2, '0')}`,
    startsAt: at(day * 24 * 60),
    endsAt: at(day * 24 * 60 + 90),
  }));
}

describe.each(databases)('meeting and attendance repositories on $name', (factory) => {
  const ctx = useStore(factory);

  it('creates only the missing meetings and returns those it created', async () => {
    const circle = await ctx.store.circles.create(newCircle());
    const first = await ctx.store.meetings.createMany(meetingsOf(circle, [3, 10]));
    expect(first).toHaveLength(2);
    expect(first[0]).toMatchObject({
      ...meetingsOf(circle, [3])[0],
      status: 'scheduled',
      movedFrom: null,
      facilitatorId: null,
      coFacilitatorId: null,
      scheduledEventId: null,
    });
    expect(first[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first[0]!.createdAt).toBeInstanceOf(Date);

    const second = await ctx.store.meetings.createMany(meetingsOf(circle, [3, 10, 17, 17, 24]));
    expect(second.map((m) => m.occurrence)).toEqual(['r1:2026-02-17', 'r1:2026-02-24']);
    expect(await ctx.store.meetings.createMany(meetingsOf(circle, [3, 10, 17, 24]))).toEqual([]);
    expect(await ctx.store.meetings.createMany([])).toEqual([]);
    expect(await ctx.store.meetings.findById(first[0]!.id)).toEqual(first[0]);
    expect(await ctx.store.meetings.findByOccurrence(circle.id, 'r1:2026-02-10')).toEqual(first[1]);
    expect(await ctx.store.meetings.findByOccurrence(circle.id, 'r2:2026-02-10')).toBeNull();
    expect(await ctx.store.meetings.findById(uid('meeting'))).toBeNull();
  });

  it('creates missing meetings inside a transaction, and rolls them back with it', async () => {
    const circle = await ctx.store.circles.create(newCircle());
    await ctx.store.meetings.createMany(meetingsOf(circle, [1]));
    const created = await ctx.store.transaction((tx) => tx.meetings.createMany(meetingsOf(circle, [1, 2])));
    expect(created.map((m) => m.occurrence)).toEqual(['r1:2026-02-02']);
    await expect(
      ctx.store.transaction(async (tx) => {
        await tx.meetings.createMany(meetingsOf(circle, [1, 2, 3]));
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect(await ctx.store.meetings.findByOccurrence(circle.id, 'r1:2026-02-03')).toBeNull();
  });

  it('lists upcoming meetings by status, earliest start first, with a limit', async () => {
    const circle = await ctx.store.circles.create(newCircle());
    const [d1, d2, d3, d4] = await ctx.store.meetings.createMany(meetingsOf(circle, [1, 2, 3, 4]));
    await ctx.store.meetings.createMany(meetingsOf(await ctx.store.circles.create(newCircle()), [3]));
    await ctx.store.meetings.update(d3!.id, { status: 'cancelled' });
    // Moved before d2: ordered by start, not by occurrence.
    await ctx.store.meetings.update(d4!.id, {
      startsAt: at(2 * 24 * 60 - 120),
      endsAt: at(2 * 24 * 60 - 30),
      movedFrom: d4!.startsAt,
    });
    const after = d1!.endsAt; // d1 ends exactly then: not upcoming
    const upcoming = await ctx.store.meetings.listUpcoming(circle.id, after, { statuses: ['scheduled'] });
    expect(upcoming.map((m) => m.id)).toEqual([d4!.id, d2!.id]);
    expect(upcoming[0]?.movedFrom).toEqual(d4!.startsAt);
    const all = await ctx.store.meetings.listUpcoming(circle.id, at(0), {
      statuses: ['scheduled', 'cancelled'],
      limit: 3,
    });
    expect(all.map((m) => m.id)).toEqual([d1!.id, d4!.id, d2!.id]);
    expect(
      (await ctx.store.meetings.listUpcoming(circle.id, at(0), { statuses: ['cancelled'] })).map((m) => m.id),
    ).toEqual([d3!.id]);
  });

  it('updates meetings, refuses a missing one, and sets the event id only while it is as expected', async () => {
    const { meeting } = await seedMeeting(ctx.store);
    const updated = await ctx.store.meetings.update(meeting.id, {
      facilitatorId: 'f',
      coFacilitatorId: 'c',
      status: 'held',
    });
    expect(updated).toEqual({ ...meeting, facilitatorId: 'f', coFacilitatorId: 'c', status: 'held' });
    await expect(ctx.store.meetings.update(uid('meeting'), { status: 'held' })).rejects.toBeInstanceOf(
      NotFoundError,
    );

    expect(await ctx.store.meetings.setEventIdIf(meeting.id, 'other', 'e1')).toBe(false);
    expect(await ctx.store.meetings.setEventIdIf(meeting.id, null, 'e1')).toBe(true);
    expect(await ctx.store.meetings.setEventIdIf(meeting.id, null, 'e2')).toBe(false);
    expect(await ctx.store.meetings.setEventIdIf(meeting.id, 'e1', 'e2')).toBe(true);
    expect((await ctx.store.meetings.findById(meeting.id))?.scheduledEventId).toBe('e2');
    const results = await Promise.all(
      ['a', 'b', 'c'].map((next) => ctx.store.meetings.setEventIdIf(meeting.id, 'e2', next)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await ctx.store.transaction((tx) => tx.meetings.setEventIdIf(meeting.id, 'x', null))).toBe(false);
  });

  it('lists meetings with an event that ended by `before`, earliest end first, with a limit', async () => {
    const circle = await ctx.store.circles.create(newCircle());
    const base = 400 * 24 * 60; // later than the other tests' meetings
    const made = await ctx.store.meetings.createMany(
      [0, 1, 2, 3].map((i) => ({
        circleId: circle.id,
        guildId: circle.guildId,
        occurrence: `r1:2027-02-0${i + 1}`,
        startsAt: at(base + i * 100),
        endsAt: at(base + i * 100 + 60),
      })),
    );
    await ctx.store.meetings.update(made[0]!.id, { scheduledEventId: 'ev0' });
    await ctx.store.meetings.update(made[2]!.id, { scheduledEventId: 'ev2' });
    await ctx.store.meetings.update(made[3]!.id, { scheduledEventId: 'ev3' });
    // made[1] has no event; made[3] ends after `before`.
    const ended = await ctx.store.meetings.listEndedWithEvent(made[2]!.endsAt, 10);
    expect(ended.filter((m) => m.circleId === circle.id).map((m) => m.scheduledEventId)).toEqual([
      'ev0',
      'ev2',
    ]);
    expect(await ctx.store.meetings.listEndedWithEvent(made[2]!.endsAt, 1)).toHaveLength(1);
  });

  it('records a check-in once, also inside a transaction that goes on afterwards', async () => {
    const { circle, meeting } = await seedMeeting(ctx.store);
    const checkIn = (userId: string, minute: number) => ({
      meetingId: meeting.id,
      circleId: circle.id,
      userId,
      roles: ['participant' as const],
      checkedInAt: at(minute),
    });
    expect(await ctx.store.attendance.record(checkIn('u1', 61))).toBe(true);
    expect(await ctx.store.attendance.record({ ...checkIn('u1', 62), roles: ['presenter'] })).toBe(false);
    const key = uid('key');
    const inTx = await ctx.store.transaction(async (tx) => {
      const again = await tx.attendance.record(checkIn('u1', 63));
      const other = await tx.attendance.record({
        ...checkIn('u2', 60),
        roles: ['participant', 'facilitator'],
      });
      await tx.keyValues.set(key, 'still usable');
      return [again, other];
    });
    expect(inTx).toEqual([false, true]);
    expect(await ctx.store.keyValues.get(key)).toBe('still usable');
    const results = await Promise.all([1, 2, 3].map(() => ctx.store.attendance.record(checkIn('u3', 64))));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await ctx.store.attendance.listForMeeting(meeting.id)).toEqual([
      { ...checkIn('u2', 60), roles: ['participant', 'facilitator'] },
      checkIn('u1', 61),
      checkIn('u3', 64),
    ]);
  });

  it('adds a role to an attendance, or records the attendance with it, once', async () => {
    const { circle, meeting } = await seedMeeting(ctx.store);
    const base = { meetingId: meeting.id, circleId: circle.id, checkedInAt: at(61) };
    expect(await ctx.store.attendance.record({ ...base, userId: 'u1', roles: ['participant'] })).toBe(true);
    await ctx.store.attendance.addRole({ ...base, userId: 'u1' }, 'presenter');
    await ctx.store.attendance.addRole({ ...base, userId: 'u1' }, 'presenter');
    await ctx.store.transaction((tx) =>
      tx.attendance.addRole({ ...base, userId: 'u2', checkedInAt: at(70) }, 'presenter'),
    );
    const roles = (await ctx.store.attendance.listForMeeting(meeting.id)).map((a) => [a.userId, a.roles]);
    expect(roles).toEqual([
      ['u1', ['participant', 'presenter']],
      ['u2', ['presenter']],
    ]);
  });

  it('purges the attendance of meetings that started before a cutoff, once', async () => {
    // Long before the other tests' meetings in this database, so that only these rows are past the cutoff.
    const { circle, meeting: old } = await seedMeeting(ctx.store, -1_000_000);
    const [recent] = await ctx.store.meetings.createMany([
      {
        circleId: circle.id,
        guildId: circle.guildId,
        occurrence: 'r1:later',
        startsAt: at(600),
        endsAt: at(690),
      },
    ]);
    for (const meeting of [old, recent!]) {
      for (const userId of ['u1', 'u2']) {
        await ctx.store.attendance.record({
          meetingId: meeting.id,
          circleId: circle.id,
          userId,
          roles: ['participant'],
          checkedInAt: meeting.startsAt,
        });
      }
    }
    const purged = await Promise.all([
      ctx.store.attendance.purgeBefore(at(-900_000)),
      ctx.store.attendance.purgeBefore(at(-900_000)),
    ]);
    expect(purged.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await ctx.store.attendance.listForMeeting(old.id)).toEqual([]);
    expect(await ctx.store.attendance.listForMeeting(recent!.id)).toHaveLength(2);
  });

  it('lists a member’s attended meetings in some circles and a time range, with the meetings', async () => {
    const { circle, meeting } = await seedMeeting(ctx.store);
    await ctx.store.attendance.record({
      meetingId: meeting.id,
      circleId: circle.id,
      userId: 'u1',
      roles: ['participant', 'co-leader'],
      checkedInAt: at(61),
    });
    const found = await ctx.store.attendance.listForMember('u1', {
      circleIds: [circle.id],
      from: new Date(meeting.startsAt.getTime() - 1),
      to: new Date(meeting.startsAt.getTime() + 1),
    });
    expect(found).toEqual([
      {
        attendance: expect.objectContaining({ userId: 'u1', roles: ['participant', 'co-leader'] }) as unknown,
        meeting,
      },
    ]);
    expect(
      await ctx.store.attendance.listForMember('u1', {
        circleIds: [circle.id],
        from: meeting.endsAt,
        to: at(10_000),
      }),
    ).toEqual([]);
    expect(
      await ctx.store.attendance.listForMember('u1', {
        circleIds: ['elsewhere'],
        from: at(0),
        to: at(10_000),
      }),
    ).toEqual([]);
    expect(
      await ctx.store.attendance.listForMember('u2', { circleIds: [circle.id], from: at(0), to: at(10_000) }),
    ).toEqual([]);
  });
});

describe.each(databases)('meetings materialised by two stores at once on $name', (factory) => {
  const ctx = useStores(factory, 2);

  it('creates each meeting once, directly and in transactions', async () => {
    const [one, two] = ctx.stores as [(typeof ctx.stores)[0], (typeof ctx.stores)[0]];
    const circle = await one.circles.create(newCircle());
    const days = Array.from({ length: 20 }, (_, i) => i + 1);
    const direct = await Promise.all([
      one.meetings.createMany(meetingsOf(circle, days)),
      two.meetings.createMany(meetingsOf(circle, [...days].reverse())),
      one.meetings.createMany(meetingsOf(circle, days.slice(5))),
    ]);
    const created = direct.flat().map((m) => m.occurrence);
    expect(created.sort()).toEqual(meetingsOf(circle, days).map((m) => m.occurrence));

    const more = Array.from({ length: 8 }, (_, i) => i + 21);
    const inTx = await Promise.all(
      [one, two].map((store) => store.transaction((tx) => tx.meetings.createMany(meetingsOf(circle, more)))),
    );
    expect(inTx.flat()).toHaveLength(8);
    expect(await one.meetings.listUpcoming(circle.id, at(0), { statuses: ['scheduled'] })).toHaveLength(28);
  });
});
