import { P, has } from '../permissions/compute.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { text } from '../state/json.js';
import { ChannelKind, type CommandRecord } from '../state/records.js';
import { SimulationError } from './simulation-error.js';

/** Where an interaction happens. */
export interface InteractionPlace {
  /** Channel the user acts in (default: the first text channel of the guild the user can view). */
  channelId?: string;
}

/**
 * The command `/name` as `userId` would find it in a guild's command picker, and the channel they run it in.
 * Throws {@link SimulationError} when the bot registered no such command, the user may not use it, or the
 * place is not one the user can act in.
 */
export function commandContext(
  state: EmulatorState,
  userId: string,
  guildId: string,
  name: string,
  place: InteractionPlace,
): { command: CommandRecord; channelId: string } {
  const command = state.commands.find(guildId, name);
  if (!command) {
    const known = [...state.commands.list(guildId), ...state.commands.list(null)].map((c) =>
      text(c.data['name']),
    );
    throw new SimulationError(
      `the bot registered no command "/${name}" for guild ${guildId} (registered: ${known.join(', ') || 'none'})`,
    );
  }
  const channelId = pickChannel(state, userId, guildId, place);
  const refusal = state.commandPermissions.refusal(guildId, userId, command);
  if (refusal) throw new SimulationError(`${usernameOf(state, userId)} cannot see /${name}: ${refusal}`);
  return { command, channelId };
}

function pickChannel(state: EmulatorState, userId: string, guildId: string, place: InteractionPlace): string {
  const { permissions, records } = state;
  const guild = records.guild(guildId);
  if (!guild.members.has(userId))
    throw new SimulationError(`${usernameOf(state, userId)} is not a member of guild ${guild.name}`);
  if (place.channelId) {
    const channel = records.channel(place.channelId);
    if (channel.guildId !== guildId)
      throw new SimulationError(`channel ${place.channelId} is not in guild ${guild.name}`);
    if (!has(permissions.permissionsIn(userId, channel.id), P.ViewChannel)) {
      throw new SimulationError(`${usernameOf(state, userId)} cannot view channel #${channel.name}`);
    }
    return channel.id;
  }
  const channel = records
    .guildChannels(guildId)
    .find((c) => c.type === ChannelKind.Text && has(permissions.permissionsIn(userId, c.id), P.ViewChannel));
  if (!channel)
    throw new SimulationError(
      `${usernameOf(state, userId)} can view no text channel in ${guild.name}; pass { channelId }`,
    );
  return channel.id;
}

function usernameOf(state: EmulatorState, userId: string): string {
  return state.records.user(userId).username;
}
