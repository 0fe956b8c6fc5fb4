import type { Core } from './core.js';
import { errors } from './errors.js';
import { ALL_PERMISSIONS, P, has } from './permissions.js';
import type { ChannelRecord, GuildRecord, OverwriteRecord } from './types.js';

/** A guild the bot is in, or 10004 / 50001. */
export function botGuild(core: Core, guildId: string): GuildRecord {
  const guild = core.state.guilds.get(guildId);
  if (!guild) throw errors.unknownGuild();
  if (!guild.members.has(core.state.botUserId)) throw errors.missingAccess();
  return guild;
}

/** A channel the bot can see (View Channel), with the bot's permissions there; 10003 / 50001 otherwise. */
export function botChannel(
  core: Core,
  channelId: string,
): { channel: ChannelRecord; perms: bigint; guild: GuildRecord | null } {
  const channel = core.state.channelMap.get(channelId);
  if (!channel) throw errors.unknownChannel();
  if (!channel.guildId)
    return {
      channel,
      perms: P.ViewChannel | P.SendMessages | P.ReadMessageHistory | P.EmbedLinks,
      guild: null,
    };
  const guild = botGuild(core, channel.guildId);
  const perms = core.state.permissionsIn(core.state.botUserId, channelId);
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
  core: Core,
  guild: GuildRecord,
  overwrites: readonly OverwriteRecord[],
  context: { parentId: string | null; channel?: ChannelRecord },
): void {
  const botId = core.state.botUserId;
  const base = core.state.guildPermissions(guild.id, botId);
  if (base === ALL_PERMISSIONS) return;
  if (context.channel && hasExplicitManageRoles(guild, botId, context.channel)) return;
  const held = context.parentId ? core.state.permissionsIn(botId, context.parentId) : base;
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
