import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { ValidationError } from '../../services/kernel/index.js';
import {
  CAPACITY_MAX,
  CAPACITY_MIN,
  CIRCLE_KIND_LABELS,
  CIRCLE_KINDS,
  DEFAULT_CAPACITY,
  FACILITATION_LABELS,
  FACILITATION_MODES,
  UNARCHIVE_DAYS,
} from '../../services/circles/index.js';
import {
  DEFAULT_DURATION,
  discordTime,
  DURATION_MAX,
  DURATION_MIN,
  EVERY_WEEKS_MAX,
  EVERY_WEEKS_MIN,
} from '../../services/meetings/index.js';
import { choicesOf, CIRCLE_NAME_TEXT, DATE_TEXT, range, TIME_TEXT, TIME_ZONE_TEXT } from '../limits.js';
import { askArchive, askRemove } from './confirmations.js';
import { unarchiveCircle } from './unarchive.js';
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
          ...CIRCLE_NAME_TEXT,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'kind',
          description: 'Kind of circle',
          required: true,
          ...choicesOf(CIRCLE_KINDS, CIRCLE_KIND_LABELS),
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'capacity',
          description: `Places (${CAPACITY_MIN}–${CAPACITY_MAX}, default ${DEFAULT_CAPACITY})`,
          ...range(CAPACITY_MIN, CAPACITY_MAX),
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'facilitation',
          description: 'Rotating facilitator or designated leaders',
          ...choicesOf(FACILITATION_MODES, FACILITATION_LABELS),
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
      options: [circleOption('An archived circle')],
    },
    {
      type: S,
      name: 'repair',
      description: 'Recreate missing channels and re-check every overwrite',
      options: [circle],
    },
    {
      type: S,
      name: 'announce',
      description: 'Post an open call for sign-on, with a Join button',
      options: [
        circle,
        {
          type: ApplicationCommandOptionType.Channel,
          name: 'channel',
          description: 'A text channel where people who are not members yet can read it',
          required: true,
          channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
        },
      ],
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
          ...range(1, WEEKDAYS.length),
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'time',
          description: 'Local time, 24-hour (19:30)',
          required: true,
          ...TIME_TEXT,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'timezone',
          description: 'Time zone, such as Europe/Berlin',
          required: true,
          autocomplete: true,
          ...TIME_ZONE_TEXT,
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'every-weeks',
          description: `Every ${EVERY_WEEKS_MIN}–${EVERY_WEEKS_MAX} weeks (default 1)`,
          ...range(EVERY_WEEKS_MIN, EVERY_WEEKS_MAX),
        },
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'duration',
          description: `Minutes, ${DURATION_MIN}–${DURATION_MAX} (default ${DEFAULT_DURATION})`,
          ...range(DURATION_MIN, DURATION_MAX),
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'starts',
          description: 'First date, such as 2026-12-01 (default today)',
          ...DATE_TEXT,
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
      `Created **${created.name}** (${CIRCLE_KIND_LABELS[created.kind]}, ${created.capacity} places, ${FACILITATION_LABELS[created.facilitation].toLowerCase()}) with <#${created.textChannelId}> and <#${created.voiceChannelId}>. Only members who accept its agreement can see them.\n${await ctx.services.server.nextStep(created)}`,
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
      content: `Added <@${user.id}> to **${circle.name}**. They get access once they accept the agreement. ${how}\n${await ctx.services.server.nextStep(circle)}`,
      allowedMentions: { parse: [] },
    });
  },
  remove: askRemove,
  async lock(interaction, ctx, options) {
    const circle = await ctx.services.circles.lock(actorOf(interaction), options.circle);
    await interaction.reply(
      ephemeral(
        `**${circle.name}** is locked: nobody can join until it is unlocked. Moderators can still add and remove members.\n**Next:** to reopen enrolment, \`/circle-admin unlock ${circle.name}\`.`,
      ),
    );
  },
  async unlock(interaction, ctx, options) {
    await interaction.deferReply({ flags: ephemeral('').flags });
    const { circle, promoted } = await ctx.services.circles.unlock(actorOf(interaction), options.circle);
    const extra = promoted.length ? ` ${promoted.length} from the waitlist were offered a place.` : '';
    await interaction.editReply(
      `**${circle.name}** is open for joining again.${extra}\n${await ctx.services.server.nextStep(circle)}`,
    );
  },
  archive: askArchive,
  unarchive: unarchiveCircle,
  async announce(interaction, ctx, options) {
    await interaction.deferReply({ flags: ephemeral('').flags });
    const { circle, call, replaced } = await ctx.services.openCalls.announce(
      actorOf(interaction),
      options.circle,
      options.channel.id,
    );
    const link = `https://discord.com/channels/${call.guildId}/${call.channelId}/${call.messageId}`;
    const earlier = replaced ? ' Its earlier open call is closed now.' : '';
    await interaction.editReply(
      `Announced **${circle.name}** in <#${call.channelId}>: ${link}\nThe card shows the places left and closes itself when the circle locks, fills or is archived.${earlier}`,
    );
  },
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
      await ctx.services.server.nextStep(circle),
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
    announce: 'moderator',
    settings: 'moderator',
    schedule: 'moderator',
  } satisfies Record<SubcommandName<typeof data>, Audience>,
  execute: (interaction, ctx) => runSubcommands(data, handlers, interaction, ctx),
  async autocomplete(interaction, ctx) {
    if (interaction.options.getFocused(true).name === 'timezone') await suggestTimeZones(interaction, ctx);
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
