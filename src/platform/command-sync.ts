import { createHash } from 'node:crypto';
import type { Client, RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { KeyValueRepository } from '../services/kernel/index.js';

/**
 * Registers the slash commands when their definitions changed since the last registration
 * (globally, or to one server when `guildId` is set, for instant updates while developing).
 * Returns whether it registered.
 */
export async function syncCommands(
  client: Client<true>,
  definitions: RESTPostAPIChatInputApplicationCommandsJSONBody[],
  state: KeyValueRepository,
  guildId?: string,
): Promise<boolean> {
  const scope = guildId ? `guild:${guildId}` : 'global';
  const key = `commands:${client.application.id}:${scope}`;
  const hash = createHash('sha256').update(JSON.stringify(definitions)).digest('hex');
  if ((await state.get(key)) === hash) return false;
  if (guildId) await client.application.commands.set(definitions, guildId);
  else await client.application.commands.set(definitions);
  await state.set(key, hash);
  return true;
}
