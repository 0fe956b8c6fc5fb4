/**
 * The reminder outbox under load, on SQLite and PostgreSQL. Prints figures; asserts nothing.
 *
 * 1. Burst: BENCH_CIRCLES circles (default 2,000) whose meetings start in the same minute, the
 *    emulator enforcing Discord's 50 requests/s. Time from the first tick until the last reminder
 *    is posted, against the ideal (circles / 50 s); then until the roster checks are done.
 * 2. Idle tick: one scheduler tick with BENCH_ROWS (default 100,000) future reminders, none due.
 *
 *   npm run bench
 *   BENCH_CIRCLES=500 BENCH_ROWS=20000 npm run bench
 */
import { ChannelType, OverwriteType } from 'discord.js';
import pino from 'pino';
import { openStore } from '../src/db/open-store.js';
import { schedulerTick } from '../src/jobs/scheduler.js';
import { desiredOverwrites } from '../src/platform/overwrites.js';
import { createServices } from '../src/services/index.js';
import { syncReminders } from '../src/services/meetings/meeting-plan.js';
import type { NewReminder } from '../src/services/reminders/model.js';
import { databases } from '../test/support/databases.js';
import { TEST_KEYS } from '../test/support/data-keys.js';
import { startE2E } from '../test/support/e2e.js';
import { FakeChatPlatform, FakeClock } from '../test/support/fake-chat-platform.js';

const CIRCLES = Number(process.env['BENCH_CIRCLES'] ?? 2000);
const ROWS = Number(process.env['BENCH_ROWS'] ?? 100_000);
const MINUTE = 60_000;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function burst(factory: (typeof databases)[number]): Promise<void> {
  const db = await factory.create();
  const start = new Date(Math.ceil((Date.now() + 30 * MINUTE) / MINUTE) * MINUTE);
  const clock = new FakeClock(new Date(start.getTime() - 20 * MINUTE));
  const t = await startE2E(db, { clock, logLevel: 'warn', emulator: { globalRateLimitPerSecond: 50 } });
  try {
    const store = t.bot.store;
    const member = t.world.users.alice;
    const ids = { everyoneId: t.world.guildId, botId: t.emu.botUserId };
    const overwrites = (kind: 'text' | 'voice') =>
      desiredOverwrites({ kind, memberIds: [member], readOnly: false }, ids).map((o) => ({
        id: o.id,
        type: o.type === OverwriteType.Role ? (0 as const) : (1 as const),
        allow: o.allow.toString(),
        deny: o.deny.toString(),
      }));
    const seeded = performance.now();
    for (let batch = 0; batch < CIRCLES; batch += 100) {
      await store.transaction(async (tx) => {
        for (let c = batch; c < Math.min(CIRCLES, batch + 100); c++) {
          const text = t.emu.createChannel(t.world.guildId, {
            name: `c-${c}`,
            type: ChannelType.GuildText,
            overwrites: overwrites('text'),
          });
          const voice = t.emu.createChannel(t.world.guildId, {
            name: `c-${c}`,
            type: ChannelType.GuildVoice,
            overwrites: overwrites('voice'),
          });
          const circle = await tx.circles.create({
            guildId: t.world.guildId,
            name: `Circle ${c}`,
            kind: 'peer-consultation',
            capacity: 8,
            facilitation: 'rotating',
            textChannelId: text,
            voiceChannelId: voice,
            agreementText: 'What is said here stays here.',
            createdBy: t.world.users.moderator,
            createdAt: clock.now(),
          });
          const membership = await tx.memberships.upsert(
            circle.id,
            member,
            { status: 'active', statusSince: clock.now() },
            clock.now(),
          );
          await tx.memberships.update(membership.id, { acceptedVersion: 1, acceptedAt: clock.now() });
          const [meeting] = await tx.meetings.createMany([
            {
              circleId: circle.id,
              guildId: circle.guildId,
              occurrence: 'bench',
              startsAt: start,
              endsAt: new Date(start.getTime() + 90 * MINUTE),
            },
          ]);
          await syncReminders(tx, meeting!, circle);
        }
      });
    }
    const seedTime = performance.now() - seeded;
    let lastPost = 0;
    t.emu.on('message', () => (lastPost = performance.now()));
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a fresh rate-limit window
    clock.set(new Date(start.getTime() - 15 * MINUTE + 1000));
    const began = performance.now();
    // Failed sends wait for their backoff: let the clock move on so they come round again.
    for (
      let round = 0;
      round < 40 && ((await store.reminders.countByStatus()).sent ?? 0) < CIRCLES;
      round++
    ) {
      if (round > 0) clock.advance(15_000);
      await t.bot.tick();
    }
    const done = performance.now();
    const ideal = (CIRCLES / 50) * 1000;
    const posting = lastPost - began;
    console.log(
      `${factory.name}: ${CIRCLES} confidentiality reminders due in the same minute (seeded in ${seconds(seedTime)})`,
    );
    console.log(
      `  last reminder posted after ${seconds(posting)}; ideal at 50 requests/s ${seconds(ideal)}; ratio ${(posting / ideal).toFixed(2)}×`,
    );
    console.log(`  tick finished (roster checks: ${CIRCLES} member look-ups) after ${seconds(done - began)}`);
    console.log(`  429 answers from the emulator: ${t.emu.rateLimitedCount}\n`);
  } finally {
    await t.close();
    await db.drop();
  }
}

