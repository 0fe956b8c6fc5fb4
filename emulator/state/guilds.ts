import type { Dispatcher } from '../gateway/sessions.js';
import { Intent } from '../gateway/opcodes.js';
import { DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS } from '../permissions/compute.js';
import type { ApiJson } from './api-json.js';
import type { DiscordRecords } from './discord-records.js';
import type { GuildRecord, MemberRecord, RoleRecord } from './records.js';
import { apiRole } from './serialize/guild.js';

/** Options for {@link GuildStore.createGuild}. */
export interface CreateGuildOptions {
  name: string;
  /** Owner user id; a user is created when omitted. */
  ownerId?: string;
  /** Permissions of the bot's managed role. */
  botPermissions?: bigint;
  /** Permissions of @everyone. */
  everyonePermissions?: bigint;
  /**
   * Whether the bot is a member from the start (default true). Without it, the server is built
   * first and the bot joins later with `addMember(guildId, botUserId)`, as when someone invites it.
   */
  withBot?: boolean;
}

/** Guilds, their members and roles: the operations that change them, each dispatching to the gateway. */
export class GuildStore {
  constructor(
    private readonly records: DiscordRecords,
    private readonly json: ApiJson,
    private readonly gateway: Dispatcher,
  ) {}

  /** Creates a guild with @everyone, a managed bot role, the owner and the bot as members. */
  createGuild(opts: CreateGuildOptions): {
    id: string;
    everyoneRoleId: string;
    ownerId: string;
    botRoleId: string;
  } {
    const id = this.records.ids.next();
    const ownerId =
      opts.ownerId ??
      this.records.createUser({ username: `${opts.name.toLowerCase().replace(/\W+/g, '-')}-owner` });
    this.records.user(ownerId);
    const botRoleId = this.records.ids.next();
    const now = new Date().toISOString();
    const guild: GuildRecord = {
      id,
      name: opts.name,
      ownerId,
      botRoleId,
      roles: new Map(),
      members: new Map(),
      createdAt: now,
      systemChannelId: null,
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
      name: this.records.user(this.records.botUserId).username,
      permissions: opts.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
      position: 1,
      color: 0,
      hoist: false,
      mentionable: false,
      botId: this.records.botUserId,
    });
    guild.members.set(ownerId, { userId: ownerId, roles: [], joinedAt: now, nick: null });
    const withBot = opts.withBot ?? true;
    if (withBot)
      guild.members.set(this.records.botUserId, {
        userId: this.records.botUserId,
        roles: [botRoleId],
        joinedAt: now,
        nick: null,
      });
    this.records.guilds.set(id, guild);
    if (withBot) this.gateway.dispatch('GUILD_CREATE', this.json.gatewayGuild(guild), Intent.Guilds);
    return { id, everyoneRoleId: id, ownerId, botRoleId };
  }

  /** Sets the channel where Discord posts its own notices (null: none); dispatches GUILD_UPDATE. */
  setSystemChannel(guildId: string, channelId: string | null): void {
    const guild = this.records.guild(guildId);
    guild.systemChannelId = channelId;
    if (guild.members.has(this.records.botUserId))
      this.gateway.dispatch('GUILD_UPDATE', this.json.gatewayGuild(guild), Intent.Guilds);
  }

  /** Adds (or re-adds, replacing roles) a member. Adding the bot dispatches GUILD_CREATE. */
  addMember(guildId: string, userId: string, opts: { roles?: string[]; nick?: string } = {}): void {
    const guild = this.records.guild(guildId);
    this.records.user(userId);
    for (const roleId of opts.roles ?? [])
      if (!guild.roles.has(roleId)) throw new Error(`Emulator: unknown role ${roleId}`);
    const member: MemberRecord = {
      userId,
      roles: [...(opts.roles ?? [])],
      joinedAt: new Date().toISOString(),
      nick: opts.nick ?? null,
    };
    guild.members.set(userId, member);
    if (userId === this.records.botUserId) {
      if (!member.roles.includes(guild.botRoleId)) member.roles.push(guild.botRoleId);
      this.gateway.dispatch('GUILD_CREATE', this.json.gatewayGuild(guild), Intent.Guilds);
      return;
    }
    this.gateway.dispatch(
      'GUILD_MEMBER_ADD',
      { ...this.json.apiMember(guild, member), guild_id: guildId },
      Intent.GuildMembers,
    );
  }

  /** Removes a member. Removing the bot dispatches GUILD_DELETE (the bot was kicked). */
  removeMember(guildId: string, userId: string): void {
    const guild = this.records.guild(guildId);
    if (!guild.members.delete(userId)) return;
    if (userId === this.records.botUserId) {
      this.gateway.dispatch('GUILD_DELETE', { id: guildId }, Intent.Guilds);
      return;
    }
    this.gateway.dispatch(
      'GUILD_MEMBER_REMOVE',
      { guild_id: guildId, user: this.json.apiUserById(userId) },
      Intent.GuildMembers,
    );
  }

  /** Sets a member's roles (as an admin would). */
  setMemberRoles(guildId: string, userId: string, roles: string[]): void {
    const guild = this.records.guild(guildId);
    const member = guild.members.get(userId);
    if (!member) throw new Error(`Emulator: ${userId} is not a member of ${guildId}`);
    member.roles = [...roles];
    this.gateway.dispatch(
      'GUILD_MEMBER_UPDATE',
      { ...this.json.apiMember(guild, member), guild_id: guildId },
      Intent.GuildMembers,
    );
  }

  /** Creates a role (position just above @everyone, pushing others up) and dispatches GUILD_ROLE_CREATE. */
  createRole(
    guildId: string,
    opts: { name: string; permissions?: bigint; color?: number; hoist?: boolean; mentionable?: boolean },
  ): RoleRecord {
    const guild = this.records.guild(guildId);
    for (const role of guild.roles.values()) if (role.position >= 1) role.position += 1;
    const role: RoleRecord = {
      id: this.records.ids.next(),
      guildId,
      name: opts.name,
      permissions: opts.permissions ?? 0n,
      position: 1,
      color: opts.color ?? 0,
      hoist: opts.hoist ?? false,
      mentionable: opts.mentionable ?? false,
    };
    guild.roles.set(role.id, role);
    this.gateway.dispatch('GUILD_ROLE_CREATE', { guild_id: guildId, role: apiRole(role) }, Intent.Guilds);
    return role;
  }

  /** Dispatches GUILD_ROLE_UPDATE after a role changed. */
  roleChanged(role: RoleRecord): void {
    this.gateway.dispatch(
      'GUILD_ROLE_UPDATE',
      { guild_id: role.guildId, role: apiRole(role) },
      Intent.Guilds,
    );
  }

  /** Changes a role's permissions (as an admin would); dispatches GUILD_ROLE_UPDATE. */
  setRolePermissions(guildId: string, roleId: string, permissions: bigint): void {
    const role = this.records.guild(guildId).roles.get(roleId);
    if (!role) throw new Error(`Emulator: unknown role ${roleId}`);
    role.permissions = permissions;
    this.roleChanged(role);
  }

  /** Deletes a role (also from members) and dispatches GUILD_ROLE_DELETE. */
  deleteRole(guildId: string, roleId: string): void {
    const guild = this.records.guild(guildId);
    if (!guild.roles.delete(roleId)) return;
    for (const member of guild.members.values()) member.roles = member.roles.filter((r) => r !== roleId);
    this.gateway.dispatch('GUILD_ROLE_DELETE', { guild_id: guildId, role_id: roleId }, Intent.Guilds);
  }
}
