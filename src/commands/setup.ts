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
import { gapsOf } from '../services/server/index.js';
import { actorOf, ephemeral, fitLines } from './shared.js';
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

/** Gaps of circles listed one by one; the rest are counted (the answer must fit one message). */
const MAX_GAPS_SHOWN = 6;

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
    const { settings, report, exposed, circles } = await ctx.services.server.setup(actorOf(interaction), {
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
    const permissions = report.missing.length
      ? {
          done: false,
          line: `The bot is missing these permissions: ${report.missing.join(', ')}. Circles cannot be created until it has them.`,
          action: `give the bot's role ${report.missing.join(', ')} in Server Settings → Roles, then run \`/setup\` again`,
        }
      : exposed.some((c) => c.exposure === 'repair-failed')
        ? {
            done: false,
            line: 'The bot has every server permission it needs, but Discord refuses it the repair of some circle channels: give it View Channel and Manage Permissions on them (see below).',
            action: null,
          }
        : { done: true, line: 'The bot has every permission it needs.', action: null };
    const incomplete = circles.flatMap((r) => gapsOf(r).map((gap) => ({ circle: r.circle, gap })));
    const checklist: { done: boolean | null; line: string; action: string | null }[] = [
      settings.moderatorRoleId
        ? { done: true, line: `Moderator role: <@&${settings.moderatorRoleId}>`, action: null }
        : {
            done: null,
            line: 'Moderator role: none, so only members with Manage Server manage circles (optional: `/setup moderator-role:`)',
            action: null,
          },
      settings.categoryId
        ? { done: true, line: `Category for circle channels: <#${settings.categoryId}>`, action: null }
        : { done: null, line: 'Category for circle channels: created with the first circle', action: null },
      settings.modLogChannelId
        ? {
            done: true,
            line: `Mod-log channel: <#${settings.modLogChannelId}>, private to moderators`,
            action: null,
          }
        : {
            done: false,
            line: 'Mod-log channel: none, so alerts about private circles (a repair that failed, a deleted channel) reach no one',
            action: 'choose a private channel for the mod-log with `/setup mod-log:`',
          },
      permissions,
      circles.length === 0
        ? {
            done: false,
            line: 'No circle yet',
            action: 'create the first circle with `/circle-admin create name kind`',
          }
        : incomplete.length === 0
          ? {
              done: true,
              line: `${circles.length} ${circles.length === 1 ? 'circle' : 'circles'}, each with a schedule, a leader or facilitators, and members`,
              action: null,
            }
          : {
              done: false,
              line: `${circles.length - new Set(incomplete.map((i) => i.circle.id)).size} of ${circles.length} circles have everything they need`,
              action: null,
            },
      ...incomplete.slice(0, MAX_GAPS_SHOWN).map(({ circle, gap }) => ({
        done: false,
        line: `**${circle.name}**: ${gap.problem}`,
        action: `for **${circle.name}**, ${gap.action}`,
      })),
    ];
    const more = incomplete.length - MAX_GAPS_SHOWN;
    const mark = (done: boolean | null) => (done === true ? '✅' : done === false ? '⚠️' : '➖');
    const next = checklist.find((item) => item.done === false && item.action !== null)?.action;
    const lines = [
      '**Circlekeeper set-up**',
      ...checklist.map((item) => `${mark(item.done)} ${item.line}`),
      ...(more > 0 ? [`⚠️ …and ${more} more gaps in other circles.`] : []),
      ...exposedLines(exposed),
      report.administratorRoleIds.length
        ? `ℹ️ These roles hold Administrator and can read every channel, circles included: ${report.administratorRoleIds.map((id) => `<@&${id}>`).join(', ')}. So can the server owner.`
        : 'ℹ️ No role holds Administrator; the server owner can still read every channel.',
      `ℹ️ Kept: attendance and certificates ${years(policy.attendance)}; audit events ${years(policy.audit)}; memberships that ended, with their acceptances, ${years(policy['ended-memberships'])}. Refused joins leave no trace. A daily purge deletes what is older.`,
    ];
    const nextLine = next
      ? `**Next:** ${next}.`
      : '**Next:** nothing is missing. `/help` shows what members and leaders do.';
    // The next step always shows: the lines above it are cut first if the answer grows too long.
    const content = `${fitLines(lines, 1900 - nextLine.length - 2)}\n\n${nextLine}`;
    await interaction.editReply({ content, allowedMentions: { parse: [] } });
  },
};
