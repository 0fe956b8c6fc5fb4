import {
  ApplicationCommandOptionType,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type BaseInteraction,
  type ChatInputCommandInteraction,
  type InteractionReplyOptions,
} from 'discord.js';
import type { Actor, OutgoingMessage } from '../services/kernel/index.js';
import type { SuggestionScope } from '../services/circles/index.js';
import { suggestTimeZoneNames, TIME_ZONE_MAX_LENGTH } from '../services/meetings/index.js';
import { renderMessage } from '../platform/render-message.js';
import { CIRCLE_CHOICE_TEXT } from './limits.js';
import type { CommandContext } from './types.js';

/** The caller as the services see them. Only for interactions inside a server. */
export function actorOf(interaction: BaseInteraction): Actor {
  if (!interaction.inGuild()) throw new Error('guild-only interaction used outside a server');
  const roles = interaction.member.roles;
  return {
    userId: interaction.user.id,
    guildId: interaction.guildId,
    roleIds: Array.isArray(roles) ? roles : [...roles.cache.keys()],
    hasManageGuild: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
  };
}

/** An ephemeral reply: business of a circle is never shown to the whole channel. */
export function ephemeral(
  content: string,
  extra: Omit<InteractionReplyOptions, 'content' | 'flags'> = {},
): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
  return { content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] }, ...extra };
}

/** An ephemeral reply carrying an `OutgoingMessage` (text, a panel, buttons). */
export function ephemeralMessage(
  message: OutgoingMessage,
): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
  const { content, embeds, components } = renderMessage(message);
  return ephemeral(content, { embeds, components });
}

/** Joins lines into one message, cutting at a line boundary to stay within Discord's 2,000 characters. */
export function fitLines(lines: string[], max = 1900): string {
  let text = '';
  for (const [index, line] of lines.entries()) {
    const next = text ? `${text}\n${line}` : line;
    if (next.length > max) return `${text}\n… and ${lines.length - index} more lines.`;
    text = next;
  }
  return text;
}

type SubcommandHandler = (interaction: ChatInputCommandInteraction, ctx: CommandContext) => Promise<void>;

/** Runs the handler of the interaction's subcommand. */
export async function runSubcommand(
  handlers: Record<string, SubcommandHandler>,
  interaction: ChatInputCommandInteraction,
  ctx: CommandContext,
): Promise<void> {
  const name = interaction.options.getSubcommand();
  const handler = handlers[name];
  if (!handler) throw new Error(`unknown subcommand ${name}`);
  await handler(interaction, ctx);
}

/** The `circle` option every circle command takes, with autocomplete. */
export function circleOption(description = 'The circle') {
  return {
    type: ApplicationCommandOptionType.String,
    name: 'circle',
    description,
    required: true,
    autocomplete: true,
    ...CIRCLE_CHOICE_TEXT,
  } as const;
}

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

/**
 * Answers autocomplete for a time zone option with IANA names: the zones of this server's circles
 * first, then common ones; parts of names, city names and abbreviations (`EST`) find the zones meant.
 */
export async function suggestTimeZones(
  interaction: AutocompleteInteraction,
  ctx: CommandContext,
): Promise<void> {
  const typed = String(interaction.options.getFocused()).slice(0, TIME_ZONE_MAX_LENGTH);
  const inUse = interaction.inGuild()
    ? await ctx.services.schedules.timeZonesInUse(actorOf(interaction))
    : [];
  const names = suggestTimeZoneNames(typed, inUse);
  await interaction.respond(names.map((zone) => ({ name: zone, value: zone })));
}

/** Answers autocomplete for a `circle` option with what the caller may see in `scope`. */
export async function suggestCircles(
  interaction: AutocompleteInteraction,
  ctx: CommandContext,
  scope: SuggestionScope,
): Promise<void> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== 'circle' || !interaction.inGuild()) {
    await interaction.respond([]);
    return;
  }
  const names = await ctx.services.directory.suggest(
    actorOf(interaction),
    scope,
    String(focused.value).slice(0, 50),
  );
  await interaction.respond(names.map((name) => ({ name, value: name })));
}

export const STATUS_LABELS = {
  waitlisted: 'on the waitlist',
  pending: 'has not accepted the agreement yet',
  active: 'member',
  left: 'left',
} as const;
