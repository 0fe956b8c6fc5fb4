import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { localTime } from '../../src/services/meetings/time.js';
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

describe.each(databases)('meetings end to end on $name', (database) => {
  let db: TestDatabase;
  let t: E2E;
  let clock: FakeClock;
  /** Tomorrow at a whole hour (UTC): the first meeting. */
  const first = firstMeetingTomorrow();

  beforeEach(async () => {
    db = await database.create();
    clock = new FakeClock(new Date());
    t = await startE2E(db, { clock });
    const { moderator, alice } = t.world.users;
    await t.run(moderator, 'circle-admin', {
      subcommand: 'create',
      options: { name: 'Peer Group', kind: 'peer-consultation' },
    });
    const join = await t.run(alice, 'circle', { subcommand: 'join', options: { circle: 'Peer Group' } });
    await t.click(alice, join.message, buttonId(join, 'I accept'));
  });
  afterEach(async () => {
    await t.close();
    await db.drop();
  });

  const schedule = (options: Record<string, string | number> = {}) =>
    t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'schedule',
      options: {
        circle: 'Peer Group',
        ...weeklyAt(first),
        ...options,
      },
    });
  const circle = async () => (await t.bot.store.circles.findByName(t.world.guildId, 'Peer Group'))!;

  it('schedules meetings shown as Discord timestamps, with an event only members can see', async () => {
    const reply = await schedule({ duration: 60 });
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain(`Next meeting: <t:${first.getTime() / 1000}:F>`);
    const c = await circle();
    const [event, ...rest] = t.emu.scheduledEvents(t.world.guildId);
    expect(rest).toEqual([]);
    expect(event).toMatchObject({ channel_id: c.voiceChannelId, entity_type: 2, name: 'Peer Group meeting' });
    expect(t.emu.visibleScheduledEvents(t.world.users.alice, t.world.guildId)).toHaveLength(1);
    expect(t.emu.visibleScheduledEvents(t.world.users.bob, t.world.guildId)).toHaveLength(0);

    const next = await t.run(t.world.users.alice, 'meeting', { subcommand: 'next' });
    expect(next.content).toContain(`**Peer Group**: <t:${first.getTime() / 1000}:F>`);
    expect(next.content).toContain('0 cases in the queue');
  });

  it('posts the reminder with a Check in button, then a start prompt listing check-ins', async () => {
    await schedule();
    const c = await circle();
    clock.set(new Date(first.getTime() - 15 * MINUTE));
    await t.bot.tick();
    const reminder = t.emu.messages(c.textChannelId).at(-1)!;
    expect(reminder.content).toContain('Check in');
    expect(reminder.embeds[0]?.title).toContain('Our agreement, in short');
    const checkIn = await t.click(t.world.users.alice, reminder, buttonId(reminder, 'Check in'));
    expect(checkIn).toMatchObject({ ephemeral: true });
    expect(checkIn.content).toContain('You are checked in');
    const again = await t.click(t.world.users.alice, reminder, buttonId(reminder, 'Check in'));
    expect(again.content).toContain('already checked in');

    clock.set(new Date(first.getTime() + 5_000));
    await t.bot.tick();
    const prompt = t.emu.messages(c.textChannelId).at(-1)!;
    expect(prompt.content).toContain(`Checked in (1): <@${t.world.users.alice}>`);
    expect(t.emu.messages(c.textChannelId).filter((m) => m.content.startsWith('🔒'))).toHaveLength(1);
  });

  it('a bot stopped for an hour sends, once, the reminders still useful and expires the others', async () => {
    await t.run(t.world.users.moderator, 'circle-admin', {
      subcommand: 'settings',
      options: { circle: 'Peer Group', reminders: '2h, 30m' },
    });
    await schedule();
    const c = await circle();
    clock.set(new Date(first.getTime() - 150 * 60_000));
    await t.bot.stop(); // down from 2.5 h before the meeting …
    clock.set(new Date(first.getTime() - 90 * 60_000)); // … to 1.5 h before: the 2 h reminder was missed
    await t.restartBot();
    await t.bot.tick();
    await t.bot.tick();
    const reminders = t.emu.messages(c.textChannelId).filter((m) => m.content.startsWith('🔒'));
    expect(reminders).toHaveLength(1);

    await t.bot.stop(); // down again, through the 30 min reminder and the start
    clock.set(new Date(first.getTime() + 20 * 60_000));
    await t.restartBot();
    await t.bot.tick();
    expect(t.emu.messages(c.textChannelId).filter((m) => m.content.startsWith('🔒'))).toHaveLength(1);
    expect(t.emu.messages(c.textChannelId).filter((m) => m.content.startsWith('▶️'))).toHaveLength(0);
    const [meeting] = await t.bot.store.meetings.listUpcoming(c.id, new Date(first.getTime() - 1), {
      statuses: ['scheduled'],
    });
    const statuses = (await t.bot.store.reminders.listForMeeting(meeting!.id)).map(
      (r) => `${r.kind}:${r.offsetMinutes}:${r.status}`,
    );
    expect(statuses.sort()).toEqual([
      'confidentiality:120:sent',
      'confidentiality:30:expired',
      'start:0:expired',
    ]);
  });

  it('moves and cancels one meeting; the event follows', async () => {
    await schedule();
    const moved = new Date(first.getTime() + 2 * 60 * MINUTE);
    const date = moved.toISOString().slice(0, 10);
    const reply = await t.run(t.world.users.moderator, 'meeting', {
      subcommand: 'move',
      options: { circle: 'Peer Group', date, time: localTime(moved, 'UTC') },
    });
    expect(reply.content).toContain(`to <t:${moved.getTime() / 1000}:F>`);
    expect(Date.parse(t.emu.scheduledEvents(t.world.guildId)[0]!.scheduled_start_time)).toBe(moved.getTime());

    const cancelled = await runConfirmed(
      t,
      t.world.users.moderator,
      'meeting',
      { subcommand: 'cancel', options: { circle: 'Peer Group' } },
      'Cancel the meeting',
    );
    expect(cancelled.content).toContain('Cancelled the meeting');
    const nextWeek = new Date(first.getTime() + 7 * 24 * 60 * MINUTE);
    expect(t.emu.scheduledEvents(t.world.guildId).map((e) => Date.parse(e.scheduled_start_time))).toEqual([
      nextWeek.getTime(),
    ]);
  });

  it.each([
    ['25:00', { time: '25:00' }, 'is not a time'],
    ['Mars/Olympus', { timezone: 'Mars/Olympus' }, 'is not a time zone I know'],
    ['the abbreviation EST', { timezone: 'EST' }, 'such as America/New_York or America/Toronto'],
    ['the abbreviation CET', { timezone: 'CET' }, 'such as Europe/Berlin or Europe/Paris'],
    ['PST8PDT', { timezone: 'PST8PDT' }, 'such as America/Los_Angeles'],
    ['the offset Etc/GMT+5', { timezone: 'Etc/GMT+5' }, 'is a fixed offset'],
    ['the offset GMT+5', { timezone: 'GMT+5' }, 'is a fixed offset'],
  ])('answers %s clearly and schedules nothing', async (_label, options, message) => {
    const reply = await schedule(options);
    expect(reply.ephemeral).toBe(true);
    expect(reply.content).toContain(message);
    expect(await t.bot.store.schedules.get((await circle()).id)).toBeNull();
    expect(t.emu.scheduledEvents(t.world.guildId)).toEqual([]);
  });

  it.each([
    ['every-weeks 0', { 'every-weeks': 0 }],
    ['every-weeks 9', { 'every-weeks': 9 }],
    ['a duration of 5 minutes', { duration: 5 }],
    ['a time of six characters', { time: '019:30' }],
  ])('has Discord refuse %s before the bot sees it', async (_label, options) => {
    const sent = async () => schedule(options);
    await expect(sent()).rejects.toThrow(/max_length|min_value|max_value/);
    expect(await t.bot.store.schedules.get((await circle()).id)).toBeNull();
  });

  it('refuses a move into the past and a non-leader, changing nothing', async () => {
    await schedule();
    const before = JSON.stringify(t.emu.scheduledEvents(t.world.guildId));
    const past = await t.run(t.world.users.moderator, 'meeting', {
      subcommand: 'move',
      options: { circle: 'Peer Group', date: '2020-01-01', time: '10:00' },
    });
    expect(past.content).toContain('You cannot move a meeting into the past.');
    const outsider = await t.run(t.world.users.bob, 'meeting', {
      subcommand: 'cancel',
      options: { circle: 'Peer Group' },
    });
    expect(outsider.content).toContain('Only moderators and the circle’s leaders');
    expect(JSON.stringify(t.emu.scheduledEvents(t.world.guildId))).toBe(before);
    expect(
      await t.bot.store.meetings.listUpcoming((await circle()).id, clock.now(), { statuses: ['cancelled'] }),
    ).toEqual([]);
  });

  it('autocompletes time zones', async () => {
    const choices = await t.emu.as(t.world.users.moderator).autocomplete(t.world.guildId, 'circle-admin', {
      subcommand: 'schedule',
      options: { circle: 'Peer Group', weekday: 1, time: '10:00', timezone: 'berl' },
      focused: 'timezone',
    });
    expect(choices).toEqual([{ name: 'Europe/Berlin', value: 'Europe/Berlin' }]);
  });
});
