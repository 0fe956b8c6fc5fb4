import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databases, type TestDatabase } from '../support/databases.js';
import { buttonId, firstMeetingTomorrow, startE2E, weeklyAt, type E2E } from '../support/e2e.js';
import { FakeClock } from '../support/fake-chat-platform.js';

const MINUTE = 60_000;

describe.each(databases)('reminders that reach people on $name', (database) => {
  let db: TestDatabase;
  let t: E2E;
  let clock: FakeClock;
  const first = firstMeetingTomorrow();

  beforeEach(async () => {
    db = await database.create();
    clock = new FakeClock(new Date());
    t = await startE2E(db, { clock });
    const { moderator, alice, bob, carol, dan } = t.world.users;
    await t.run(moderator, 'circle-admin', {
      subcommand: 'create',
      options: { name: 'Peer Group', kind: 'peer-consultation' },
    });
    for (const user of [alice, bob, dan]) {
      const join = await t.run(user, 'circle', { subcommand: 'join', options: { circle: 'Peer Group' } });
      await t.click(user, join.message, buttonId(join, 'I accept'));
    }
    // Carol has not accepted the agreement (pending); Dan left: neither is named or notified.
    await t.run(carol, 'circle', { subcommand: 'join', options: { circle: 'Peer Group' } });
    await t.run(dan, 'circle', { subcommand: 'leave', options: { circle: 'Peer Group' } });
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
  /** Exactly these users are notified: no role, no `@everyone` or `@here`. */
  const expectNotified = (messageId: string, users: string[]) => {
    const notified = t.emu.notified(messageId);
    expect({ ...notified, users: [...notified.users].sort() }).toEqual({
      users: [...users].sort(),
      roles: [],
      everyone: false,
    });
  };
  const posts = async (prefix: string) =>
    t.emu.messages((await circle()).textChannelId).filter((m) => m.content.startsWith(prefix));

  it('the reminder and the start prompt notify the active members by user id only, and link the voice channel', async () => {
    const { alice, bob, carol, dan } = t.world.users;
    const c = await circle();
    clock.set(new Date(first.getTime() - 15 * MINUTE));
    await t.bot.tick();
    const [reminder] = await posts('🔒');
    expect(reminder).toBeDefined();
    expectNotified(reminder!.id, [alice, bob]);
    expect(reminder!.content).toMatch(/^For: <@\d+>, <@\d+>$/m);
    expect(reminder!.content).toContain(`<#${c.voiceChannelId}>`);
    for (const outsider of [carol, dan]) expect(reminder!.content).not.toContain(outsider);
    expect(reminder!.content).not.toMatch(/@everyone|@here|<@&/);

    await t.click(alice, reminder, buttonId(reminder, 'Check in'));
    clock.set(new Date(first.getTime() + 5_000));
    await t.bot.tick();
    const [prompt] = await posts('▶️');
    expect(prompt).toBeDefined();
    expectNotified(prompt!.id, [alice, bob]);
    expect(prompt!.content).toContain(`Join the voice channel: <#${c.voiceChannelId}>`);
    expect(prompt!.content).toContain(`Checked in (1): <@${alice}>`);
    expect(prompt!.content).toContain(`Not checked in yet: <@${bob}>`);
    expect(prompt!.content).not.toMatch(/@everyone|@here|<@&/);
  });

  it('a circle that turns mentions off names nobody in its reminders and notifies nobody', async () => {
    const { moderator, alice, bob } = t.world.users;
    const changed = await t.run(moderator, 'circle-admin', {
      subcommand: 'settings',
      options: { circle: 'Peer Group', mentions: false },
    });
    expect(changed.content).toContain('members not mentioned in reminders');
    expect((await circle()).mentionMembers).toBe(false);

    clock.set(new Date(first.getTime() - 15 * MINUTE));
    await t.bot.tick();
    const [reminder] = await posts('🔒');
    expectNotified(reminder!.id, []);
    expect(reminder!.content).not.toContain(`<@${alice}>`);
    expect(reminder!.content).not.toContain(`<@${bob}>`);

    clock.set(new Date(first.getTime() + 5_000));
    await t.bot.tick();
    const [prompt] = await posts('▶️');
    expectNotified(prompt!.id, []);
    expect(prompt!.content).not.toContain('Not checked in yet:');
  });
});
