import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  AttachmentBuilder,
  InteractionContextType,
  MessageFlags,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import {
  ATTENDANCE_ROLE_LABELS,
  ATTENDANCE_ROLES,
  CODE_TEXT_MAX_LENGTH,
  CODE_TEXT_MIN_LENGTH,
  CORRECTION_CHANGE_LABELS,
  CORRECTION_CHANGES,
  CORRECTION_REASON_LABELS,
  CORRECTION_REASONS,
  type MyStanding,
  type RecordLine,
  type RecordSummary,
  standingText,
} from '../services/attendance/index.js';
import { discordTime } from '../services/meetings/index.js';
import { choicesOf, DATE_TEXT, textLength } from './limits.js';
import { runSubcommands, type SubcommandHandlers, type SubcommandName } from './options.js';
import type { Audience } from './reference.js';
import { actorOf, circleOption, ephemeral, fitLines, suggestCircles } from './shared.js';
import type { SlashCommand } from './types.js';

const S = ApplicationCommandOptionType.Subcommand;
const day = <N extends string>(name: N, description: string) =>
  ({ type: ApplicationCommandOptionType.String, name, description, ...DATE_TEXT }) as const;

/** A required text option with fixed choices, named by their labels. */
const choice = <N extends string, V extends string>(
  name: N,
  description: string,
  values: readonly V[],
  labels: Readonly<Record<V, string>>,
) =>
  ({
    type: ApplicationCommandOptionType.String,
    name,
    description,
    required: true,
    ...choicesOf(values, labels),
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
      name: 'export',
      description: 'A circle’s attendance and leadership log as CSV files (moderators and leaders)',
      options: [
        circleOption(),
        day('from', 'First day, such as 2026-01-01 (default: four years ago)'),
        day('to', 'Last day, such as 2026-12-31 (default: today)'),
      ],
    },
    {
      type: S,
      name: 'certificate',
      description: 'Your certificate of attendance of one circle, as a PDF',
      options: [
        circleOption(),
        day('from', 'First day, such as 2026-01-01 (default: four years ago)'),
        day('to', 'Last day, such as 2026-12-31 (default: today)'),
      ],
    },
    {
      type: S,
      name: 'verify',
      description: 'Check a certificate’s verification code',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'code',
          description: 'The code printed on the certificate, such as 7K3Q-M9XA-2PRT-H4WD',
          required: true,
          ...textLength(CODE_TEXT_MIN_LENGTH, CODE_TEXT_MAX_LENGTH),
        },
      ],
    },
    {
      type: S,
      name: 'standing',
      description: 'Who attends less than the circle asks (moderators and leaders; only you see it)',
      options: [circleOption()],
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
          ...DATE_TEXT,
        },
        choice('role', 'The role to add or remove', ATTENDANCE_ROLES, ATTENDANCE_ROLE_LABELS),
        choice('change', 'Add or remove it', CORRECTION_CHANGES, CORRECTION_CHANGE_LABELS),
        choice('reason', 'Why', CORRECTION_REASONS, CORRECTION_REASON_LABELS),
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const hours = (value: number) => `${value} ${value === 1 ? 'hour' : 'hours'}`;

const dates = (starts: readonly Date[]) => starts.map((start) => discordTime(start, 'd')).join(', ');

/**
 * A record as lines: totals per circle and role, the leadership log (sessions led and co-led per
 * circle, with dates), standing against expectations, then each meeting.
 */
export function recordLines(
  lines: readonly RecordLine[],
  summary: RecordSummary,
  standings: readonly MyStanding[] = [],
): string[] {
  const meetings = lines.map(
    ({ circle, meeting, roles, hours: h }) =>
      `• **${circle.name}**: ${discordTime(meeting.startsAt, 'f')}–${discordTime(meeting.endsAt, 't')}, ${roles.join(', ')}, ${hours(h)}`,
  );
  const leading = summary.circles.filter((c) => c.led.length + c.coLed.length > 0);
  return [
    `**Total**: ${summary.meetings} ${summary.meetings === 1 ? 'meeting' : 'meetings'}, ${hours(summary.hours)}`,
    ...summary.circles.map((c) => `• **${c.name}**: ${c.meetings} meetings, ${hours(c.hours)}`),
    `**By role**: ${summary.roles.map((r) => `${r.role} ${r.meetings} (${hours(r.hours)})`).join('; ')}`,
    `**Leadership**: led ${summary.led}, co-led ${summary.coLed}`,
    ...leading.map(
      (c) =>
        `• **${c.name}**: led ${c.led.length}${c.led.length ? ` (${dates(c.led)})` : ''}, co-led ${c.coLed.length}${c.coLed.length ? ` (${dates(c.coLed)})` : ''}`,
    ),
    ...standings.map(
      ({ circle, standing }) =>
        `**Attendance in ${circle.name}**: ${standingText(standing)}${standing.below ? ' — below what the circle asks' : ''}`,
    ),
    '',
    '**Meetings**',
    ...meetings,
  ];
}

/** A file name part from a circle's name: ASCII letters and digits, hyphenated. */
const slug = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase() || 'circle';

