/**
 * Latency of `/circle info` through the local Discord emulator, on SQLite and PostgreSQL:
 * from the emulator handing INTERACTION_CREATE to the gateway to the interaction callback
 * arriving over REST. `/help` (no database work) is the trivial baseline, interleaved in the
 * same run so both see the same machine load. Prints figures; asserts nothing.
 *
 *   npm run bench                      # 1,000 of each per database
 *   BENCH_ITERATIONS=200 npm run bench
 */
import { databases } from '../test/support/databases.js';
import { buttonId, startE2E, type E2E } from '../test/support/e2e.js';

const iterations = Number(process.env['BENCH_ITERATIONS'] ?? 1000);
const warmup = Math.min(100, iterations);

interface Figures {
  p50: number;
  p99: number;
  mean: number;
}

function figures(samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { p50: at(0.5), p99: at(0.99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

/** Dispatch-to-callback time of one command, in milliseconds. */
async function measure(
  t: E2E,
  userId: string,
  command: string,
  spec: Parameters<E2E['run']>[2],
): Promise<number> {
  const handle = t.emu
    .as(userId)
    .runCommand(t.world.guildId, command, spec, { channelId: t.world.generalId });
  const callback = await handle.response();
  return callback.receivedAt - handle.record.dispatchedAt;
}

async function prepare(t: E2E): Promise<void> {
  const { moderator, alice, bob, carol, dan } = t.world.users;
  await t.run(moderator, 'circle-admin', {
    subcommand: 'create',
    options: { name: 'Tuesday Balint', kind: 'balint' },
  });
  for (const userId of [alice, bob, carol, dan]) {
    const join = await t.run(userId, 'circle', { subcommand: 'join', options: { circle: 'Tuesday Balint' } });
    await t.click(userId, join.message, buttonId(join, 'I accept'));
  }
}

async function benchDatabase(factory: (typeof databases)[number]): Promise<{ info: Figures; ping: Figures }> {
  const db = await factory.create();
  const t = await startE2E(db, { logLevel: 'info' });
  try {
    await prepare(t);
    const info = { subcommand: 'info', options: { circle: 'Tuesday Balint' } };
    const member = t.world.users.alice;
    const infoSamples: number[] = [];
    const pingSamples: number[] = [];
    for (let i = 0; i < warmup; i++) {
      await measure(t, member, 'circle', info);
      await measure(t, member, 'help', {});
    }
    for (let i = 0; i < iterations; i++) {
      infoSamples.push(await measure(t, member, 'circle', info));
      pingSamples.push(await measure(t, member, 'help', {}));
    }
    return { info: figures(infoSamples), ping: figures(pingSamples) };
  } finally {
    await t.close();
    await db.drop();
  }
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

console.log(
  `/circle info vs /help (trivial ping): ${iterations} each, interleaved, after ${warmup} warm-up pairs`,
);
console.log('latency = emulator dispatch of INTERACTION_CREATE → interaction callback received\n');
for (const factory of databases) {
  const { info, ping } = await benchDatabase(factory);
  console.log(`${factory.name}`);
  console.log(`  /circle info  p50 ${ms(info.p50)}  p99 ${ms(info.p99)}  mean ${ms(info.mean)}`);
  console.log(`  /help (ping)  p50 ${ms(ping.p50)}  p99 ${ms(ping.p99)}  mean ${ms(ping.mean)}`);
  console.log(
    `  ratio info/ping  p50 ${(info.p50 / ping.p50).toFixed(2)}×  p99 ${(info.p99 / ping.p99).toFixed(2)}×`,
  );
  console.log(
    `  aim p99 < 50 ms and ≤ 3× ping: ${info.p99 < 50 && info.p99 <= 3 * ping.p99 ? 'met' : 'NOT met'}\n`,
  );
}
