import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../../src/services/kernel/errors.js';
import { FOLLOW_UP_DELAY_MS } from '../../../src/services/reminders/reminder-service.js';
import type { Circle } from '../../../src/services/circles/model.js';
import { databases, type TestDatabase } from '../../support/databases.js';
import {
  ALICE,
  BOB,
  CAROL,
  createServiceHarness,
  GUILD,
  type ServiceHarness,
} from '../../support/service-harness.js';

const MINUTE = 60_000;

describe.each(databases)('the reminder outbox on $name', (database) => {
  let db: TestDatabase;
  let h: ServiceHarness;
  let circle: Circle;

  const makeCircle = async (name: string, time: string, leads = '15m') => {
    const created = await h.services.circles.create(h.moderator, { name, kind: 'peer-consultation' });
    for (const userId of [ALICE, BOB]) {
      await h.services.roster.add(h.moderator, name, { userId, isBot: false });
      await h.services.membership.accept(userId, created.id, 1);
    }
    if (leads !== '15m') await h.services.settings.update(h.moderator, name, { reminders: leads });
    await h.services.schedules.set(h.moderator, name, { weekday: 7, time, timeZone: 'UTC', duration: 60 });
    return created;
  };
  const meetingOf = async (c: Circle) =>
    (await h.store.meetings.listUpcoming(c.id, new Date('2026-01-01Z'), { statuses: ['scheduled'] }))[0]!;
  const postsIn = (c: Circle) => h.platform.posts.filter((p) => p.channelId === c.textChannelId);
  const kinds = (c: Circle) =>
    postsIn(c).map((p) =>
      p.message.content.startsWith('🔒')
        ? 'confidentiality'
        : p.message.content.startsWith('▶️')
          ? 'start'
          : 'other',
    );

  beforeEach(async () => {
    db = await database.create();
    h = await createServiceHarness(db.url);
    h.clock.set('2026-03-01T10:00:00Z'); // a Sunday
    circle = await makeCircle('Noon Group', '12:30');
  });
  afterEach(async () => {
    await h.close();
    await db.drop();
  });

  it('sends each reminder once, at its time', async () => {
    for (let t = 0; t <= 4 * 60; t += 1) {
      await h.services.reminders.tick();
      if (t % 5 === 0) await h.services.reminders.tick(); // a second scheduler tick in the same minute
      h.clock.advance(MINUTE);
    }
    expect(kinds(circle)).toEqual(['confidentiality', 'start']);
    const [reminder, start] = postsIn(circle);
    expect(reminder!.message.content).toContain('<t:1772368200:F>');
    expect(reminder!.message.buttons?.[0]).toMatchObject({ label: 'Check in' });
    expect(reminder!.message.panel?.title).toContain('Our agreement, in short');
    expect(start!.message.content).toContain('Nobody has checked in yet.');
    expect(await h.store.reminders.countByStatus({ circleId: circle.id })).toMatchObject({ sent: 2 });
    for (const row of await h.store.reminders.listForMeeting((await meetingOf(circle)).id)) {
      expect(row.sentAt!.getTime() - row.dueAt.getTime()).toBeGreaterThanOrEqual(0);
      expect(row.sentAt!.getTime() - row.dueAt.getTime()).toBeLessThan(MINUTE);
    }
  });

  it('a meeting moved after its reminder went out gets a new one for the new time', async () => {
    h.clock.set('2026-03-01T12:16:00Z');
    await h.services.reminders.tick();
    await h.services.meetings.move(h.moderator, 'Noon Group', { date: '2026-03-04', time: '18:00' });
    h.clock.set('2026-03-04T17:46:00Z');
    await h.services.reminders.tick();
    const reminders = postsIn(circle).filter((p) => p.message.content.startsWith('🔒'));
    expect(reminders).toHaveLength(2);
    expect(reminders[1]!.message.content).toContain(`<t:${Date.parse('2026-03-04T18:00:00Z') / 1000}:F>`);
    expect(reminders[0]!.nonce).not.toBe(reminders[1]!.nonce);
  });

  it('fails at once, and says so, when Discord refuses the channel for good', async () => {
    await h.services.server.setup(h.moderator, { modLogChannelId: '800000000000000001' });
    const original = h.platform.postMessage.bind(h.platform);
    h.platform.postMessage = async (channelId, message, options) => {
      if (channelId === circle.textChannelId)
        throw Object.assign(new Error('Missing Access'), { code: 50001, status: 403 });
      return original(channelId, message, options);
    };
    h.clock.set('2026-03-01T12:15:00Z');
    expect(await h.services.reminders.tick()).toMatchObject({ failed: 1, retried: 0 });
    expect(h.platform.posts.at(-1)!.message.content).toContain('Discord refused it (50001)');
  });

  it('after an hour of downtime sends what is still useful, once, and expires the rest', async () => {
    const later = await makeCircle('Afternoon Group', '14:00', '2h, 15m');
    await h.services.settings.update(h.moderator, 'Noon Group', { reminders: '2h, 15m' });
    h.clock.set('2026-03-01T10:30:00Z');
    await h.services.reminders.tick(); // Noon's 2h reminder
    h.clock.set('2026-03-01T12:00:00Z'); // the bot stops here … and starts again an hour later
    h.clock.set('2026-03-01T13:00:00Z');
    const report = await h.services.reminders.tick();
    expect(report).toMatchObject({ sent: 1, expired: 2 });
    expect(kinds(circle)).toEqual(['confidentiality']);
    expect(kinds(later)).toEqual(['confidentiality']);
    expect(postsIn(later)[0]!.message.content).toContain(
      `<t:${Date.parse('2026-03-01T14:00:00Z') / 1000}:R>`,
    );
    await h.services.reminders.tick();
    expect(postsIn(later)).toHaveLength(1);
  });

  it('retries a failed send with backoff, then marks it failed and tells the mod-log', async () => {
    await h.services.server.setup(h.moderator, { modLogChannelId: '800000000000000001' });
    h.clock.set('2026-03-01T12:15:00Z');
    const original = h.platform.postMessage.bind(h.platform);
    let refusals = 0;
    h.platform.postMessage = async (channelId, message, options) => {
      if (channelId === circle.textChannelId) {
        refusals++;
        throw Object.assign(new Error('Internal Server Error'), { status: 500 });
      }
      return original(channelId, message, options);
    };
    expect(await h.services.reminders.tick()).toMatchObject({ retried: 1 });
    expect(await h.services.reminders.tick()).toMatchObject({ retried: 0, sent: 0 });
    for (const wait of [15, 30, 60, 120]) {
      h.clock.advance(wait * 1000);
      await h.services.reminders.tick();
    }
    expect(refusals).toBe(5);
    expect(await h.store.reminders.countByStatus({ circleId: circle.id })).toMatchObject({ failed: 1 });
    expect(h.platform.posts.at(-1)).toMatchObject({ channelId: '800000000000000001' });
    expect(h.platform.posts.at(-1)!.message.content).toContain(
      'could not be posted: 5 attempts failed (500)',
    );
  });

  it('does not send the reminders of a cancelled meeting, and follows a moved one', async () => {
    await h.services.meetings.cancel(h.moderator, 'Noon Group');
    await h.services.meetings.move(h.moderator, 'Noon Group', { date: '2026-03-08', time: '15:00' });
    h.clock.set('2026-03-01T12:45:00Z');
    await h.services.reminders.tick();
    h.clock.set('2026-03-08T12:45:00Z');
    await h.services.reminders.tick();
    expect(postsIn(circle).filter((p) => p.message.content.startsWith('🔒'))).toHaveLength(0);
    h.clock.set('2026-03-08T14:46:00Z');
    await h.services.reminders.tick();
    expect(kinds(circle).filter((k) => k !== 'other')).toEqual(['confidentiality']);
  });

  it('check-in: members once, from the first reminder until the end; the start prompt lists them', async () => {
    h.clock.set('2026-03-01T12:14:00Z');
    await expect(h.services.attendance.checkIn(ALICE, (await meetingOf(circle)).id)).rejects.toThrow(
      'Check-in opens with the first reminder',
    );
    h.clock.set('2026-03-01T12:15:00Z');
    await h.services.reminders.tick();
    const [meeting] = await h.store.meetings.listUpcoming(circle.id, h.clock.now(), {
      statuses: ['scheduled'],
    });
    await expect(h.services.attendance.checkIn(ALICE, meeting!.id)).resolves.toMatchObject({
      roles: ['participant'],
    });
    await expect(h.services.attendance.checkIn(ALICE, meeting!.id)).rejects.toThrow('already checked in');
    await expect(h.services.attendance.checkIn(CAROL, meeting!.id)).rejects.toThrow(ConflictError);
    await expect(h.services.attendance.checkIn(CAROL, meeting!.id)).rejects.toThrow('Only members');
    h.clock.set('2026-03-01T12:30:05Z');
    await h.services.reminders.tick();
    expect(postsIn(circle).at(-1)!.message.content).toContain(`Checked in (1): <@${ALICE}>`);
    h.clock.set('2026-03-01T13:31:00Z');
    await expect(h.services.attendance.checkIn(BOB, meeting!.id)).rejects.toThrow('check-ins are closed');
    expect(await h.store.attendance.listForMeeting(meeting!.id)).toHaveLength(1);
  });

  it('at the first reminder, members who left the server leave the circle', async () => {
    h.platform.departed.add(BOB);
    h.platform.channels.get(circle.textChannelId)!.members.set(CAROL, 'full');
    h.clock.set('2026-03-01T12:15:00Z');
    await h.services.reminders.tick();
    // The roster is checked a minute later, behind that minute's reminders.
    expect((await h.store.memberships.find(circle.id, BOB))?.status).toBe('active');
    h.clock.advance(60_000);
    await h.services.reminders.tick();
    expect((await h.store.memberships.find(circle.id, BOB))?.status).toBe('left');
    expect(h.platform.access(circle.textChannelId)).toEqual({ [ALICE]: 'full' });
    const actions = (await h.store.audit.list({ guildId: GUILD, circleId: circle.id })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['member.left-server', 'channel.overwrites-restored']));
  });

  it('after the first reminder, tells the facilitator and checks the roster once, from their own outbox', async () => {
    await h.services.facilitation.pool(h.member(ALICE), 'Noon Group', 'join');
    h.clock.set('2026-03-01T12:15:00Z');
    expect(await h.services.reminders.tick()).toMatchObject({ sent: 1, followedUp: 0 });
    h.clock.advance(FOLLOW_UP_DELAY_MS);
    expect(await h.services.reminders.tick()).toMatchObject({ sent: 0, followedUp: 2 });
    const meeting = await meetingOf(circle);
    expect(meeting.facilitatorId).toBe(ALICE);
    const told = () =>
      h.platform.directMessages.filter(
        (m) => m.userId === meeting.facilitatorId && m.message.content.startsWith('You facilitate'),
      );
    expect(told()).toHaveLength(1);
    expect(told()[0]!.message.content).toContain('You facilitate **Noon Group**');
    const rows = await h.store.followUps.listForMeeting(meeting.id);
    expect(rows.map((f) => [f.kind, f.status])).toEqual([
      ['facilitator', 'done'],
      ['roster', 'done'],
    ]);
    h.clock.advance(60_000);
    expect(await h.services.reminders.tick()).toMatchObject({ sent: 0, followedUp: 0 });
    expect(told()).toHaveLength(1);

    // A process that died while telling the facilitator: once its lease lapsed, the telling is
    // taken over with the same nonce, which Discord does not post twice.
    const facilitator = rows[0]!;
    await h.store.followUps.updateIf(facilitator.id, ['done'], {
      status: 'claimed',
      claimedBy: 'a process that died',
      leaseUntil: new Date(h.clock.now().getTime() - 1000),
    });
    expect(await h.services.reminders.tick()).toMatchObject({ followedUp: 1 });
    expect(told()).toHaveLength(2);
    expect(told()[1]!.nonce).toBe(told()[0]!.nonce);
    expect(told()[0]!.nonce).toBeDefined();
  });

  it('tries a failed roster check again, and tells the mod-log when it never ran', async () => {
    await h.services.server.setup(h.moderator, { modLogChannelId: '800000000000000001' });
    h.clock.set('2026-03-01T12:15:00Z');
    expect(await h.services.reminders.tick()).toMatchObject({ sent: 1, followedUp: 0 });
    h.clock.advance(FOLLOW_UP_DELAY_MS);
    h.platform.failNext.add('isGuildMember');
    expect(await h.services.reminders.tick()).toMatchObject({ sent: 0, followedUp: 1 });
    const meeting = await meetingOf(circle);
    const roster = async () =>
      (await h.store.followUps.listForMeeting(meeting.id)).find((f) => f.kind === 'roster')!;
    expect(await roster()).toMatchObject({ status: 'pending', attempts: 1 });
    h.clock.advance(16_000);
    expect(await h.services.reminders.tick()).toMatchObject({ followedUp: 1 });
    expect(await roster()).toMatchObject({ status: 'done', attempts: 2 });

    // Another meeting's check fails at every attempt.
    const other = await makeCircle('Late Group', '13:30');
    h.clock.set('2026-03-01T13:15:00Z');
    await h.services.reminders.tick();
    h.clock.advance(FOLLOW_UP_DELAY_MS);
    for (const wait of [0, 15, 30, 60, 120]) {
      h.clock.advance(wait * 1000 + 1000);
      h.platform.failNext.add('isGuildMember');
      await h.services.reminders.tick();
    }
    const otherMeeting = await meetingOf(other);
    const rows = await h.store.followUps.listForMeeting(otherMeeting.id);
    expect(rows.find((f) => f.kind === 'roster')).toMatchObject({ status: 'failed', attempts: 5 });
    expect(h.platform.posts.at(-1)).toMatchObject({ channelId: '800000000000000001' });
    expect(h.platform.posts.at(-1)!.message.content).toContain(
      'The members of **Late Group** could not be checked against Discord',
    );
  });

  it('tries again to create an event that could not be created', async () => {
    const [first] = await h.store.meetings.listUpcoming(circle.id, h.clock.now(), {
      statuses: ['scheduled'],
    });
    h.platform.eventLimit = 0;
    await h.services.meetings.cancel(h.moderator, 'Noon Group');
    h.clock.advance(MINUTE);
    const next = (
      await h.store.meetings.listUpcoming(circle.id, h.clock.now(), { statuses: ['scheduled'] })
    )[0]!;
    expect(next.id).not.toBe(first!.id);
    expect(next.scheduledEventId).toBeNull();
    h.platform.eventLimit = 100;
    await h.services.events.syncStale();
    expect((await h.store.meetings.findById(next.id))?.scheduledEventId).not.toBeNull();
  });

  it('forgets the event of an ended meeting Discord refuses to delete, so it blocks no other', async () => {
    const [first] = await h.store.meetings.listUpcoming(circle.id, h.clock.now(), {
      statuses: ['scheduled'],
    });
    const original = h.platform.deleteVoiceEvent.bind(h.platform);
    let refusals = 0;
    h.platform.deleteVoiceEvent = async (guildId, eventId) => {
      if (eventId === first!.scheduledEventId) {
        refusals++;
        throw Object.assign(new Error('Missing Permissions'), { status: 403, code: 50013 });
      }
      return original(guildId, eventId);
    };
    h.clock.set('2026-03-01T13:31:00Z');
    await h.services.events.syncEnded();
    expect(refusals).toBe(1);
    expect((await h.store.meetings.findById(first!.id))?.scheduledEventId).toBeNull();
    expect(await h.services.events.syncEnded()).toBe(0);

    // A passing failure is tried again at the next pass; after a day the event is let go.
    const [second] = await h.store.meetings.listUpcoming(circle.id, h.clock.now(), {
      statuses: ['scheduled'],
    });
    expect(second!.scheduledEventId).not.toBeNull();
    h.platform.deleteVoiceEvent = async () => {
      refusals++;
      throw Object.assign(new Error('Internal Server Error'), { status: 500 });
    };
    h.clock.set(new Date(second!.endsAt.getTime() + MINUTE));
    await h.services.events.syncEnded();
    expect((await h.store.meetings.findById(second!.id))?.scheduledEventId).toBe(second!.scheduledEventId);
    h.clock.set(new Date(second!.endsAt.getTime() + 25 * 60 * MINUTE));
    await h.services.events.syncEnded();
    expect((await h.store.meetings.findById(second!.id))?.scheduledEventId).toBeNull();
    expect(refusals).toBe(3);
  });

  it('archiving cancels the upcoming meetings, their reminders and the event', async () => {
    await h.services.circles.archive(h.moderator, 'Noon Group');
    expect(
      await h.store.meetings.listUpcoming(circle.id, h.clock.now(), { statuses: ['scheduled'] }),
    ).toEqual([]);
    expect(await h.store.reminders.countByStatus({ circleId: circle.id })).not.toHaveProperty('pending');
    expect(h.platform.events.size).toBe(0);
  });

  it('keeps one scheduled event for the next meeting, and says once when the server is full', async () => {
    const [first, second] = await h.store.meetings.listUpcoming(circle.id, h.clock.now(), {
      statuses: ['scheduled'],
    });
    expect(first!.scheduledEventId).not.toBeNull();
    h.clock.set('2026-03-01T13:31:00Z');
    await h.services.events.syncEnded();
    expect((await h.store.meetings.findById(first!.id))?.scheduledEventId).toBeNull();
    expect((await h.store.meetings.findById(second!.id))?.scheduledEventId).not.toBeNull();
    expect(h.platform.events.size).toBe(1);

    await h.services.server.setup(h.moderator, { modLogChannelId: '800000000000000001' });
    h.platform.eventLimit = 1;
    const other = await makeCircle('Evening Group', '19:00');
    await h.services.events.syncCircle(other.id);
    const notices = h.platform.posts.filter((p) =>
      p.message.content.includes('limit of 100 scheduled events'),
    );
    expect(notices).toHaveLength(1);
  });
});
