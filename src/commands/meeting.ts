import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { discordTime } from '../services/meetings/index.js';
import { actorOf, circleOption, ephemeral, fitLines, runSubcommand, suggestCircles } from './shared.js';
import type { ComponentHandler, SlashCommand } from './types.js';

const S = ApplicationCommandOptionType.Subcommand;
const date = (description: string, required = false) =>
  ({ type: ApplicationCommandOptionType.String, name: 'date', description, required }) as const;

const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'meeting',
  description: 'Meetings of your circles',
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: S,
      name: 'next',
      description: 'When your circles meet next',
      options: [{ ...circleOption('One circle (default: all of yours)'), required: false }],
    },
    {
      type: S,
      name: 'cancel',
      description: 'Cancel one meeting (moderators and leaders)',
      options: [circleOption(), date('Date of the meeting, such as 2026-12-01 (default: the next)')],
    },
    {
      type: S,
      name: 'move',
      description: 'Move one meeting (moderators and leaders)',
      options: [
        circleOption(),
        date('New date, such as 2026-12-01', true),
        {
          type: ApplicationCommandOptionType.String,
          name: 'time',
          description: 'New time, 24-hour (19:30), in the circle’s schedule time zone',
          required: true,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'from',
          description: 'Date of the meeting to move (default: the next)',
        },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const handlers: Parameters<typeof runSubcommand>[0] = {
  async next(interaction, ctx) {
    const found = await ctx.services.meetings.next(
      actorOf(interaction),
      interaction.options.getString('circle'),
    );
    const lines = found.map(
      ({ circle, meeting, facilitatorId, queueSize }) =>
        `• **${circle.name}**: ${discordTime(meeting.startsAt)} (${discordTime(meeting.startsAt, 'R')})` +
        (facilitatorId ? `, led by <@${facilitatorId}>` : '') +
        (meeting.movedFrom ? ' (moved)' : '') +
        `; ${queueSize} ${queueSize === 1 ? 'case' : 'cases'} in the queue`,
    );
    await interaction.reply(
      ephemeral(lines.length ? fitLines(['**Next meetings**', ...lines]) : 'No upcoming meetings.'),
    );
  },
  async cancel(interaction, ctx) {
    await interaction.deferReply({ flags: ephemeral('').flags });
    const { circle, meeting } = await ctx.services.meetings.cancel(
      actorOf(interaction),
      interaction.options.getString('circle', true),
      interaction.options.getString('date'),
    );
    await interaction.editReply(
      `Cancelled the meeting of **${circle.name}** on ${discordTime(meeting.startsAt)}; its reminders will not be sent.`,
    );
  },
  async move(interaction, ctx) {
    await interaction.deferReply({ flags: ephemeral('').flags });
    const { circle, meeting, from } = await ctx.services.meetings.move(
      actorOf(interaction),
      interaction.options.getString('circle', true),
      {
        date: interaction.options.getString('date', true),
        time: interaction.options.getString('time', true),
        from: interaction.options.getString('from'),
      },
    );
    await interaction.editReply(
      `Moved the meeting of **${circle.name}** from ${discordTime(from)} to ${discordTime(meeting.startsAt)}; its reminders move with it.`,
    );
  },
};

export const meetingCommand: SlashCommand = {
  data,
  execute: (interaction, ctx) => runSubcommand(handlers, interaction, ctx),
  async autocomplete(interaction, ctx) {
    await suggestCircles(
      interaction,
      ctx,
      interaction.options.getSubcommand() === 'next' ? 'active' : 'lead',
    );
  },
};

/** "Check in", on a meeting's reminder and start prompt. */
export const checkInButton: ComponentHandler = {
  prefix: 'checkin',
  access: { target: 'meeting', caller: 'member' },
  async handle(interaction, [meetingId = ''], ctx) {
    const { circle, meeting } = await ctx.services.attendance.checkIn(interaction.user.id, meetingId);
    await interaction.reply(
      ephemeral(
        `You are checked in to **${circle.name}** (${discordTime(meeting.startsAt)}). Thank you for keeping what is shared here confidential.`,
      ),
    );
  },
};
