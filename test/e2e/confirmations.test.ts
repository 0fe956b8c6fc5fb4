import { PermissionFlagsBits as P } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReplyView } from '../../emulator/index.js';
import { databases, type TestDatabase } from '../support/databases.js';
import {
  buttonId,
  firstMeetingTomorrow,
  runConfirmed,
  startE2E,
  weeklyAt,
  type E2E,
} from '../support/e2e.js';
import { FakeClock } from '../support/fake-chat-platform.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe.each(databases)('confirmations end to end on $name', (database) => {
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
      subcommand: 'schedule',
      options: { circle: 'Peer Group', ...weeklyAt(first) },
    });
  });
  afterEach(async () => {
    await t.close();
    await db.drop();
  });

  const circle = async () => (await t.bot.store.circles.findByName(t.world.guildId, 'Peer Group'))!;
  const meetings = async (status: 'scheduled' | 'cancelled') =>
    t.bot.store.meetings.listUpcoming((await circle()).id, clock.now(), { statuses: [status] });
  const pendingReminders = async () => {
    let count = 0;
    for (const meeting of await meetings('scheduled'))
      count += (await t.bot.store.reminders.listForMeeting(meeting.id)).filter(
        (r) => r.status === 'pending',
      ).length;
    return count;
  };
  /** Everything a confirmation must leave alone until it is pressed. */
  const state = async () => ({
    // The circle's channels and what was posted in them (the questions themselves are ephemeral replies).
    channels: t.emu
      .channels(t.world.guildId)
      .map((ch) => [ch.id, ch.name, JSON.stringify(ch.permission_overwrites)]),
    posts: t.emu.messages((await circle()).textChannelId).map((m) => m.content),
    circle: await circle(),
    memberships: await t.bot.store.memberships.listByCircle((await circle()).id, [
      'active',
      'pending',
      'waitlisted',
      'left',
    ]),
    meetings: await meetings('scheduled'),
    reminders: await pendingReminders(),
    cases: await t.bot.store.cases.listByCircle((await circle()).id, ['open', 'withdrawn']),
    events: t.emu.scheduledEvents(t.world.guildId),
  });
  const ask = (command: string, subcommand: string, options: Record<string, string>) =>
    t.run(t.world.users.moderator, command, { subcommand, options });
  /** Presses a button whose action is refused: the answer comes as a new ephemeral message. */
  const pressRefused = async (question: ReplyView, label: string) => {
    const handle = t.emu
      .as(t.world.users.moderator)
      .clickButton(t.world.guildId, question.message!, buttonId(question, label));
    const [answer] = await handle.waitForFollowUps(1);
    return answer!;
  };
  const canWrite = (userId: string, channelId: string) =>
    (t.emu.permissionsFor(t.world.guildId, userId, channelId) & P.SendMessages) === P.SendMessages;

  it('archive shows what it would do, Keep changes nothing, Archive archives, a late press is refused', async () => {
    const { alice, bob, carol } = t.world.users;
    const form = await t.run(bob, 'case', { subcommand: 'submit', options: { circle: 'Peer Group' } });
    await t.emu
      .as(bob)
      .submitModal(t.world.guildId, form.modal!, {
        label: 'Burnout after a complaint',
        question: 'What now?',
      })
      .reply();
    await t.run(carol, 'circle', { subcommand: 'join', options: { circle: 'Peer Group' } }); // pending
    const c = await circle();
    const upcoming = (await meetings('scheduled')).length;
    const reminders = await pendingReminders();
    expect(upcoming).toBeGreaterThan(1);

    const before = await state();
    const question = await ask('circle-admin', 'archive', { circle: 'Peer Group' });
    expect(question.ephemeral).toBe(true);
    expect(question.content).toContain('**Archive Peer Group?**');
    expect(question.content).toContain('2 members lose write access: they see its channels read-only.');
    expect(question.content).toContain('1 person waiting or not yet agreed loses their place.');
    expect(question.content).toContain('1 open case request is withdrawn and its text deleted.');
    expect(question.content).toContain(
      `${upcoming} upcoming meetings are cancelled, with ${reminders} reminders.`,
    );
    expect(question.content).toContain(
      'It can be brought back within 30 days with `/circle-admin unarchive`, but deleted case text cannot come back.',
    );
    expect(buttonId(question, 'Archive')).toBe(`archive:${c.id}`);
    // Nothing changes before the button is pressed.
    expect(await state()).toEqual(before);
    expect(canWrite(alice, c.textChannelId)).toBe(true);

    const kept = await t.click(t.world.users.moderator, question.message, buttonId(question, 'Keep'));
    expect(kept.content).toBe('Nothing changed.');
    expect(kept.components).toEqual([]);
    expect(await state()).toEqual(before);

    const second = await ask('circle-admin', 'archive', { circle: 'Peer Group' });
    const late = await ask('circle-admin', 'archive', { circle: 'Peer Group' });
    const done = await t.click(t.world.users.moderator, second.message, buttonId(second, 'Archive'));
    expect(done.content).toContain('**Peer Group** is archived');
    expect(done.components).toEqual([]);
    expect((await circle()).state).toBe('archived');
    expect(t.emu.canView(alice, c.textChannelId)).toBe(true);
    expect(canWrite(alice, c.textChannelId)).toBe(false);
    expect(await meetings('scheduled')).toEqual([]);
    const cases = await t.bot.store.cases.listByCircle(c.id, ['open', 'withdrawn']);
    expect(cases.map((r) => [r.status, r.label, r.question])).toEqual([['withdrawn', null, null]]);

    const archived = await state();
    const refused = await pressRefused(late, 'Archive');
    expect(refused.ephemeral).toBe(true);
    expect(refused.content).toBe('**Peer Group** is already archived.');
    expect(await state()).toEqual(archived);
    expect((await circle()).archivedAt).toEqual(archived.circle.archivedAt);
  });

  it('cancelling a meeting names it and its facilitator first; Keep changes nothing; a late press is refused', async () => {
    const { moderator, alice } = t.world.users;
    await t.run(alice, 'facilitator', {
      subcommand: 'pool',
      options: { circle: 'Peer Group', action: 'join' },
    });
    const [next] = await meetings('scheduled');
    const reminders = (await t.bot.store.reminders.listForMeeting(next!.id)).length;
    const before = await state();

    const question = await ask('meeting', 'cancel', { circle: 'Peer Group' });
    expect(question.ephemeral).toBe(true);
    expect(question.content).toContain(
      `**Cancel the meeting of Peer Group on <t:${first.getTime() / 1000}:F>`,
    );
    expect(question.content).toContain(`Its reminders will not be sent (${reminders} waiting).`);
    expect(question.content).toContain(`<@${alice}> was to facilitate it.`);
    expect(buttonId(question, 'Cancel the meeting')).toBe(`cancelmeeting:${next!.id}`);
    expect(await state()).toEqual(before);

    const kept = await t.click(moderator, question.message, buttonId(question, 'Keep'));
    expect(kept.content).toBe('Nothing changed.');
    expect(await state()).toEqual(before);

    const second = await ask('meeting', 'cancel', { circle: 'Peer Group' });
    const late = await ask('meeting', 'cancel', { circle: 'Peer Group' });
    const done = await t.click(moderator, second.message, buttonId(second, 'Cancel the meeting'));
    expect(done.content).toContain(
      `Cancelled the meeting of **Peer Group** on <t:${first.getTime() / 1000}:F>`,
    );
    expect(done.components).toEqual([]);
    expect((await t.bot.store.meetings.findById(next!.id))?.status).toBe('cancelled');
    const rows = await t.bot.store.reminders.listForMeeting(next!.id);
    expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'cancelled'));

    const cancelled = await state();
    const refused = await pressRefused(late, 'Cancel the meeting');
    expect(refused.content).toBe('That meeting is already cancelled.');
    expect(await state()).toEqual(cancelled);

    // A question answered after its meeting started changes nothing.
    const [following] = await meetings('scheduled');
    const slow = await ask('meeting', 'cancel', { circle: 'Peer Group' });
    expect(buttonId(slow, 'Cancel the meeting')).toBe(`cancelmeeting:${following!.id}`);
    clock.set(new Date(following!.startsAt.getTime() + MINUTE));
    const started = await pressRefused(slow, 'Cancel the meeting');
    expect(started.content).toBe('That meeting has already started: it can no longer be cancelled.');
    expect((await t.bot.store.meetings.findById(following!.id))?.status).toBe('scheduled');
  });

  it('removing a member asks first; Keep changes nothing; Remove takes the access; a late press is refused', async () => {
    const { moderator, alice } = t.world.users;
    const c = await circle();
    const before = await state();
    const question = await ask('circle-admin', 'remove', { circle: 'Peer Group', member: alice });
    expect(question.ephemeral).toBe(true);
    expect(question.content).toContain(`**Remove <@${alice}> from Peer Group?**`);
    expect(question.content).toContain(
      `<@${alice}> leaves **Peer Group** and loses access to its channels at once.`,
    );
    expect(buttonId(question, 'Remove')).toBe(`removemember:${c.id}:${alice}`);
    expect(await state()).toEqual(before);
    expect(t.emu.canView(alice, c.textChannelId)).toBe(true);

    const kept = await t.click(moderator, question.message, buttonId(question, 'Keep'));
    expect(kept.content).toBe('Nothing changed.');
    expect(await state()).toEqual(before);

    const second = await ask('circle-admin', 'remove', { circle: 'Peer Group', member: alice });
    const late = await ask('circle-admin', 'remove', { circle: 'Peer Group', member: alice });
    const done = await t.click(moderator, second.message, buttonId(second, 'Remove'));
    expect(done.content).toBe(`Removed <@${alice}> from **Peer Group**; their access is gone.`);
    expect(t.emu.canView(alice, c.textChannelId)).toBe(false);
    expect(t.emu.canView(alice, c.voiceChannelId)).toBe(false);

    const removed = await state();
    const refused = await pressRefused(late, 'Remove');
    expect(refused.content).toBe(`<@${alice}> is not in **Peer Group**.`);
    expect(await state()).toEqual(removed);
  });

  const archive = () =>
    runConfirmed(
      t,
      t.world.users.moderator,
      'circle-admin',
      {
        subcommand: 'archive',
        options: { circle: 'Peer Group' },
      },
      'Archive',
    );
  const unarchive = () => ask('circle-admin', 'unarchive', { circle: 'Peer Group' });
  const suggestArchived = (userId: string) =>
    t.emu.as(userId).autocomplete(t.world.guildId, 'circle-admin', {
      subcommand: 'unarchive',
      options: { circle: 'Peer' },
      focused: 'circle',
    });

  it('unarchive gives its active members full access again, locked, with its meetings and reminders', async () => {
    const { moderator, alice, bob, carol, dan } = t.world.users;
    await t.run(carol, 'circle', { subcommand: 'join', options: { circle: 'Peer Group' } }); // pending
    const c = await circle();
    expect((await archive()).content).toContain('is archived');
    await t.run(bob, 'circle', { subcommand: 'leave', options: { circle: 'Peer Group' } });
    expect(await suggestArchived(moderator)).toEqual([{ name: 'Peer Group', value: 'Peer Group' }]);

    clock.advance(10 * DAY);
    const reply = await unarchive();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain(
      '**Peer Group** is back: its members have full access to its channels again.',
    );
    expect(reply.content).toContain('It is **locked**, so nobody new joins until a moderator unlocks it');
    const back = await circle();
    expect(back).toMatchObject({ state: 'locked', archivedAt: null });
    // Only the roster's active members: Bob left while it was archived, Carol never agreed.
    expect(canWrite(alice, c.textChannelId)).toBe(true);
    expect(t.emu.permissionsFor(t.world.guildId, alice, c.voiceChannelId) & P.Connect).toBe(P.Connect);
    for (const userId of [bob, carol, dan, moderator]) {
      expect(t.emu.canView(userId, c.textChannelId)).toBe(false);
      expect(t.emu.canView(userId, c.voiceChannelId)).toBe(false);
    }
    expect(t.emu.viewersOf(c.textChannelId).sort()).toEqual([t.emu.botUserId, t.world.ownerId, alice].sort());

    const [next, ...later] = await meetings('scheduled');
    expect(later.length).toBeGreaterThan(0);
    expect(next!.startsAt.getTime()).toBeGreaterThan(clock.now().getTime());
    expect(reply.content).toContain(`next: <t:${next!.startsAt.getTime() / 1000}:F>`);
    expect(await pendingReminders()).toBeGreaterThan(0);
    expect(t.emu.visibleScheduledEvents(alice, t.world.guildId)).toHaveLength(1);
    const audit = await t.bot.store.audit.list({ guildId: t.world.guildId, circleId: c.id });
    expect(audit[0]).toMatchObject({ action: 'circle.unarchived', actorId: moderator });

    // The reminder of the next meeting goes out again.
    clock.set(new Date(next!.startsAt.getTime() - 15 * MINUTE));
    await t.bot.tick();
    expect(t.emu.messages(c.textChannelId).at(-1)?.content).toContain('Check in');

    const joined = await t.run(dan, 'circle', { subcommand: 'join', options: { circle: 'Peer Group' } });
    expect(joined.content).toContain('is locked');
    const before = await state();
    const again = await unarchive();
    expect(again.content).toBe('**Peer Group** is not archived.');
    expect(await state()).toEqual(before);
  });

  it('unarchive is refused more than 30 days after the archive, changing nothing', async () => {
    await archive();
    clock.advance(31 * DAY);
    expect(await suggestArchived(t.world.users.moderator)).toEqual([]);
    const before = await state();
    const reply = await unarchive();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain('more than 30 days ago: it can no longer be brought back');
    expect(await state()).toEqual(before);
    expect((await circle()).state).toBe('archived');
  });

  it('unarchive tells of a channel deleted while archived, which repair then recreates for the members', async () => {
    const { moderator, alice } = t.world.users;
    await archive();
    t.emu.deleteChannel((await circle()).voiceChannelId);
    const reply = await unarchive();
    expect(reply.content).toContain(
      'Its voice channel was deleted meanwhile: `/circle-admin repair` recreates it.',
    );
    await t.run(moderator, 'circle-admin', { subcommand: 'repair', options: { circle: 'Peer Group' } });
    const repaired = await circle();
    expect(t.emu.channel(repaired.voiceChannelId)).toBeTruthy();
    expect(t.emu.canView(alice, repaired.voiceChannelId)).toBe(true);
    expect(t.emu.canView(t.world.users.bob, repaired.voiceChannelId)).toBe(true);
    expect(t.emu.canView(t.world.users.carol, repaired.voiceChannelId)).toBe(false);
  });

  it('unarchive that Discord refuses leaves the circle archived and says so', async () => {
    const { alice } = t.world.users;
    await archive();
    const c = await circle();
    const before = await state();
    t.emu.injectFailures({
      method: 'PATCH',
      path: new RegExp(`/channels/${c.textChannelId}$`),
      status: 500,
      times: 20,
    });
    const reply = await unarchive();
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain(
      'Discord refused to change the channels of **Peer Group**, so it stays archived',
    );
    expect(await circle()).toEqual(before.circle);
    expect(await meetings('scheduled')).toEqual([]);
    expect(canWrite(alice, c.textChannelId)).toBe(false);
    const audit = await t.bot.store.audit.list({ guildId: t.world.guildId, circleId: c.id });
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['circle.unarchived', 'circle.unarchive-undone']),
    );
  });
});
