import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError } from '../../../src/services/kernel/errors.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import { ALICE, BOB, createServiceHarness, type ServiceHarness } from '../../support/service-harness.js';

const DAY = 86_400_000;

describe.each(databases)('unarchive on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  let circleId: string;
  beforeEach(async () => {
    db = await database.create();
    h = await createServiceHarness(db.url);
    h.clock.set('2026-02-25T12:00:00Z');
    const circle = await h.services.circles.create(h.moderator, { name: 'Sunday Peers', kind: 'study' });
    circleId = circle.id;
    await h.services.membership.join(h.member(ALICE), 'Sunday Peers');
    await h.services.membership.accept(ALICE, circle.id, 1);
    await h.services.schedules.set(h.moderator, 'Sunday Peers', {
      weekday: 7,
      time: '12:30',
      timeZone: 'UTC',
    });
  });
  afterEach(async () => {
    await h.close();
    await db.drop();
  });

  const scheduled = () => h.store.meetings.listUpcoming(circleId, h.clock.now(), { statuses: ['scheduled'] });

  it('brings the meetings back from the schedule as a new revision, with reminders, and the circle locked', async () => {
    const before = await scheduled();
    await h.services.circles.archive(h.moderator, 'Sunday Peers');
    expect(await scheduled()).toEqual([]);
    h.clock.advance(3 * DAY);

    const { circle, meetings } = await h.services.circles.unarchive(h.moderator, 'Sunday Peers');
    expect(circle).toMatchObject({ state: 'locked', archivedAt: null });
    expect(h.platform.access(circle.textChannelId)).toEqual({ [ALICE]: 'full' });
    const after = await scheduled();
    expect(after.map((m) => m.id)).toEqual(meetings.map((m) => m.id));
    expect(after[0]?.startsAt.toISOString()).toBe('2026-03-01T12:30:00.000Z');
    expect(after.every((m) => m.occurrence.startsWith('r2:'))).toBe(true);
    expect(after.length).toBeGreaterThanOrEqual(before.length - 1);
    for (const meeting of after.slice(0, 2)) {
      const reminders = await h.store.reminders.listForMeeting(meeting.id);
      expect(reminders.map((r) => r.status)).toEqual(reminders.map(() => 'pending'));
      expect(reminders.length).toBeGreaterThan(0);
    }
    // The scheduler keeps topping it up like any live circle.
    expect((await h.store.schedules.get(circleId))?.revision).toBe(2);
  });

  it('refuses what it cannot bring back, changing nothing', async () => {
    await expect(h.services.circles.unarchive(h.moderator, 'Sunday Peers')).rejects.toThrow(
      new ConflictError('**Sunday Peers** is not archived.'),
    );
    await h.services.circles.archive(h.moderator, 'Sunday Peers');
    await expect(h.services.circles.unarchive(h.member(BOB), 'Sunday Peers')).rejects.toThrow(ForbiddenError);
    expect(await h.services.directory.suggest(h.member(BOB), 'archived', '')).toEqual([]);
    expect(await h.services.directory.suggest(h.moderator, 'archived', 'sun')).toEqual(['Sunday Peers']);

    h.clock.advance(30 * DAY + 60_000);
    const archived = await h.store.circles.findById(circleId);
    await expect(h.services.circles.unarchive(h.moderator, 'Sunday Peers')).rejects.toThrow(
      /more than 30 days ago/,
    );
    expect(await h.store.circles.findById(circleId)).toEqual(archived);
    expect(await scheduled()).toEqual([]);
    expect(await h.services.directory.suggest(h.moderator, 'archived', '')).toEqual([]);
  });
});
