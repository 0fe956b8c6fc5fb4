import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  type MessageCreateOptions,
} from 'discord.js';
import type { OutgoingMessage } from '../services/kernel/index.js';

const STYLES = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
} as const;

/** Calm, neutral colour for panels. */
const PANEL_COLOUR = 0x5b7f95;

/** Discord takes at most 100 user ids in `allowed_mentions.users`. */
const MAX_NOTIFIED = 100;

/**
 * Renders an `OutgoingMessage` for discord.js. Mentions name people without notifying them, except
 * the users in `notify`; `@everyone`, `@here` and roles never notify.
 */
export function renderMessage(
  message: OutgoingMessage,
): Required<Pick<MessageCreateOptions, 'content' | 'embeds' | 'components' | 'allowedMentions'>> {
  const buttons = (message.buttons ?? []).map((b) =>
    new ButtonBuilder()
      .setCustomId(b.customId)
      .setLabel(b.label)
      .setStyle(STYLES[b.style ?? 'primary']),
  );
  const embeds = message.panel
    ? [
        new EmbedBuilder()
          .setTitle(message.panel.title.slice(0, 256))
          .setDescription(message.panel.text)
          .setColor(PANEL_COLOUR),
      ]
    : [];
  return {
    content: message.content,
    embeds,
    allowedMentions: message.notify?.length
      ? { parse: [], users: [...new Set(message.notify)].slice(0, MAX_NOTIFIED) }
      : { parse: [] },
    components: buttons.length ? [new ActionRowBuilder<ButtonBuilder>().addComponents(buttons)] : [],
  };
}
