import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { ValidationError } from '../../services/kernel/index.js';
import {
  CAPACITY_MAX,
  CAPACITY_MIN,
  CIRCLE_KINDS,
  CIRCLE_NAME_MAX,
  FACILITATION_MODES,
  UNARCHIVE_DAYS,
} from '../../services/circles/index.js';
import { askArchive, askRemove } from './confirmations.js';
import { unarchiveCircle } from './unarchive.js';
import { discordTime } from '../../services/meetings/index.js';
import { repairCircle } from './repair.js';
import { changeSettings, settingsOptions } from './settings.js';
import { actorOf, circleOption, ephemeral, suggestCircles, suggestTimeZones, WEEKDAYS } from '../shared.js';
import type { SlashCommand } from '../types.js';
import { runSubcommands, type SubcommandHandlers, type SubcommandName } from '../options.js';
import type { Audience } from '../reference.js';

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
    {
      type: S,
      name: 'remove',
      description: 'Remove a member and their access (asks to confirm)',
      options: [circle, member],
    },
    { type: S, name: 'lock', description: 'Close enrolment', options: [circle] },
    { type: S, name: 'unlock', description: 'Reopen enrolment', options: [circle] },
    {
      type: S,
      name: 'archive',
      description: 'End a circle: channels become read-only, it leaves the lists (asks to confirm)',
      options: [circle],
    },
    {
      type: S,
      name: 'unarchive',
      description: `Bring back a circle archived in the last ${UNARCHIVE_DAYS} days, locked`,
      options: [
        {
          ...circleOption('An archived circle'),
          min_length: 2,
          max_length: CIRCLE_NAME_MAX,
        },
      ],
    },
    {
      type: S,
      name: 'repair',
      description: 'Recreate missing channels and re-check every overwrite',
      options: [circle],
    },
    {
      type: S,
      name: 'settings',
      description: 'Change a circle’s settings',
      options: [circle, ...settingsOptions],
    },
    {
      type: S,
      name: 'schedule',
      description: 'Set when a circle meets',
      options: [
        circle,
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'weekday',
          description: 'Day of the week',
          required: true,
          choices: WEEKDAYS.map((name, index) => ({ name, value: index + 1 })),
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'time',
          description: 'Local time, 24-hour (19:30)',
          required: true,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'timezone',
          description: 'Time zone, such as Europe/Berlin',
          required: true,
          autocomplete: true,
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'every-weeks',
          description: 'Every 1–4 weeks (default 1)',
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'duration',
          description: 'Minutes, 30–240 (default 90)',
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'starts',
          description: 'First date, such as 2026-12-01 (default today)',
        },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const handlers: SubcommandHandlers<typeof data> = {
  async create(interaction, ctx, options) {
    await interaction.deferReply({ flags: ephemeral('').flags });
    const created = await ctx.services.circles.create(actorOf(interaction), {
      name: options.name,
      kind: options.kind,
      capacity: options.capacity,
      facilitation: options.facilitation,
    });
    await interaction.editReply(
      `Created **${created.name}** (${created.kind}, ${created.capacity} places, ${created.facilitation} facilitation) with <#${created.textChannelId}> and <#${created.voiceChannelId}>. Only members who accept its agreement can see them.`,
    );
  },
  async add(interaction, ctx, options) {
    const user = options.member;
    if (!interaction.options.getMember('member')) {
      throw new ValidationError(`<@${user.id}> is not a member of this server.`);
    }
    await interaction.deferReply({ flags: ephemeral('').flags });
    const { circle, dmSent } = await ctx.services.roster.add(actorOf(interaction), options.circle, {
      userId: user.id,
      isBot: user.bot,
    });
    const how = dmSent
      ? 'The agreement was sent to them by direct message.'
      : `Their direct messages are closed: ask them to run \`/circle join ${circle.name}\` to read and accept it.`;
    await interaction.editReply({
      content: `Added <@${user.id}> to **${circle.name}**. They get access once they accept the agreement. ${how}`,
      allowedMentions: { parse: [] },
    });
  },
  remove: askRemove,
  async lock(interaction, ctx, options) {
    const circle = await ctx.services.circles.lock(actorOf(interaction), options.circle);
    await interaction.reply(
      ephemeral(
        `**${circle.name}** is locked: nobody can join until it is unlocked. Moderators can still add and remove members.`,
      ),
    );
  },
  async unlock(interaction, ctx, options) {
    await interaction.deferReply({ flags: ephemeral('').flags });
    const { circle, promoted } = await ctx.services.circles.unlock(actorOf(interaction), options.circle);
    const extra = promoted.length ? ` ${promoted.length} from the waitlist were offered a place.` : '';
    await interaction.editReply(`**${circle.name}** is open for joining again.${extra}`);
  },
  archive: askArchive,
  unarchive: unarchiveCircle,
  settings: changeSettings,
  repair: repairCircle,
  async schedule(interaction, ctx, options) {
    await interaction.deferReply({ flags: ephemeral('').flags });
    const { circle, schedule, next } = await ctx.services.schedules.set(
      actorOf(interaction),
      options.circle,
      {
        weekday: options.weekday,
        time: options.time,
        timeZone: options.timezone,
        everyWeeks: options['every-weeks'],
        duration: options.duration,
        starts: options.starts,
      },
    );
    const every = schedule.everyWeeks === 1 ? 'every' : `every ${schedule.everyWeeks} weeks on`;
    const lines = [
      `**${circle.name}** meets ${every} ${WEEKDAYS[schedule.weekday - 1]} at ${schedule.localTime} (${schedule.timeZone}), for ${schedule.durationMinutes} minutes.`,
      next
        ? `Next meeting: ${discordTime(next.startsAt)} (${discordTime(next.startsAt, 'R')}).`
        : 'No meeting falls in the next weeks.',
    ];
    await interaction.editReply(lines.join('\n'));
  },
};

export const circleAdminCommand: SlashCommand = {
  data,
  who: {
    create: 'moderator',
    add: 'moderator',
    remove: 'moderator',
    lock: 'moderator',
    unlock: 'moderator',
    archive: 'moderator',
    unarchive: 'moderator',
    repair: 'moderator',
    settings: 'moderator',
    schedule: 'moderator',
  } satisfies Record<SubcommandName<typeof data>, Audience>,
  execute: (interaction, ctx) => runSubcommands(data, handlers, interaction, ctx),
  async autocomplete(interaction, ctx) {
    if (interaction.options.getFocused(true).name === 'timezone') await suggestTimeZones(interaction);
    else {
      const subcommand = interaction.options.getSubcommand();
      const scope =
        subcommand === 'remove' || subcommand === 'repair'
          ? 'roster'
          : subcommand === 'unarchive'
            ? 'archived'
            : 'manage';
      await suggestCircles(interaction, ctx, scope);
    }
  },
};
