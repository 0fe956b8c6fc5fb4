import type { Core } from './core.js';
import { SimulationError, findComponent } from './interactions.js';
import { P } from './permissions.js';
import { apiUser } from './serialize.js';
import type { JsonObject, MessageRecord } from './types.js';

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
export function guildPlace(core: Core, userId: string, guildId: string, channelId: string): JsonObject {
  const { state } = core;
  const guild = state.guild(guildId);
  const member = guild.members.get(userId);
  if (!member)
    throw new SimulationError(`${state.user(userId).username} is not a member of guild ${guild.name}`);
  const userPerms = state.permissionsIn(userId, channelId).toString();
  return {
    guild_id: guildId,
    guild: { id: guildId, locale: 'en-US', features: [] },
    guild_locale: 'en-US',
    channel_id: channelId,
    channel: { ...state.apiChannel(state.channel(channelId)), permissions: userPerms },
    member: { ...state.apiMember(guild, member), permissions: userPerms },
    app_permissions: state.permissionsIn(state.botUserId, channelId).toString(),
    authorizing_integration_owners: { '0': guildId },
    context: InteractionContext.Guild,
  };
}

/**
 * The place-dependent part of an INTERACTION_CREATE payload from the bot's DM with `userId`, as Discord sends
 * it for a guild-installed app: no `guild_id` / `member`, a top-level `user`, the DM channel, `context` 1
 * (BOT_DM) and `authorizing_integration_owners` `{ "0": "0" }` (GUILD_INSTALL, used in the bot's DM).
 */
export function dmPlace(core: Core, userId: string, channelId: string): JsonObject {
  const { state } = core;
  return {
    channel_id: channelId,
    channel: state.apiChannel(state.channel(channelId)),
    user: apiUser(state.user(userId)),
    app_permissions: DM_APP_PERMISSIONS.toString(),
    authorizing_integration_owners: { '0': '0' },
    context: InteractionContext.BotDM,
  };
}

/**
 * The bot's message in `userId`'s DM channel that `ref` names. Throws {@link SimulationError} when it does not
 * exist, is not in that user's DM with the bot, was not sent by the bot, or is another user's ephemeral message.
 */
export function dmSourceMessage(core: Core, userId: string, ref: { id: string }): MessageRecord {
  const { state } = core;
  const username = state.user(userId).username;
  const message = state.messageMap.get(ref.id);
  if (!message || message.deleted) throw new SimulationError(`message ${ref.id} does not exist (any more)`);
  const dmId = state.dmChannels.get(userId);
  if (dmId === undefined || message.channelId !== dmId)
    throw new SimulationError(`message ${message.id} is not in ${username}'s DM with the bot`);
  if (message.authorId !== state.botUserId)
    throw new SimulationError(`message ${message.id} in ${username}'s DM was not sent by the bot`);
  if (message.ephemeralFor !== undefined && message.ephemeralFor !== userId)
    throw new SimulationError(`${username} cannot see the ephemeral message ${message.id}`);
  return message;
}

/**
 * `data` of a MESSAGE_COMPONENT interaction for a button (`values` undefined) or select menu on `message`.
 * Throws {@link SimulationError} when the component is missing, disabled or of the wrong kind.
 */
export function componentData(
  message: MessageRecord,
  customId: string,
  values: string[] | undefined,
): JsonObject {
  const component = findComponent(message.components, customId);
  if (!component) throw new SimulationError(`message ${message.id} has no component "${customId}"`);
  if (component['disabled'] === true) throw new SimulationError(`component "${customId}" is disabled`);
  const type = Number(component['type']);
  if (values === undefined && type !== 2)
    throw new SimulationError(`component "${customId}" is not a button (type ${type})`);
  if (values !== undefined && type === 2)
    throw new SimulationError(`component "${customId}" is a button, not a select menu`);
  return { custom_id: customId, component_type: type, ...(values ? { values } : {}) };
}
