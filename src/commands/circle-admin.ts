import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  ModalBuilder,
  PermissionFlagsBits,
  TextInputBuilder,
  TextInputStyle,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { AGREEMENT_MAX_LENGTH, AGREEMENT_MIN_LENGTH } from '../services/agreements.js';
import { CIRCLE_KINDS, FACILITATION_MODES } from '../services/model.js';
import { ValidationError } from '../services/errors.js';
import { CAPACITY_MAX, CAPACITY_MIN } from '../services/validation.js';
import { actorOf, circleOption, ephemeral, runSubcommand, suggestCircles } from './shared.js';
import type { ComponentHandler, SlashCommand } from './types.js';

const S = ApplicationCommandOptionType.Subcommand;
const circle = circleOption();
const member = {
  type: ApplicationCommandOptionType.User,
  name: 'member',
  description: 'The member',
  required: true,
} as const;

const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'circle-admin',
  description: 'Create and manage circles (moderators)',
  default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: S,
      name: 'create',
      description: 'Create a circle with its private text and voice channels',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'name',
          description: 'Name of the circle',
          required: true,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'kind',
          description: 'Kind of circle',
          required: true,
          choices: CIRCLE_KINDS.map((k) => ({ name: k, value: k })),
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'capacity',
          description: `Places (${CAPACITY_MIN}–${CAPACITY_MAX}, default 8)`,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'facilitation',
          description: 'Rotating facilitator or designated leaders',
          choices: FACILITATION_MODES.map((m) => ({ name: m, value: m })),
        },
      ],
    },
    { type: S, name: 'add', description: 'Add a member (also when locked)', options: [circle, member] },
    { type: S, name: 'remove', description: 'Remove a member and their access', options: [circle, member] },
    { type: S, name: 'lock', description: 'Close enrolment', options: [circle] },
    { type: S, name: 'unlock', description: 'Reopen enrolment', options: [circle] },
    {
      type: S,
      name: 'archive',
      description: 'End a circle: channels become read-only, it leaves the lists',
      options: [circle],
    },
    {
      type: S,
      name: 'settings',
      description: 'Change capacity or the confidentiality agreement',
      options: [
        circle,
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'capacity',
          description: `Places (${CAPACITY_MIN}–${CAPACITY_MAX})`,
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'agreement',
          description: 'Edit the agreement text in a form',
        },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const handlers: Parameters<typeof runSubcommand>[0] = {
  async create(interaction, ctx) {
    await interaction.deferReply({ flags: ephemeral('').flags });
    const created = await ctx.services.circles.create(actorOf(interaction), {
      name: interaction.options.getString('name', true),
      kind: interaction.options.getString('kind', true),
      capacity: interaction.options.getInteger('capacity'),
      facilitation: interaction.options.getString('facilitation'),
    });
    await interaction.editReply(
      `Created **${created.name}** (${created.kind}, ${created.capacity} places, ${created.facilitation} facilitation) with <#${created.textChannelId}> and <#${created.voiceChannelId}>. Only members who accept its agreement can see them.`,
    );
  },
  async add(interaction, ctx) {
    const user = interaction.options.getUser('member', true);
    if (!interaction.options.getMember('member')) {
      throw new ValidationError(`<@${user.id}> is not a member of this server.`);
    }
    await interaction.deferReply({ flags: ephemeral('').flags });
    const { circle, dmSent } = await ctx.services.roster.add(
      actorOf(interaction),
      interaction.options.getString('circle', true),
      {
        userId: user.id,
        isBot: user.bot,
      },
    );
    const how = dmSent
      ? 'The agreement was sent to them by direct message.'
      : `Their direct messages are closed: ask them to run \`/circle join ${circle.name}\` to read and accept it.`;
    await interaction.editReply({
      content: `Added <@${user.id}> to **${circle.name}**. They get access once they accept the agreement. ${how}`,
      allowedMentions: { parse: [] },
    });
  },
  async remove(interaction, ctx) {
    const user = interaction.options.getUser('member', true);
    await interaction.deferReply({ flags: ephemeral('').flags });
    const { circle, accessRemoved } = await ctx.services.roster.remove(
      actorOf(interaction),
      interaction.options.getString('circle', true),
      user.id,
    );
    await interaction.editReply({
      content: accessRemoved
        ? `Removed <@${user.id}> from **${circle.name}**; their access is gone.`
        : `Removed <@${user.id}> from **${circle.name}**, but Discord did not confirm removing their access yet. The bot retries on its next channel check; the mod-log has the details.`,
      allowedMentions: { parse: [] },
    });
  },
  async lock(interaction, ctx) {
    const circle = await ctx.services.circles.lock(
      actorOf(interaction),
      interaction.options.getString('circle', true),
    );
    await interaction.reply(
      ephemeral(
        `**${circle.name}** is locked: nobody can join until it is unlocked. Moderators can still add and remove members.`,
      ),
    );
  },
  async unlock(interaction, ctx) {
    await interaction.deferReply({ flags: ephemeral('').flags });
    const { circle, promoted } = await ctx.services.circles.unlock(
      actorOf(interaction),
      interaction.options.getString('circle', true),
    );
    const extra = promoted.length ? ` ${promoted.length} from the waitlist were offered a place.` : '';
    await interaction.editReply(`**${circle.name}** is open for joining again.${extra}`);
  },
  async archive(interaction, ctx) {
    await interaction.deferReply({ flags: ephemeral('').flags });
    const circle = await ctx.services.circles.archive(
      actorOf(interaction),
      interaction.options.getString('circle', true),
    );
    await interaction.editReply(
      `**${circle.name}** is archived: its channels are read-only for its members and it no longer appears in lists. Its records are kept.`,
    );
  },
  async settings(interaction, ctx) {
    const actor = actorOf(interaction);
    const name = interaction.options.getString('circle', true);
    const capacity = interaction.options.getInteger('capacity');
    if (interaction.options.getBoolean('agreement')) {
      // The modal must be the first response; the other settings travel with it and apply on submit.
      await ctx.services.settings.check(actor, name, { capacity });
      const { circle: found, agreement } = await ctx.services.settings.current(actor, name);
      const input = new TextInputBuilder()
        .setCustomId('text')
        .setLabel('Agreement text')
        .setStyle(TextInputStyle.Paragraph)
        .setMinLength(AGREEMENT_MIN_LENGTH)
        .setMaxLength(AGREEMENT_MAX_LENGTH)
        .setValue(agreement?.text ?? '');
      const modal = new ModalBuilder()
        .setCustomId(`settings:${capacity ?? ''}:${found.name}`)
        .setTitle(`Agreement of ${found.name}`.slice(0, 45))
        .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
      await interaction.showModal(modal);
      return;
    }
    await interaction.deferReply({ flags: ephemeral('').flags });
    const result = await ctx.services.settings.update(actor, name, { capacity });
    await interaction.editReply(settingsSummary(result));
  },
};

function settingsSummary(result: {
  circle: { name: string; capacity: number; agreementVersion: number };
  changed: string[];
  promoted: string[];
}): string {
  const parts = [
    `Updated **${result.circle.name}**: capacity ${result.circle.capacity}, agreement version ${result.circle.agreementVersion}.`,
  ];
  if (result.changed.includes('agreement'))
    parts.push(
      'Members were asked in the circle’s channel to acknowledge the new agreement; new members accept it when they join.',
    );
  if (result.promoted.length) parts.push(`${result.promoted.length} from the waitlist were offered a place.`);
  return parts.join(' ');
}

export const circleAdminCommand: SlashCommand = {
  data,
  execute: (interaction, ctx) => runSubcommand(handlers, interaction, ctx),
  async autocomplete(interaction, ctx) {
    await suggestCircles(interaction, ctx, 'manage');
  },
};

/** Submit of the agreement form opened by `/circle-admin settings agreement:true`. */
export const settingsModal: ComponentHandler = {
  prefix: 'settings',
  async handle(interaction, args, ctx) {
    if (!interaction.isModalSubmit()) return;
    const [capacity = '', ...nameParts] = args;
    await interaction.deferReply({ flags: ephemeral('').flags });
    const result = await ctx.services.settings.update(actorOf(interaction), nameParts.join(':'), {
      capacity: capacity === '' ? null : Number(capacity),
      agreementText: interaction.fields.getTextInputValue('text'),
    });
    await interaction.editReply(settingsSummary(result));
  },
};
