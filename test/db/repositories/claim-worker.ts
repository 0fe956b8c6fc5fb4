/**
 * A scheduler in its own process, for the cross-process claim race in reminder-claim-race.test.ts:
 *
 *   node --import tsx test/db/repositories/claim-worker.ts <url> <worker> <nowIso> <leaseIso> <id>…
 *
 * Opens the store (no migration), prints `ready`, waits for a line on stdin (so that the workers
 * start together), claims each id in turn and prints the ids it won as a JSON array.
 */
import { once } from 'node:events';
import { openStore } from '../../../src/db/open-store.js';
import { TEST_KEYS } from '../../support/data-keys.js';

const [url, worker, now, lease, ...ids] = process.argv.slice(2);
if (url === undefined || worker === undefined || now === undefined || lease === undefined)
  throw new Error('usage: claim-worker <url> <worker> <nowIso> <leaseIso> <id>…');

const store = await openStore(url, { keys: TEST_KEYS, migrate: false });
try {
  await store.reminders.listForMeeting('warm-up'); // connect before the start
  process.stdout.write('ready\n');
  await once(process.stdin, 'data');
  const won: string[] = [];
  for (const id of ids) {
    if ((await store.reminders.claim(id, new Date(now), worker, new Date(lease))) !== null) won.push(id);
  }
  process.stdout.write(`${JSON.stringify(won)}\n`);
} finally {
  await store.close();
}
