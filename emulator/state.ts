import { DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, toOverwriteRecord } from './permissions.js';
import { apiChannel, apiGuild, apiRole } from './serialize.js';
import { Intent, StateBase } from './state-base.js';
import type { CreateChannelOptions, CreateGuildOptions } from './state-base.js';
import type { ChannelRecord, GuildRecord, JsonObject, MemberRecord, RoleRecord } from './types.js';
import { ChannelKind } from './types.js';

export { Intent, StateBase } from './state-base.js';
export type { AuditLogEntry, CreateChannelOptions, CreateGuildOptions, DispatchFn } from './state-base.js';

/** All in-memory Discord data plus the guild / role / member / channel operations, each dispatching to the gateway. */
export class EmulatorState extends StateBase {
  /** Creates a guild with @everyone, a managed bot role, the owner and the bot as members. */
  createGuild(opts: CreateGuildOptions): {
    id: string;
    everyoneRoleId: string;
    ownerId: string;
    botRoleId: string;
  } {
    const id = this.ids.next();
    const ownerId =
      opts.ownerId ?? this.createUser({ username: `${opts.name.toLowerCase().replace(/\W+/g, '-')}-owner` });
    this.user(ownerId);
    const botRoleId = this.ids.next();
    const now = new Date().toISOString();
    const guild: GuildRecord = {
      id,
      name: opts.name,
      ownerId,
      botRoleId,
      roles: new Map(),
      members: new Map(),
      createdAt: now,
    };
    guild.roles.set(id, {
      id,
      guildId: id,
      name: '@everyone',
      permissions: opts.everyonePermissions ?? DEFAULT_EVERYONE_PERMISSIONS,
      position: 0,
      color: 0,
      hoist: false,
      mentionable: false,
    });
    guild.roles.set(botRoleId, {
      id: botRoleId,
      guildId: id,
      name: this.user(this.botUserId).username,
      permissions: opts.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
      position: 1,
      color: 0,
      hoist: false,
      mentionable: false,
      botId: this.botUserId,
    });
    guild.members.set(ownerId, { userId: ownerId, roles: [], joinedAt: now, nick: null });
    guild.members.set(this.botUserId, {
      userId: this.botUserId,
      roles: [botRoleId],
      joinedAt: now,
      nick: null,
    });
    this.guilds.set(id, guild);
    this.dispatch('GUILD_CREATE', this.gatewayGuild(guild), Intent.Guilds);
    return { id, everyoneRoleId: id, ownerId, botRoleId };
  }

  /**
   * Full guild object for GUILD_CREATE (members: the bot's own member only, as without GUILD_MEMBERS).
   * `guild_scheduled_events` lists the scheduled / active events the bot can see, whatever its intents.
   */
  gatewayGuild(guild: GuildRecord): JsonObject {
    const bot = guild.members.get(this.botUserId);
    const members = bot ? [this.apiMember(guild, bot)] : [];
    const events = this.scheduledEventsVisibleTo(this.botUserId, guild.id).map((e) =>
      this.apiScheduledEvent(e),
    );
    return apiGuild(guild, this.guildChannels(guild.id), members, true, events);
  }

  /** REST guild object. */
  restGuild(guild: GuildRecord): JsonObject {
    return apiGuild(guild, [], [], false);
  }

  /** Adds (or re-adds, replacing roles) a member. Adding the bot dispatches GUILD_CREATE. */
  addMember(guildId: string, userId: string, opts: { roles?: string[]; nick?: string } = {}): void {
    const guild = this.guild(guildId);
    this.user(userId);
    for (const roleId of opts.roles ?? [])
      if (!guild.roles.has(roleId)) throw new Error(`Emulator: unknown role ${roleId}`);
    const member: MemberRecord = {
      userId,
      roles: [...(opts.roles ?? [])],
      joinedAt: new Date().toISOString(),
      nick: opts.nick ?? null,
    };
    guild.members.set(userId, member);
    if (userId === this.botUserId) {
      if (!member.roles.includes(guild.botRoleId)) member.roles.push(guild.botRoleId);
      this.dispatch('GUILD_CREATE', this.gatewayGuild(guild), Intent.Guilds);
      return;
    }
    this.dispatch(
      'GUILD_MEMBER_ADD',
      { ...this.apiMember(guild, member), guild_id: guildId },
      Intent.GuildMembers,
    );
  }

  /** Removes a member. Removing the bot dispatches GUILD_DELETE (the bot was kicked). */
  removeMember(guildId: string, userId: string): void {
    const guild = this.guild(guildId);
    if (!guild.members.delete(userId)) return;
    if (userId === this.botUserId) {
      this.dispatch('GUILD_DELETE', { id: guildId }, Intent.Guilds);
      return;
    }
    this.dispatch(
      'GUILD_MEMBER_REMOVE',
      { guild_id: guildId, user: this.apiUserById(userId) },
      Intent.GuildMembers,
    );
  }

