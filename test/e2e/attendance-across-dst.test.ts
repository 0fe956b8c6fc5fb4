import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databases, type TestDatabase } from '../support/databases.js';
import { buttonId, startE2E, type E2E } from '../support/e2e.js';
import { FakeClock } from '../support/fake-chat-platform.js';

const MINUTE = 60_000;

describe.each(databases)('attendance across a daylight-saving change on $name', (database) => {
  let db: TestDatabase;
  let t: E2E;
  let clock: FakeClock;

  beforeEach(async () => {
    db = await database.create();
    clock = new FakeClock(new Date('2027-03-15T10:00:00Z'));
    t = await startE2E(db, { clock });
    const { moderator, bob } = t.world.users;
    await t.run(moderator, 'circle-admin', {
      subcommand: 'create',
      options: { name: 'Berlin Balint', kind: 'balint' },
    });
    const join = await t.run(bob, 'circle', { subcommand: 'join', options: { circle: 'Berlin Balint' } });
    await t.click(bob, join.message, buttonId(join, 'I accept'));
    // Sundays at 19:00 in Berlin: 18:00 UTC until 28 March 2027, 17:00 UTC from then on.
    await t.run(moderator, 'circle-admin', {
      subcommand: 'schedule',
      options: {
        circle: 'Berlin Balint',
        weekday: 7,
        time: '19:00',
        timezone: 'Europe/Berlin',
        duration: 90,
      },
    });
  });
  afterEach(async () => {
    await t.close();
    await db.drop();
  });

  it('records each meeting at its local time with its real contact hours', async () => {
    const { bob } = t.world.users;
    const circle = (await t.bot.store.circles.findByName(t.world.guildId, 'Berlin Balint'))!;
    const starts = ['2027-03-21T18:00:00Z', '2027-03-28T17:00:00Z', '2027-04-04T17:00:00Z'].map((iso) =>
      Date.parse(iso),
    );
    for (const start of starts) {
      clock.set(new Date(start - 10 * MINUTE));
      await t.bot.tick();
      const reminder = t.emu.messages(circle.textChannelId).at(-1)!;
      const checkIn = await t.click(bob, reminder, buttonId(reminder, 'Check in'));
      expect(checkIn.content).toContain('You are checked in');
    }
    clock.set(new Date('2027-04-10T10:00:00Z'));
    const mine = await t.run(bob, 'attendance', { subcommand: 'mine', options: { from: '2027-03-01' } });
    expect(mine.content).toContain('**Total**: 3 meetings, 4.5 hours');
    for (const start of starts) {
      expect(mine.content).toContain(
        `<t:${start / 1000}:f>–<t:${(start + 90 * MINUTE) / 1000}:t>, participant, 1.5 hours`,
      );
    }
  });
});
