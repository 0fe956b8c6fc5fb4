import {
  ChannelType,
  DiscordAPIError,
  GuildScheduledEventEntityType,
  GuildScheduledEventPrivacyLevel,
  OverwriteType,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  Routes,
  type Client,
  type Guild,
  type GuildBasedChannel,
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
import { createOnce, inspectChannel, plainOverwrites, rewriteChannel } from './channel-repair.js';
import { compareOverwrites, desiredOverwrites, memberOverwrite, toOverwriteData } from './overwrites.js';
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
    const guild = await this.guild(guildId);
    const existing = preferredId ? guild.channels.cache.get(preferredId) : undefined;
    if (existing?.type === ChannelType.GuildCategory) return { id: existing.id, created: false };
    const category = await createOnce(guild, {
      name: CATEGORY_NAME,
      type: ChannelType.GuildCategory,
      reason,
      permissionOverwrites: [
        { id: guild.roles.everyone.id, type: OverwriteType.Role, deny: PermissionFlagsBits.ViewChannel },
        {
          id: this.client.user.id,
          type: OverwriteType.Member,
          allow:
            PermissionFlagsBits.ViewChannel |
            PermissionFlagsBits.ManageChannels |
            PermissionFlagsBits.ManageRoles,
        },
      ],
    });
    return { id: category.id, created: true };
  }

  async createChannel(input: {
    guildId: string;
    categoryId: string;
    name: string;
    policy: ChannelPolicy;
    reason: string;
  }): Promise<string> {
    const guild = await this.guild(input.guildId);
    // Overwrites go in the create call itself, so the channel is never visible to anyone else.
    const channel = await createOnce(guild, {
      name: input.name,
      type: input.policy.kind === 'text' ? ChannelType.GuildText : ChannelType.GuildVoice,
      parent: input.categoryId,
      reason: input.reason,
      permissionOverwrites: toOverwriteData(desiredOverwrites(input.policy, this.ids(guild))),
    });
    return channel.id;
  }

  async deleteChannel(channelId: string, reason: string): Promise<void> {
    const channel = await this.channel(channelId);
    await channel?.delete(reason);
  }

  async grantMember(
    channelId: string,
    kind: ChannelPolicy['kind'],
    userId: string,
    reason: string,
  ): Promise<void> {
    const channel = await this.requireChannel(channelId);
    const { allow, deny } = memberOverwrite(kind);
    await this.client.rest.put(Routes.channelPermission(channel.id, userId), {
      body: { type: OverwriteType.Member, allow: allow.toString(), deny: deny.toString() },
      reason,
    });
  }

  async revokeMember(channelId: string, userId: string, reason: string): Promise<void> {
    const channel = await this.channel(channelId);
    if (!channel) return;
    // Always ask Discord: the cache may not have seen a grant made a moment ago.
    try {
      await this.client.rest.delete(Routes.channelPermission(channel.id, userId), { reason });
    } catch (error) {
      if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownPermissionOverwrite)
        return;
      throw error;
    }
  }

  async enforcePolicy(channelId: string, policy: ChannelPolicy, reason: string): Promise<DriftReport | null> {
    const channel = await this.channel(channelId);
    if (!channel || !('permissionOverwrites' in channel)) return null;
    const ids = this.ids(channel.guild);
    const desired = desiredOverwrites(policy, ids);
    const drift = compareOverwrites(plainOverwrites(channel), desired, ids);
    if (drift) await channel.permissionOverwrites.set(toOverwriteData(desired), reason);
    return drift;
  }

  inspectChannel(channelId: string, policy: ChannelPolicy): Promise<ChannelCheck> {
    return inspectChannel(this.client, channelId, policy, (guild) => this.ids(guild));
  }

  rewriteChannel(channelId: string, policy: ChannelPolicy, reason: string): Promise<ChannelCheck> {
    return rewriteChannel(this.client, channelId, policy, reason, (guild) => this.ids(guild));
  }

  async postMessage(
    channelId: string,
    message: OutgoingMessage,
    options: { nonce?: string } = {},
  ): Promise<string> {
    const channel = await this.requireChannel(channelId);
    if (!channel.isSendable()) throw new Error(`channel ${channelId} does not take messages`);
    const nonce = options.nonce ? { nonce: options.nonce, enforceNonce: true } : {};
    const sent = await channel.send({ ...renderMessage(message), ...nonce });
    return sent.id;
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

  async sendDirectMessage(userId: string, message: OutgoingMessage): Promise<boolean> {
    try {
      await this.client.users.send(userId, renderMessage(message));
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
    const channel = await this.channel(channelId);
    const permissions = channel?.permissionsFor(this.client.user);
    return permissions?.has([PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages]) ?? false;
  }

  async nonModeratorsCanView(channelId: string, moderatorRoleId: string | null): Promise<boolean> {
    const channel = await this.channel(channelId);
    if (!channel) return false;
    for (const role of channel.guild.roles.cache.values()) {
      if (role.id === moderatorRoleId || role.managed) continue;
      // Holders of Manage Server (or Administrator) are moderators by definition.
      if (role.id !== channel.guild.id && role.permissions.has(PermissionFlagsBits.ManageGuild)) continue;
      if (channel.permissionsFor(role).has(PermissionFlagsBits.ViewChannel)) return true;
    }
    return false;
  }

  private ids(guild: Guild): { everyoneId: string; botId: string } {
    return { everyoneId: guild.roles.everyone.id, botId: this.client.user.id };
  }

  private async guild(guildId: string): Promise<Guild> {
    return this.client.guilds.cache.get(guildId) ?? (await this.client.guilds.fetch(guildId));
  }

  private async channel(channelId: string): Promise<GuildBasedChannel | null> {
    const cached = this.client.channels.cache.get(channelId);
    const channel = cached ?? (await this.client.channels.fetch(channelId).catch(unknownToNull));
    return channel && 'guild' in channel ? channel : null;
  }

  private async requireChannel(channelId: string): Promise<GuildBasedChannel> {
    const channel = await this.channel(channelId);
    if (!channel) throw new Error(`channel ${channelId} not found`);
    return channel;
  }
}

function unknownToNull(error: unknown): null {
  if (error instanceof DiscordAPIError && error.code === RESTJSONErrorCodes.UnknownChannel) return null;
  throw error;
}
