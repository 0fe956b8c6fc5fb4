import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type ButtonInteraction } from 'discord.js';
import { actionId } from '../services/kernel/index.js';
import { ephemeral } from './shared.js';
import type { ComponentHandler } from './types.js';

/**
 * An ephemeral question before an action that cannot be undone: what it would do, a danger-style
 * button whose custom id carries what is confirmed (ids, never names), and "Keep".
 */
export function confirmation(lines: string[], confirmId: string, confirmLabel: string) {
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(confirmId).setLabel(confirmLabel).setStyle(ButtonStyle.Danger),
    new ButtonBuilder().setCustomId(actionId('keep')).setLabel('Keep').setStyle(ButtonStyle.Secondary),
  );
  return ephemeral(lines.join('\n'), { components: [row] });
}

/**
 * Runs a confirmed action: the click is acknowledged at once (the action may take Discord calls),
 * then the question becomes the result and loses its buttons. A refusal (the state changed since
 * the question) comes from the error boundary as a new ephemeral answer; nothing changes then.
 */
export async function confirmed(interaction: ButtonInteraction, act: () => Promise<string>): Promise<void> {
  await interaction.deferUpdate();
  const content = await act();
  await interaction.editReply({ content, components: [], allowedMentions: { parse: [] } });
}

/** "Keep", on any confirmation: nothing changes, and the question says so. */
export const keepButton: ComponentHandler = {
  action: 'keep',
  access: { target: 'self' },
  async handle(interaction) {
    if (!interaction.isButton()) return;
    await interaction.update({ content: 'Nothing changed.', components: [] });
  },
};
