import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Circle } from '../../../src/services/circles/model.js';
import { createServices } from '../../../src/services/index.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '../../../src/services/kernel/errors.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import { pdfText } from '../../support/pdf-text.js';
import {
  ALICE,
  BOB,
  CAROL,
  DAN,
  createServiceHarness,
  type ServiceHarness,
} from '../../support/service-harness.js';

const EVE = '100000000000000006';
const csv = (text: string) => parse<Record<string, string>>(text, { bom: true, columns: true });
const squash = (text: string) => text.replace(/\s+/g, ' ');

describe.each(databases)('attendance for credit on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  let circle: Circle;

  const meetingOn = async (day: string) =>
    (
      await h.store.meetings.listUpcoming(circle.id, new Date(`${day}T00:00:00Z`), {
        statuses: ['scheduled'],
      })
    )[0]!;

  /** Holds the meeting of `day` (12:30–14:00 UTC): `who` check in, CAROL facilitates if she does. */
  const hold = async (day: string, who: string[]) => {
    const meeting = await meetingOn(day);
    h.clock.set(`${day}T12:20:00Z`);
    await h.store.meetings.fixAssignment(meeting.id, {
      facilitatorId: CAROL,
      coFacilitatorId: null,
      turnOwnerId: CAROL,
      assignedAt: h.clock.now(),
    });
    for (const userId of who) await h.services.attendance.checkIn(userId, meeting.id);
    h.clock.set(`${day}T14:05:00Z`);
    return meeting;
  };

  beforeEach(async () => {
    db = await database.create();
    h = await createServiceHarness(db.url);
    h.clock.set('2026-02-28T10:00:00Z');
    circle = await h.services.circles.create(h.moderator, { name: 'Noon Group', kind: 'peer-consultation' });
    for (const userId of [ALICE, BOB, CAROL, DAN]) {
      await h.services.roster.add(h.moderator, 'Noon Group', { userId, isBot: false });
      await h.services.membership.accept(userId, circle.id, 1);
    }
    await h.services.settings.update(h.moderator, 'Noon Group', { leaderId: BOB });
    await h.services.schedules.set(h.moderator, 'Noon Group', {
      weekday: 7,
      time: '12:30',
      timeZone: 'UTC',
      duration: 90,
    });
    h.platform.names.set(ALICE, '=HYPERLINK("http://x")');
    h.platform.names.set(BOB, 'Bob, "the leader"');
    h.platform.names.set(CAROL, 'Carol Zoë');
    h.platform.names.set(DAN, 'Dan 🌿 丹');
  });
  afterEach(async () => {
    await h.close();
    await db.drop();
  });

  describe('the export', () => {
    it('is RFC 4180 CSV of every attendance, with facilitators, leaders and a leadership log', async () => {
      await hold('2026-03-01', [ALICE, BOB, CAROL]);
      await hold('2026-03-08', [BOB, CAROL]);
      h.clock.set('2026-03-20T10:00:00Z');
      const result = await h.services.attendance.export(h.member(BOB), { circle: 'noon group' });
      expect(result.attendanceCsv.startsWith('\uFEFFcircle,kind,date,')).toBe(true);
      expect(result.attendanceCsv).toContain('\r\n');
      const rows = csv(result.attendanceCsv);
      expect(rows.map((r) => [r['date'], r['member_id'], r['roles'], r['contact_hours']])).toEqual([
        ['2026-03-01', ALICE, 'participant', '1.5'],
        ['2026-03-01', BOB, 'participant; leader', '1.5'],
        ['2026-03-01', CAROL, 'participant; facilitator', '1.5'],
        ['2026-03-08', BOB, 'participant; leader', '1.5'],
        ['2026-03-08', CAROL, 'participant; facilitator', '1.5'],
      ]);
      expect(rows[0]).toMatchObject({
        circle: 'Noon Group',
        kind: 'peer-consultation',
        start: '12:30',
        end: '14:00',
        time_zone: 'UTC',
        // A display name that a spreadsheet would run as a formula stays text.
        member: `'=HYPERLINK("http://x")`,
        facilitators: 'Carol Zoë',
        leaders: 'Bob, "the leader"',
      });
      const log = csv(result.leadershipCsv);
      expect(log.map((r) => [r['leader_id'], r['date'], r['led_or_co_led']])).toEqual([
        [BOB, '2026-03-01', 'led'],
        [CAROL, '2026-03-01', 'led'],
        [BOB, '2026-03-08', 'led'],
        [CAROL, '2026-03-08', 'led'],
      ]);
      expect(result.leaders).toEqual([
        { userId: BOB, led: 2, coLed: 0 },
        { userId: CAROL, led: 2, coLed: 0 },
      ]);
      expect(result.meetings).toBe(2);
      const later = await h.services.attendance.export(h.moderator, {
        circle: 'Noon Group',
        from: '2026-03-02',
        to: '2026-03-08',
      });
      expect(csv(later.attendanceCsv).map((r) => r['date'])).toEqual(['2026-03-08', '2026-03-08']);
    });

    it('is refused to members who do not lead, for empty ranges and bad dates', async () => {
      await hold('2026-03-01', [ALICE]);
      h.clock.set('2026-03-20T10:00:00Z');
      const before = await h.snapshot();
      const exportAs = (actor = h.member(BOB), options: { from?: string; to?: string } = {}) =>
        h.services.attendance.export(actor, { circle: 'Noon Group', ...options });
      await expect(exportAs(h.member(ALICE))).rejects.toThrow(
        'Only moderators and the circle’s leaders can export its attendance.',
      );
      await expect(exportAs(h.member(ALICE))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(exportAs(undefined, { from: '2026-03-02' })).rejects.toThrow(
        '**Noon Group** has no recorded attendance from 2026-03-02 to 2026-03-20.',
      );
      await expect(exportAs(undefined, { from: '2026-03-05', to: '2026-03-04' })).rejects.toThrow(
        '`from` must be on or before `to`.',
      );
      await expect(exportAs(undefined, { to: '2026-02-01' })).rejects.toThrow(NotFoundError);
      await expect(exportAs(undefined, { from: '1999-01-01' })).rejects.toThrow(ValidationError);
      await expect(exportAs(undefined, { to: '2028-01-01' })).rejects.toThrow(ValidationError);
      await expect(exportAs(undefined, { from: '2026-02-30' })).rejects.toThrow('must be a date');
      expect(await h.snapshot()).toEqual(before);
    });
  });

  describe('certificates', () => {
    it('show each meeting, the totals and who confirms them, with a code that verifies', async () => {
      await hold('2026-03-01', [ALICE, BOB, CAROL]);
      await hold('2026-03-08', [ALICE, BOB]);
      h.clock.set('2026-03-20T10:00:00Z');
      const issued = await h.services.attendance.certificate(h.member(ALICE), {
        circle: 'Noon Group',
        from: '2026-01-01',
        serverName: 'Riverside Clinicians',
      });
      expect(issued).toMatchObject({ meetings: 2, hours: 3 });
      const { text, title } = await pdfText(issued.pdf);
      expect(title).toBe('Certificate of attendance');
      const flat = squash(text);
      for (const part of [
        'Certificate of attendance',
        // Characters the standard fonts cannot draw become "?"; the id names the member exactly.
        `Member: =HYPERLINK("http://x") (Discord id ${ALICE})`,
        'Circle: Noon Group (peer consultation), on the Discord server Riverside Clinicians',
        'Period: 2026-01-01 to 2026-03-20; times in UTC',
        '2026-03-01 12:30–14:00 participant 1.5 Carol Zoë',
        '2026-03-08 12:30–14:00 participant 1.5 Carol Zoë',
        'Total: 2 meetings, 3 hours of contact time',
        'by its leader: Bob, "the leader"',
        `Verification code: ${issued.code}`,
      ]) {
        expect(flat).toContain(part);
      }
      expect(issued.code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);

      const verify = (code: string, actor = h.member(DAN)) => h.services.attendance.verify(actor, code);
      expect(await verify(issued.code)).toMatchObject({
        status: 'genuine',
        circleName: 'Noon Group',
        certificate: {
          userId: ALICE,
          meetings: 2,
          quarters: 12,
          fromDate: '2026-01-01',
          toDate: '2026-03-20',
        },
      });
      // Typed loosely: lower case, without dashes, O for zero.
      const loose = issued.code.replace(/-/g, ' ').toLowerCase().replace(/0/g, 'o');
      expect((await verify(loose)).status).toBe('genuine');
      expect((await verify(issued.code, { ...h.member(DAN), guildId: '900000000000000777' })).status).toBe(
        'unknown',
      );
      expect((await verify('AAAA-BBBB-CCCC-DDDD')).status).toBe('unknown');
      await expect(verify('not a code')).rejects.toThrow(ValidationError);

      // The bot keeps a hash of the code, never the code.
      const rows = JSON.stringify(await h.store.certificates.findByCodeHash(circle.guildId, 'x'));
      expect(rows).toBe('null');
      const snapshot = JSON.stringify(await h.snapshot());
      expect(snapshot).not.toContain(issued.code.replace(/-/g, ''));

      await h.services.attendance.correct(h.member(BOB), {
        circle: 'Noon Group',
        userId: ALICE,
        date: '2026-03-08',
        role: 'participant',
        change: 'remove',
        reason: 'recorded-in-error',
      });
      expect((await verify(issued.code)).status).toBe('changed');
    });

    it('are refused to those who were never in the circle or attended nothing in the range', async () => {
      await hold('2026-03-01', [ALICE]);
      h.clock.set('2026-03-20T10:00:00Z');
      const before = await h.snapshot();
      const issue = (userId: string, options: { from?: string; to?: string } = {}) =>
        h.services.attendance.certificate(h.member(userId), {
          circle: 'Noon Group',
          serverName: 'S',
          ...options,
        });
      await expect(issue(EVE)).rejects.toThrow('There is no circle named “Noon Group”');
      await expect(issue(DAN)).rejects.toThrow('You have no recorded attendance in **Noon Group**');
      await expect(issue(EVE, { to: '2026-03-19' })).rejects.toThrow('There is no circle named');
      await expect(issue(ALICE, { from: '2026-03-02' })).rejects.toThrow('no recorded attendance');
      await expect(issue(ALICE, { from: 'yesterday' })).rejects.toThrow(ValidationError);
      expect(await h.snapshot()).toEqual(before);
    });

    it('are purged with attendance after the retention period', async () => {
      await hold('2026-03-01', [ALICE]);
      const issued = await h.services.attendance.certificate(h.member(ALICE), {
        circle: 'Noon Group',
        serverName: 'S',
      });
      h.clock.set('2030-03-10T00:00:00Z');
      expect(await h.services.retention.purgeDue(true)).toMatchObject({ Attendance: 1, Certificate: 1 });
      expect((await h.services.attendance.verify(h.member(DAN), issued.code)).status).toBe('unknown');
    });
  });

  describe('expectations', () => {
    it('are not reviewed for meetings that ended more than a day before', async () => {
      await h.services.settings.update(h.moderator, 'Noon Group', { attendance: '3 of 3' });
      await hold('2026-03-01', [ALICE]);
      h.clock.set('2026-03-02T14:10:00Z');
      expect(await h.services.attendance.reviewEnded()).toEqual({ reviewed: 0, reminded: 0 });
      expect(h.platform.directMessages.filter((d) => d.message.content.includes('private note'))).toEqual([]);
    });

    it('are set as "N of M" or "off" in the circle settings, refused otherwise', async () => {
      const set = (attendance: string) =>
        h.services.settings.update(h.moderator, 'Noon Group', { attendance });
      expect((await set('2 of 3')).circle).toMatchObject({ attendanceMinimum: 2, attendanceWindow: 3 });
      expect((await set('6/8')).circle).toMatchObject({ attendanceMinimum: 6, attendanceWindow: 8 });
      for (const bad of ['5 of 3', '0 of 4', 'most', '6 of 60', '']) {
        await expect(set(bad)).rejects.toThrow(bad === '' ? ValidationError : 'Give the attendance rule');
      }
      expect((await set('off')).circle).toMatchObject({ attendanceMinimum: null, attendanceWindow: null });
    });

    it('remind a member privately once when they fall below, leave out time away, and show leaders who is below', async () => {
      await h.services.settings.update(h.moderator, 'Noon Group', { attendance: '2 of 3' });
      await h.store.facilitation.addAway({
        circleId: circle.id,
        userId: CAROL,
        fromDate: '2026-03-08',
        toDate: '2026-03-08',
      });
      const dms = () => h.platform.directMessages.filter((d) => d.message.content.includes('A private note'));

      await hold('2026-03-01', [ALICE, BOB, CAROL]);
      expect(await h.services.attendance.reviewEnded()).toEqual({ reviewed: 1, reminded: 0 });
      await hold('2026-03-08', [ALICE, BOB]);
      // A second process reviewing at the same moment reminds nobody twice.
      const other = createServices(
        { store: h.store, platform: h.platform, clock: h.clock, log: h.log },
        { reminders: { workerId: 'other-worker' } },
      );
      const [a, b] = await Promise.all([h.services.attendance.reviewEnded(), other.attendance.reviewEnded()]);
      expect(a.reviewed + b.reviewed).toBe(1);
      expect(dms().map((d) => d.userId)).toEqual([DAN]); // 0 of 2: even the next cannot make 2 of 3
      expect(dms()[0]!.message.content).toContain(
        'you have attended 0 of the 2 meetings so far (at least 2 of 3 asked)',
      );
      // Eve joins after two meetings: only the meetings since count for her.
      h.clock.set('2026-03-10T10:00:00Z');
      await h.services.roster.add(h.moderator, 'Noon Group', { userId: EVE, isBot: false });
      await h.services.membership.accept(EVE, circle.id, 1);
      await hold('2026-03-15', [ALICE, BOB]);
      expect(await h.services.attendance.reviewEnded()).toEqual({ reviewed: 1, reminded: 0 });
      // Carol missed 15 March but was away on 8 March: 1 of the 2 meetings that count, not below.
      expect(dms().map((d) => d.userId)).toEqual([DAN]);
      expect(await h.services.attendance.reviewEnded()).toEqual({ reviewed: 0, reminded: 0 });
      // Nothing about anyone's attendance was posted in the circle's channel.
      expect(h.platform.posts.filter((p) => /attend/i.test(p.message.content))).toEqual([]);

      h.clock.set('2026-03-16T09:00:00Z');
      const { standings } = await h.services.attendance.standing(h.member(BOB), 'Noon Group');
      // Those below first, then fewest attended.
      expect(standings.map((s) => [s.userId, s.attended, s.counted, s.below])).toEqual([
        [DAN, 0, 3, true],
        [EVE, 0, 1, false],
        [CAROL, 1, 2, false],
        [ALICE, 3, 3, false],
        [BOB, 3, 3, false],
      ]);
      await expect(h.services.attendance.standing(h.member(ALICE), 'Noon Group')).rejects.toThrow(
        'Only moderators and the circle’s leaders can see members’ attendance.',
      );
      const dan = await h.services.attendance.mine(h.member(DAN), {});
      expect(dan.standings.map((s) => [s.circle.name, s.standing.attended, s.standing.below])).toEqual([
        ['Noon Group', 0, true],
      ]);
      await h.services.settings.update(h.moderator, 'Noon Group', { attendance: 'off' });
      await expect(h.services.attendance.standing(h.member(BOB), 'Noon Group')).rejects.toBeInstanceOf(
        ConflictError,
      );
      expect((await h.services.attendance.mine(h.member(DAN), {})).standings).toEqual([]);
    });
  });
});

