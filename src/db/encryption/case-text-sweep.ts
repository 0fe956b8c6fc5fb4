/**
 * Passes over every stored case text, in batches: at start-up, to encrypt clear text left from
 * before encryption and to refuse to run with values no key held can read; on rotation, to
 * re-encrypt every value under the current key.
 */
import type { DbClient } from '../prisma-client.js';
import { CASE_TEXT_FIELDS, openCaseText, sealCaseText, type CaseTextField } from './case-text.js';
import type { DataKeyring } from './data-keys.js';
import { isSealed, sealedKeyId, UnreadableFieldError } from './field-cipher.js';

/** What a sweep does. */
export interface CaseTextSweepOptions {
  /** `clear-text`: encrypt legacy clear text only; `all`: also re-encrypt values under a previous key. */
  scope: 'clear-text' | 'all';
  /** Only count what it would write (default false). */
  dryRun?: boolean;
  /** Set values no key can read to null instead of leaving them (default false). */
  discardUnreadable?: boolean;
  /** Rows read per batch (default 200). */
  batchSize?: number;
  /** Called after each batch with the totals so far. */
  onBatch?: (report: CaseTextSweepReport) => void;
}

/** What a sweep found and did. */
export interface CaseTextSweepReport {
  /** Rows holding a label or question. */
  rows: number;
  /** Values written under the current key (with `dryRun`: to be written). */
  sealed: number;
  /** Values no key of the ring can read; left as they are unless discarded. */
  unreadable: UnreadableFieldError[];
  /** Unreadable values set to null. */
  discarded: number;
  /** Rows changed by someone else between the read and the write; a rerun takes them. */
  changedMeanwhile: number;
}

type TextRow = { id: string } & Record<CaseTextField, string | null>;

/** Whether `stored` must be written again under the current key. */
function needsSealing(stored: string, keys: DataKeyring, scope: CaseTextSweepOptions['scope']): boolean {
  if (!isSealed(stored)) return true;
  return scope === 'all' && sealedKeyId(stored) !== keys.current.id;
}

/**
 * Goes through every case request holding text, oldest id first, `batchSize` rows at a time.
 * Each value is decrypted (authenticated) first; what needs it is written again under the current
 * key, by an update that applies only while the row still holds what was read, so a sweep is safe
 * beside a running bot and to rerun.
 *
 * @returns What was found and done; the caller decides what unreadable values mean.
 */
export async function sweepCaseText(
  client: DbClient,
  keys: DataKeyring,
  options: CaseTextSweepOptions,
): Promise<CaseTextSweepReport> {
  const batchSize = options.batchSize ?? 200;
  const report: CaseTextSweepReport = {
    rows: 0,
    sealed: 0,
    unreadable: [],
    discarded: 0,
    changedMeanwhile: 0,
  };
  let after = '';
  for (;;) {
    const rows: TextRow[] = await client.caseRequest.findMany({
      where: { id: { gt: after }, OR: [{ label: { not: null } }, { question: { not: null } }] },
      select: { id: true, label: true, question: true },
      orderBy: { id: 'asc' },
      take: batchSize,
    });
    for (const row of rows) {
      report.rows++;
      const data: Partial<Record<CaseTextField, string | null>> = {};
      for (const field of CASE_TEXT_FIELDS) {
        const stored = row[field];
        if (stored === null) continue;
        let plain: string | null;
        try {
          plain = openCaseText(keys, row.id, field, stored);
        } catch (error) {
          if (!(error instanceof UnreadableFieldError)) throw error;
          report.unreadable.push(error);
          if (options.discardUnreadable) data[field] = null;
          continue;
        }
        if (needsSealing(stored, keys, options.scope)) data[field] = sealCaseText(keys, row.id, field, plain);
      }
      const writes = Object.values(data);
      if (writes.length === 0) continue;
      const discards = writes.filter((value) => value === null).length;
      if (options.dryRun) {
        report.sealed += writes.length - discards;
        report.discarded += discards;
        continue;
      }
      const { count } = await client.caseRequest.updateMany({
        where: { id: row.id, label: row.label, question: row.question },
        data,
      });
      if (count === 1) {
        report.sealed += writes.length - discards;
        report.discarded += discards;
      } else {
        report.changedMeanwhile++;
      }
    }
    options.onBatch?.(report);
    if (rows.length < batchSize) return report;
    after = rows.at(-1)!.id;
  }
}

/** Raised at start-up when stored case text cannot be read with the keys the process holds. */
export class UnreadableCaseTextError extends Error {
  override name = 'UnreadableCaseTextError';

  constructor(readonly unreadable: readonly UnreadableFieldError[]) {
    super(
      `${describeUnreadable(unreadable)}. Give the key that wrote them in DATA_KEY_PREVIOUS (or restore ` +
        'the key file that belongs with this database), or delete that text with ' +
        '`npm run rotate-data-key -- --discard-unreadable`.',
    );
  }
}

/** One sentence on values that cannot be read: how many, under which key ids, and why. */
export function describeUnreadable(unreadable: readonly UnreadableFieldError[]): string {
  const groups = new Map<string, number>();
  for (const error of unreadable) {
    const group =
      error.reason === 'unknown-key'
        ? `under data key ${error.keyId}, which this process does not hold`
        : error.reason === 'failed-authentication'
          ? `failing authentication under data key ${error.keyId} (altered, or moved from another row)`
          : 'malformed';
    groups.set(group, (groups.get(group) ?? 0) + 1);
  }
  const parts = [...groups].map(([group, count]) => `${count} ${group}`);
  return `${unreadable.length} stored case text value(s) cannot be decrypted: ${parts.join('; ')}`;
}

/**
 * The start-up pass: refuses to go on when stored case text cannot be read with `keys` (before
 * writing anything, so a wrong key encrypts nothing), then encrypts the clear text left from before
 * encryption under the current key.
 *
 * @returns How many values were encrypted.
 * @throws UnreadableCaseTextError naming the key ids that are missing.
 */
export async function sealClearCaseText(client: DbClient, keys: DataKeyring): Promise<number> {
  const check = await sweepCaseText(client, keys, { scope: 'clear-text', dryRun: true });
  if (check.unreadable.length > 0) throw new UnreadableCaseTextError(check.unreadable);
  if (check.sealed === 0) return 0;
  return (await sweepCaseText(client, keys, { scope: 'clear-text' })).sealed;
}
