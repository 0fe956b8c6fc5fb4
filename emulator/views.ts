import type { APIMessage } from 'discord.js';
import type { Core } from './core.js';
import { P, has } from './permissions.js';
import type { ChannelRecord, MessageRecord } from './types.js';

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
export class EmulatorViews {
  constructor(private readonly core: Core) {}

  /** Channel JSON from a record. */
  fromRecord(channel: ChannelRecord): EmulatedChannel {
    return this.core.state.apiChannel(channel) as unknown as EmulatedChannel;
  }

  /** A channel by id. */
  channel(id: string): EmulatedChannel | undefined {
    const channel = this.core.state.channelMap.get(id);
    return channel ? this.fromRecord(channel) : undefined;
  }

  /** A guild's channels. */
  channels(guildId: string): EmulatedChannel[] {
    return this.core.state.guildChannels(guildId).map((c) => this.fromRecord(c));
  }

  /** Message JSON from a record. */
  message(message: MessageRecord): APIMessage {
    return this.core.state.apiMessage(message) as unknown as APIMessage;
  }

  /** Public messages in a channel. */
  messages(channelId: string): APIMessage[] {
    return this.core.messages.inChannel(channelId).map((m) => this.message(m));
  }

  /** Messages in the bot's DM with a user. */
  dmMessages(userId: string): APIMessage[] {
    const channelId = this.core.state.dmChannels.get(userId);
    return channelId ? this.messages(channelId) : [];
  }

  /** Public + own ephemeral messages, if the user can view the channel. */
  visibleMessages(userId: string, channelId: string): APIMessage[] {
    const channel = this.core.state.channel(channelId);
    const canView = channel.guildId
      ? has(this.core.state.permissionsIn(userId, channelId), P.ViewChannel)
      : channel.recipientId === userId || userId === this.core.state.botUserId;
    if (!canView) return [];
    return this.core.messages
      .allInChannel(channelId)
      .filter((m) => m.ephemeralFor === undefined || m.ephemeralFor === userId)
      .map((m) => this.message(m));
  }
}
