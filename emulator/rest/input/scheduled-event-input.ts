import { createHash } from 'node:crypto';
import { isObject, type Json, type JsonObject, text } from '../../state/json.js';
import type { ScheduledEventRecord } from '../../state/records.js';
import { EventEntity, EventStatus, GUILD_ONLY } from '../../state/scheduled-events.js';
import { ApiError, ErrorCode, errors } from '../errors.js';
import { optInt, optString } from './body.js';

/** The event as it will be once a create / modify body is applied. */
export interface EventDraft {
  name: string;
  description: string | null;
  start: number;
  end: number | null;
  entityType: number;
  channelId: string | null;
  location: string | null;
  image: string | null;
  recurrenceRule: Json | null;
  status: number;
}

const TRANSITIONS: Record<number, number[]> = {
  [EventStatus.Scheduled]: [EventStatus.Active, EventStatus.Canceled],
  [EventStatus.Active]: [EventStatus.Completed],
};

const bad = (field: string, code: string, message: string): ApiError =>
  errors.invalidForm(field, code, message);

function time(body: JsonObject, key: string): number | null | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (value === null) return null;
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(ms))
    throw bad(key, 'DATE_TIME_TYPE_PARSE', `Could not parse ${text(value)}. Should be ISO8601.`);
  return ms;
}

function choice(body: JsonObject, key: string, allowed: readonly number[]): number | undefined {
  const value = optInt(body, key);
  if (value !== undefined && !allowed.includes(value))
    throw bad(key, 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`);
  return value;
}

/**
 * Applies a POST (no `existing`) or PATCH body to an event and validates the result as Discord does:
 * name 1–100, description ≤ 1000, privacy_level 2, start in the future, end after start, per-entity-type
 * channel / location / end requirements, status transitions. Throws 50035 (or 180000 for finished events).
 */
export function applyEventBody(body: JsonObject, existing?: ScheduledEventRecord): EventDraft {
  if (existing && existing.status !== EventStatus.Scheduled && existing.status !== EventStatus.Active)
    throw new ApiError(400, ErrorCode.CannotUpdateFinishedEvent, 'Cannot update a finished event');
  const name = optString(body, 'name');
  if (name === undefined && !existing) throw bad('name', 'BASE_TYPE_REQUIRED', 'This field is required');
  if (name !== undefined && (name.length < 1 || name.length > 100))
    throw bad('name', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 100 in length.');
  const description = optString(body, 'description');
  if (description !== undefined && description.length > 1000)
    throw bad('description', 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 1000 in length.');
  const privacy = choice(body, 'privacy_level', [GUILD_ONLY]);
  if (privacy === undefined && !existing)
    throw bad('privacy_level', 'BASE_TYPE_REQUIRED', 'This field is required');
  const entityType = choice(body, 'entity_type', [1, 2, 3]) ?? existing?.entityType;
  if (entityType === undefined) throw bad('entity_type', 'BASE_TYPE_REQUIRED', 'This field is required');
  const status = choice(body, 'status', [1, 2, 3, 4]);
  if (status !== undefined && existing && status !== existing.status) {
    if (!TRANSITIONS[existing.status]?.includes(status))
      throw bad('status', 'GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION', 'Invalid status transition.');
  }
  const start = time(body, 'scheduled_start_time');
  if (start === null || (start === undefined && !existing))
    throw bad('scheduled_start_time', 'BASE_TYPE_REQUIRED', 'This field is required');
  if (start !== undefined && existing?.status === EventStatus.Active)
    throw bad(
      'scheduled_start_time',
      'GUILD_SCHEDULED_EVENT_INVALID_START_BY_STATUS',
      'Cannot change the start time of an active event.',
    );
  if (start !== undefined && start <= Date.now())
    throw bad(
      'scheduled_start_time',
      'GUILD_SCHEDULED_EVENT_SCHEDULE_PAST',
      'Cannot schedule event in the past.',
    );
  const end = time(body, 'scheduled_end_time');
  const draft: EventDraft = {
    name: name ?? existing?.name ?? '',
    description: description === undefined ? (existing?.description ?? null) : description || null,
    start: start ?? existing?.start ?? 0,
    end: end === undefined ? (existing?.end ?? null) : end,
    entityType,
    channelId: 'channel_id' in body ? (optString(body, 'channel_id') ?? null) : (existing?.channelId ?? null),
    location: existing?.location ?? null,
    image: imageHash(body, existing),
    recurrenceRule: 'recurrence_rule' in body ? recurrence(body) : (existing?.recurrenceRule ?? null),
    status: status ?? existing?.status ?? EventStatus.Scheduled,
  };
  if (draft.end !== null && draft.end <= draft.start)
    throw bad(
      'scheduled_end_time',
      'GUILD_SCHEDULED_EVENT_END_BEFORE_START',
      'Cannot schedule event to end before starting.',
    );
  if (entityType === EventEntity.External) {
    const metadata = body['entity_metadata'];
    const location = isObject(metadata) ? optString(metadata, 'location') : undefined;
    if (location !== undefined) draft.location = location;
    if (body['channel_id'] !== undefined && body['channel_id'] !== null)
      throw bad(
        'channel_id',
        'GUILD_SCHEDULED_EVENT_CHANNEL_NOT_NULL',
        'Channel must be null for external events.',
      );
    draft.channelId = null;
    if (!draft.location || draft.location.length > 100)
      throw bad('entity_metadata.location', 'BASE_TYPE_REQUIRED', 'This field is required');
    if (draft.end === null) throw bad('scheduled_end_time', 'BASE_TYPE_REQUIRED', 'This field is required');
  } else {
    draft.location = null;
    if (!draft.channelId) throw bad('channel_id', 'BASE_TYPE_REQUIRED', 'This field is required');
  }
  return draft;
}

function imageHash(body: JsonObject, existing?: ScheduledEventRecord): string | null {
  const image = body['image'];
  if (image === undefined) return existing?.image ?? null;
  if (image === null) return null;
  if (typeof image !== 'string' || !image.startsWith('data:image/'))
    throw bad('image', 'IMAGE_INVALID', 'Invalid image data');
  return createHash('md5').update(image).digest('hex');
}

function recurrence(body: JsonObject): Json | null {
  const rule = body['recurrence_rule'];
  if (rule === null || rule === undefined) return null;
  if (!isObject(rule))
    throw bad('recurrence_rule', 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
  return rule;
}
