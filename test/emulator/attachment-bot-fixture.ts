import {
  AttachmentBuilder,
  type Client,
  Events,
  type Interaction,
  MessageFlags,
  SlashCommandBuilder,
} from 'discord.js';

/** Every byte value once, 0 to 255: a file that survives no text re-encoding. */
export const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
/** A UTF-8 text file with characters outside ASCII. */
export const NOTES = Buffer.from('Balint group, Zürich — 3 cases ✓\n', 'utf8');
/** A CSV the bot sends after deferring. */
export const SUMMARY = Buffer.concat([Buffer.from('circle,seats\nTuesday,6\n'), ALL_BYTES]);

/** `/export`: the bot answers with files, immediately, after a defer, or in a follow-up. */
export const exportCommand = new SlashCommandBuilder()
  .setName('export')
  .setDescription('Export circle records')
  .addSubcommand((s) => s.setName('now').setDescription('Ephemeral reply with two files'))
  .addSubcommand((s) => s.setName('later').setDescription('Deferred reply edited with a file'))
  .addSubcommand((s) => s.setName('followup').setDescription('A follow-up with a file'));

async function handle(interaction: Interaction): Promise<void> {
  if (!interaction.isChatInputCommand() || interaction.commandName !== 'export') return;
  const sub = interaction.options.getSubcommand();
  if (sub === 'now') {
    await interaction.reply({
      files: [
        new AttachmentBuilder(ALL_BYTES, { name: 'bytes.bin', description: 'every byte' }),
        new AttachmentBuilder(NOTES, { name: 'notes.txt' }),
      ],
      flags: MessageFlags.Ephemeral,
    });
  } else if (sub === 'later') {
    await interaction.deferReply();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await interaction.editReply({
      content: 'Your export',
      files: [new AttachmentBuilder(SUMMARY, { name: 'summary.csv' })],
    });
  } else if (sub === 'followup') {
    await interaction.reply({ content: 'Export follows', flags: MessageFlags.Ephemeral });
    await interaction.followUp({
      files: [new AttachmentBuilder(NOTES, { name: 'notes.txt' })],
      flags: MessageFlags.Ephemeral,
    });
  }
}

/** Wires the export bot's handler; errors are collected in the returned array. */
export function installExportBot(client: Client): Error[] {
  const errors: Error[] = [];
  client.on(Events.InteractionCreate, (interaction) => {
    handle(interaction).catch((error: unknown) =>
      errors.push(error instanceof Error ? error : new Error(String(error))),
    );
  });
  return errors;
}
