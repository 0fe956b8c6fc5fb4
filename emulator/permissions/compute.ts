import { PermissionFlagsBits } from 'discord.js';
import {
  ChannelKind,
  type ChannelRecord,
  type GuildRecord,
  type OverwriteInput,
  type OverwriteRecord,
} from '../state/records.js';

/** Discord's permission bits (re-exported from discord.js). */
export const P = PermissionFlagsBits;

/** Every permission bit Discord defines. */
export const ALL_PERMISSIONS: bigint = Object.values(PermissionFlagsBits).reduce((acc, bit) => acc | bit, 0n);

/** Permissions lost when Send Messages is denied (text). */
const SEND_DEPENDENT = P.MentionEveryone | P.SendTTSMessages | P.AttachFiles | P.EmbedLinks;

/** Voice permissions lost when Connect is denied. */
const CONNECT_DEPENDENT =
  P.Speak | P.Stream | P.MuteMembers | P.DeafenMembers | P.MoveMembers | P.UseVAD | P.PrioritySpeaker;

/** The bot's default managed-role permissions. */
export const DEFAULT_BOT_PERMISSIONS: bigint =
  P.ViewChannel |
  P.SendMessages |
  P.ManageChannels |
  P.ManageRoles |
  P.EmbedLinks |
  P.ReadMessageHistory |
  P.Connect |
  P.Speak |
  P.ManageEvents |
  P.CreateEvents;

/** Default @everyone permissions for a new guild (roughly Discord's). */
export const DEFAULT_EVERYONE_PERMISSIONS: bigint =
  P.ViewChannel |
  P.SendMessages |
  P.ReadMessageHistory |
  P.EmbedLinks |
  P.AttachFiles |
  P.AddReactions |
  P.UseExternalEmojis |
  P.Connect |
  P.Speak |
  P.UseVAD |
  P.Stream |
  P.CreateInstantInvite |
  P.ChangeNickname |
  P.UseApplicationCommands |
  P.SendMessagesInThreads |
  P.CreatePublicThreads;

/** Converts a bigint / string / number bitfield to bigint (throws on garbage). */
export function toBits(value: bigint | string | number | undefined | null): bigint {
  if (value === undefined || value === null || value === '') return 0n;
  return BigInt(value);
}

/** Normalises a test-API or wire overwrite into a record. */
export function toOverwriteRecord(input: OverwriteInput): OverwriteRecord {
  return { id: input.id, type: input.type, allow: toBits(input.allow), deny: toBits(input.deny) };
}

/**
 * Base guild permissions of a member (docs: "compute_base_permissions").
 * Owner → all; @everyone | member roles; Administrator → all. Returns 0n for non-members.
 */
export function computeBasePermissions(guild: GuildRecord, userId: string): bigint {
  if (guild.ownerId === userId) return ALL_PERMISSIONS;
  const member = guild.members.get(userId);
  if (!member) return 0n;
  let permissions = guild.roles.get(guild.id)?.permissions ?? 0n;
  for (const roleId of member.roles) permissions |= guild.roles.get(roleId)?.permissions ?? 0n;
  if ((permissions & P.Administrator) === P.Administrator) return ALL_PERMISSIONS;
  return permissions;
}

/**
 * Applies a channel's overwrites to base permissions (docs: "compute_overwrites"):
 * @everyone overwrite, then all role overwrites combined (denies then allows), then the member overwrite.
 */
export function computeOverwrites(
  base: bigint,
  guild: GuildRecord,
  userId: string,
  overwrites: readonly OverwriteRecord[],
): bigint {
  if ((base & P.Administrator) === P.Administrator) return ALL_PERMISSIONS;
  let permissions = base;
  const everyone = overwrites.find((o) => o.id === guild.id);
  if (everyone) {
    permissions &= ~everyone.deny;
    permissions |= everyone.allow;
  }
  const roles = new Set(guild.members.get(userId)?.roles ?? []);
  let allow = 0n;
  let deny = 0n;
  for (const o of overwrites) {
    if (o.type === 0 && o.id !== guild.id && roles.has(o.id)) {
      allow |= o.allow;
      deny |= o.deny;
    }
  }
  permissions &= ~deny;
  permissions |= allow;
  const own = overwrites.find((o) => o.type === 1 && o.id === userId);
  if (own) {
    permissions &= ~own.deny;
    permissions |= own.allow;
  }
  return permissions;
}

/**
 * Final permissions of a user in a guild channel, including Discord's implicit rules:
 * no View Channel → nothing; no Send Messages → no mention-everyone/TTS/attach/embed;
 * voice / stage without Connect → no voice permissions.
 */
export function computeChannelPermissions(
  guild: GuildRecord,
  userId: string,
  channel: ChannelRecord,
): bigint {
  const base = computeBasePermissions(guild, userId);
  if (base === 0n) return 0n;
  let permissions = computeOverwrites(base, guild, userId, channel.overwrites);
  if (permissions === ALL_PERMISSIONS) return permissions;
  if ((permissions & P.ViewChannel) === 0n) return 0n;
  if ((permissions & P.SendMessages) === 0n) permissions &= ~SEND_DEPENDENT;
  const voiceLike = channel.type === ChannelKind.Voice || channel.type === ChannelKind.Stage;
  if (voiceLike && (permissions & P.Connect) === 0n) permissions &= ~CONNECT_DEPENDENT;
  return permissions;
}

/** True when `permissions` holds every bit of `required`. */
export function has(permissions: bigint, required: bigint): boolean {
  return (permissions & required) === required;
}