async function idleTick(factory: (typeof databases)[number]): Promise<void> {
  const db = await factory.create();
  const store = await openStore(db.url, { keys: TEST_KEYS });
  try {
    const clock = new FakeClock(new Date('2026-03-01T12:00:00Z'));
    const platform = new FakeChatPlatform();
    const circle = await store.circles.create({
      guildId: '1',
      name: 'Busy',
      kind: 'study',
      capacity: 8,
      facilitation: 'rotating',
      textChannelId: '2',
      voiceChannelId: '3',
      agreementText: 'What is said here stays here.',
      createdBy: '4',
      createdAt: clock.now(),
    });
    const perMeeting = 2;
    for (let made = 0; made < ROWS; made += 2000) {
      const meetings = await store.meetings.createMany(
        Array.from({ length: 2000 / perMeeting }, (_, i) => {
          const startsAt = new Date(
            clock.now().getTime() + 60 * MINUTE + (made / perMeeting + i) * 10 * MINUTE,
          );
          return {
            circleId: circle.id,
            guildId: '1',
            occurrence: `m${made + i}`,
            startsAt,
            endsAt: new Date(startsAt.getTime() + 60 * MINUTE),
          };
        }),
      );
      const reminders: NewReminder[] = meetings.flatMap((m) => [
        {
          meetingId: m.id,
          circleId: circle.id,
          guildId: m.guildId,
          kind: 'confidentiality',
          offsetMinutes: 15,
          dueAt: new Date(m.startsAt.getTime() - 15 * MINUTE),
          expiresAt: m.startsAt,
        },
        {
          meetingId: m.id,
          circleId: circle.id,
          guildId: m.guildId,
          kind: 'start',
          offsetMinutes: 0,
          dueAt: m.startsAt,
          expiresAt: new Date(m.startsAt.getTime() + 10 * MINUTE),
        },
      ]);
      await store.reminders.createMany(reminders);
    }
    const services = createServices(
      { store, platform, clock, log: pino({ level: 'silent' }) },
      { reminders: { workerId: 'bench' } },
    );
    const logger = pino({ level: 'silent' });
    const samples: number[] = [];
    for (let i = 0; i < 60; i++) {
      const began = performance.now();
      await schedulerTick(services, logger);
      if (i >= 10) samples.push(performance.now() - began);
    }
    samples.sort((a, b) => a - b);
    const counts = await store.reminders.countByStatus();
    console.log(`${factory.name}: one scheduler tick with ${counts.pending ?? 0} future reminders, none due`);
    console.log(
      `  p50 ${samples[Math.floor(samples.length / 2)]!.toFixed(2)} ms, max ${samples.at(-1)!.toFixed(2)} ms (50 ticks)\n`,
    );
  } finally {
    await store.close();
    await db.drop();
  }
}

console.log('Reminder outbox benchmarks\n');
for (const factory of databases) await burst(factory);
for (const factory of databases) await idleTick(factory);
