import { Intent } from '../gateway/opcodes.js';
import type { Dispatcher } from '../gateway/sessions.js';
import { toOverwriteRecord } from '../permissions/compute.js';
import type { DiscordRecords } from './discord-records.js';
import { ChannelKind, type ChannelRecord, type OverwriteInput } from './records.js';
import { apiChannel } from './serialize/guild.js';

/** Options for creating a channel. */
export interface CreateChannelOptions {
  name: string;
  type?: number;
  parentId?: string | null;
  topic?: string | null;
  position?: number;
  overwrites?: OverwriteInput[];
  bitrate?: number;
  userLimit?: number;
  nsfw?: boolean;
  rateLimitPerUser?: number;
}

/** Guild channels, their overwrites and the bot's DM channels: the operations that change them. */
export class ChannelStore {
  constructor(
    private readonly records: DiscordRecords,
    private readonly gateway: Dispatcher,
  ) {}

  /** Creates a guild channel and dispatches CHANNEL_CREATE. */
  createChannel(guildId: string, opts: CreateChannelOptions): ChannelRecord {
    this.records.guild(guildId);
    const type = opts.type ?? ChannelKind.Text;
    const channel: ChannelRecord = {
      id: this.records.ids.next(),
      type,
      guildId,
      name: opts.name,
      topic: opts.topic ?? null,
      parentId: opts.parentId ?? null,
      position: opts.position ?? this.records.guildChannels(guildId).filter((c) => c.type === type).length,
      overwrites: (opts.overwrites ?? []).map(toOverwriteRecord),
      nsfw: opts.nsfw ?? false,
      rateLimitPerUser: opts.rateLimitPerUser ?? 0,
      bitrate: opts.bitrate ?? 64000,
      userLimit: opts.userLimit ?? 0,
      lastMessageId: null,
    };
    this.records.channelMap.set(channel.id, channel);
    this.gateway.dispatch('CHANNEL_CREATE', apiChannel(channel), Intent.Guilds);
    this.records.events.emit('channelCreate', channel);
    return channel;
  }

  /** Dispatches CHANNEL_UPDATE for a changed channel. */
  channelChanged(channel: ChannelRecord): void {
    if (channel.guildId) this.gateway.dispatch('CHANNEL_UPDATE', apiChannel(channel), Intent.Guilds);
    this.records.events.emit('channelUpdate', channel);
  }

  /** Deletes a channel (children of a category lose their parent) and dispatches CHANNEL_DELETE. */
  deleteChannel(channelId: string): ChannelRecord {
    const channel = this.records.channel(channelId);
    this.records.channelMap.delete(channelId);
    this.gateway.dispatch('CHANNEL_DELETE', apiChannel(channel), Intent.Guilds);
    this.records.events.emit('channelDelete', channel);
    for (const child of this.records.channelMap.values()) {
      if (child.parentId === channelId) {
        child.parentId = null;
        this.channelChanged(child);
      }
    }
    return channel;
  }

  /** Returns (creating if needed) the DM channel between the bot and a user. */
  dmChannel(userId: string): ChannelRecord {
    this.records.user(userId);
    const existing = this.records.dmChannels.get(userId);
    if (existing) return this.records.channel(existing);
    const channel: ChannelRecord = {
      id: this.records.ids.next(),
      type: ChannelKind.DM,
      guildId: null,
      name: '',
      topic: null,
      parentId: null,
      position: 0,
      overwrites: [],
      nsfw: false,
      rateLimitPerUser: 0,
      bitrate: 0,
      userLimit: 0,
      lastMessageId: null,
      recipientId: userId,
    };
    this.records.channelMap.set(channel.id, channel);
    this.records.dmChannels.set(userId, channel.id);
    return channel;
  }

  /** Replaces a channel's overwrites as a human admin would; dispatches CHANNEL_UPDATE. */
  editOverwrites(channelId: string, overwrites: OverwriteInput[]): void {
    const channel = this.records.channel(channelId);
    channel.overwrites = overwrites.map(toOverwriteRecord);
    this.channelChanged(channel);
  }

  /** Adds or replaces one overwrite as a human admin would; dispatches CHANNEL_UPDATE. */
  putOverwrite(channelId: string, overwrite: OverwriteInput): void {
    const channel = this.records.channel(channelId);
    channel.overwrites = [
      ...channel.overwrites.filter((o) => o.id !== overwrite.id),
      toOverwriteRecord(overwrite),
    ];
    this.channelChanged(channel);
  }

  /** Removes one overwrite as a human admin would; dispatches CHANNEL_UPDATE. */
  deleteOverwrite(channelId: string, overwriteId: string): void {
    const channel = this.records.channel(channelId);
    channel.overwrites = channel.overwrites.filter((o) => o.id !== overwriteId);
    this.channelChanged(channel);
  }

  /** Renames / moves a channel as a human admin would; dispatches CHANNEL_UPDATE. */
  editChannel(
    channelId: string,
    changes: { name?: string; topic?: string | null; parentId?: string | null; position?: number },
  ): void {
    const channel = this.records.channel(channelId);
    if (changes.name !== undefined) channel.name = changes.name;
    if (changes.topic !== undefined) channel.topic = changes.topic;
    if (changes.parentId !== undefined) channel.parentId = changes.parentId;
    if (changes.position !== undefined) channel.position = changes.position;
    this.channelChanged(channel);
  }
}
