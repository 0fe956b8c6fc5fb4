import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { ValidationError } from '../services/kernel/index.js';
import { policyOf, RETENTION_LIMITS } from '../services/privacy/index.js';
import type { Circle } from '../services/circles/index.js';
import { discordTime } from '../services/meetings/index.js';
import { actorOf, ephemeral } from './shared.js';
import type { SlashCommand } from './types.js';
import { readOptions } from './options.js';
import type { Audience } from './reference.js';

const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'setup',
  description: 'Set the moderator role, the category for circle channels and the mod-log channel',
  default_member_permissions: PermissionFlagsBits.ManageGuild.toString(),
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: ApplicationCommandOptionType.Role,
      name: 'moderator-role',
      description: 'Role whose holders may manage circles',
    },
    {
      type: ApplicationCommandOptionType.Channel,
      name: 'category',
      description: 'Category that holds circle channels (one is created if none is set)',
      channel_types: [ChannelType.GuildCategory],
    },
    {
      type: ApplicationCommandOptionType.Channel,
      name: 'mod-log',
      description: 'Text channel for the bot’s notices to moderators (never case content)',
      channel_types: [ChannelType.GuildText],
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'keep-attendance',
      description: 'Years to keep attendance and certificates (default 4)',
      min_value: RETENTION_LIMITS.attendance.min,
      max_value: RETENTION_LIMITS.attendance.max,
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'keep-audit',
      description: 'Years to keep audit events (default 4)',
      min_value: RETENTION_LIMITS.audit.min,
      max_value: RETENTION_LIMITS.audit.max,
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'keep-ended-memberships',
      description: 'Years to keep memberships that ended and their acceptances (default 1)',
      min_value: RETENTION_LIMITS['ended-memberships'].min,
      max_value: RETENTION_LIMITS['ended-memberships'].max,
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const EXPOSURE_TEXT = {
  'repair-failed': 'the bot cannot repair its channel permissions',
  unsettled: 'its channel permissions do not stay as the bot writes them',
  'channel-missing': 'a channel was deleted',
} as const;

/** Circles whose channels may be readable by outsiders or are gone, for moderators. */
function exposedLines(exposed: Circle[]): string[] {
  return exposed.map(
    (c) =>
      `🚨 **${c.name}**: ${c.exposure ? EXPOSURE_TEXT[c.exposure] : ''}${c.exposedAt ? ` (since ${discordTime(c.exposedAt)})` : ''}. Run \`/circle-admin repair ${c.name}\`.`,
  );
}

export const setupCommand: SlashCommand = {
  data,
  who: { '': 'moderator' } satisfies Record<'', Audience>,
  async execute(interaction, ctx) {
    const options = readOptions(interaction, data.options);
    const role = options['moderator-role'];
    const category = options.category;
    const modLog = options['mod-log'];
    if (category && category.type !== ChannelType.GuildCategory)
      throw new ValidationError('The category must be a channel category.');
    if (modLog && modLog.type !== ChannelType.GuildText)
      throw new ValidationError('The mod-log must be a text channel.');
    if (role && role.id === interaction.guildId)
      throw new ValidationError('@everyone cannot be the moderator role.');

    await interaction.deferReply({ flags: ephemeral('').flags });
    const { settings, report, exposed } = await ctx.services.server.setup(actorOf(interaction), {
      moderatorRoleId: role?.id ?? null,
      categoryId: category?.id ?? null,
      modLogChannelId: modLog?.id ?? null,
      keepAttendanceYears: options['keep-attendance'],
      keepAuditYears: options['keep-audit'],
      keepEndedMembershipYears: options['keep-ended-memberships'],
    });
    const policy = policyOf(settings, ctx.services.retention.defaults);
    const years = (n: number) =>
      n === 0 ? 'until the next daily purge' : `${n} ${n === 1 ? 'year' : 'years'}`;
    const lines = [
      '**Circlekeeper settings**',
      `Moderator role: ${settings.moderatorRoleId ? `<@&${settings.moderatorRoleId}>` : 'none (Manage Server only)'}`,
      `Category for circle channels: ${settings.categoryId ? `<#${settings.categoryId}>` : 'created with the first circle'}`,
      `Mod-log channel: ${settings.modLogChannelId ? `<#${settings.modLogChannelId}>` : 'none'}`,
      `Kept: attendance and certificates ${years(policy.attendance)}; audit events ${years(policy.audit)}; memberships that ended, with their acceptances, ${years(policy['ended-memberships'])}. Refused joins leave no trace. A daily purge deletes what is older.`,
      '',
      report.missing.length
        ? `⚠️ The bot is missing these permissions: ${report.missing.join(', ')}. Circles cannot be created until it has them.`
        : exposed.some((c) => c.exposure === 'repair-failed')
          ? '⚠️ The bot has every server permission it needs, but Discord refuses it the repair of some circle channels: give it View Channel and Manage Permissions on them (see below).'
          : '✅ The bot has every permission it needs.',
      ...exposedLines(exposed),
      report.administratorRoleIds.length
        ? `ℹ️ These roles hold Administrator and can read every channel, circles included: ${report.administratorRoleIds.map((id) => `<@&${id}>`).join(', ')}. So can the server owner.`
        : 'ℹ️ No role holds Administrator; the server owner can still read every channel.',
    ];
    await interaction.editReply({ content: lines.join('\n'), allowedMentions: { parse: [] } });
  },
};
