import { ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { commandReference, helpText } from './reference.js';
import { ephemeral } from './shared.js';
import type { SlashCommand } from './types.js';

const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'help',
  description: 'What Circlekeeper does and how to start',
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const INTRO = [
  '**Circlekeeper** runs peer consultation circles: Balint groups, peer consultation and supervision groups.',
  'Each circle has a private text and voice channel that only its members can see, after they accept its confidentiality agreement. Before each meeting the circle gets a confidentiality reminder: press **Check in** when you are in a private space.',
].join('\n');

const OUTRO =
  'Please never share names, dates, contact details or anything else that could identify a patient or client.';

/** `/help`: what the bot does, and every command grouped by who uses it, from the command definitions. */
export function createHelpCommand(commands: () => readonly SlashCommand[]): SlashCommand {
  return {
    data,
    who: { '': 'anyone' },
    async execute(interaction) {
      const reference = helpText(commandReference(commands()));
      // The reference can outgrow a message's 2,000 characters; an embed holds 4,096.
      await interaction.reply(ephemeral(`${INTRO}\n\n${OUTRO}`, { embeds: [{ description: reference }] }));
    },
  };
}
