/** Rotation: every stored case text re-encrypted under the current data key. */
import { connect } from '../prisma-client.js';
import { truncateWal } from '../sqlite-erasure.js';
import { sweepCaseText, type CaseTextSweepOptions, type CaseTextSweepReport } from './case-text-sweep.js';
import type { DataKeyring } from './data-keys.js';

/** Options of `rotateDataKey`. */
export type RotateOptions = Pick<CaseTextSweepOptions, 'batchSize' | 'discardUnreadable' | 'onBatch'>;

/**
 * Re-encrypts every case label and question of the database at `url` under `keys.current`,
 * reading values under any key of the ring, in batches. Values already under the current key are
 * left alone, so a rerun after an interruption finishes the work and a second run writes nothing.
 * On SQLite the write-ahead log is truncated afterwards, so the values as they were do not stay in
 * it. Does not migrate.
 *
 * @returns What was re-encrypted, what could not be read (left in place unless
 *   `discardUnreadable`), and what changed meanwhile (a rerun takes it).
 */
export async function rotateDataKey(
  url: string,
  keys: DataKeyring,
  options: RotateOptions = {},
): Promise<CaseTextSweepReport> {
  const connection = await connect(url);
  try {
    const report = await sweepCaseText(connection.client, keys, { ...options, scope: 'all' });
    if (connection.provider === 'sqlite') await truncateWal(connection.client);
    return report;
  } finally {
    await connection.close();
  }
}
