import { isObject, type Json, type JsonObject } from '../../state/json.js';
import type { AttachmentRecord } from '../../state/records.js';
import { errors } from '../errors.js';
import type { UploadedFile } from './body.js';

/** Most files one message may carry. */
export const MAX_ATTACHMENTS = 10;
/** Largest file a bot may upload: 10 MiB. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Longest attachment description. */
const MAX_DESCRIPTION_LENGTH = 1024;

/** Where the message fields sit in the body, and what the message had before an edit. */
export interface AttachmentInputOptions {
  /** Gives attachment snowflakes. */
  nextId: () => string;
  /** The message's attachments before an edit (which `attachments` may keep by id). */
  existing?: AttachmentRecord[];
  /** Error path of the message fields, e.g. `['data']` in an interaction callback. */
  path?: string[];
}

/**
 * The attachments a message has after a create or edit body and its uploaded files. Each entry of the body's
 * `attachments` is an upload (id `n` names the part `files[n]`) or, on an edit, an attachment of `existing` kept
 * by its snowflake; those not listed are dropped. Without `attachments`, the existing ones stay and every upload
 * is added. Undefined when the body changes nothing (no `attachments`, no files).
 *
 * Refuses as Discord does: a file over 10 MiB (413 / 40005), more than 10 attachments (30015), an entry whose
 * id names neither an upload nor a kept attachment (50035 `ATTACHMENT_NOT_FOUND`).
 */
export function attachmentInput(
  body: JsonObject,
  files: UploadedFile[],
  opts: AttachmentInputOptions,
): AttachmentRecord[] | undefined {
  const existing = opts.existing ?? [];
  const path = [...(opts.path ?? []), 'attachments'];
  if (files.some((f) => f.data.length > MAX_ATTACHMENT_BYTES)) throw errors.requestEntityTooLarge();
  const entries = body['attachments'];
  let result: AttachmentRecord[] | undefined;
  if (entries === undefined || entries === null) {
    result = files.length ? [...existing, ...files.map((f) => upload(f, {}, opts.nextId))] : undefined;
  } else if (!Array.isArray(entries)) {
    throw errors.invalidFormAt(path, 'LIST_TYPE_CONVERT', 'Must be an array.');
  } else {
    result = entries.map((entry, index) =>
      resolveEntry(entry, [...path, String(index)], files, existing, opts),
    );
  }
  if (result && result.length > MAX_ATTACHMENTS) throw errors.tooManyAttachments();
  return result;
}

function resolveEntry(
  entry: Json,
  at: string[],
  files: UploadedFile[],
  existing: AttachmentRecord[],
  opts: AttachmentInputOptions,
): AttachmentRecord {
  if (!isObject(entry))
    throw errors.invalidFormAt(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
  const id = entry['id'];
  if (typeof id !== 'string' && typeof id !== 'number')
    throw errors.invalidFormAt([...at, 'id'], 'BASE_TYPE_REQUIRED', 'This field is required');
  const kept = existing.find((a) => a.id === String(id));
  if (kept) return kept;
  const file = files.find((f) => f.field === `files[${id}]`);
  if (!file) throw errors.invalidFormAt(at, 'ATTACHMENT_NOT_FOUND', 'Attachment data not found');
  const description = entry['description'];
  if (typeof description === 'string' && description.length > MAX_DESCRIPTION_LENGTH)
    throw errors.invalidFormAt(
      [...at, 'description'],
      'BASE_TYPE_MAX_LENGTH',
      `Must be ${MAX_DESCRIPTION_LENGTH} or fewer in length.`,
    );
  return upload(file, entry, opts.nextId);
}

/** A new attachment from an upload; the entry may rename it and describe it. */
function upload(file: UploadedFile, entry: JsonObject, nextId: () => string): AttachmentRecord {
  const filename = entry['filename'];
  const description = entry['description'];
  return {
    id: nextId(),
    filename: typeof filename === 'string' && filename.length > 0 ? filename : file.filename,
    description: typeof description === 'string' ? description : null,
    contentType: file.contentType,
    size: file.data.length,
    data: file.data,
  };
}
