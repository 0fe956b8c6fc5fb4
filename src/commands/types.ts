import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { Logger } from '../logger.js';
import type { ComponentAccess } from '../services/circles/index.js';
import type { ActionPrefix } from '../services/kernel/index.js';
import type { Services } from '../services/index.js';
import type { Audience } from './reference.js';

/** What every handler receives: the services and a logger. Nothing is imported globally. */
export interface CommandContext {
  services: Services;
  logger: Logger;
}

/** One top-level slash command: its definition as data and a thin handler. */
export interface SlashCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** Who uses each subcommand (`''` for a command without subcommands): `/help` groups by it. */
  who: Readonly<Record<string, Audience>>;
  execute(interaction: ChatInputCommandInteraction, ctx: CommandContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void>;
}

/** Handles the buttons or forms of one entry of the action table (`ACTIONS` in the kernel). */
export interface ComponentHandler {
  action: ActionPrefix;
  /** What the component acts on and who may use it: checked by the router before `handle`. */
  access: ComponentAccess;
  handle(
    interaction: ButtonInteraction | ModalSubmitInteraction,
    args: string[],
    ctx: CommandContext,
  ): Promise<void>;
}
