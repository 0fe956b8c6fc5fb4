/**
 * Data keys: the 256-bit keys that encrypt case text at rest. The current key encrypts every
 * value written; older keys stay accepted for reading until the values under them are rotated.
 */
import { createHash, randomBytes } from 'node:crypto';

/** What a data key looks like when written down (environment, key file). */
export const DATA_KEY_FORMAT = '32 bytes as base64 (44 characters) or 64 hex digits';

/**
 * Reads a key written as 64 hex digits or as base64 of 32 bytes (standard or URL-safe alphabet,
 * padding optional). Returns null for anything else.
 */
export function parseDataKey(text: string): Buffer | null {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/u.test(value)) return Buffer.from(value, 'hex');
  if (!/^[A-Za-z0-9+/_-]{43}=?$/u.test(value)) return null;
  const key = Buffer.from(value.replace(/-/gu, '+').replace(/_/gu, '/'), 'base64');
  return key.length === 32 ? key : null;
}

/** A new random data key. */
export function generateDataKey(): Buffer {
  return randomBytes(32);
}

/** A key as it is written to a key file: base64. */
export function formatDataKey(key: Buffer): string {
  return key.toString('base64');
}

/**
 * The short id stored with each value to name the key it was encrypted under: 8 hex digits of a
 * SHA-256 of the key (with a fixed prefix, so the id is not a plain hash of the key).
 */
export function dataKeyId(key: Buffer): string {
  return createHash('sha256').update('circlekeeper data key id\0').update(key).digest('hex').slice(0, 8);
}

/** One key and its id. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/** The keys of a process: the current one, which encrypts, and the previous ones, which only decrypt. */
export class DataKeyring {
  readonly current: DataKey;
  readonly #byId = new Map<string, DataKey>();

  /**
   * @param current - The key that encrypts every value written (DATA_KEY or the key file).
   * @param previous - Older keys still accepted for reading (DATA_KEY_PREVIOUS); repeats are ignored.
   * @throws Error when a key is not 32 bytes, or two different keys share an id.
   */
  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== 32) throw new Error(`a data key must be 32 bytes, not ${key.length}`);
      const id = dataKeyId(key);
      const known = this.#byId.get(id);
      if (known !== undefined && !known.key.equals(key)) {
        throw new Error(`two different data keys share the id ${id}; replace one of them`);
      }
      if (known === undefined) this.#byId.set(id, { id, key: Buffer.from(key) });
    }
    this.current = this.#byId.get(dataKeyId(current))!;
  }

  /** The key with this id, if the ring holds it. */
  find(id: string): DataKey | undefined {
    return this.#byId.get(id);
  }

  /** The ids of every key held, the current one first. */
  get ids(): string[] {
    return [...this.#byId.keys()];
  }
}
