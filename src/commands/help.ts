import { ApplicationCommandType, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { ephemeral } from './shared.js';
import type { SlashCommand } from './types.js';

const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'help',
  description: 'What Circlekeeper does and how to start',
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const text = [
  '**Circlekeeper** runs peer consultation circles: Balint groups, peer consultation and supervision groups.',
  'Each circle has a private text and voice channel that only its members can see, after they accept its confidentiality agreement.',
  '',
  '**Members**',
  '• `/circle list`: circles open for joining, and yours',
  '• `/circle info circle`: details of a circle',
  '• `/circle join circle`: read the agreement and join (or the waitlist when full)',
  '• `/circle leave circle`: leave a circle',
  '• `/meeting next [circle]`: when your circles meet next (shown in your own time zone)',
  '• Before each meeting the circle gets a confidentiality reminder: press **Check in** when you are in a private space.',
  '• `/case submit circle`: bring a case (a short, de-identified label); `/case queue`, `/case withdraw`',
  '• `/case next circle`: the facilitator or leader takes the next case during the meeting',
  '• `/facilitator rotation | swap | away | pool`: who facilitates, and your part in it',
  '',
  '**Moderators** (Manage Server or the moderator role)',
  '• `/setup`: moderator role, category, mod-log channel; checks the bot’s permissions',
  '• `/circle-admin create | add | remove | lock | unlock | archive | settings | schedule`',
  '• `/circle-admin repair circle`: recreate a deleted channel, re-check every permission',
  '• `/meeting cancel` / `move`: one meeting (moderators and the circle’s leaders)',
  '',
  'Please never share names, dates, contact details or anything else that could identify a patient or client.',
].join('\n');

export const helpCommand: SlashCommand = {
  data,
  async execute(interaction) {
    await interaction.reply(ephemeral(text));
  },
};
