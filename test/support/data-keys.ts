/** Data keys for tests: random for each run, never written anywhere. */
import { DataKeyring, generateDataKey } from '../../src/db/encryption/data-keys.js';

/** A ring of one new random key. */
export function newKeys(): DataKeyring {
  return new DataKeyring(generateDataKey());
}

/** The keys the test stores open with unless a test needs its own. */
export const TEST_KEYS = newKeys();
