import type { IncomingMessage } from 'node:http';
import { isObject, type Json, type JsonObject, text } from '../../state/json.js';
import type { OverwriteRecord } from '../../state/records.js';
import { errors } from '../errors.js';

/** Optional string field; 50035 when present with another type. */
export function optString(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw errors.invalidForm(key, 'STRING_TYPE_CONVERT', 'Could not interpret value as string.');
  return value;
}

/** Required string field (non-empty); 50035 otherwise. */
export function reqString(body: JsonObject, key: string): string {
  const value = optString(body, key);
  if (value === undefined || value.length === 0)
    throw errors.invalidForm(key, 'BASE_TYPE_REQUIRED', 'This field is required');
  return value;
}

/** Optional integer field (numbers or numeric strings). */
export function optInt(body: JsonObject, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n))
    throw errors.invalidForm(key, 'NUMBER_TYPE_COERCE', `Value "${text(value)}" is not int.`);
  return n;
}

/** Optional array field. */
export function optArray(body: JsonObject, key: string): Json[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw errors.invalidForm(key, 'LIST_TYPE_CONVERT', 'Must be an array.');
  return value;
}

/** Parses a bitfield string/number, 50035 on garbage. */
export function parseBits(value: Json | undefined, field: string): bigint {
  if (value === undefined || value === null || value === '') return 0n;
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw errors.invalidForm(field, 'NUMBER_TYPE_COERCE', 'Value is not a valid permission bitfield.');
  }
  try {
    const bits = BigInt(value);
    if (bits < 0n) throw new Error('negative');
    return bits;
  } catch {
    throw errors.invalidForm(field, 'NUMBER_TYPE_COERCE', `Value "${String(value)}" is not int.`);
  }
}

/** Parses a wire permission overwrite ({id, type, allow, deny}). */
export function parseOverwrite(value: Json, field: string, id?: string): OverwriteRecord {
  if (!isObject(value))
    throw errors.invalidForm(field, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
  const owId = id ?? value['id'];
  if (typeof owId !== 'string' || !/^\d+$/.test(owId))
    throw errors.invalidForm(`${field}.id`, 'BASE_TYPE_REQUIRED', 'This field is required');
  const type = typeof value['type'] === 'string' ? Number(value['type']) : value['type'];
  if (type !== 0 && type !== 1)
    throw errors.invalidForm(`${field}.type`, 'BASE_TYPE_CHOICES', 'Value must be one of {0, 1}.');
  return {
    id: owId,
    type,
    allow: parseBits(value['allow'], `${field}.allow`),
    deny: parseBits(value['deny'], `${field}.deny`),
  };
}

/** Reads a request body fully. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** A file part of a multipart body, e.g. `files[0]`. */
export interface UploadedFile {
  /** The form field it came in, e.g. `files[0]`. */
  field: string;
  filename: string;
  /** The part's Content-Type, or null when it declared none. */
  contentType: string | null;
  data: Buffer;
}

/** A request body: its JSON (or the `payload_json` of a multipart body) and the files uploaded beside it. */
export interface ParsedBody {
  /** Undefined when there is no body or it cannot be parsed. */
  json: Json | undefined;
  files: UploadedFile[];
}

/** Parses a JSON or multipart body; multipart file parts are kept apart from the JSON. */
export async function parseBody(raw: Buffer, contentType: string | undefined): Promise<ParsedBody> {
  if (raw.length === 0) return { json: undefined, files: [] };
  try {
    if (contentType?.startsWith('multipart/form-data')) {
      const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
      let json: Json = {};
      const files: UploadedFile[] = [];
      for (const [field, value] of form) {
        if (typeof value !== 'string') {
          const data = Buffer.from(await value.arrayBuffer());
          files.push({ field, filename: value.name, contentType: value.type || null, data });
        } else if (field === 'payload_json') {
          json = JSON.parse(value) as Json;
        }
      }
      return { json, files };
    }
    return { json: JSON.parse(raw.toString('utf8')) as Json, files: [] };
  } catch {
    return { json: undefined, files: [] };
  }
}