  /** Sets a member's roles (as an admin would). */
  setMemberRoles(guildId: string, userId: string, roles: string[]): void {
    const guild = this.guild(guildId);
    const member = guild.members.get(userId);
    if (!member) throw new Error(`Emulator: ${userId} is not a member of ${guildId}`);
    member.roles = [...roles];
    this.dispatch(
      'GUILD_MEMBER_UPDATE',
      { ...this.apiMember(guild, member), guild_id: guildId },
      Intent.GuildMembers,
    );
  }

  /** Creates a role (position just above @everyone, pushing others up) and dispatches GUILD_ROLE_CREATE. */
  createRole(
    guildId: string,
    opts: { name: string; permissions?: bigint; color?: number; hoist?: boolean; mentionable?: boolean },
  ): RoleRecord {
    const guild = this.guild(guildId);
    for (const role of guild.roles.values()) if (role.position >= 1) role.position += 1;
    const role: RoleRecord = {
      id: this.ids.next(),
      guildId,
      name: opts.name,
      permissions: opts.permissions ?? 0n,
      position: 1,
      color: opts.color ?? 0,
      hoist: opts.hoist ?? false,
      mentionable: opts.mentionable ?? false,
    };
    guild.roles.set(role.id, role);
    this.dispatch('GUILD_ROLE_CREATE', { guild_id: guildId, role: apiRole(role) }, Intent.Guilds);
    return role;
  }

  /** Dispatches GUILD_ROLE_UPDATE after a role changed. */
  roleChanged(role: RoleRecord): void {
    this.dispatch('GUILD_ROLE_UPDATE', { guild_id: role.guildId, role: apiRole(role) }, Intent.Guilds);
  }

  /** Deletes a role (also from members) and dispatches GUILD_ROLE_DELETE. */
  deleteRole(guildId: string, roleId: string): void {
    const guild = this.guild(guildId);
    if (!guild.roles.delete(roleId)) return;
    for (const member of guild.members.values()) member.roles = member.roles.filter((r) => r !== roleId);
    this.dispatch('GUILD_ROLE_DELETE', { guild_id: guildId, role_id: roleId }, Intent.Guilds);
  }

  /** Guild channels sorted by position then id. */
  guildChannels(guildId: string): ChannelRecord[] {
    return [...this.channelMap.values()]
      .filter((c) => c.guildId === guildId)
      .sort((a, b) => a.position - b.position || (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /** Creates a guild channel and dispatches CHANNEL_CREATE. */
  createChannel(guildId: string, opts: CreateChannelOptions): ChannelRecord {
    this.guild(guildId);
    const type = opts.type ?? ChannelKind.Text;
    const channel: ChannelRecord = {
      id: this.ids.next(),
      type,
      guildId,
      name: opts.name,
      topic: opts.topic ?? null,
      parentId: opts.parentId ?? null,
      position: opts.position ?? this.guildChannels(guildId).filter((c) => c.type === type).length,
      overwrites: (opts.overwrites ?? []).map(toOverwriteRecord),
      nsfw: opts.nsfw ?? false,
      rateLimitPerUser: opts.rateLimitPerUser ?? 0,
      bitrate: opts.bitrate ?? 64000,
      userLimit: opts.userLimit ?? 0,
      lastMessageId: null,
    };
    this.channelMap.set(channel.id, channel);
    this.dispatch('CHANNEL_CREATE', apiChannel(channel), Intent.Guilds);
    this.events.emit('channelCreate', channel);
    return channel;
  }

  /** Dispatches CHANNEL_UPDATE for a changed channel. */
  channelChanged(channel: ChannelRecord): void {
    if (channel.guildId) this.dispatch('CHANNEL_UPDATE', apiChannel(channel), Intent.Guilds);
    this.events.emit('channelUpdate', channel);
  }

  /** Deletes a channel (children of a category lose their parent) and dispatches CHANNEL_DELETE. */
  deleteChannel(channelId: string): ChannelRecord {
    const channel = this.channel(channelId);
    this.channelMap.delete(channelId);
    this.dispatch('CHANNEL_DELETE', apiChannel(channel), Intent.Guilds);
    this.events.emit('channelDelete', channel);
    for (const child of this.channelMap.values()) {
      if (child.parentId === channelId) {
        child.parentId = null;
        this.channelChanged(child);
      }
    }
    return channel;
  }

  /** Returns (creating if needed) the DM channel between the bot and a user. */
  dmChannel(userId: string): ChannelRecord {
    this.user(userId);
    const existing = this.dmChannels.get(userId);
    if (existing) return this.channel(existing);
    const channel: ChannelRecord = {
      id: this.ids.next(),
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
    this.channelMap.set(channel.id, channel);
    this.dmChannels.set(userId, channel.id);
    return channel;
  }
}
