import {
  ChannelType,
  DiscordAPIError,
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  OverwriteType,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  Routes,
  type Channel,
  type Client,
  type Guild,
  type NonThreadGuildBasedChannel,
} from 'discord.js';
import {
  type ChannelCheck,
  type ChannelPolicy,
  type ChatPlatform,
  type DriftReport,
  EventLimitError,
  type OutgoingMessage,
  type PermissionReport,
  type VoiceEvent,
} from '../services/kernel/index.js';
import {
  channelDrift,
  channelIds,
  createOnce,
  fetchRestChannel,
  inspectChannel,
  refusal,
  rewriteChannel,
  writeOverwrites,
} from './channel-repair.js';
import { desiredOverwrites, memberOverwrite } from './overwrites.js';
import { renderMessage } from './render-message.js';
import { REQUIRED_PERMISSIONS } from './required-permissions.js';

const CATEGORY_NAME = 'Circles';

export { REQUIRED_PERMISSIONS } from './required-permissions.js';

/** The `ChatPlatform` on Discord, through a logged-in discord.js client. */
export class DiscordChatPlatform implements ChatPlatform {
  constructor(private readonly client: Client<true>) {}

  async ensureCategory(
    guildId: string,
    preferredId: string | null,
    reason: string,
  ): Promise<{ id: string; created: boolean }> {
    const existing = preferredId ? await fetchRestChannel(this.client, preferredId) : null;
    if (existing?.type === ChannelType.GuildCategory && existing.guild_id === guildId)
      return { id: existing.id, created: false };
    const id = await createOnce(this.client, guildId, {
      name: CATEGORY_NAME,
      type: ChannelType.GuildCategory,
      reason,
      overwrites: [
        { id: guildId, type: OverwriteType.Role, allow: 0n, deny: PermissionFlagsBits.ViewChannel },
        {
          id: this.client.user.id,
          type: OverwriteType.Member,
          allow:
            PermissionFlagsBits.ViewChannel |
            PermissionFlagsBits.ManageChannels |
            PermissionFlagsBits.ManageRoles,
          deny: 0n,
        },
      ],
    });
    return { id, created: true };
  }

  async createChannel(input: {
    guildId: string;
    categoryId: string;
    name: string;
    policy: ChannelPolicy;
    reason: string;
  }): Promise<string> {
    // Overwrites go in the create call itself, so the channel is never visible to anyone else.
    return createOnce(this.client, input.guildId, {
      name: input.name,
      type: input.policy.kind === 'text' ? ChannelType.GuildText : ChannelType.GuildVoice,
      parentId: input.categoryId,
      reason: input.reason,
      overwrites: desiredOverwrites(input.policy, { everyoneId: input.guildId, botId: this.client.user.id }),
    });
  }

  async deleteChannel(channelId: string, reason: string): Promise<void> {
    try {
      await this.client.rest.delete(Routes.channel(channelId), { reason });
    } catch (error) {
      if (refusal(error) !== 'missing') throw error;
    }
  }

  async grantMember(
    channelId: string,
    kind: ChannelPolicy['kind'],
    userId: string,
    reason: string,
  ): Promise<void> {
    const { allow, deny } = memberOverwrite(kind);
    try {
      await this.client.rest.put(Routes.channelPermission(channelId, userId), {
        body: { type: OverwriteType.Member, allow: allow.toString(), deny: deny.toString() },
        reason,
      });
    } catch (error) {
      throw refusal(error) === 'missing'
        ? new Error(`channel ${channelId} not found`, { cause: error })
        : error;
    }
  }

