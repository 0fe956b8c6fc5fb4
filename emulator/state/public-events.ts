import type { EventEmitter } from 'node:events';
import type { APIMessage } from 'discord.js';
import type { RecordedRequest } from '../rest/route-types.js';
import type { InteractionRecord } from './interactions.js';
import type { EmulatedChannel, JsonViews } from './json-views.js';
import type { ChannelRecord, MessageRecord } from './records.js';

/** Events emitted by the emulator (payloads in Discord's JSON shapes). */
export interface EmulatorEvents {
  /** A message was created; `ephemeralFor` is the only user who sees it, if ephemeral. */
  message: [message: APIMessage, ephemeralFor: string | undefined];
  /** A message was edited (by the bot, or by an interaction update). */
  messageUpdate: [message: APIMessage, ephemeralFor: string | undefined];
  messageDelete: [ref: { id: string; channel_id: string }];
  /** A REST request was answered. */
  request: [request: RecordedRequest];
  channelCreate: [channel: EmulatedChannel];
  channelUpdate: [channel: EmulatedChannel];
  channelDelete: [channel: EmulatedChannel];
  /** An interaction got a callback, reply edit or follow-up. */
  interactionUpdate: [interaction: InteractionRecord];
}

/** Re-emits the internal change notifications (records) on `target` as public events in Discord's JSON. */
export function forwardEvents(
  internal: EventEmitter,
  target: EventEmitter<EmulatorEvents>,
  views: JsonViews,
): void {
  const api = (m: MessageRecord) => views.message(m);
  internal.on('message', (m: MessageRecord) => target.emit('message', api(m), m.ephemeralFor));
  internal.on('messageUpdate', (m: MessageRecord) => target.emit('messageUpdate', api(m), m.ephemeralFor));
  internal.on('messageDelete', (m: MessageRecord) =>
    target.emit('messageDelete', { id: m.id, channel_id: m.channelId }),
  );
  internal.on('request', (r: RecordedRequest) => target.emit('request', r));
  internal.on('channelCreate', (c: ChannelRecord) => target.emit('channelCreate', views.fromRecord(c)));
  internal.on('channelUpdate', (c: ChannelRecord) => target.emit('channelUpdate', views.fromRecord(c)));
  internal.on('channelDelete', (c: ChannelRecord) => target.emit('channelDelete', views.fromRecord(c)));
  internal.on('interactionUpdate', (r: InteractionRecord) => target.emit('interactionUpdate', r));
}
