import type { APIGuildScheduledEvent, APIMessage } from 'discord.js';
import type { PermissionQueries } from '../permissions/queries.js';
import type { ApiJson } from './api-json.js';
import type { DiscordRecords } from './discord-records.js';
import type { MessageStore } from './messages.js';
import type { ChannelRecord, MessageRecord } from './records.js';
import type { ScheduledEventStore } from './scheduled-events.js';

/** A channel in Discord's JSON shape (guild channels; DMs have `recipients`). */
export interface EmulatedChannel {
  id: string;
  type: number;
  guild_id?: string | null;
  name?: string;
  topic?: string | null;
  parent_id?: string | null;
  position?: number;
  permission_overwrites?: { id: string; type: 0 | 1; allow: string; deny: string }[];
  recipients?: { id: string; username: string }[];
  [key: string]: unknown;
}

/** Read-only views of the emulator state in Discord's JSON shapes. */
export class JsonViews {
  constructor(
    private readonly records: DiscordRecords,
    private readonly json: ApiJson,
    private readonly permissions: PermissionQueries,
    private readonly messageStore: MessageStore,
    private readonly scheduledEvents: ScheduledEventStore,
  ) {}

  /** Channel JSON from a record. */
  fromRecord(channel: ChannelRecord): EmulatedChannel {
    return this.json.apiChannel(channel) as unknown as EmulatedChannel;
  }

  /** A channel by id. */
  channel(id: string): EmulatedChannel | undefined {
    const channel = this.records.channelMap.get(id);
    return channel ? this.fromRecord(channel) : undefined;
  }

  /** A guild's channels. */
  channels(guildId: string): EmulatedChannel[] {
    return this.records.guildChannels(guildId).map((c) => this.fromRecord(c));
  }

  /** Message JSON from a record. */
  message(message: MessageRecord): APIMessage {
    return this.json.apiMessage(message) as unknown as APIMessage;
  }

  /** Public messages in a channel. */
  messages(channelId: string): APIMessage[] {
    return this.messageStore.inChannel(channelId).map((m) => this.message(m));
  }

  /** Messages in the bot's DM with a user. */
  dmMessages(userId: string): APIMessage[] {
    const channelId = this.records.dmChannels.get(userId);
    return channelId ? this.messages(channelId) : [];
  }

  /** Public + own ephemeral messages, if the user can view the channel. */
  visibleMessages(userId: string, channelId: string): APIMessage[] {
    if (!this.permissions.canView(userId, channelId)) return [];
    return this.messageStore
      .allInChannel(channelId)
      .filter((m) => m.ephemeralFor === undefined || m.ephemeralFor === userId)
      .map((m) => this.message(m));
  }

  /** A scheduled event by id, with `user_count`. */
  scheduledEvent(id: string): APIGuildScheduledEvent {
    const event = this.scheduledEvents.get(id);
    return this.json.apiScheduledEvent(event, true) as unknown as APIGuildScheduledEvent;
  }
}
