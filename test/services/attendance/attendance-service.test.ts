import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Circle } from '../../../src/services/circles/model.js';
import { NotFoundError, ValidationError } from '../../../src/services/kernel/errors.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import {
  ALICE,
  BOB,
  CAROL,
  DAN,
  createServiceHarness,
  type ServiceHarness,
} from '../../support/service-harness.js';

describe.each(databases)('attendance records on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  let circle: Circle;

  const meetingOn = async (day: string) =>
    (
      await h.store.meetings.listUpcoming(circle.id, new Date(`${day}T00:00:00Z`), {
        statuses: ['scheduled'],
      })
    )[0]!;

  beforeEach(async () => {
    db = await database.create();
    h = await createServiceHarness(db.url);
    h.clock.set('2026-03-01T10:00:00Z'); // a Sunday
    circle = await h.services.circles.create(h.moderator, { name: 'Noon Group', kind: 'peer-consultation' });
    for (const userId of [ALICE, BOB, CAROL, DAN]) {
      await h.services.roster.add(h.moderator, 'Noon Group', { userId, isBot: false });
      await h.services.membership.accept(userId, circle.id, 1);
    }
    await h.services.settings.update(h.moderator, 'Noon Group', { leaderId: BOB, coLeaderId: CAROL });
    await h.services.schedules.set(h.moderator, 'Noon Group', {
      weekday: 7,
      time: '12:30',
      timeZone: 'UTC',
      duration: 90,
    });
  });
  afterEach(async () => {
    await h.close();
    await db.drop();
  });

  it('records check-ins with their roles, and the presenter when their case is taken', async () => {
    const meeting = await meetingOn('2026-03-01');
    h.clock.set('2026-03-01T12:20:00Z');
    await h.store.meetings.fixAssignment(meeting.id, {
      facilitatorId: CAROL,
      coFacilitatorId: null,
      turnOwnerId: CAROL,
      assignedAt: h.clock.now(),
    });
    expect((await h.services.attendance.checkIn(ALICE, meeting.id)).roles).toEqual(['participant']);
    expect((await h.services.attendance.checkIn(BOB, meeting.id)).roles).toEqual(['participant', 'leader']);
    expect((await h.services.attendance.checkIn(CAROL, meeting.id)).roles).toEqual([
      'participant',
      'facilitator',
      'co-leader',
    ]);
    await h.services.cases.submit(h.member(ALICE), circle.id, { label: 'a stuck therapy' });
    await h.services.cases.submit(h.member(DAN), circle.id, { label: 'a long silence' });
    h.clock.set('2026-03-01T12:40:00Z');
    await h.services.cases.next(h.member(CAROL), 'Noon Group');
    h.clock.set('2026-03-01T13:00:00Z');
    await h.services.cases.next(h.member(CAROL), 'Noon Group');
    const roles = (await h.store.attendance.listForMeeting(meeting.id)).map((a) => [a.userId, a.roles]);
    expect(roles).toEqual([
      [ALICE, ['participant', 'presenter']],
      [BOB, ['participant', 'leader']],
      [CAROL, ['participant', 'facilitator', 'co-leader']],
      [DAN, ['presenter']], // presenting counts as attending, without a check-in
    ]);
  });

  it('gives a member their meetings, roles and contact hours, with totals and the leadership log', async () => {
    for (const day of ['2026-03-01', '2026-03-08']) {
      const meeting = await meetingOn(day);
      h.clock.set(`${day}T12:25:00Z`);
      await h.services.attendance.checkIn(ALICE, meeting.id);
      await h.services.attendance.checkIn(BOB, meeting.id);
    }
    h.clock.set('2026-03-20T10:00:00Z');
    const alice = await h.services.attendance.mine(h.member(ALICE), {});
    expect(alice.lines.map((l) => [l.meeting.startsAt.toISOString(), l.roles, l.hours])).toEqual([
      ['2026-03-01T12:30:00.000Z', ['participant'], 1.5],
      ['2026-03-08T12:30:00.000Z', ['participant'], 1.5],
    ]);
    expect(alice.summary).toMatchObject({
      meetings: 2,
      hours: 3,
      circles: [{ name: 'Noon Group', meetings: 2, hours: 3 }],
      roles: [{ role: 'participant', meetings: 2, hours: 3 }],
      led: 0,
      coLed: 0,
    });
    const bob = await h.services.attendance.mine(h.member(BOB), { circle: 'noon group', from: '2026-03-02' });
    expect(bob.lines).toHaveLength(1);
    expect(bob.summary).toMatchObject({ meetings: 1, hours: 1.5, led: 1, coLed: 0 });
    expect((await h.services.attendance.mine(h.member(DAN), {})).lines).toEqual([]);
  });

  it('lets a leader or moderator correct a past meeting’s attendance, audited with a reason code', async () => {
    const meeting = await meetingOn('2026-03-01');
    h.clock.set('2026-03-01T12:25:00Z');
    await h.services.attendance.checkIn(ALICE, meeting.id);
    await h.services.cases.submit(h.member(ALICE), circle.id, { label: 'a stuck therapy' });
    h.clock.set('2026-03-01T12:40:00Z');
    await h.services.cases.next(h.member(BOB), 'Noon Group');
    const correct = (
      who: string,
      input: { userId: string; role: string; change: 'add' | 'remove'; date?: string },
    ) =>
      h.services.attendance.correct(who === 'moderator' ? h.moderator : h.member(who), {
        circle: 'Noon Group',
        date: '2026-03-01',
        reason: input.change === 'add' ? 'missed-check-in' : 'recorded-in-error',
        ...input,
      });
    const rolesNow = async () =>
      (await h.store.attendance.listForMeeting(meeting.id)).map((a) => [a.userId, a.roles]);

    // Not before the meeting has ended.
    await expect(correct(BOB, { userId: DAN, role: 'participant', change: 'add' })).rejects.toThrow(
      'Only meetings that have ended',
    );
    h.clock.set('2026-03-02T09:00:00Z');
    const before = await rolesNow();
    await expect(correct(ALICE, { userId: DAN, role: 'participant', change: 'add' })).rejects.toThrow(
      'Only moderators and the circle’s leaders can correct attendance.',
    );
    await expect(
      correct(BOB, { userId: DAN, role: 'participant', change: 'add', date: '2026-03-02' }),
    ).rejects.toThrow('had no meeting on 2026-03-02');
    await expect(correct(BOB, { userId: DAN, role: 'boss', change: 'add' })).rejects.toThrow(ValidationError);
    await expect(
      correct(BOB, { userId: '900000000000000099', role: 'participant', change: 'add' }),
    ).rejects.toThrow('has never been in');
    await expect(correct(BOB, { userId: ALICE, role: 'participant', change: 'add' })).rejects.toThrow(
      'already has',
    );
    expect(await rolesNow()).toEqual(before);

    await correct(BOB, { userId: DAN, role: 'participant', change: 'add' });
    await correct('moderator', { userId: ALICE, role: 'presenter', change: 'remove' });
    expect(await rolesNow()).toEqual([
      [ALICE, ['participant']],
      [DAN, ['participant']],
    ]);
    await correct(BOB, { userId: DAN, role: 'participant', change: 'remove' });
    expect((await rolesNow()).map(([userId]) => userId)).toEqual([ALICE]);
    const audit = await h.store.audit.list({ guildId: circle.guildId, circleId: circle.id });
    const corrections = audit.filter((e) => e.action === 'attendance.corrected');
    expect(corrections).toHaveLength(3);
    expect(corrections.map((e) => e.detail)).toContainEqual({
      meetingId: meeting.id,
      userId: DAN,
      role: 'participant',
      change: 'add',
      reason: 'missed-check-in',
    });
  });

  it('refuses bad dates and circles it has no record of, and changes nothing', async () => {
    const mine = (options: { circle?: string; from?: string; to?: string }) =>
      h.services.attendance.mine(h.member(ALICE), options);
    await expect(mine({ from: '2026-03-05', to: '2026-03-01' })).rejects.toThrow(ValidationError);
    await expect(mine({ from: 'last week' })).rejects.toThrow('must be a date such as 2026-12-01');
    await expect(mine({ from: '2001-01-01' })).rejects.toThrow('within the last 10 years');
    await expect(mine({ to: '2031-01-01' })).rejects.toThrow('within the last 10 years');
    await expect(mine({ circle: 'Nope' })).rejects.toThrow(NotFoundError);
    const other = await h.services.circles.create(h.moderator, { name: 'Other', kind: 'study' });
    expect(other.id).toBeTruthy();
    // A circle the member was never in answers as if it did not exist.
    await expect(mine({ circle: 'Other' })).rejects.toThrow('There is no circle named “Other”');
  });
});
