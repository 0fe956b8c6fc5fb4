/**
 * Latency of the de-identification check (`npm run bench:deidentify`): the one-off load
 * (`warmUpIdentifierCheck`: word lists, name data, gazetteer, TLDs), the first call after it,
 * p50/p99/max over many varied 200-character inputs, and the slowest of a set of adversarial inputs
 * (to catch catastrophic backtracking). Aims: p99 < 5 ms, adversarial < 50 ms. Prints timings and
 * the heap size only, never the checked text. Run with `node --expose-gc --import tsx` to also
 * collect garbage before each timed phase.
 */
import { performance } from 'node:perf_hooks';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const importStart = performance.now();
const { findIdentifiers, warmUpIdentifierCheck } = await import('../src/services/deidentify/check.js');
const imported = performance.now() - importStart;

const FRAGMENTS = [
  'Client in her 80s with dementia,',
  'working with Daniel after the divorce,',
  'PHQ-9 of 18 at week 6,',
  'moved from Leeds to Chicago,',
  'sertraline 100 mg, wants to stop,',
  'Balint group stuck on the case,',
  'call 555-0147 after hours,',
  'MRN 4482913 on the letter,',
  'Mrs. Alvarez brings gifts,',
  'Christmas is hard for the family,',
  'insta is jess.rides,',
  'zip 90210,',
  'turned 101 last week,',
  'since 6/15 no sleep,',
  'Jung and Klein on envy,',
  'Grace under pressure,',
  'CBT then EMDR, no change,',
  "the Hendersons' son refuses school,",
  'Lincoln High called,',
  'texted from +61 491 570 156,',
  'five five five, oh one seven eight,',
  'seen at HMP Belmarsh,',
  'Christmas Day 2019 was the last,',
  'rob.kinsella@example.com wrote,',
  'mail jt at gmail dot com,',
  'Texas to Ontario for work,',
  'ICD-10 F32.1 and Z63.0,',
  'supervisee overwhelmed by 28 clients,',
];

/** A deterministic pseudo-random generator, so that runs compare. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function variedInputs(count: number): string[] {
  const next = random(42);
  return Array.from({ length: count }, () => {
    let text = '';
    while (text.length < 200) text += `${FRAGMENTS[Math.floor(next() * FRAGMENTS.length)] ?? ''} `;
    return text.slice(0, 200);
  });
}

const ADVERSARIAL: ReadonlyArray<readonly [string, string]> = [
  ['long run of digits', '1'.repeat(4000)],
  ['digits with separators', '1-2.3/4 '.repeat(500)],
  ['long run of capitals', 'A'.repeat(4000)],
  ['capitalised words', 'Ab Cd Ef Gh '.repeat(340)],
  ['dots', '.'.repeat(4000)],
  ['@ signs', '@'.repeat(4000)],
  ['dots and @', 'a.@'.repeat(1300)],
  ['repeated "at dot"', 'x at y dot '.repeat(400)],
  ['repeated "dot"', 'a dot '.repeat(660)],
  ['nested punctuation', '(('.repeat(1000) + '))'.repeat(1000)],
  ['domain-like run', 'a.'.repeat(2000)],
  ['colons and hex', 'ab:'.repeat(1300)],
  ['numbers and streets', '12 Ab '.repeat(660)],
  ['initials', 'J.T. '.repeat(800)],
  ['long words', `${'x'.repeat(3990)} St`],
  ['title chains', 'Mr Mrs Dr '.repeat(400)],
  ['spaced characters', 'a 1 - '.repeat(660)],
  ['spelled digits', 'five oh, '.repeat(440)],
  ['plus signs and digits', '+1 2 '.repeat(800)],
  ['e-mail local parts', 'ab_cd.'.repeat(660) + '@x'],
  ['holidays and years', 'Christmas Day '.repeat(280)],
  ['Spanish function words', 'que con la '.repeat(360)],
];

function time(text: string): number {
  const start = performance.now();
  findIdentifiers(text);
  return performance.now() - start;
}

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

const loadStart = performance.now();
warmUpIdentifierCheck();
const load = performance.now() - loadStart;
const first = time('Working with Daniel in Leeds since 6/15');
gc();
const heap = process.memoryUsage().heapUsed / 1e6;
console.log(
  `deidentify: import ${imported.toFixed(0)} ms, load (warmUpIdentifierCheck) ${load.toFixed(0)} ms, ` +
    `first call after it ${first.toFixed(2)} ms, heap after load ${heap.toFixed(0)} MB`,
);
const inputs = variedInputs(5000);
for (const text of inputs) findIdentifiers(text);
gc();
const times = inputs.map(time).sort((a, b) => a - b);
console.log(
  `deidentify: ${times.length} varied 200-char inputs: p50 ${percentile(times, 50).toFixed(3)} ms, ` +
    `p99 ${percentile(times, 99).toFixed(3)} ms, max ${percentile(times, 100).toFixed(3)} ms (aim p99 < 5 ms)`,
);
const adversarial = ADVERSARIAL.map(([name, text]) => ({ name, ms: Math.max(time(text), time(text)) }));
const slowest = adversarial.reduce((a, b) => (b.ms > a.ms ? b : a));
console.log(
  `deidentify: slowest adversarial input: ${slowest.name} (${slowest.ms.toFixed(1)} ms; aim < 50 ms)`,
);