  /**
   * Asks Discord directly, never the cache (which may not have seen a grant made a moment ago, or
   * not hold the channel at all). A channel that is gone throws: the member's access was not
   * removed by this call, and the caller must know.
   */
  async revokeMember(channelId: string, userId: string, reason: string): Promise<void> {
    try {
      await this.client.rest.delete(Routes.channelPermission(channelId, userId), { reason });
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownPermissionOverwrite)
        return;
      if (refusal(error) === 'missing') throw new Error(`channel ${channelId} not found`, { cause: error });
      throw error;
    }
  }

  /** Reads the channel from Discord (never the cache) and rewrites its overwrites when they drifted. */
  async enforcePolicy(channelId: string, policy: ChannelPolicy, reason: string): Promise<DriftReport | null> {
    const channel = await fetchRestChannel(this.client, channelId);
    if (!channel || !('permission_overwrites' in channel)) return null;
    const drift = channelDrift(this.client, channel, policy);
    if (drift)
      await writeOverwrites(
        this.client,
        channelId,
        desiredOverwrites(policy, channelIds(this.client, channel)),
        reason,
      );
    return drift;
  }

  inspectChannel(channelId: string, policy: ChannelPolicy): Promise<ChannelCheck> {
    return inspectChannel(this.client, channelId, policy);
  }

  rewriteChannel(channelId: string, policy: ChannelPolicy, reason: string): Promise<ChannelCheck> {
    return rewriteChannel(this.client, channelId, policy, reason);
  }

  async postMessage(
    channelId: string,
    message: OutgoingMessage,
    options: { nonce?: string } = {},
  ): Promise<string> {
    const channel = await this.sendableChannel(channelId);
    if (!channel.isSendable()) throw new Error(`channel ${channelId} does not take messages`);
    const nonce = options.nonce ? { nonce: options.nonce, enforceNonce: true } : {};
    const sent = await channel.send({ ...renderMessage(message), ...nonce });
    return sent.id;
  }

  /** One PATCH over REST (no cache needed, any shard's channel); a message or channel that is gone is false. */
  async editMessage(channelId: string, messageId: string, message: OutgoingMessage): Promise<boolean> {
    const { content, embeds, components } = renderMessage(message);
    try {
      // The builders serialise themselves (toJSON) when the body is encoded.
      await this.client.rest.patch(Routes.channelMessage(channelId, messageId), {
        body: { content, embeds, components, allowed_mentions: { parse: [] } },
      });
      return true;
    } catch (error) {
      if (
        error instanceof DiscordAPIError &&
        (error.code === RESTJSONErrorCodes.UnknownMessage || error.code === RESTJSONErrorCodes.UnknownChannel)
      )
        return false;
      throw error;
    }
  }

  async isGuildMember(guildId: string, userId: string): Promise<boolean> {
    const guild = await this.guild(guildId);
    try {
      await guild.members.fetch({ user: userId, force: true, cache: false });
      return true;
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMember) return false;
      throw error;
    }
  }

  /** One REST look-up per name not cached: the server's member, else the Discord user. */
  async displayNames(guildId: string, userIds: readonly string[]): Promise<Map<string, string>> {
    const guild = await this.guild(guildId);
    const names = new Map<string, string>();
    for (const userId of new Set(userIds)) {
      try {
        names.set(userId, (await guild.members.fetch({ user: userId })).displayName);
        continue;
      } catch (error) {
        if (!(error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownMember))
          throw error;
      }
      try {
        names.set(userId, (await this.client.users.fetch(userId)).displayName);
      } catch (error) {
        if (!(error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownUser)) throw error;
      }
    }
    return names;
  }

  async createVoiceEvent(input: VoiceEvent): Promise<string> {
    const guild = await this.guild(input.guildId);
    try {
      const event = await guild.scheduledEvents.create({
        name: input.name,
        description: input.description,
        scheduledStartTime: input.startsAt,
        scheduledEndTime: input.endsAt,
        privacyLevel: GuildScheduledEventPrivacyLevel.GuildOnly,
        entityType: GuildScheduledEventEntityType.Voice,
        channel: input.channelId,
      });
      return event.id;
    } catch (error) {
      if (
        error instanceof DiscordAPIError &&
        error.code === RESTJSONErrorCodes.MaximumNumberOfUncompletedGuildScheduledEventsReached
      ) {
        throw new EventLimitError();
      }
      throw error;
    }
  }

  async updateVoiceEvent(guildId: string, eventId: string, input: VoiceEvent): Promise<void> {
    const guild = await this.guild(guildId);
    await guild.scheduledEvents.edit(eventId, {
      name: input.name,
      description: input.description,
      scheduledStartTime: input.startsAt,
      scheduledEndTime: input.endsAt,
    });
  }

  async deleteVoiceEvent(guildId: string, eventId: string): Promise<void> {
    const guild = await this.guild(guildId);
    try {
      await guild.scheduledEvents.delete(eventId);
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownGuildScheduledEvent)
        return;
      throw error;
    }
  }

  async sendDirectMessage(
    userId: string,
    message: OutgoingMessage,
    options: { nonce?: string } = {},
  ): Promise<boolean> {
    try {
      const nonce = options.nonce ? { nonce: options.nonce, enforceNonce: true } : {};
      await this.client.users.send(userId, { ...renderMessage(message), ...nonce });
      return true;
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.CannotSendMessagesToThisUser)
        return false;
      throw error;
    }
  }

  async permissionReport(guildId: string): Promise<PermissionReport> {
    const guild = await this.guild(guildId);
    const me = guild.members.me ?? (await guild.members.fetchMe());
    const missing = Object.entries(REQUIRED_PERMISSIONS)
      .filter(([, bit]) => !me.permissions.has(bit))
      .map(([name]) => name);
    const administratorRoleIds = guild.roles.cache
      .filter((role) => !role.managed && role.permissions.has(PermissionFlagsBits.Administrator))
      .map((role) => role.id);
    return { missing, administratorRoleIds };
  }

  async canPost(channelId: string): Promise<boolean> {
    const channel = await this.freshChannel(channelId);
    if (!channel) return false;
    const me = channel.guild.members.me ?? (await channel.guild.members.fetchMe());
    const permissions = channel.permissionsFor(me);
    return permissions.has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages]);
  }

  async nonModeratorsCanView(channelId: string, moderatorRoleId: string | null): Promise<boolean> {
    const channel = await this.freshChannel(channelId);
    if (!channel) return false;
    for (const role of channel.guild.roles.cache.values()) {
      if (role.id === moderatorRoleId || role.managed) continue;
      // Holders of Manage Server (or Administrator) are moderators by definition.
      if (role.id !== channel.guild.id && role.permissions.has(PermissionFlagsBits.ManageGuild)) continue;
      if (channel.permissionsFor(role).has(PermissionFlagsBits.ViewChannel)) return true;
    }
    return false;
  }

  /**
   * A guild: this process's cached copy when its shard holds it (the gateway keeps it current),
   * else a fresh copy read over REST that is not cached (no gateway event would keep it current).
   */
  private async guild(guildId: string): Promise<Guild> {
    return (
      this.client.guilds.cache.get(guildId) ??
      (await this.client.guilds.fetch({ guild: guildId, force: true, cache: false }))
    );
  }

  /** A guild channel read from Discord (never the cache), with its guild; null when it is gone. */
  private async freshChannel(channelId: string): Promise<NonThreadGuildBasedChannel | null> {
    let found;
    try {
      found = await this.client.channels
        .fetch(channelId, { force: true, cache: false, allowUnknownGuild: true })
        .catch(unknownToNull);
    } catch (error) {
      if (refusal(error) === null) throw error;
      // A channel the bot cannot view: its server still lists it (when this process knows the server).
      const cached = this.client.channels.cache.get(channelId);
      if (!cached || !('guild' in cached)) return null;
      const listed = (await cached.guild.channels.fetch(undefined, { cache: false })).get(channelId);
      return listed ?? null;
    }
    if (!found || !('guildId' in found) || found.isThread()) return null;
    if (found.guild) return found;
    // Another shard's guild: read it, then the channel again so that it belongs to that guild.
    const guild = await this.guild(found.guildId);
    const channel = await guild.channels.fetch(channelId, { force: true, cache: false }).catch(unknownToNull);
    return channel && !channel.isThread() ? channel : null;
  }

  /** A channel to post in: the cached one, else read over REST (another shard's guild included). */
  private async sendableChannel(channelId: string): Promise<Channel> {
    const channel =
      this.client.channels.cache.get(channelId) ??
      (await this.client.channels
        .fetch(channelId, { cache: false, allowUnknownGuild: true })
        .catch(unknownToNull));
    if (!channel) throw new Error(`channel ${channelId} not found`);
    return channel;
  }
}

function unknownToNull(error: unknown): null {
  if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownChannel) return null;
  throw error;
}
