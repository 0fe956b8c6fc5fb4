/**
 * Text fields encrypted at rest with AES-256-GCM. A stored value reads
 * `v1:<keyId>:<base64 of iv | tag | ciphertext>`: a random 96-bit IV per value, the 128-bit
 * authentication tag, and as additional authenticated data the version, the key id, the table,
 * the field and the row id, so a value copied to another row or field does not decrypt.
 * A value without the `v1:` prefix is clear text written before encryption, read as it is.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKeyring } from './data-keys.js';

const VERSION = 'v1';
const PREFIX = `${VERSION}:`;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED = /^v1:([0-9a-f]{8}):([A-Za-z0-9+/]+={0,2})$/u;

/** Where a value is stored: its table, field and row. It is bound to exactly that place. */
export interface FieldRef {
  table: string;
  field: string;
  rowId: string;
}

/** Why a stored value could not be read. */
export type UnreadableReason = 'unknown-key' | 'failed-authentication' | 'malformed';

/**
 * Raised when a stored value cannot be decrypted. Its message names the table, field, row and key
 * id, never the value.
 */
export class UnreadableFieldError extends Error {
  override name = 'UnreadableFieldError';

  constructor(
    readonly ref: FieldRef,
    readonly reason: UnreadableReason,
    readonly keyId: string | null,
  ) {
    const where = `${ref.table}.${ref.field} of row ${ref.rowId}`;
    const why = {
      'unknown-key': `it was encrypted under data key ${keyId}, which is neither DATA_KEY (or the key file) nor in DATA_KEY_PREVIOUS`,
      'failed-authentication': `it failed authentication under data key ${keyId}: the value was altered, or belongs to another row or field`,
      malformed: 'it has the v1: prefix of an encrypted value but not its form',
    }[reason];
    super(`${where} cannot be decrypted: ${why}`);
  }
}

function additionalData(keyId: string, ref: FieldRef): Buffer {
  return Buffer.from(JSON.stringify([VERSION, keyId, ref.table, ref.field, ref.rowId]), 'utf8');
}

/** Whether a stored value is encrypted (has the `v1:` prefix) rather than legacy clear text. */
export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** The id of the key a stored value was encrypted under; null for clear text or a malformed value. */
export function sealedKeyId(stored: string): string | null {
  return SEALED.exec(stored)?.[1] ?? null;
}

/** Encrypts `plain` for the field `ref` under the ring's current key. */
export function sealField(keys: DataKeyring, plain: string, ref: FieldRef): string {
  const { id, key } = keys.current;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(additionalData(id, ref));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const payload = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  return `${PREFIX}${id}:${payload.toString('base64')}`;
}

/**
 * Reads the field `ref`: decrypts an encrypted value with the key its id names, or returns legacy
 * clear text as it is.
 *
 * @throws UnreadableFieldError when the key is not in the ring, the value fails authentication
 *   (wrong key, altered, or moved from another row or field), or it is not of the v1 form.
 */
export function openField(keys: DataKeyring, stored: string, ref: FieldRef): string {
  if (!isSealed(stored)) return stored;
  const match = SEALED.exec(stored);
  const payload = match ? Buffer.from(match[2]!, 'base64') : null;
  if (!match || payload === null || payload.length < IV_BYTES + TAG_BYTES) {
    throw new UnreadableFieldError(ref, 'malformed', null);
  }
  const keyId = match[1]!;
  const dataKey = keys.find(keyId);
  if (dataKey === undefined) throw new UnreadableFieldError(ref, 'unknown-key', keyId);
  const decipher = createDecipheriv('aes-256-gcm', dataKey.key, payload.subarray(0, IV_BYTES), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(additionalData(keyId, ref));
  decipher.setAuthTag(payload.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    const plain = Buffer.concat([decipher.update(payload.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    return plain.toString('utf8');
  } catch {
    throw new UnreadableFieldError(ref, 'failed-authentication', keyId);
  }
}
