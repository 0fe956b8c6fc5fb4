import { ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { commandReference, helpSections } from './reference.js';
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

/** `/help`: what the bot does, then each role's first steps and commands, from the command definitions. */
export function createHelpCommand(commands: () => readonly SlashCommand[]): SlashCommand {
  return {
    data,
    who: { '': 'anyone' },
    async execute(interaction) {
      // One embed per role (each holds 4,096 characters; all of them 6,000 together).
      const embeds = helpSections(commandReference(commands())).map((section) => ({
        title: section.title,
        description: section.text,
      }));
      await interaction.reply(ephemeral(`${INTRO}\n\n${OUTRO}`, { embeds }));
    },
  };
}
