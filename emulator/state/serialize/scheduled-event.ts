import type { JsonObject } from '../json.js';
import type { ScheduledEventRecord, UserRecord } from '../records.js';
import { apiUser } from './guild.js';

/** Discord ISO timestamp (`+00:00` offset, as Discord writes it). */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

/** Discord guild scheduled event object; `user_count` only when `withUserCount`. */
export function apiScheduledEvent(
  event: ScheduledEventRecord,
  creator: UserRecord | undefined,
  withUserCount: boolean,
): JsonObject {
  const out: JsonObject = {
    id: event.id,
    guild_id: event.guildId,
    channel_id: event.channelId,
    creator_id: event.creatorId,
    name: event.name,
    description: event.description,
    scheduled_start_time: isoTimestamp(event.start),
    scheduled_end_time: event.end === null ? null : isoTimestamp(event.end),
    privacy_level: event.privacyLevel,
    status: event.status,
    entity_type: event.entityType,
    entity_id: null,
    entity_metadata: event.location === null ? null : { location: event.location },
    image: event.image,
    recurrence_rule: event.recurrenceRule,
  };
  if (creator) out['creator'] = apiUser(creator);
  if (withUserCount) out['user_count'] = event.subscribers.size;
  return out;
}
