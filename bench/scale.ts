/**
 * The bot at scale on one machine: BENCH_CIRCLES guilds (default 2,000) of one circle each, whose
 * first reminders fall due in the same second; two bot processes (shards 0,1 and 2,3 of 4) behind
 * one REST proxy, the emulator enforcing Discord's 50 requests/s. A quarter of the way through the
 * burst the process of shards 0,1 is killed (SIGKILL) and started again. Prints timings and ends
 * with one line: `scale: reminders N, lost L, doubled D, 429s Q, ratio R×`, where R is the time
 * from the due time to the last reminder posted over the ideal (circles / 50 s).
 *
 *   npm run bench:scale
 *   BENCH_CIRCLES=10000 npm run bench:scale
 */
import { REQUESTS_PER_SECOND, runBurst, scaleLine, startScale } from '../test/support/scale.js';

const CIRCLES = Number(process.env['BENCH_CIRCLES'] ?? 2000);
/** BENCH_FOLLOW_UPS=0: stop once the reminders are out, without waiting for the follow-ups. */
const FOLLOW_UPS = process.env['BENCH_FOLLOW_UPS'] !== '0';
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const log = (line: string) => console.log(`  ${line}`);

console.log(`Scale: ${CIRCLES} circles, 4 shards in two processes, one REST proxy\n`);
const world = await startScale({ circles: CIRCLES, log });
try {
  const ready = world.processes.map((p) => `${p.name}: commands ${String(p.ready?.commands)}`).join('; ');
  log(
    `${ready}; command syncs ${world.emu.commandPutCount}; identify refusals ${world.emu.identifyRefusals}`,
  );
  const ideal = (CIRCLES / REQUESTS_PER_SECOND) * 1000;
  const result = await runBurst(
    world,
    { deadlineMs: Math.max(10 * 60_000, ideal * 8), followUps: FOLLOW_UPS },
    log,
  );
  log(
    `process of shards 0,1 killed ${seconds(result.killedAtMs)} after the due time, ready again ${seconds(result.restartMs)} later`,
  );
  const at = (q: number) =>
    seconds(
      result.postedMs[Math.min(result.postedMs.length - 1, Math.floor(q * result.postedMs.length))] ?? NaN,
    );
  log(`reminders posted after the due time: first ${at(0)}, p50 ${at(0.5)}, p90 ${at(0.9)}, p99 ${at(0.99)}`);
  log(`last reminder posted ${seconds(result.lastPostMs)} after the due time; ideal ${seconds(ideal)}`);
  log(
    `follow-ups settled ${seconds(result.followUpsMs)} after the due time: ${result.followUps.map((f) => `${f.kind} ${f.status} ${f.count}`).join(', ')}`,
  );
  log(
    `facilitators told once ${result.facilitatorsToldOnce}, more than once ${result.facilitatorsToldTwice}`,
  );
  log(
    `429s by cause ${JSON.stringify(world.emu.rateLimitStats)}; identify refusals ${world.emu.identifyRefusals}`,
  );
  const routes = new Map<string, number>();
  for (const r of world.emu.requests) {
    const key = `${r.method} ${r.route ?? r.path}`;
    routes.set(key, (routes.get(key) ?? 0) + 1);
  }
  const top = [...routes].sort((x, y) => y[1] - x[1]).slice(0, 8);
  log(`requests ${world.emu.requests.length}: ${top.map(([k, n]) => `${k} ${n}`).join(', ')}`);
  const problems = world.processes.flatMap((p) => p.problems().map((line) => `${p.name}: ${line}`));
  if (problems.length)
    log(`warnings and errors logged (${problems.length}), first: ${problems.slice(0, 3).join('\n    ')}`);
  console.log(scaleLine(result));
} finally {
  await world.close();
}
