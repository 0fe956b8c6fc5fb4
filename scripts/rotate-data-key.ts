/**
 * Re-encrypts every stored case label and question under the current data key:
 *
 *   DATA_KEY=<new key> DATA_KEY_PREVIOUS=<old key> npm run rotate-data-key
 *   npm run rotate-data-key -- --batch-size 500
 *   npm run rotate-data-key -- --discard-unreadable
 *
 * Reads DATABASE_URL, DATA_KEY and DATA_KEY_PREVIOUS as the bot does (with SQLite and no DATA_KEY,
 * the key file beside the database). Safe beside a running bot and safe to run again: values
 * already under the current key are left alone. `--discard-unreadable` deletes text that no key
 * given can decrypt (its key is lost), as withdrawing would.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadDatabaseConfig } from '../src/config.js';
import {
  DataKeyError,
  describeUnreadable,
  resolveDataKeys,
  rotateDataKey,
  type CaseTextSweepReport,
} from '../src/db/index.js';
import type { Log } from '../src/services/kernel/index.js';

const say = (fields: Record<string, unknown>, message: string) =>
  console.log(`${message} ${JSON.stringify(fields)}`);
const log: Log = { info: say, warn: say, error: say };

function batchSizeOf(text: string): number {
  const size = Number(text);
  if (!Number.isInteger(size) || size < 1 || size > 10_000) {
    throw new ConfigError('--batch-size is malformed: expected a whole number from 1 to 10000.');
  }
  return size;
}

try {
  const { values } = parseArgs({
    options: {
      'batch-size': { type: 'string', default: '200' },
      'discard-unreadable': { type: 'boolean', default: false },
    },
  });
  const config = loadDatabaseConfig();
  const keys = resolveDataKeys(config, log);
  const previous = keys.ids.slice(1);
  console.log(
    `current data key ${keys.current.id}` +
      (previous.length > 0 ? `; also reading ${previous.join(', ')}` : '; no previous keys'),
  );
  let batches = 0;
  const report: CaseTextSweepReport = await rotateDataKey(config.DATABASE_URL, keys, {
    batchSize: batchSizeOf(values['batch-size']),
    discardUnreadable: values['discard-unreadable'],
    onBatch: (sofar) => {
      batches++;
      console.log(`batch ${batches}: ${sofar.rows} rows with case text so far, ${sofar.sealed} re-encrypted`);
    },
  });
  console.log(
    `done: ${report.rows} rows with case text, ${report.sealed} value(s) re-encrypted under ${keys.current.id}`,
  );
  if (report.changedMeanwhile > 0) {
    console.log(`${report.changedMeanwhile} row(s) changed while this ran: run it again to take them`);
    process.exitCode = 1;
  }
  if (report.unreadable.length > 0 && report.discarded > 0) {
    console.log(`${describeUnreadable(report.unreadable)}; deleted`);
  } else if (report.unreadable.length > 0) {
    console.error(
      `${describeUnreadable(report.unreadable)}; left as they are. Give the key that wrote them in ` +
        'DATA_KEY_PREVIOUS, or delete that text with --discard-unreadable.',
    );
    process.exitCode = 1;
  }
} catch (error) {
  const expected =
    error instanceof ConfigError ||
    error instanceof DataKeyError ||
    String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
  if (expected && error instanceof Error) console.error(error.message);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
}