describe.each(databases)('a certificate’s text on $name', (database) => {
  it('draws what the standard fonts cannot as "?" and runs over several pages', async () => {
    const db = await database.create();
    const h = await createServiceHarness(db.url);
    try {
      h.clock.set('2024-12-30T10:00:00Z');
      const circle = await h.services.circles.create(h.moderator, { name: 'Long Group', kind: 'balint' });
      await h.services.roster.add(h.moderator, 'Long Group', { userId: DAN, isBot: false });
      await h.services.membership.accept(DAN, circle.id, 1);
      await h.services.schedules.set(h.moderator, 'Long Group', {
        weekday: 3,
        time: '08:00',
        timeZone: 'Asia/Tokyo',
        duration: 60,
      });
      h.platform.names.set(DAN, 'Dan 🌿 丹');
      for (let week = 0; week < 80; week++) {
        // Wednesdays at 08:00 in Tokyo: Tuesdays at 23:00 UTC.
        h.clock.set(new Date(Date.parse('2024-12-31T23:00:00Z') + week * 7 * 86_400_000 - 600_000));
        await h.services.schedules.materialiseDue();
        const [meeting] = await h.store.meetings.listUpcoming(circle.id, h.clock.now(), {
          statuses: ['scheduled'],
          limit: 1,
        });
        await h.services.attendance.checkIn(DAN, meeting!.id);
      }
      h.clock.set('2026-08-01T00:00:00Z');
      const issued = await h.services.attendance.certificate(h.member(DAN), {
        circle: 'Long Group',
        serverName: 'S',
      });
      const { text, pages } = await pdfText(issued.pdf);
      expect(pages).toBe(2);
      expect(squash(text)).toContain(`Member: Dan ? ? (Discord id ${DAN})`);
      expect(squash(text)).toContain('2025-01-01 08:00–09:00 participant 1 —');
      expect(squash(text)).toContain('2026-07-08 08:00–09:00 participant 1 —'); // the last, on page 2
      expect(squash(text)).toContain('Total: 80 meetings, 80 hours');
    } finally {
      await h.close();
      await db.drop();
    }
  });
});
