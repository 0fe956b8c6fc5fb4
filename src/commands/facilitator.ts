import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { POOL_ACTION_LABELS, POOL_ACTIONS } from '../services/facilitation/index.js';
import { discordTime } from '../services/meetings/index.js';
import { choicesOf, DATE_TEXT } from './limits.js';
import { actorOf, circleOption, ephemeral, fitLines, suggestCircles } from './shared.js';
import type { ComponentHandler, SlashCommand } from './types.js';
import { runSubcommands, type SubcommandHandlers, type SubcommandName } from './options.js';
import type { Audience } from './reference.js';

const S = ApplicationCommandOptionType.Subcommand;
const date = <N extends string>(name: N, description: string) =>
  ({ type: ApplicationCommandOptionType.String, name, description, required: true, ...DATE_TEXT }) as const;

const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'facilitator',
  description: 'Who facilitates your circle’s meetings',
  contexts: [InteractionContextType.Guild],
  options: [
    { type: S, name: 'rotation', description: 'The next facilitators', options: [circleOption()] },
    {
      type: S,
      name: 'swap',
      description: 'Offer to trade your next duty with another pool member',
      options: [
        circleOption(),
        {
          type: ApplicationCommandOptionType.User,
          name: 'member',
          description: 'Who to swap with',
          required: true,
        },
      ],
    },
    {
      type: S,
      name: 'away',
      description: 'Days you cannot facilitate (you keep your place)',
      options: [
        circleOption(),
        date('from', 'First day, such as 2026-12-01'),
        date('to', 'Last day, such as 2026-12-14'),
      ],
    },
    {
      type: S,
      name: 'pool',
      description: 'Join or leave the facilitator pool',
      options: [
        circleOption(),
        {
          type: ApplicationCommandOptionType.String,
          name: 'action',
          description: 'Join or leave',
          required: true,
          ...choicesOf(POOL_ACTIONS, POOL_ACTION_LABELS),
        },
      ],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const handlers: SubcommandHandlers<typeof data> = {
  async rotation(interaction, ctx, options) {
    const { circle, duties } = await ctx.services.facilitation.rotation(actorOf(interaction), options.circle);
    const lines = duties.map(
      (d) =>
        `• ${discordTime(d.meeting.startsAt)}: ${d.facilitatorId ? `<@${d.facilitatorId}>` : 'nobody available'}` +
        (d.coFacilitatorId ? ` with <@${d.coFacilitatorId}>` : '') +
        (d.fixed ? ' (fixed)' : ''),
    );
    await interaction.reply(
      ephemeral(
        fitLines([
          `**Facilitators of ${circle.name}**`,
          ...(lines.length ? lines : ['No upcoming meetings.']),
        ]),
      ),
    );
  },
  async swap(interaction, ctx, options) {
    const partner = options.member;
    await interaction.deferReply({ flags: ephemeral('').flags });
    const { circle, dmSent } = await ctx.services.swaps.proposeSwap(
      actorOf(interaction),
      options.circle,
      partner.id,
    );
    const where = dmSent ? 'by direct message' : 'in the circle’s channel';
    await interaction.editReply({
      content: `Asked <@${partner.id}> ${where} to swap your next duties in **${circle.name}**.`,
      allowedMentions: { parse: [] },
    });
  },
  async away(interaction, ctx, options) {
    const { circle, from, to } = await ctx.services.facilitation.away(
      actorOf(interaction),
      options.circle,
      options.from,
      options.to,
    );
    await interaction.reply(
      ephemeral(
        `Noted: you are away from ${from} to ${to}; **${circle.name}** keeps your place in the rotation.`,
      ),
    );
  },
  async pool(interaction, ctx, options) {
    const action = options.action === 'leave' ? 'leave' : 'join';
    const circle = await ctx.services.facilitation.pool(actorOf(interaction), options.circle, action);
    await interaction.reply(
      ephemeral(
        action === 'join'
          ? `You are in the facilitator pool of **${circle.name}**.`
          : `You left the facilitator pool of **${circle.name}**.`,
      ),
    );
  },
};

export const facilitatorCommand: SlashCommand = {
  data,
  who: { rotation: 'member', swap: 'member', away: 'member', pool: 'member' } satisfies Record<
    SubcommandName<typeof data>,
    Audience
  >,
  execute: (interaction, ctx) => runSubcommands(data, handlers, interaction, ctx),
  autocomplete: (interaction, ctx) => suggestCircles(interaction, ctx, 'active'),
};

function swapAnswer(accept: boolean): ComponentHandler {
  return {
    action: accept ? 'swapyes' : 'swapno',
    access: { target: 'swap', caller: 'member' },
    async handle(interaction, [swapId = ''], ctx) {
      if (!interaction.isButton()) return;
      const { circle } = await ctx.services.swaps.answerSwap(interaction.user.id, swapId, accept);
      const answer = accept
        ? `Swap accepted: the duties in **${circle.name}** are traded.`
        : `Swap declined in **${circle.name}**.`;
      await interaction.reply(ephemeral(answer));
    },
  };
}

export const swapAcceptButton = swapAnswer(true);
export const swapDeclineButton = swapAnswer(false);
