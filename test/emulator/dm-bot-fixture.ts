import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  type Client,
  Events,
  type Interaction,
  LabelBuilder,
  type Message,
  MessageFlags,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';

/** What the bot observed about one DM interaction, as discord.js parsed it. */
export interface DmObservation {
  customId: string;
  inGuild: boolean;
  guildId: string | null;
  hasMember: boolean;
  userId: string;
  channelId: string | null;
  dmBased: boolean;
  context: number | null;
  /** `authorizingIntegrationOwners.guildId` (GUILD_INSTALL owner; "0" in the bot's DM). */
  guildInstallOwner: string | null;
  /** The id of `interaction.message`, for components. */
  messageId: string | null;
}

/** Buttons the DM bot answers: each one exercises another callback flow. */
export const DM_BUTTONS = ['dm-update', 'dm-defer', 'dm-ephemeral', 'dm-modal'] as const;

/** Sends `userId` a DM with one button per {@link DM_BUTTONS} (through `users.send`, like a real bot). */
export function sendDmPanel(
  client: Client,
  userId: string,
  content = 'Confirm your Tuesday seat',
): Promise<Message> {
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    DM_BUTTONS.map((id) => new ButtonBuilder().setCustomId(id).setLabel(id).setStyle(ButtonStyle.Primary)),
  );
  return client.users.send(userId, { content, components: [row] });
}

async function handle(interaction: Interaction, seen: DmObservation[]): Promise<void> {
  if (interaction.isModalSubmit()) {
    const note = interaction.fields.getTextInputValue('note');
    await interaction.reply({ content: `Noted: ${note}`, flags: MessageFlags.Ephemeral });
    return;
  }
  if (!interaction.isButton()) return;
  seen.push({
    customId: interaction.customId,
    inGuild: interaction.inGuild(),
    guildId: interaction.guildId,
    hasMember: interaction.member !== null,
    userId: interaction.user.id,
    channelId: interaction.channelId,
    dmBased: interaction.channel?.isDMBased() ?? false,
    context: interaction.context,
    guildInstallOwner: interaction.authorizingIntegrationOwners.guildId,
    messageId: interaction.message.id,
  });
  switch (interaction.customId) {
    case 'dm-update':
      await interaction.update({
        content: `Seat confirmed for ${interaction.user.username}`,
        components: [],
      });
      break;
    case 'dm-defer':
      await interaction.deferUpdate();
      await new Promise((resolve) => setTimeout(resolve, 30));
      await interaction.editReply({ content: 'Seat confirmed after a check', components: [] });
      break;
    case 'dm-ephemeral':
      await interaction.reply({ content: 'Only you see this', flags: MessageFlags.Ephemeral });
      await interaction.followUp({ content: 'And this follow-up', flags: MessageFlags.Ephemeral });
      break;
    case 'dm-modal':
      await interaction.showModal(
        new ModalBuilder()
          .setCustomId('dm-note')
          .setTitle('Add a note')
          .addLabelComponents(
            new LabelBuilder()
              .setLabel('Note')
              .setTextInputComponent(
                new TextInputBuilder().setCustomId('note').setStyle(TextInputStyle.Short),
              ),
          ),
      );
      break;
  }
}

/** Wires the DM bot; returns its observations and the errors its handlers threw. */
export function installDmBot(client: Client): { seen: DmObservation[]; errors: Error[] } {
  const seen: DmObservation[] = [];
  const errors: Error[] = [];
  client.on(Events.InteractionCreate, (interaction) => {
    handle(interaction, seen).catch((error: unknown) =>
      errors.push(error instanceof Error ? error : new Error(String(error))),
    );
  });
  return { seen, errors };
}
