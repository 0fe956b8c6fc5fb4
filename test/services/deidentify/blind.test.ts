/**
 * Figures of the de-identification check on the blind batches (written to SPEC.md by people who never
 * saw the check) and on the development examples: overall recall (an identified item counts only when
 * every expected kind is found), acceptance of clean items, recall per kind. Each batch asserts the
 * figures reached when it was last tuned, rounded down, as floors: a change that loses ground fails.
 *
 * To add a batch, put its file beside this one (same `BATCH` shape as blind-batch-1.ts) and add a row
 * to BATCHES with the floors it reaches, e.g.
 *   { name: 'blind batch 2', file: './blind-batch-2.js', floors: { recall: 97, acceptance: 98, name: 95, place: 95 } },
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  IDENTIFIER_KINDS,
  findIdentifiers,
  warmUpIdentifierCheck,
} from '../../../src/services/deidentify/check.js';

type Batch = ReadonlyArray<readonly [string, readonly string[]]>;

/** Percentages that a batch must reach (rounded down from what the check reached on it). */
interface Floors {
  readonly recall: number;
  readonly acceptance: number;
  readonly name: number;
  readonly place: number;
}

interface BatchFile {
  readonly name: string;
  /** Module path relative to this file (".js", as the ESM imports of the project). */
  readonly file: string;
  readonly floors: Floors;
}

const BATCHES: readonly BatchFile[] = [
  // Blind batch 1 (324 items): 168/168 recall, 156/156 clean accepted after tuning.
  {
    name: 'blind batch 1',
    file: './blind-batch-1.js',
    floors: { recall: 100, acceptance: 100, name: 100, place: 100 },
  },
  // Blind batch 2 (336 items), measured once after tuning on batch 1, never tuned on before that
  // measure: 150/169 recall (88.8%), 163/167 clean accepted (97.6%); name 41/47, place 38/42.
  // Then its misses were studied by cause and the causes fixed (so it is no longer blind):
  // 169/169 recall, 167/167 clean accepted.
  {
    name: 'blind batch 2',
    file: './blind-batch-2.js',
    floors: { recall: 100, acceptance: 100, name: 100, place: 100 },
  },
  // Blind batch 3 (324 items, a third writer), measured once after tuning on batches 1 and 2, never
  // tuned on before that measure: 150/164 recall (91.5%), 159/160 clean accepted (99.4%);
  // name 50/56, place 44/45.
  // Then its misses were studied by cause and the causes fixed (so it is no longer blind either):
  // 164/164 recall, 160/160 clean accepted; name 56/56, place 45/45.
  {
    name: 'blind batch 3',
    file: './blind-batch-3.js',
    floors: { recall: 100, acceptance: 100, name: 100, place: 100 },
  },
  // Blind batch 4 (325 items, a fourth writer), measured once after tuning on batches 1 to 3, never
  // tuned on before that measure: 151/165 recall (91.5%), 158/160 clean accepted (98.8%); name 50/53,
  // place 38/43. Then its misses were studied by cause and the causes fixed: 164/165 recall (the
  // island named after "on" is refused as a name, not a place), 160/160 clean accepted.
  {
    name: 'blind batch 4',
    file: './blind-batch-4.js',
    floors: { recall: 99, acceptance: 100, name: 100, place: 97 },
  },
  // Blind batch 5 (330 items, a fifth writer), measured once after tuning on batches 1 to 4, never
  // tuned on before that measure: 144/165 recall (87.3%), 155/165 clean accepted (93.9%); name 61/68,
  // place 45/49 (states and provinces of other countries were refused). Then its misses were studied
  // by cause and the causes fixed: 162/165 recall, 165/165 clean accepted.
  {
    name: 'blind batch 5',
    file: './blind-batch-5.js',
    floors: { recall: 98, acceptance: 100, name: 95, place: 100 },
  },
  // Blind batch 6 (330 items, a sixth writer), measured once after tuning on batches 1 to 5, never
  // tuned on before that measure: 146/165 recall (88.5%), 158/165 clean accepted (95.8%); name 59/65,
  // place 55/59; 159/165 identified items refused for at least one kind. This is the figure the check
  // is judged by. Then its misses were studied by cause and the causes fixed: 157/165 recall,
  // 165/165 clean accepted; name 61/65, place 57/59.
  {
    name: 'blind batch 6',
    file: './blind-batch-6.js',
    floors: { recall: 95, acceptance: 100, name: 93, place: 96 },
  },
  // Development examples written while tuning (not blind): 239/239 recall, 210/210 clean accepted
  // (the second round, written before its fixes, measured 101/127 and 119/121 first; the third round,
  // one group per cause of batch 3's misses, measured 136/158 and 142/144 first; the fourth, name
  // shapes and places of many origins, 35/39 and 19/21 on its own; the fifth, one pair per cause of
  // batch 4's misses, written after the fixes; the sixth and seventh, the same for batches 5 and 6).
  {
    name: 'development examples',
    file: './dev-batch.js',
    floors: { recall: 100, acceptance: 100, name: 100, place: 100 },
  },
];

const percent = (part: number, whole: number) => (whole === 0 ? 100 : (100 * part) / whole);

/** Overall recall, acceptance and recall per kind of `batch`. */
function measure(batch: Batch) {
  const rows = batch.map(([text, expected]) => ({ expected, found: findIdentifiers(text) }));
  const clean = rows.filter((row) => row.expected.length === 0);
  const identified = rows.filter((row) => row.expected.length > 0);
  const accepted = clean.filter((row) => row.found.length === 0).length;
  const recalled = identified.filter((row) =>
    row.expected.every((kind) => row.found.some((k) => k === kind)),
  );
  const perKind = IDENTIFIER_KINDS.map((kind) => {
    const expecting = identified.filter((row) => row.expected.includes(kind));
    const found = expecting.filter((row) => row.found.includes(kind)).length;
    return { kind, items: expecting.length, found, recall: percent(found, expecting.length) };
  });
  return {
    clean: clean.length,
    accepted,
    acceptance: percent(accepted, clean.length),
    identified: identified.length,
    recalled: recalled.length,
    recall: percent(recalled.length, identified.length),
    perKind,
  };
}

// The word lists, the name data and the gazetteer load once (about a second, more under a busy runner).
beforeAll(() => warmUpIdentifierCheck(), 30_000);

describe.each(BATCHES)('the de-identification check on $name', ({ name, file, floors }) => {
  it('reaches its recall and acceptance floors', async () => {
    const { BATCH } = (await import(file)) as { BATCH: Batch };
    const figures = measure(BATCH);
    const fmt = (value: number) => `${value.toFixed(1)}%`;
    console.log(
      `${name}: overall recall ${fmt(figures.recall)} (${figures.recalled}/${figures.identified}), ` +
        `clean acceptance ${fmt(figures.acceptance)} (${figures.accepted}/${figures.clean})`,
    );
    console.table(
      figures.perKind
        .filter((row) => row.items > 0)
        .map(({ kind, items, found, recall }) => ({ kind, items, found, recall: fmt(recall) })),
    );
    const kindRecall = (kind: string) => figures.perKind.find((row) => row.kind === kind)?.recall ?? 100;
    expect(figures.recall, 'overall recall').toBeGreaterThanOrEqual(floors.recall);
    expect(figures.acceptance, 'clean acceptance').toBeGreaterThanOrEqual(floors.acceptance);
    expect(kindRecall('name'), 'name recall').toBeGreaterThanOrEqual(floors.name);
    expect(kindRecall('place'), 'place recall').toBeGreaterThanOrEqual(floors.place);
  });
});
