import { ChannelType } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncReminders } from '../../src/services/meetings/meeting-plan.js';
import { databases, type TestDatabase } from '../support/databases.js';
import { startE2E, type E2E } from '../support/e2e.js';
import { FakeClock } from '../support/fake-chat-platform.js';

const MINUTE = 60_000;
const CIRCLES = 20;
const MEETINGS_PER_CIRCLE = 10;

/**
 * 200 meetings in 20 circles, each with a confidentiality reminder and a start prompt, all
 * falling due at once; two bot processes tick the one database against one emulator.
 */
describe.each(databases)('the reminder outbox with two schedulers on $name', (database) => {
  let db: TestDatabase;
  let t: E2E;
  let clock: FakeClock;
  const start = new Date(Date.now() + 60 * MINUTE);

  beforeEach(async () => {
    db = await database.create();
    clock = new FakeClock(new Date(start.getTime() - 20 * MINUTE));
    t = await startE2E(db, { clock, logLevel: 'warn' });
    const store = t.bot.store;
    for (let c = 0; c < CIRCLES; c++) {
      const text = t.emu.createChannel(t.world.guildId, { name: `circle-${c}`, type: ChannelType.GuildText });
      const voice = t.emu.createChannel(t.world.guildId, {
        name: `Circle ${c}`,
        type: ChannelType.GuildVoice,
      });
      const circle = await store.circles.create({
        guildId: t.world.guildId,
        name: `Circle ${c}`,
        kind: 'study',
        capacity: 8,
        facilitation: 'rotating',
        textChannelId: text,
        voiceChannelId: voice,
        agreementText: 'What is said here stays here, for all of us.',
        createdBy: t.world.users.moderator,
        createdAt: clock.now(),
      });
      await store.transaction(async (tx) => {
        const meetings = await tx.meetings.createMany(
          Array.from({ length: MEETINGS_PER_CIRCLE }, (_, m) => ({
            circleId: circle.id,
            guildId: circle.guildId,
            occurrence: `seed:${m}`,
            startsAt: new Date(start.getTime() + m * 1000),
            endsAt: new Date(start.getTime() + m * 1000 + 60 * MINUTE),
          })),
        );
        for (const meeting of meetings) await syncReminders(tx, meeting, circle);
      });
    }
  });
  afterEach(async () => {
    await t.close();
    await db.drop();
  });

  /** Messages per channel, and the ids of all messages, across the seeded circles. */
  const posted = () => {
    const messages = t.emu
      .channels(t.world.guildId)
      .filter((c) => c.name?.startsWith('circle-'))
      .flatMap((c) => t.emu.messages(c.id));
    return {
      count: messages.length,
      ids: new Set(messages.map((m) => m.id)),
      nonces: new Set(messages.map((m) => m.nonce)),
    };
  };

  it('posts every reminder exactly once, even with failures injected', async () => {
    const other = await t.startAnotherBot();
    const messages = /\/channels\/\d+\/messages$/;
    // Lost responses: the message is made, the answer is a 500 or a 429, discord.js retries with the same nonce.
    t.emu.injectFailures({ method: 'POST', path: messages, status: 500, times: 3, after: true });
    t.emu.injectFailures({
      method: 'POST',
      path: messages,
      status: 429,
      times: 2,
      after: true,
      retryAfterSeconds: 0.2,
    });
    t.emu.injectFailures({ method: 'POST', path: messages, status: 500, times: 2 });

    clock.set(new Date(start.getTime() - 15 * MINUTE + 30_000));
    await Promise.all([t.bot.tick(), other.tick(), t.bot.tick(), other.tick()]);
    expect(posted().count).toBe(CIRCLES * MEETINGS_PER_CIRCLE);

    clock.set(new Date(start.getTime() + 30_000));
    await Promise.all([t.bot.tick(), other.tick()]);
    const { count, ids, nonces } = posted();
    expect(count).toBe(2 * CIRCLES * MEETINGS_PER_CIRCLE);
    expect(ids.size).toBe(count);
    expect(nonces.size).toBe(count);
    expect(await t.bot.store.reminders.countByStatus()).toEqual({ sent: count });
  });
});