const hidden = { flags: MessageFlags.Ephemeral } as const;

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
    const { lines, summary, from, to, standings } = await ctx.services.attendance.mine(
      actorOf(interaction),
      options,
    );
    const span = `${discordTime(from, 'D')} to ${discordTime(new Date(to.getTime() - 1), 'D')}`;
    if (lines.length === 0 && standings.length === 0) {
      await interaction.reply(ephemeral(`No attendance recorded from ${span}.`));
      return;
    }
    await interaction.reply(
      ephemeral(fitLines([`**Your attendance**, ${span}`, ...recordLines(lines, summary, standings)])),
    );
  },
  /** Deferred: a long record takes a moment; the files come with the edit. */
  async export(interaction, ctx, options) {
    await interaction.deferReply(hidden);
    const result = await ctx.services.attendance.export(actorOf(interaction), options);
    const base = `${slug(result.circle.name)}-${result.range.fromDate}-to-${result.range.toDate}`;
    const leaders = result.leaders.map((l) => `<@${l.userId}> led ${l.led}, co-led ${l.coLed}`);
    await interaction.editReply({
      content: fitLines([
        `Attendance of **${result.circle.name}** from ${result.range.fromDate} to ${result.range.toDate}: ${result.meetings} meetings. Times are local to the circle’s schedule.`,
        leaders.length
          ? `Leadership log: ${leaders.join('; ')}.`
          : 'No sessions were led or co-led by a recorded leader.',
      ]),
      files: [
        new AttachmentBuilder(Buffer.from(result.attendanceCsv), { name: `attendance-${base}.csv` }),
        new AttachmentBuilder(Buffer.from(result.leadershipCsv), { name: `leadership-${base}.csv` }),
      ],
      allowedMentions: { parse: [] },
    });
  },
  async certificate(interaction, ctx, options) {
    await interaction.deferReply(hidden);
    const issued = await ctx.services.attendance.certificate(actorOf(interaction), {
      ...options,
      serverName: interaction.guild?.name ?? 'this server',
    });
    await interaction.editReply({
      content:
        `Your certificate for **${issued.circle.name}**: ${issued.meetings} ${issued.meetings === 1 ? 'meeting' : 'meetings'}, ${hours(issued.hours)}, ` +
        `${issued.range.fromDate} to ${issued.range.toDate}. Verification code: \`${issued.code}\` (anyone with it can check the certificate here with \`/attendance verify\`).`,
      files: [
        new AttachmentBuilder(issued.pdf, {
          name: `certificate-${slug(issued.circle.name)}-${issued.range.fromDate}-to-${issued.range.toDate}.pdf`,
        }),
      ],
    });
  },
  async verify(interaction, ctx, options) {
    const result = await ctx.services.attendance.verify(actorOf(interaction), options.code);
    if (result.status === 'unknown') {
      await interaction.reply(ephemeral('No certificate with that code was issued on this server.'));
      return;
    }
    const { certificate, circleName } = result;
    const facts =
      `issued ${discordTime(certificate.issuedAt, 'D')} to <@${certificate.userId}> for **${circleName}**, ` +
      `${certificate.fromDate} to ${certificate.toDate}: ${certificate.meetings} meetings, ${hours(certificate.quarters / 4)}.`;
    await interaction.reply(
      ephemeral(
        result.status === 'genuine'
          ? `Genuine and unchanged: a certificate ${facts} The records it shows are as they were when it was issued.`
          : `Genuine, but out of date: a certificate ${facts} The records have changed since (a correction, or records past their retention were deleted); ask for a new certificate.`,
      ),
    );
  },
  async standing(interaction, ctx, options) {
    const { circle, standings } = await ctx.services.attendance.standing(
      actorOf(interaction),
      options.circle,
    );
    const below = standings.filter((s) => s.below);
    const lines = standings.map(
      (s) => `${s.below ? '• ⚠' : '•'} <@${s.userId}>: ${standingText(s)}${s.below ? ' — below' : ''}`,
    );
    await interaction.reply(
      ephemeral(
        fitLines([
          `**${circle.name}** asks for at least ${circle.attendanceMinimum} of the last ${circle.attendanceWindow} meetings. ${below.length} of ${standings.length} active ${standings.length === 1 ? 'member is' : 'members are'} below it; members are reminded privately, by direct message, when they fall below. Only you see this.`,
          ...lines,
        ]),
      ),
    );
  },
};

export const attendanceCommand: SlashCommand = {
  data,
  who: {
    mine: 'member',
    export: 'moderator or leader',
    certificate: 'member',
    verify: 'member',
    standing: 'moderator or leader',
    correct: 'moderator or leader',
  } satisfies Record<SubcommandName<typeof data>, Audience>,
  execute: (interaction, ctx) => runSubcommands(data, handlers, interaction, ctx),
  async autocomplete(interaction, ctx) {
    await suggestCircles(
      interaction,
      ctx,
      ['correct', 'export', 'standing'].includes(interaction.options.getSubcommand()) ? 'lead' : 'mine',
    );
  },
};
