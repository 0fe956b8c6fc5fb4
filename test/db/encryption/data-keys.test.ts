import { describe, expect, it } from 'vitest';
import {
  DataKeyring,
  dataKeyId,
  formatDataKey,
  generateDataKey,
  parseDataKey,
} from '../../../src/db/encryption/data-keys.js';

describe('data keys', () => {
  const key = generateDataKey();

  it('reads a key as 64 hex digits or as base64 of 32 bytes, padded or not, either alphabet', () => {
    const base64 = key.toString('base64');
    for (const written of [
      key.toString('hex'),
      key.toString('hex').toUpperCase(),
      base64,
      base64.replace(/=$/, ''),
      key.toString('base64url'),
      `  ${base64}\n`,
    ]) {
      expect(parseDataKey(written)?.equals(key)).toBe(true);
    }
    expect(parseDataKey(formatDataKey(key))?.equals(key)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['31 bytes of hex', 'ab'.repeat(31)],
    ['33 bytes of hex', 'ab'.repeat(33)],
    ['24 bytes of base64', Buffer.alloc(24, 1).toString('base64')],
    ['a passphrase', 'correct horse battery staple, quite long enough'],
    ['hex with a stray letter', `${'ab'.repeat(31)}ag`],
  ])('refuses %s', (_what, written) => {
    expect(parseDataKey(written)).toBeNull();
  });

  it('names a key by a short id that does not reveal it', () => {
    const id = dataKeyId(key);
    expect(id).toMatch(/^[0-9a-f]{8}$/);
    expect(dataKeyId(Buffer.from(key))).toBe(id);
    expect(dataKeyId(generateDataKey())).not.toBe(id);
    expect(key.toString('hex')).not.toContain(id);
  });

  it('holds the current key first and previous keys for reading, once each', () => {
    const old = generateDataKey();
    const ring = new DataKeyring(key, [old, key, old]);
    expect(ring.current.id).toBe(dataKeyId(key));
    expect(ring.ids).toEqual([dataKeyId(key), dataKeyId(old)]);
    expect(ring.find(dataKeyId(old))?.key.equals(old)).toBe(true);
    expect(ring.find('00000000')).toBeUndefined();
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => new DataKeyring(Buffer.alloc(16))).toThrow('a data key must be 32 bytes, not 16');
  });
});
