import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Circle } from '../../../src/services/circles/model.js';
import { ValidationError } from '../../../src/services/kernel/errors.js';
import { createServices } from '../../../src/services/index.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import {
  ALICE,
  BOB,
  CAROL,
  createServiceHarness,
  GUILD,
  type ServiceHarness,
} from '../../support/service-harness.js';

describe.each(databases)('retention on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  let circle: Circle;

  const count = async () => {
    const [meeting] = await h.store.meetings.listHeld(
      circle.id,
      { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-02T00:00:00Z') },
      {},
    );
    return {
      attendance: meeting ? (await h.store.attendance.listForMeeting(meeting.id)).length : 0,
      bob: (await h.store.memberships.find(circle.id, BOB)) !== null,
      bobAccepted: (await h.store.agreements.acceptances(circle.id, BOB)).length,
      audit: (await h.store.audit.list({ guildId: GUILD })).length,
    };
  };

  beforeEach(async () => {
    db = await database.create();
    h = await createServiceHarness(db.url);
    h.clock.set('2026-02-28T10:00:00Z');
    circle = await h.services.circles.create(h.moderator, { name: 'Peer Group', kind: 'study' });
    for (const userId of [ALICE, BOB]) {
      await h.services.roster.add(h.moderator, 'Peer Group', { userId, isBot: false });
      await h.services.membership.accept(userId, circle.id, 1);
    }
    await h.services.schedules.set(h.moderator, 'Peer Group', {
      weekday: 7,
      time: '12:30',
      timeZone: 'UTC',
      duration: 90,
    });
    const [meeting] = await h.store.meetings.listUpcoming(circle.id, h.clock.now(), {
      statuses: ['scheduled'],
    });
    h.clock.set('2026-03-01T12:25:00Z');
    await h.services.attendance.checkIn(ALICE, meeting!.id);
    h.clock.set('2026-03-05T10:00:00Z');
    await h.services.membership.leave(h.member(BOB), 'Peer Group');
  });
  afterEach(async () => {
    await h.close();
    await db.drop();
  });

  it('is set in /setup within limits, and shown with the defaults where unset', async () => {
    expect(await h.services.retention.policy(GUILD)).toEqual({
      attendance: 4,
      audit: 4,
      'ended-memberships': 1,
    });
    const before = await h.snapshot();
    for (const bad of [
      { keepAttendanceYears: 0 },
      { keepAuditYears: 31 },
      { keepEndedMembershipYears: -1 },
    ]) {
      await expect(h.services.server.setup(h.moderator, bad)).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(h.services.server.setup(h.member(ALICE), { keepAuditYears: 2 })).rejects.toThrow();
    expect(await h.snapshot()).toEqual(before);
    await h.services.server.setup(h.moderator, { keepAttendanceYears: 2, keepEndedMembershipYears: 0 });
    expect(await h.services.retention.policy(GUILD)).toEqual({
      attendance: 2,
      audit: 4,
      'ended-memberships': 0,
    });
  });

  it('purges each kind of record just after its edge, not before, once a day', async () => {
    await h.services.server.setup(h.moderator, { keepAttendanceYears: 2, keepAuditYears: 3 });
    const purge = (at: string, force = true) => {
      h.clock.set(at);
      return h.services.retention.purgeDue(force);
    };
    // Bob's membership ended 2026-03-05 10:00: kept one year.
    expect(await purge('2027-03-05T09:59:00Z')).toEqual({});
    expect(await count()).toMatchObject({ bob: true, bobAccepted: 1 });
    expect(await purge('2027-03-05T10:01:00Z')).toMatchObject({ Membership: 1, AgreementAcceptance: 1 });
    expect(await count()).toMatchObject({ bob: false, bobAccepted: 0, attendance: 1 });
    // Alice's attendance of the meeting at 2026-03-01 12:30: kept two years.
    await purge('2028-03-01T12:29:00Z');
    expect((await count()).attendance).toBe(1);
    expect(await purge('2028-03-01T12:31:00Z')).toMatchObject({ Attendance: 1 });
    expect((await count()).attendance).toBe(0);
    // The first audit events (2026-02-28 10:00): kept three years.
    const audit = (await count()).audit;
    await purge('2029-02-28T09:59:00Z');
    expect((await count()).audit).toBe(audit);
    const purged = await purge('2029-02-28T10:01:00Z');
    expect(purged['AuditEvent']).toBeGreaterThan(0);
    expect((await count()).audit).toBe(audit - purged['AuditEvent']!);
    // Without `force`, a second run the same day does nothing.
    h.clock.set('2029-02-28T12:00:00Z');
    await h.services.retention.purgeDue(true);
    h.clock.set('2030-06-01T00:00:00Z');
    expect(await h.services.retention.purgeDue()).not.toEqual({}); // over a day later: runs
    expect(await h.services.retention.purgeDue()).toEqual({});
  });

  it('is safe with several processes purging at once', async () => {
    const other = createServices(
      { store: h.store, platform: h.platform, clock: h.clock, log: h.log },
      { reminders: { workerId: 'other' } },
    );
    h.clock.set('2031-01-01T00:00:00Z');
    const [a, b] = await Promise.all([h.services.retention.purgeDue(true), other.retention.purgeDue(true)]);
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((s, n) => s + n, 0);
    expect(total(a) + total(b)).toBeGreaterThan(0);
    expect(await count()).toMatchObject({ bob: false, attendance: 0, audit: 0 });
  });

  it('keeps no trace of a refused join', async () => {
    await h.services.circles.lock(h.moderator, 'Peer Group');
    const before = await h.snapshot();
    await expect(h.services.membership.join(h.member(CAROL), 'Peer Group')).rejects.toThrow();
    expect(await h.snapshot()).toEqual(before);
  });
});
