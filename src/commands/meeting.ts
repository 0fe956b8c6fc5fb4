import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { actionId } from '../services/kernel/index.js';
import { discordTime } from '../services/meetings/index.js';
import { choicesOf, DATE_TEXT, TIME_TEXT } from './limits.js';
import { confirmation, confirmed } from './confirm.js';
import { actorOf, circleOption, ephemeral, fitLines, suggestCircles } from './shared.js';
import type { ComponentHandler, SlashCommand } from './types.js';
import { runSubcommands, type SubcommandHandlers, type SubcommandName } from './options.js';
import type { Audience } from './reference.js';
import { askForDropIn, setDropIns } from './meeting-drop-in.js';

/** `/meeting drop-ins places`: whether a meeting offers its circle's drop-in places. */
const DROP_IN_SWITCHES = ['on', 'off'] as const;
const DROP_IN_SWITCH_LABELS = {
  on: 'Offer drop-in places',
  off: 'No drop-ins at this meeting',
} as const satisfies Record<(typeof DROP_IN_SWITCHES)[number], string>;

const S = ApplicationCommandOptionType.Subcommand;
const date = <R extends boolean = false>(description: string, required?: R) =>
  ({
    type: ApplicationCommandOptionType.String,
    name: 'date',
    description,
    required: (required ?? false) as R,
    ...DATE_TEXT,
  }) as const;

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
      description: 'Cancel one meeting (moderators and leaders; asks to confirm)',
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
          ...TIME_TEXT,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'from',
          description: 'Date of the meeting to move (default: the next)',
          ...DATE_TEXT,
        },
      ],
    },
    {
      type: S,
      name: 'drop-in',
      description: 'Ask for a drop-in place at the next meeting of a circle that offers them',
      options: [circleOption()],
    },
    {
      type: S,
      name: 'drop-ins',
      description: 'Offer or withhold drop-in places at one meeting (moderators and leaders)',
      options: [
        circleOption(),
        {
          type: ApplicationCommandOptionType.String,
          name: 'places',
          description: 'Drop-in places at this meeting',
          required: true,
          ...choicesOf(DROP_IN_SWITCHES, DROP_IN_SWITCH_LABELS),
        },
        date('Date of the meeting, such as 2026-12-01 (default: the next)'),
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const handlers: SubcommandHandlers<typeof data> = {
  async next(interaction, ctx, options) {
    const found = await ctx.services.meetings.next(actorOf(interaction), options.circle);
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
  /** Asks first; nothing changes until "Cancel the meeting" is pressed. */
  async cancel(interaction, ctx, options) {
    const { circle, meeting, facilitatorId, coFacilitatorId, reminders } =
      await ctx.services.meetings.previewCancel(actorOf(interaction), options.circle, options.date);
    const lead = facilitatorId
      ? `<@${facilitatorId}>${coFacilitatorId ? ` with <@${coFacilitatorId}>` : ''} was to facilitate it.`
      : 'Nobody was set to facilitate it yet.';
    const lines = [
      `**Cancel the meeting of ${circle.name} on ${discordTime(meeting.startsAt)} (${discordTime(meeting.startsAt, 'R')})?**`,
      `Its reminders will not be sent (${reminders} waiting). ${lead}`,
      'Members are told in the circle’s channel; cases in the queue carry over to the next meeting.',
    ];
    await interaction.reply(confirmation(lines, actionId('cancelmeeting', meeting.id), 'Cancel the meeting'));
  },
  'drop-in': askForDropIn,
  'drop-ins': setDropIns,
  async move(interaction, ctx, options) {
    await interaction.deferReply({ flags: ephemeral('').flags });
    const { circle, meeting, from } = await ctx.services.meetings.move(actorOf(interaction), options.circle, {
      date: options.date,
      time: options.time,
      from: options.from,
    });
    await interaction.editReply(
      `Moved the meeting of **${circle.name}** from ${discordTime(from)} to ${discordTime(meeting.startsAt)}; its reminders move with it.`,
    );
  },
};

export const meetingCommand: SlashCommand = {
  data,
  who: {
    next: 'member',
    cancel: 'moderator or leader',
    move: 'moderator or leader',
    'drop-in': 'anyone',
    'drop-ins': 'moderator or leader',
  } satisfies Record<SubcommandName<typeof data>, Audience>,
  execute: (interaction, ctx) => runSubcommands(data, handlers, interaction, ctx),
  async autocomplete(interaction, ctx) {
    const subcommand = interaction.options.getSubcommand();
    await suggestCircles(
      interaction,
      ctx,
      subcommand === 'next' ? 'active' : subcommand === 'drop-in' ? 'drop-in' : 'lead',
    );
  },
};

/** "Cancel the meeting", on the question of `/meeting cancel`: cancels the meeting whose id it carries. */
export const cancelMeetingButton: ComponentHandler = {
  action: 'cancelmeeting',
  access: { target: 'meeting', caller: 'leader-or-moderator' },
  async handle(interaction, [meetingId = ''], ctx) {
    if (!interaction.isButton()) return;
    await confirmed(interaction, async () => {
      const { circle, meeting } = await ctx.services.meetings.cancelById(actorOf(interaction), meetingId);
      return `Cancelled the meeting of **${circle.name}** on ${discordTime(meeting.startsAt)}; its reminders will not be sent.`;
    });
  },
};

/** "Check in", on a meeting's reminder and start prompt. */
export const checkInButton: ComponentHandler = {
  action: 'checkin',
  access: { target: 'meeting', caller: 'attendee' },
  async handle(interaction, [meetingId = ''], ctx) {
    const { circle, meeting } = await ctx.services.attendance.checkIn(interaction.user.id, meetingId);
    await interaction.reply(
      ephemeral(
        `You are checked in to **${circle.name}** (${discordTime(meeting.startsAt)}). Thank you for keeping what is shared here confidential.`,
      ),
    );
  },
};
