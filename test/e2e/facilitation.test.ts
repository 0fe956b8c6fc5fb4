import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databases, type TestDatabase } from '../support/databases.js';
import { buttonId, firstMeetingTomorrow, startE2E, weeklyAt, type E2E } from '../support/e2e.js';
import { FakeClock } from '../support/fake-chat-platform.js';

const MINUTE = 60_000;

describe.each(databases)('facilitation end to end on $name', (database) => {
  let db: TestDatabase;
  let t: E2E;
  let clock: FakeClock;
  const first = firstMeetingTomorrow();

  beforeEach(async () => {
    db = await database.create();
    clock = new FakeClock(new Date());
    t = await startE2E(db, { clock });
    const { moderator, alice, bob, carol } = t.world.users;
    await t.run(moderator, 'circle-admin', {
      subcommand: 'create',
      options: { name: 'Peers', kind: 'peer-consultation' },
    });
    for (const userId of [alice, bob, carol]) {
      const join = await t.run(userId, 'circle', { subcommand: 'join', options: { circle: 'Peers' } });
      await t.click(userId, join.message, buttonId(join, 'I accept'));
    }
    await t.run(moderator, 'circle-admin', {
      subcommand: 'schedule',
      options: {
        circle: 'Peers',
        ...weeklyAt(first),
      },
    });
    for (const userId of [alice, bob]) {
      const joined = await t.run(userId, 'facilitator', {
        subcommand: 'pool',
        options: { circle: 'Peers', action: 'join' },
      });
      expect(joined.content).toContain('You are in the facilitator pool');
      clock.advance(1000);
    }
  });
  afterEach(async () => {
    await t.close();
    await db.drop();
  });

  it('a swap accepted by button changes who the reminder names as facilitator', async () => {
    const { alice, bob, carol } = t.world.users;
    const before = await t.run(carol, 'facilitator', {
      subcommand: 'rotation',
      options: { circle: 'Peers' },
    });
    expect(before.content.split('\n')[1]).toContain(`<@${alice}>`);
    const asked = await t.run(alice, 'facilitator', {
      subcommand: 'swap',
      options: { circle: 'Peers', member: bob },
    });
    expect(asked.content).toContain('by direct message');
    const offer = t.emu.dmMessages(bob).at(-1)!;
    const accepted = await t.emu.as(bob).clickDmButton(offer, buttonId(offer, 'Accept')).reply();
    expect(accepted.content).toContain('Swap accepted');
    const after = await t.run(alice, 'facilitator', { subcommand: 'rotation', options: { circle: 'Peers' } });
    expect(after.content.split('\n')[1]).toContain(`<@${bob}>`);
    expect(after.content.split('\n')[2]).toContain(`<@${alice}>`);

    clock.set(new Date(first.getTime() - 15 * MINUTE));
    await t.bot.tick();
    const c = (await t.bot.store.circles.findByName(t.world.guildId, 'Peers'))!;
    const reminder = t.emu
      .messages(c.textChannelId)
      .filter((m) => m.content.startsWith('🔒'))
      .at(-1)!;
    expect(reminder.content).toContain(`Facilitator: <@${bob}>`);
    // The facilitator is told a minute later, behind that minute's reminders.
    clock.set(new Date(first.getTime() - 14 * MINUTE));
    await t.bot.tick();
    const brief = t.emu.dmMessages(bob).at(-1)!.content;
    expect(brief).toContain('You facilitate **Peers**');
    // What to do and when: where, the first step at the start, the cases, the end, and a way out.
    expect(brief).toContain(`in <#${c.voiceChannelId}>`);
    expect(brief).toContain(`At <t:${first.getTime() / 1000}:t>, open the meeting in <#${c.textChannelId}>`);
    expect(brief).toContain('`/case next Peers`');
    expect(brief).toMatch(/the meeting ends at <t:\d+:t>/);
    expect(brief).toContain('`/facilitator swap Peers member`');
  });

  it('answers bad requests clearly', async () => {
    const { alice, carol } = t.world.users;
    const notPool = await t.run(alice, 'facilitator', {
      subcommand: 'swap',
      options: { circle: 'Peers', member: carol },
    });
    expect(notPool.content).toContain('is not in the facilitator pool');
    const backwards = await t.run(alice, 'facilitator', {
      subcommand: 'away',
      options: { circle: 'Peers', from: '2026-12-10', to: '2026-12-01' },
    });
    expect(backwards).toMatchObject({ ephemeral: true });
    expect(backwards.content).toContain('comes before its start');
  });
});
