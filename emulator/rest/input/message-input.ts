import { isObject, type JsonObject } from '../../state/json.js';
import type { MessageInput } from '../../state/messages.js';
import type { AttachmentRecord } from '../../state/records.js';
import { ApiError, errors } from '../errors.js';
import { optArray } from './body.js';

const KNOWN_FIELDS = new Set([
  'content',
  'embeds',
  'components',
  'flags',
  'nonce',
  'enforce_nonce',
  'tts',
  'attachments',
]);

/**
 * Validates a create/edit message body and converts it to {@link MessageInput}. `attachments` are the files
 * the message will carry (see `attachmentInput`); a message with one is not empty.
 */
export function messageInput(
  body: JsonObject,
  opts: { requireContent: boolean; attachments?: AttachmentRecord[] | undefined },
): MessageInput {
  const content = body['content'];
  if (content !== undefined && content !== null && typeof content !== 'string') {
    throw errors.invalidForm('content', 'STRING_TYPE_CONVERT', 'Could not interpret value as string.');
  }
  if (typeof content === 'string' && content.length > 2000) {
    throw errors.invalidForm('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
  }
  const embeds = optArray(body, 'embeds');
  if (embeds && embeds.length > 10)
    throw errors.invalidForm('embeds', 'BASE_TYPE_MAX_LENGTH', 'Must be 10 or fewer in length.');
  const components = optArray(body, 'components');
  const flags = typeof body['flags'] === 'number' ? body['flags'] : 0;
  const attachments = opts.attachments ?? [];
  if (opts.requireContent && !content && !embeds?.length && !components?.length && !attachments.length) {
    throw new ApiError(400, 50006, 'Cannot send an empty message');
  }
  const nonce = body['nonce'];
  const extra: JsonObject = {};
  for (const [key, value] of Object.entries(body)) if (!KNOWN_FIELDS.has(key)) extra[key] = value;
  return {
    ...(typeof content === 'string' ? { content } : {}),
    ...(embeds ? { embeds } : {}),
    ...(components ? { components } : {}),
    ...(attachments.length ? { attachments } : {}),
    flags,
    nonce: typeof nonce === 'string' || typeof nonce === 'number' ? nonce : null,
    tts: body['tts'] === true,
    type: isObject(body['message_reference']) ? 19 : 0,
    extra,
  };
}
