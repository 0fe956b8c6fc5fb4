import { describe, expect, it } from 'vitest';
import { DataKeyring, dataKeyId, generateDataKey } from '../../../src/db/encryption/data-keys.js';
import {
  isSealed,
  openField,
  sealedKeyId,
  sealField,
  UnreadableFieldError,
  type FieldRef,
} from '../../../src/db/encryption/field-cipher.js';

const keyA = generateDataKey();
const keyB = generateDataKey();
const ringA = new DataKeyring(keyA);
const label: FieldRef = { table: 'case_requests', field: 'label', rowId: 'case-1' };
const text = 'Countertransference with a grieving parent — “what do I owe them?”';

/** The stored value with one byte of its decoded payload changed at `index`. */
function tampered(stored: string, index: number): string {
  const [version, keyId, payload] = stored.split(':') as [string, string, string];
  const bytes = Buffer.from(payload, 'base64');
  bytes[index] = bytes[index]! ^ 0x01;
  return `${version}:${keyId}:${bytes.toString('base64')}`;
}

function refusal(run: () => unknown): UnreadableFieldError {
  try {
    run();
  } catch (error) {
    if (error instanceof UnreadableFieldError) return error;
    throw error;
  }
  throw new Error('expected the value to be refused');
}

describe('the field cipher', () => {
  it('reads back what it wrote, stored as v1:<keyId>:<base64> without the text', () => {
    const stored = sealField(ringA, text, label);
    expect(stored).toMatch(/^v1:[0-9a-f]{8}:[A-Za-z0-9+/]+={0,2}$/);
    expect(sealedKeyId(stored)).toBe(dataKeyId(keyA));
    expect(stored).not.toContain('grieving');
    expect(openField(ringA, stored, label)).toBe(text);
  });

  it('uses a new IV for every value, so the same text never gives the same value', () => {
    const values = new Set(Array.from({ length: 20 }, () => sealField(ringA, text, label)));
    expect(values.size).toBe(20);
    const ivs = new Set(
      [...values].map((v) => Buffer.from(v.split(':')[2]!, 'base64').subarray(0, 12).toString('hex')),
    );
    expect(ivs.size).toBe(20);
  });

  it('refuses a value under the wrong key of the same id (a key swapped behind the id)', () => {
    const stored = sealField(ringA, text, label);
    // A ring whose key has A's id cannot be built, so open with B and present A's value as B's.
    const asB = `v1:${dataKeyId(keyB)}:${stored.split(':')[2]}`;
    const error = refusal(() => openField(new DataKeyring(keyB), asB, label));
    expect(error.reason).toBe('failed-authentication');
  });

  it('refuses a value when the key that wrote it is not held, naming its id and not the text', () => {
    const stored = sealField(ringA, text, label);
    const error = refusal(() => openField(new DataKeyring(keyB), stored, label));
    expect(error.reason).toBe('unknown-key');
    expect(error.keyId).toBe(dataKeyId(keyA));
    expect(error.message).toBe(
      `case_requests.label of row case-1 cannot be decrypted: it was encrypted under data key ${dataKeyId(keyA)}, ` +
        'which is neither DATA_KEY (or the key file) nor in DATA_KEY_PREVIOUS',
    );
    expect(error.message).not.toContain('grieving');
  });

  it.each([
    ['the IV', 0],
    ['the tag', 12],
    ['the ciphertext', 30],
  ])('refuses a value whose %s was altered', (_part, index) => {
    const stored = sealField(ringA, text, label);
    const error = refusal(() => openField(ringA, tampered(stored, index), label));
    expect(error.reason).toBe('failed-authentication');
    expect(error.message).toContain('failed authentication');
  });

  it('refuses a value cut short or with characters outside base64', () => {
    const stored = sealField(ringA, text, label);
    expect(refusal(() => openField(ringA, stored.slice(0, -8), label)).reason).toBe('failed-authentication');
    expect(refusal(() => openField(ringA, `${stored.slice(0, 20)}!${stored.slice(21)}`, label)).reason).toBe(
      'malformed',
    );
    expect(refusal(() => openField(ringA, `v1:${dataKeyId(keyA)}:AAAA`, label)).reason).toBe('malformed');
    expect(refusal(() => openField(ringA, 'v1:', label)).reason).toBe('malformed');
  });

  it('refuses a value moved to another row or another field', () => {
    const stored = sealField(ringA, text, label);
    for (const elsewhere of [
      { ...label, rowId: 'case-2' },
      { ...label, field: 'question' },
      { ...label, table: 'audit_events' },
    ]) {
      expect(refusal(() => openField(ringA, stored, elsewhere)).reason).toBe('failed-authentication');
    }
  });

  it('reads clear text written before encryption as it is', () => {
    expect(isSealed('Boundary question: a gift from a client')).toBe(false);
    expect(openField(ringA, 'Boundary question: a gift from a client', label)).toBe(
      'Boundary question: a gift from a client',
    );
    expect(openField(ringA, '', label)).toBe('');
  });

  it('accepts values under a previous key and writes new ones under the current key', () => {
    const old = sealField(ringA, text, label);
    const rotated = new DataKeyring(keyB, [keyA]);
    expect(openField(rotated, old, label)).toBe(text);
    const fresh = sealField(rotated, text, label);
    expect(sealedKeyId(fresh)).toBe(dataKeyId(keyB));
    expect(refusal(() => openField(ringA, fresh, label)).reason).toBe('unknown-key');
  });

  it('keeps text that itself begins with v1: as text', () => {
    const stored = sealField(ringA, 'v1: a first session', label);
    expect(openField(ringA, stored, label)).toBe('v1: a first session');
  });
});
