import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ButtonBuilder,
  ButtonStyle,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type BaseInteraction,
  type InteractionReplyOptions,
} from 'discord.js';
import type { Actor } from '../services/actor.js';
import type { SuggestionScope } from '../services/circle-directory-service.js';
import type { OutgoingMessage } from '../services/ports.js';
import type { CommandContext } from './types.js';
import { render } from '../platform/discord-chat-platform.js';

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

/** An ephemeral reply carrying an `OutgoingMessage` (text and buttons). */
export function ephemeralMessage(
  message: OutgoingMessage,
): InteractionReplyOptions & { flags: MessageFlags.Ephemeral } {
  const { content, components } = render(message);
  return ephemeral(content ?? '', { components: components });
}

export function button(
  customId: string,
  label: string,
  style = ButtonStyle.Primary,
): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(customId).setLabel(label).setStyle(style),
  );
}

/** The `circle` option every circle command takes, with autocomplete. */
export function circleOption(description = 'The circle') {
  return {
    type: ApplicationCommandOptionType.String,
    name: 'circle',
    description,
    required: true,
    autocomplete: true,
  } as const;
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
