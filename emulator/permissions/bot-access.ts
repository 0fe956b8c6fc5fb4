import { errors } from '../rest/errors.js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { ChannelRecord, GuildRecord, OverwriteRecord, RoleRecord } from '../state/records.js';
import { ALL_PERMISSIONS, P, has } from './compute.js';

/** A guild the bot is in, or 10004 / 50001. */
export function botGuild(state: EmulatorState, guildId: string): GuildRecord {
  const guild = state.records.guilds.get(guildId);
  if (!guild) throw errors.unknownGuild();
  if (!guild.members.has(state.records.botUserId)) throw errors.missingAccess();
  return guild;
}

/** A channel the bot can see (View Channel), with the bot's permissions there; 10003 / 50001 otherwise. */
export function botChannel(
  state: EmulatorState,
  channelId: string,
): { channel: ChannelRecord; perms: bigint; guild: GuildRecord | null } {
  const channel = state.records.channelMap.get(channelId);
  if (!channel) throw errors.unknownChannel();
  if (!channel.guildId)
    return {
      channel,
      perms: P.ViewChannel | P.SendMessages | P.ReadMessageHistory | P.EmbedLinks,
      guild: null,
    };
  const guild = botGuild(state, channel.guildId);
  const perms = state.permissions.permissionsIn(state.records.botUserId, channelId);
  if (!has(perms, P.ViewChannel)) throw errors.missingAccess();
  return { channel, perms, guild };
}

/** 50013 unless `perms` holds all of `required`. */
export function requirePerms(perms: bigint, required: bigint): void {
  if (!has(perms, required)) throw errors.missingPermissions();
}

/**
 * Discord's rule for writing overwrites: without Administrator, the bot may only allow or deny
 * permissions it has itself (in the guild, or in the parent category for a child channel),
 * unless it holds an explicit Manage Roles ("Manage Permissions") overwrite in the channel.
 */
export function checkOverwriteGrant(
  state: EmulatorState,
  guild: GuildRecord,
  overwrites: readonly OverwriteRecord[],
  context: { parentId: string | null; channel?: ChannelRecord },
): void {
  const botId = state.records.botUserId;
  const base = state.permissions.guildPermissions(guild.id, botId);
  if (base === ALL_PERMISSIONS) return;
  if (context.channel && hasExplicitManageRoles(guild, botId, context.channel)) return;
  const held = context.parentId ? state.permissions.permissionsIn(botId, context.parentId) : base;
  for (const o of overwrites) {
    if (((o.allow | o.deny) & ~held) !== 0n) throw errors.missingPermissions();
  }
}

function hasExplicitManageRoles(guild: GuildRecord, botId: string, channel: ChannelRecord): boolean {
  const roles = new Set(guild.members.get(botId)?.roles ?? []);
  return channel.overwrites.some(
    (o) =>
      (o.allow & P.ManageRoles) !== 0n &&
      ((o.type === 1 && o.id === botId) || (o.type === 0 && roles.has(o.id))),
  );
}

/** Position of a member's highest role (0: @everyone only). */
export function highestRole(guild: GuildRecord, userId: string): number {
  const roles = guild.members.get(userId)?.roles ?? [];
  return Math.max(0, ...roles.map((r) => guild.roles.get(r)?.position ?? 0));
}

/**
 * A role the bot may edit or assign: it needs Manage Roles, and the role must sit below the bot's highest
 * role unless the bot owns the guild; 10011 / 50013 otherwise.
 */
export function manageableRole(state: EmulatorState, guild: GuildRecord, roleId: string): RoleRecord {
  const role = guild.roles.get(roleId);
  if (!role) throw errors.unknownRole();
  const botId = state.records.botUserId;
  requirePerms(state.permissions.guildPermissions(guild.id, botId), P.ManageRoles);
  if (guild.ownerId !== botId && role.position >= highestRole(guild, botId))
    throw errors.missingPermissions();
  return role;
}

/** 50013 unless the bot holds every permission in `permissions` (or is Administrator). */
export function grantable(state: EmulatorState, guild: GuildRecord, permissions: bigint): void {
  const base = state.permissions.guildPermissions(guild.id, state.records.botUserId);
  if (base !== ALL_PERMISSIONS && (permissions & ~base) !== 0n) throw errors.missingPermissions();
}

/** 50007 unless the bot may DM the recipient (DMs open and a shared guild). */
export function checkDmAllowed(state: EmulatorState, channel: ChannelRecord): void {
  const recipient = channel.recipientId ? state.records.users.get(channel.recipientId) : undefined;
  if (!recipient || recipient.bot || !recipient.dmsOpen) throw errors.cannotDm();
  const shared = [...state.records.guilds.values()].some(
    (g) => g.members.has(recipient.id) && g.members.has(state.records.botUserId),
  );
  if (!shared) throw errors.cannotDm();
}
