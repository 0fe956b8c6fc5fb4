import { actorOf, ephemeral, ephemeralMessage } from '../shared.js';
import type { ComponentHandler } from '../types.js';
import { agreementOffer, type JoinResult, waitlistOffer } from '../../services/membership/index.js';
import { renderMessage } from '../../platform/render-message.js';
import { ValidationError } from '../../services/kernel/index.js';

function versionOf(raw: string | undefined): number {
  const version = Number(raw);
  if (!Number.isInteger(version) || version < 1)
    throw new ValidationError('That button is not valid any more.');
  return version;
}

/** The answer to joining: the agreement to accept, or the waitlist when the circle is full (ephemeral). */
export function joinReply(result: JoinResult) {
  return ephemeralMessage(
    result.kind === 'agreement'
      ? agreementOffer(result.circle, result.agreement)
      : waitlistOffer(result.circle, result.waitlistLength),
  );
}

/**
 * "Join" on a circle's public open call: the same flow and answers as `/circle join`, for anyone in
 * the server (the card is public; the answer is ephemeral).
 */
export const joinButton: ComponentHandler = {
  action: 'join',
  access: { target: 'circle', caller: 'server-member' },
  async handle(interaction, [circleId = ''], ctx) {
    const result = await ctx.services.membership.joinById(actorOf(interaction), circleId);
    await interaction.reply(joinReply(result));
  },
};

/** "I accept": the agreement button, in an ephemeral reply or a direct message. */
export const acceptButton: ComponentHandler = {
  action: 'agree',
  access: { target: 'circle', caller: 'in-circle' },
  async handle(interaction, [circleId = '', version], ctx) {
    await interaction.deferUpdate();
    const circle = await ctx.services.membership.accept(interaction.user.id, circleId, versionOf(version));
    await interaction.editReply({
      content: `Welcome to **${circle.name}**. You accepted its agreement; your channels are <#${circle.textChannelId}> and <#${circle.voiceChannelId}>.`,
      embeds: [],
      components: [],
    });
  },
};

/** "I acknowledge": an active member read a changed agreement. */
export const acknowledgeButton: ComponentHandler = {
  action: 'ack',
  access: { target: 'circle', caller: 'in-circle' },
  async handle(interaction, [circleId = '', version], ctx) {
    const circle = await ctx.services.membership.acknowledge(
      interaction.user.id,
      circleId,
      versionOf(version),
    );
    await interaction.reply(
      ephemeral(`Thank you: your acknowledgement of the agreement of **${circle.name}** is recorded.`),
    );
  },
};

/** "Join the waitlist", offered when a circle is full. */
export const waitlistButton: ComponentHandler = {
  action: 'waitlist',
  access: { target: 'circle', caller: 'server-member' },
  async handle(interaction, [circleId = ''], ctx) {
    if (!interaction.isButton()) return;
    const result = await ctx.services.membership.joinWaitlist(actorOf(interaction), circleId);
    if (result.kind === 'waitlisted') {
      await interaction.update({
        content: `You are number ${result.position} on the waitlist of **${result.circle.name}**. You will get a direct message when a place opens.`,
        embeds: [],
        components: [],
      });
    } else if (result.kind === 'agreement') {
      const { content, embeds, components } = renderMessage(
        agreementOffer(result.circle, result.agreement, 'A place came free.'),
      );
      await interaction.update({ content, embeds, components });
    }
  },
};
