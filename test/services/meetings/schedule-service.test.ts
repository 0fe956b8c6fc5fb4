import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError, ValidationError } from '../../../src/services/kernel/errors.js';
import type { Circle } from '../../../src/services/circles/model.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import { ALICE, BOB, createServiceHarness, type ServiceHarness } from '../../support/service-harness.js';

const MINUTE = 60_000;

describe.each(databases)('schedules and meetings on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  let circle: Circle;
  beforeEach(async () => {
    db = await database.create();
    h = await createServiceHarness(db.url);
    h.clock.set('2026-03-01T10:00:00Z'); // a Sunday
    circle = await h.services.circles.create(h.moderator, {
      name: 'Sunday Peers',
      kind: 'peer-consultation',
    });
    await h.services.roster.add(h.moderator, 'Sunday Peers', { userId: ALICE, isBot: false });
    await h.services.membership.accept(ALICE, circle.id, 1);
  });
  afterEach(async () => {
    await h.close();
    await db.drop();
  });

  const schedule = (input: Partial<Parameters<ServiceHarness['services']['schedules']['set']>[2]> = {}) =>
    h.services.schedules.set(h.moderator, 'Sunday Peers', {
      weekday: 7,
      time: '12:30',
      timeZone: 'UTC',
      ...input,
    });

  const meetingRows = async () =>
    h.store.meetings.listUpcoming(circle.id, new Date('2026-01-01Z'), {
      statuses: ['scheduled', 'cancelled', 'held'],
    });

  it('materialises twelve weeks of meetings with their reminders', async () => {
    const { next } = await schedule({ duration: 60 });
    expect(next?.startsAt.toISOString()).toBe('2026-03-01T12:30:00.000Z');
    const meetings = await meetingRows();
    expect(meetings).toHaveLength(12);
    expect(meetings[1]!.startsAt.toISOString()).toBe('2026-03-08T12:30:00.000Z');
    const reminders = await h.store.reminders.listForMeeting(meetings[0]!.id);
    expect(reminders.map((r) => [r.kind, r.offsetMinutes, r.dueAt.toISOString()]).sort()).toEqual([
      ['confidentiality', 15, '2026-03-01T12:15:00.000Z'],
      ['start', 0, '2026-03-01T12:30:00.000Z'],
    ]);
    expect(h.platform.events.size).toBe(1);
  });

  it.each([
    ['25:00', { time: '25:00' }, 'is not a time'],
    ['Mars/Olympus', { timeZone: 'Mars/Olympus' }, 'is not a time zone I know'],
    ['every 0 weeks', { everyWeeks: 0 }, 'every 1 to 4 weeks'],
    ['every 9 weeks', { everyWeeks: 9 }, 'every 1 to 4 weeks'],
    ['a duration of 5 minutes', { duration: 5 }, 'from 30 to 240 minutes'],
    ['an impossible start date', { starts: '2026-02-30' }, 'such as 2026-12-01'],
  ])('refuses %s and changes nothing', async (_label, input, message) => {
    const before = {
      snapshot: await h.snapshot(),
      schedule: await h.store.schedules.get(circle.id),
      meetings: await meetingRows(),
    };
    await expect(schedule(input)).rejects.toThrow(ValidationError);
    await expect(schedule(input)).rejects.toThrow(message);
    expect({
      snapshot: await h.snapshot(),
      schedule: await h.store.schedules.get(circle.id),
      meetings: await meetingRows(),
    }).toEqual(before);
  });

  it('replacing a schedule cancels the old meetings and their reminders', async () => {
    await schedule();
    const old = await meetingRows();
    await schedule({ weekday: 2, time: '18:00', timeZone: 'Europe/Berlin', everyWeeks: 2 });
    const rows = await meetingRows();
    expect(
      rows
        .filter((m) => m.status === 'cancelled')
        .map((m) => m.id)
        .sort(),
    ).toEqual(old.map((m) => m.id).sort());
    const fresh = rows.filter((m) => m.status === 'scheduled');
    expect(fresh[0]!.startsAt.toISOString()).toBe('2026-03-03T17:00:00.000Z');
    expect(fresh[1]!.startsAt.toISOString()).toBe('2026-03-17T17:00:00.000Z');
    expect(await h.store.reminders.countByStatus({ circleId: circle.id })).toMatchObject({
      cancelled: old.length * 2,
      pending: fresh.length * 2,
    });
  });

  it('moves one meeting with its reminders and event; refuses the past and non-leaders', async () => {
    await schedule();
    const [first] = await meetingRows();
    await expect(
      h.services.meetings.move(h.member(BOB), 'Sunday Peers', { date: '2026-03-02', time: '09:00' }),
    ).rejects.toThrow(ForbiddenError);
    await expect(
      h.services.meetings.move(h.moderator, 'Sunday Peers', { date: '2026-02-28', time: '09:00' }),
    ).rejects.toThrow('You cannot move a meeting into the past.');
    await h.services.settings.update(h.moderator, 'Sunday Peers', { leaderId: ALICE });
    const { meeting } = await h.services.meetings.move(h.member(ALICE), 'Sunday Peers', {
      date: '2026-03-02',
      time: '09:00',
    });
    expect(meeting).toMatchObject({ id: first!.id, movedFrom: first!.startsAt });
    expect(meeting.startsAt.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    const reminders = await h.store.reminders.listForMeeting(first!.id);
    expect(reminders.find((r) => r.kind === 'confidentiality')!.dueAt.toISOString()).toBe(
      '2026-03-02T08:45:00.000Z',
    );
    expect([...h.platform.events.values()][0]!.startsAt.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    expect(h.platform.posts.at(-1)!.message.content).toContain('moves to');
  });

  it('cancels one meeting: its reminders are cancelled and the next one gets the event', async () => {
    await schedule();
    const [first, second] = await meetingRows();
    await h.services.meetings.cancel(h.moderator, 'Sunday Peers', '2026-03-01');
    expect((await h.store.meetings.findById(first!.id))?.status).toBe('cancelled');
    expect((await h.store.reminders.listForMeeting(first!.id)).map((r) => r.status)).toEqual([
      'cancelled',
      'cancelled',
    ]);
    expect((await h.store.meetings.findById(second!.id))?.scheduledEventId).not.toBeNull();
    expect(h.platform.events.size).toBe(1);
    await expect(h.services.meetings.cancel(h.moderator, 'Sunday Peers', '2026-03-01')).rejects.toThrow(
      'no upcoming meeting on 2026-03-01',
    );
  });

  it('reminder settings apply to every upcoming meeting', async () => {
    await schedule();
    await h.services.settings.update(h.moderator, 'Sunday Peers', { reminders: '1d, 1h', reflection: true });
    const [first] = await meetingRows();
    const rows = await h.store.reminders.listForMeeting(first!.id);
    const live = rows
      .filter((r) => r.status === 'pending')
      .map((r) => `${r.kind}:${r.offsetMinutes}`)
      .sort();
    expect(live).toEqual(['confidentiality:1440', 'confidentiality:60', 'reflection:0', 'start:0']);
    expect(rows.find((r) => r.offsetMinutes === 15)?.status).toBe('cancelled');
    await expect(
      h.services.settings.update(h.moderator, 'Sunday Peers', { reminders: 'soon' }),
    ).rejects.toThrow('such as `1d, 15m`');
    await expect(
      h.services.settings.update(h.moderator, 'Sunday Peers', { reminders: '1m' }),
    ).rejects.toThrow('from 5 minutes to 7 days');
  });

  it('tops up meetings as time passes', async () => {
    await schedule();
    h.clock.advance(8 * 24 * 60 * MINUTE);
    await h.services.schedules.materialiseDue();
    const upcoming = await h.store.meetings.listUpcoming(circle.id, h.clock.now(), {
      statuses: ['scheduled'],
    });
    expect(upcoming.at(-1)!.startsAt.getTime()).toBeGreaterThan(
      h.clock.now().getTime() + 76 * 24 * 60 * MINUTE,
    );
    expect(await h.services.schedules.materialiseDue()).toBe(0);
  });
});
