/**
 * Measures the de-identification check on a labelled batch:
 *   npx tsx scripts/measure-deidentify.ts <file.ts> [--show-misses]
 * The file exports `BATCH: ReadonlyArray<readonly [string, readonly string[]]>` (text, expected kinds;
 * empty = clean). Prints clean acceptance, overall recall (an identified item counts only when every
 * expected kind is found) and recall per kind; with --show-misses also each miss and each wrongly
 * refused clean item (this is development data, so printing the text here is intended).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { IDENTIFIER_KINDS, findIdentifiers } from '../src/services/deidentify/check.js';

type Batch = ReadonlyArray<readonly [string, readonly string[]]>;

const percent = (part: number, whole: number) =>
  whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((arg) => !arg.startsWith('--'));
  const showMisses = args.includes('--show-misses');
  if (file === undefined) {
    console.error('usage: measure-deidentify <file.ts> [--show-misses]');
    process.exitCode = 2;
    return;
  }
  const module = (await import(pathToFileURL(path.resolve(file)).href)) as { BATCH?: Batch };
  const batch = module.BATCH;
  if (batch === undefined) throw new Error(`${file} does not export BATCH`);
  const unknown = batch.flatMap(([, kinds]) => kinds).filter((k) => !IDENTIFIER_KINDS.some((x) => x === k));
  if (unknown.length > 0) console.warn(`Unknown kinds in the batch: ${[...new Set(unknown)].join(', ')}`);

  interface Row {
    readonly text: string;
    readonly expected: readonly string[];
    readonly found: readonly string[];
  }
  const rows: Row[] = batch.map(([text, expected]) => ({ text, expected, found: findIdentifiers(text) }));
  const clean = rows.filter((row) => row.expected.length === 0);
  const identified = rows.filter((row) => row.expected.length > 0);
  const accepted = clean.filter((row) => row.found.length === 0);
  const recalled = identified.filter((row) => row.expected.every((kind) => row.found.includes(kind)));

  console.log(`items: ${rows.length} (${clean.length} clean, ${identified.length} identified)`);
  console.log(
    `clean acceptance: ${accepted.length}/${clean.length} (${percent(accepted.length, clean.length)})`,
  );
  console.log(
    `overall recall: ${recalled.length}/${identified.length} (${percent(recalled.length, identified.length)})`,
  );
  // What the member meets: an item is refused when any kind is found, even if not every one is.
  const refused = identified.filter((row) => row.found.length > 0);
  console.log(
    `identified items refused (any kind found): ${refused.length}/${identified.length} (${percent(refused.length, identified.length)})`,
  );
  console.log('recall per kind:');
  for (const kind of IDENTIFIER_KINDS) {
    const expecting = identified.filter((row) => row.expected.includes(kind));
    const found = expecting.filter((row) => row.found.includes(kind)).length;
    console.log(
      `  ${kind.padEnd(15)} ${String(found).padStart(4)}/${String(expecting.length).padEnd(4)} ${percent(found, expecting.length)}`,
    );
  }
  if (!showMisses) return;
  console.log('\nmissed items (expected -> found):');
  for (const row of identified.filter((r) => !recalled.includes(r))) {
    console.log(`  [${row.expected.join(', ')}] -> [${row.found.join(', ')}]  ${row.text}`);
  }
  console.log('\nclean items refused (found):');
  for (const row of clean.filter((r) => !accepted.includes(r))) {
    console.log(`  [${row.found.join(', ')}]  ${row.text}`);
  }
}

await main();
