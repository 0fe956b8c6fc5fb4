import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databases, type TestDatabase } from '../support/databases.js';
import { buttonId, firstMeetingTomorrow, startE2E, weeklyAt, type E2E } from '../support/e2e.js';
import { FakeClock } from '../support/fake-chat-platform.js';

const MINUTE = 60_000;

describe.each(databases)('attendance end to end on $name', (database) => {
  let db: TestDatabase;
  let t: E2E;
  let clock: FakeClock;
  const first = firstMeetingTomorrow();

  beforeEach(async () => {
    db = await database.create();
    clock = new FakeClock(new Date());
    t = await startE2E(db, { clock });
    const { moderator, alice, bob } = t.world.users;
    await t.run(moderator, 'circle-admin', {
      subcommand: 'create',
      options: { name: 'Peer Group', kind: 'peer-consultation' },
    });
    for (const userId of [alice, bob]) {
      const join = await t.run(userId, 'circle', { subcommand: 'join', options: { circle: 'Peer Group' } });
      await t.click(userId, join.message, buttonId(join, 'I accept'));
    }
    await t.run(moderator, 'circle-admin', {
      subcommand: 'settings',
      options: { circle: 'Peer Group', leader: alice },
    });
    await t.run(moderator, 'circle-admin', {
      subcommand: 'schedule',
      options: { circle: 'Peer Group', ...weeklyAt(first), duration: 90 },
    });
  });
  afterEach(async () => {
    await t.close();
    await db.drop();
  });

  it('a check-in and a presented case become the member’s record, with roles and contact hours', async () => {
    const { alice, bob } = t.world.users;
    const circle = (await t.bot.store.circles.findByName(t.world.guildId, 'Peer Group'))!;
    clock.set(new Date(first.getTime() - 15 * MINUTE));
    await t.bot.tick();
    const reminder = t.emu.messages(circle.textChannelId).at(-1)!;
    for (const userId of [alice, bob]) await t.click(userId, reminder, buttonId(reminder, 'Check in'));
    const form = await t.run(bob, 'case', { subcommand: 'submit', options: { circle: 'Peer Group' } });
    await t.emu
      .as(bob)
      .submitModal(t.world.guildId, form.modal!, { label: 'A rupture after a holiday', question: '' })
      .reply();
    clock.set(new Date(first.getTime() + 5 * MINUTE));
    await t.bot.tick();
    await t.run(alice, 'case', { subcommand: 'next', options: { circle: 'Peer Group' } });

    clock.set(new Date(first.getTime() + 3 * 24 * 60 * MINUTE));
    const mine = await t.run(bob, 'attendance', { subcommand: 'mine' });
    expect(mine.ephemeral).toBe(true);
    expect(mine.content).toContain('**Total**: 1 meeting, 1.5 hours');
    expect(mine.content).toContain(`<t:${first.getTime() / 1000}:f>`);
    expect(mine.content).toContain('participant, presenter, 1.5 hours');
    expect(mine.content).toContain('**Leadership**: led 0, co-led 0');
    expect(mine.content).not.toContain('rupture'); // the record holds no case text

    const lead = await t.run(alice, 'attendance', { subcommand: 'mine', options: { circle: 'Peer Group' } });
    expect(lead.content).toContain('participant, leader, 1.5 hours');
    expect(lead.content).toContain('**Leadership**: led 1, co-led 0');
  });

  it('the scheduler deletes attendance past the retention period', async () => {
    const circle = (await t.bot.store.circles.findByName(t.world.guildId, 'Peer Group'))!;
    const fiveYearsAgo = new Date(clock.now().getTime() - 5 * 366 * 24 * 60 * MINUTE);
    const [old] = await t.bot.store.meetings.createMany([
      {
        circleId: circle.id,
        guildId: circle.guildId,
        occurrence: 'r0:long-ago',
        startsAt: fiveYearsAgo,
        endsAt: new Date(fiveYearsAgo.getTime() + 90 * MINUTE),
      },
    ]);
    await t.bot.store.attendance.record({
      meetingId: old!.id,
      circleId: circle.id,
      userId: t.world.users.bob,
      roles: ['participant'],
      checkedInAt: fiveYearsAgo,
    });
    await t.bot.tick();
    expect(await t.bot.store.attendance.listForMeeting(old!.id)).toEqual([]);
  });

  it('a leader corrects a past meeting’s attendance; a member cannot', async () => {
    const { alice, bob } = t.world.users;
    clock.set(new Date(first.getTime() + 2 * 24 * 60 * MINUTE));
    const date = first.toISOString().slice(0, 10);
    const options = {
      circle: 'Peer Group',
      member: bob,
      date,
      role: 'participant',
      change: 'add',
      reason: 'technical-problem',
    };
    const refused = await t.run(bob, 'attendance', { subcommand: 'correct', options });
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toContain('Only moderators and the circle’s leaders can correct attendance.');
    const done = await t.run(alice, 'attendance', { subcommand: 'correct', options });
    expect(done.ephemeral).toBe(true);
    expect(done.content).toContain(`<@${bob}> now counts as participant at the meeting of **Peer Group**`);
    const mine = await t.run(bob, 'attendance', { subcommand: 'mine' });
    expect(mine.content).toContain('**Total**: 1 meeting, 1.5 hours');
  });

  it('answers bad dates briefly and privately', async () => {
    const reply = await t.run(t.world.users.bob, 'attendance', {
      subcommand: 'mine',
      options: { from: '2026-12-05', to: '2026-12-01' },
    });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('`from` must be on or before `to`.');
  });
});
