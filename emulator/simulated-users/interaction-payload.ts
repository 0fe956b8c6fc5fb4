import { P, has } from '../permissions/compute.js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { JsonObject } from '../state/json.js';
import type { MessageRecord } from '../state/records.js';
import { apiUser } from '../state/serialize/guild.js';
import { SimulationError } from './simulation-error.js';

/** Discord's `context` values (InteractionContextType). */
export const InteractionContext = { Guild: 0, BotDM: 1, PrivateChannel: 2 } as const;

/**
 * `app_permissions` for an interaction in the bot's DM. There are no overwrites in a DM; Discord sends the
 * permissions implicitly held there (text permissions without moderation, threads or TTS).
 */
export const DM_APP_PERMISSIONS: bigint =
  P.ViewChannel |
  P.SendMessages |
  P.EmbedLinks |
  P.AttachFiles |
  P.ReadMessageHistory |
  P.AddReactions |
  P.UseExternalEmojis |
  P.UseExternalStickers |
  P.UseApplicationCommands |
  P.SendVoiceMessages |
  P.SendPolls |
  P.UseExternalApps;

/**
 * The place-dependent part of a guild INTERACTION_CREATE payload (`guild_id`, `member`, `channel`, ...).
 * Throws {@link SimulationError} when the user is not a member.
 */
export function guildPlace(
  state: EmulatorState,
  userId: string,
  guildId: string,
  channelId: string,
): JsonObject {
  const { json, permissions, records } = state;
  const guild = records.guild(guildId);
  const member = guild.members.get(userId);
  if (!member)
    throw new SimulationError(`${records.user(userId).username} is not a member of guild ${guild.name}`);
  const userPerms = permissions.permissionsIn(userId, channelId).toString();
  return {
    guild_id: guildId,
    guild: { id: guildId, locale: 'en-US', features: [] },
    guild_locale: 'en-US',
    channel_id: channelId,
    channel: { ...json.apiChannel(records.channel(channelId)), permissions: userPerms },
    member: { ...json.apiMember(guild, member), permissions: userPerms },
    app_permissions: permissions.permissionsIn(records.botUserId, channelId).toString(),
    authorizing_integration_owners: { '0': guildId },
    context: InteractionContext.Guild,
  };
}

/**
 * The place-dependent part of an INTERACTION_CREATE payload from the bot's DM with `userId`, as Discord sends
 * it for a guild-installed app: no `guild_id` / `member`, a top-level `user`, the DM channel, `context` 1
 * (BOT_DM) and `authorizing_integration_owners` `{ "0": "0" }` (GUILD_INSTALL, used in the bot's DM).
 */
export function dmPlace(state: EmulatorState, userId: string, channelId: string): JsonObject {
  const { json, records } = state;
  return {
    channel_id: channelId,
    channel: json.apiChannel(records.channel(channelId)),
    user: apiUser(records.user(userId)),
    app_permissions: DM_APP_PERMISSIONS.toString(),
    authorizing_integration_owners: { '0': '0' },
    context: InteractionContext.BotDM,
  };
}

/**
 * The bot's message in `userId`'s DM channel that `ref` names. Throws {@link SimulationError} when it does not
 * exist, is not in that user's DM with the bot, was not sent by the bot, or is another user's ephemeral message.
 */
export function dmSourceMessage(state: EmulatorState, userId: string, ref: { id: string }): MessageRecord {
  const { records } = state;
  const username = records.user(userId).username;
  const message = records.messageMap.get(ref.id);
  if (!message || message.deleted) throw new SimulationError(`message ${ref.id} does not exist (any more)`);
  const dmId = records.dmChannels.get(userId);
  if (dmId === undefined || message.channelId !== dmId)
    throw new SimulationError(`message ${message.id} is not in ${username}'s DM with the bot`);
  if (message.authorId !== records.botUserId)
    throw new SimulationError(`message ${message.id} in ${username}'s DM was not sent by the bot`);
  if (message.ephemeralFor !== undefined && message.ephemeralFor !== userId)
    throw new SimulationError(`${username} cannot see the ephemeral message ${message.id}`);
  return message;
}

/**
 * The message in a guild that `ref` names, as `userId` sees it. Throws {@link SimulationError} when it does not
 * exist, is another user's ephemeral message, is not in `guildId`, or is in a channel the user cannot view.
 */
export function guildSourceMessage(
  state: EmulatorState,
  userId: string,
  guildId: string,
  ref: { id: string },
): MessageRecord {
  const { permissions, records } = state;
  const username = () => records.user(userId).username;
  const message = records.messageMap.get(ref.id);
  if (!message || message.deleted) throw new SimulationError(`message ${ref.id} does not exist (any more)`);
  if (message.ephemeralFor !== undefined && message.ephemeralFor !== userId) {
    throw new SimulationError(`${username()} cannot see the ephemeral message ${message.id}`);
  }
  if (message.guildId !== guildId)
    throw new SimulationError(`message ${message.id} is not in guild ${guildId}`);
  if (!has(permissions.permissionsIn(userId, message.channelId), P.ViewChannel)) {
    throw new SimulationError(`${username()} cannot view the channel of message ${message.id}`);
  }
  return message;
}
