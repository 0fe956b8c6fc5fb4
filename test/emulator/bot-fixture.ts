import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  type Client,
  Events,
  type Interaction,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';

/** A tiny bot used by the interaction tests: registers /circle and answers every kind of interaction. */
export const circleCommand = new SlashCommandBuilder()
  .setName('circle')
  .setDescription('Peer consultation circles')
  .addSubcommand((s) =>
    s
      .setName('join')
      .setDescription('Join a circle')
      .addStringOption((o) => o.setName('circle').setDescription('Circle').setRequired(true)),
  )
  .addSubcommand((s) =>
    s
      .setName('invite')
      .setDescription('Invite someone')
      .addUserOption((o) => o.setName('user').setDescription('Who').setRequired(true))
      .addIntegerOption((o) => o.setName('seats').setDescription('Seats').setMinValue(1)),
  )
  .addSubcommand((s) => s.setName('propose').setDescription('Propose a case'))
  .addSubcommand((s) => s.setName('panel').setDescription('Show the panel'))
  .addSubcommand((s) =>
    s
      .setName('info')
      .setDescription('Circle info')
      .addStringOption((o) =>
        o.setName('circle').setDescription('Circle').setAutocomplete(true).setRequired(true),
      ),
  );

const CIRCLES = ['Tuesday Balint', 'Thursday Peer Review', 'Trauma Supervision'];

async function handle(interaction: Interaction): Promise<void> {
  if (interaction.isAutocomplete()) {
    const typed = interaction.options.getFocused().toLowerCase();
    await interaction.respond(
      CIRCLES.filter((c) => c.toLowerCase().startsWith(typed)).map((c) => ({ name: c, value: c })),
    );
    return;
  }
  if (interaction.isChatInputCommand()) {
    const sub = interaction.options.getSubcommand();
    if (sub === 'join') {
      await interaction.reply({
        content: `You joined ${interaction.options.getString('circle', true)}`,
        flags: MessageFlags.Ephemeral,
      });
    } else if (sub === 'invite') {
      await interaction.deferReply();
      const user = interaction.options.getUser('user', true);
      const member = interaction.options.getMember('user');
      const seats = interaction.options.getInteger('seats') ?? 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
      await interaction.editReply(
        `Invited <@${user.id}> (${user.username}, member: ${member ? 'yes' : 'no'}, seats: ${seats})`,
      );
      await interaction.followUp({ content: 'Only you see this', flags: MessageFlags.Ephemeral });
    } else if (sub === 'propose') {
      const modal = new ModalBuilder()
        .setCustomId('propose-case')
        .setTitle('Propose a case')
        .addLabelComponents(
          new LabelBuilder()
            .setLabel('Title')
            .setTextInputComponent(
              new TextInputBuilder().setCustomId('title').setStyle(TextInputStyle.Short),
            ),
          new LabelBuilder()
            .setLabel('Summary')
            .setTextInputComponent(
              new TextInputBuilder()
                .setCustomId('summary')
                .setStyle(TextInputStyle.Paragraph)
                .setRequired(false),
            ),
        );
      await interaction.showModal(modal);
    } else if (sub === 'panel') {
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('attend').setLabel('Attend').setStyle(ButtonStyle.Primary),
      );
      const response = await interaction.reply({
        content: 'Next session: Tuesday',
        components: [row],
        withResponse: true,
      });
      if (response.resource?.message?.content !== 'Next session: Tuesday')
        throw new Error('with_response body wrong');
    }
    return;
  }
  if (interaction.isModalSubmit()) {
    const title = interaction.fields.getTextInputValue('title');
    await interaction.reply({ content: `Case proposed: ${title}`, flags: MessageFlags.Ephemeral });
    return;
  }
  if (interaction.isButton() && interaction.customId === 'attend') {
    await interaction.update({ content: `Tuesday: ${interaction.user.username} attends`, components: [] });
  }
}

/** Wires the fixture bot's handler; errors are collected in the returned array. */
export function installCircleBot(client: Client): Error[] {
  const errors: Error[] = [];
  client.on(Events.InteractionCreate, (interaction) => {
    handle(interaction).catch((error: unknown) =>
      errors.push(error instanceof Error ? error : new Error(String(error))),
    );
  });
  return errors;
}
