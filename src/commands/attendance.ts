import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import {
  ATTENDANCE_ROLES,
  CORRECTION_REASONS,
  type RecordLine,
  type RecordSummary,
} from '../services/attendance/index.js';
import { discordTime } from '../services/meetings/index.js';
import { runSubcommands, type SubcommandHandlers, type SubcommandName } from './options.js';
import type { Audience } from './reference.js';
import { actorOf, circleOption, ephemeral, fitLines, suggestCircles } from './shared.js';
import type { SlashCommand } from './types.js';

const S = ApplicationCommandOptionType.Subcommand;
const day = <N extends string>(name: N, description: string) =>
  ({ type: ApplicationCommandOptionType.String, name, description }) as const;

/** A required text option with fixed choices. */
const choice = <N extends string>(name: N, description: string, values: readonly string[]) =>
  ({
    type: ApplicationCommandOptionType.String,
    name,
    description,
    required: true,
    choices: values.map((value) => ({ name: value, value })),
  }) as const;

const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'attendance',
  description: 'Attendance records for continuing-education credit',
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: S,
      name: 'mine',
      description: 'Your meetings, roles and contact hours, with totals',
      options: [
        { ...circleOption('One circle (default: all of yours)'), required: false },
        day('from', 'First day, such as 2026-01-01 (default: four years ago)'),
        day('to', 'Last day, such as 2026-12-31 (default: today)'),
      ],
    },
    {
      type: S,
      name: 'correct',
      description: 'Correct a member’s attendance of a past meeting (moderators and leaders)',
      options: [
        circleOption(),
        {
          type: ApplicationCommandOptionType.User,
          name: 'member',
          description: 'Whose attendance',
          required: true,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'date',
          description: 'Date of the meeting, such as 2026-12-01',
          required: true,
        },
        choice('role', 'The role to add or remove', ATTENDANCE_ROLES),
        choice('change', 'Add or remove it', ['add', 'remove'] as const),
        choice('reason', 'Why', CORRECTION_REASONS),
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const hours = (value: number) => `${value} ${value === 1 ? 'hour' : 'hours'}`;

/** A record as lines: each meeting, then totals per circle and role, and the leadership log. */
export function recordLines(lines: readonly RecordLine[], summary: RecordSummary): string[] {
  const meetings = lines.map(
    ({ circle, meeting, roles, hours: h }) =>
      `• **${circle.name}**: ${discordTime(meeting.startsAt, 'f')}–${discordTime(meeting.endsAt, 't')}, ${roles.join(', ')}, ${hours(h)}`,
  );
  return [
    `**Total**: ${summary.meetings} ${summary.meetings === 1 ? 'meeting' : 'meetings'}, ${hours(summary.hours)}`,
    ...summary.circles.map((c) => `• **${c.name}**: ${c.meetings} meetings, ${hours(c.hours)}`),
    `**By role**: ${summary.roles.map((r) => `${r.role} ${r.meetings} (${hours(r.hours)})`).join('; ')}`,
    `**Leadership**: led ${summary.led}, co-led ${summary.coLed}`,
    '',
    '**Meetings**',
    ...meetings,
  ];
}

const handlers: SubcommandHandlers<typeof data> = {
  /** The change and its meeting; the reason goes to the audit log as its code. */
  async correct(interaction, ctx, options) {
    const { circle, meeting, role, change } = await ctx.services.attendance.correct(actorOf(interaction), {
      circle: options.circle,
      userId: options.member.id,
      date: options.date,
      role: options.role,
      change: options.change === 'remove' ? 'remove' : 'add',
      reason: options.reason,
    });
    const done = change === 'add' ? 'now counts as' : 'no longer counts as';
    await interaction.reply(
      ephemeral(
        `<@${options.member.id}> ${done} ${role} at the meeting of **${circle.name}** on ${discordTime(meeting.startsAt, 'f')}. The correction is in the audit log.`,
      ),
    );
  },
  async mine(interaction, ctx, options) {
    const { lines, summary, from, to } = await ctx.services.attendance.mine(actorOf(interaction), options);
    const span = `${discordTime(from, 'D')} to ${discordTime(new Date(to.getTime() - 1), 'D')}`;
    if (lines.length === 0) {
      await interaction.reply(ephemeral(`No attendance recorded from ${span}.`));
      return;
    }
    await interaction.reply(
      ephemeral(fitLines([`**Your attendance**, ${span}`, ...recordLines(lines, summary)])),
    );
  },
};

export const attendanceCommand: SlashCommand = {
  data,
  who: { mine: 'member', correct: 'moderator or leader' } satisfies Record<
    SubcommandName<typeof data>,
    Audience
  >,
  execute: (interaction, ctx) => runSubcommands(data, handlers, interaction, ctx),
  async autocomplete(interaction, ctx) {
    await suggestCircles(
      interaction,
      ctx,
      interaction.options.getSubcommand() === 'correct' ? 'lead' : 'mine',
    );
  },
};
