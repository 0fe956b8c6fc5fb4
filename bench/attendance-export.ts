/**
 * Attendance exports and certificates of long-running circles, on SQLite and PostgreSQL. Prints
 * figures; asserts nothing.
 *
 * BENCH_EXPORT_CIRCLES circles (default 100), each with 12 members meeting weekly for four years
 * (about 209 meetings and 2,100 attendances per circle): the time to build each circle's export
 * (CSV and leadership log) and one member's certificate (PDF), as the bot does after deferring its
 * reply. Display names come from an in-memory platform, so Discord look-ups are not counted.
 *
 *   npm run bench:export
 *   BENCH_EXPORT_CIRCLES=20 npm run bench:export
 */
import { randomUUID } from 'node:crypto';
import { Temporal } from 'temporal-polyfill';
import { openStore } from '../src/db/open-store.js';
import { connect } from '../src/db/prisma-client.js';
import { nameKeyOf } from '../src/db/repositories/prisma-circle-repository.js';
import { createServices } from '../src/services/index.js';
import type { Actor } from '../src/services/kernel/index.js';
import { zonedInstant } from '../src/services/meetings/index.js';
import { MemoryLog } from '../test/support/service-harness.js';
import { databases } from '../test/support/databases.js';
import { TEST_KEYS } from '../test/support/data-keys.js';
import { FakeChatPlatform, FakeClock } from '../test/support/fake-chat-platform.js';

const CIRCLES = Number(process.env['BENCH_EXPORT_CIRCLES'] ?? 100);
const MEMBERS = 12;
const WEEKS = 209;
const WEEK = 7 * 86_400_000;
const GUILD = '900000000000000001';
/** The first meeting: Sunday 1 November 2026 at 19:00 in Berlin; the series crosses eight changes of clock. */
const FIRST = Date.parse('2026-11-01T18:00:00Z');
const NOW = new Date(FIRST + WEEKS * WEEK);

const userId = (c: number, m: number) => String(200_000_000_000_000_000n + BigInt(c * 100 + m));
const ms = (value: number) => `${value.toFixed(0)} ms`;
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function seed(url: string): Promise<void> {
  const { client } = await connect(url);
  try {
    for (let c = 0; c < CIRCLES; c++) {
      const circleId = randomUUID();
      const members = Array.from({ length: MEMBERS }, (_, m) => userId(c, m));
      await client.circle.create({
        data: {
          id: circleId,
          guildId: GUILD,
          name: `Circle ${c}`,
          nameKey: nameKeyOf(`Circle ${c}`),
          kind: 'balint',
          capacity: MEMBERS,
          state: 'locked',
          facilitation: 'designated',
          textChannelId: `t-${c}`,
          voiceChannelId: `v-${c}`,
          createdAt: new Date(FIRST - WEEK),
          leaderId: members[0]!,
          coLeaderId: members[1]!,
        },
      });
      await client.schedule.create({
        data: {
          circleId,
          weekday: 7,
          localTime: '19:00',
          timeZone: 'Europe/Berlin',
          everyWeeks: 1,
          durationMinutes: 90,
          startsOn: '2026-11-01',
          revision: 1,
          materialisedUntil: NOW,
          createdBy: members[0]!,
          updatedAt: new Date(FIRST - WEEK),
        },
      });
      await client.membership.createMany({
        data: members.map((member) => ({
          circleId,
          userId: member,
          status: 'active',
          statusSince: new Date(FIRST - WEEK),
          acceptedVersion: 1,
          acceptedAt: new Date(FIRST - WEEK),
          createdAt: new Date(FIRST - WEEK),
        })),
      });
      const meetings = Array.from({ length: WEEKS }, (_, w) => {
        const date = Temporal.PlainDate.from('2026-11-01').add({ weeks: w }).toString();
        const startsAt = zonedInstant(date, '19:00', 'Europe/Berlin');
        return {
          id: randomUUID(),
          circleId,
          guildId: GUILD,
          occurrence: `r1:${date}`,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 90 * 60_000),
          status: 'scheduled',
          facilitatorId: members[0]!,
          coFacilitatorId: members[1]!,
          assignedAt: startsAt,
          reviewedAt: startsAt,
        };
      });
      await client.meeting.createMany({ data: meetings });
      const attendance = meetings.flatMap((meeting, w) =>
        members
          .filter((_, m) => (w + m) % 7 !== 0) // each member misses about one meeting in seven
          .map((member, m) => ({
            meetingId: meeting.id,
            circleId,
            userId: member,
            roles:
              m === 0
                ? 'participant,facilitator,leader'
                : m === 1
                  ? 'participant,co-facilitator,co-leader'
                  : w % 12 === m
                    ? 'participant,presenter'
                    : 'participant',
            checkedInAt: meeting.startsAt,
          })),
      );
      for (let i = 0; i < attendance.length; i += 1000) {
        await client.attendance.createMany({ data: attendance.slice(i, i + 1000) });
      }
    }
  } finally {
    await client.$disconnect();
  }
}

async function run(factory: (typeof databases)[number]): Promise<void> {
  const db = await factory.create();
  try {
    await (await openStore(db.url, { keys: TEST_KEYS })).close(); // migrations
    const seeding = performance.now();
    await seed(db.url);
    const seeded = performance.now() - seeding;
    const store = await openStore(db.url, { keys: TEST_KEYS });
    const platform = new FakeChatPlatform();
    const services = createServices(
      { store, platform, clock: new FakeClock(NOW), log: new MemoryLog() },
      { reminders: { workerId: 'bench' } },
    );
    const moderator: Actor = { userId: '1', guildId: GUILD, roleIds: [], hasManageGuild: true };
    const exports: number[] = [];
    const certificates: number[] = [];
    let rows = 0;
    let bytes = 0;
    let pages = 0;
    const total = performance.now();
    for (let c = 0; c < CIRCLES; c++) {
      let started = performance.now();
      const result = await services.attendance.export(moderator, { circle: `Circle ${c}` });
      exports.push(performance.now() - started);
      rows += result.attendanceCsv.split('\r\n').length - 2;
      bytes += result.attendanceCsv.length + result.leadershipCsv.length;
      started = performance.now();
      const member: Actor = { ...moderator, userId: userId(c, 5), hasManageGuild: false };
      const issued = await services.attendance.certificate(member, {
        circle: `Circle ${c}`,
        serverName: 'Bench',
      });
      certificates.push(performance.now() - started);
      pages += (issued.pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
    }
    const elapsed = performance.now() - total;
    await store.close();
    exports.sort((a, b) => a - b);
    certificates.sort((a, b) => a - b);
    console.log(
      `${factory.name}: ${CIRCLES} circles × ${WEEKS} weekly meetings × ${MEMBERS} members (seeded in ${ms(seeded)})`,
    );
    console.log(
      `  export: p50 ${ms(quantile(exports, 0.5))}, p95 ${ms(quantile(exports, 0.95))}, max ${ms(exports.at(-1)!)}; ` +
        `${Math.round(rows / CIRCLES)} rows and ${Math.round(bytes / CIRCLES / 1024)} KiB per circle`,
    );
    console.log(
      `  certificate: p50 ${ms(quantile(certificates, 0.5))}, p95 ${ms(quantile(certificates, 0.95))}, max ${ms(certificates.at(-1)!)}; ` +
        `${(pages / CIRCLES).toFixed(1)} pages each`,
    );
    console.log(
      `  all ${CIRCLES} exports and certificates one after another: ${(elapsed / 1000).toFixed(1)} s`,
    );
  } finally {
    await db.drop();
  }
}

for (const factory of databases) await run(factory);
