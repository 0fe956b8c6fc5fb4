import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import {
  CIRCLE_KIND_LABELS,
  type CircleDetails,
  FACILITATION_LABELS,
  type SuggestionScope,
} from '../../services/circles/index.js';
import { discordTime } from '../../services/meetings/index.js';
import { actorOf, circleOption, ephemeral, fitLines, STATUS_LABELS, suggestCircles } from '../shared.js';
import type { SlashCommand } from '../types.js';
import { joinReply } from './membership-buttons.js';
import { runSubcommands, type SubcommandHandlers, type SubcommandName } from '../options.js';
import type { Audience } from '../reference.js';

const S = ApplicationCommandOptionType.Subcommand;

const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'circle',
  description: 'Find, join and leave circles',
  contexts: [InteractionContextType.Guild],
  options: [
    { type: S, name: 'list', description: 'Circles open for joining, and your own' },
    { type: S, name: 'info', description: 'Details of a circle', options: [circleOption()] },
    {
      type: S,
      name: 'join',
      description: 'Join a circle (or its waitlist when full)',
      options: [circleOption()],
    },
    { type: S, name: 'leave', description: 'Leave a circle or its waitlist', options: [circleOption()] },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const scopes: Record<string, SuggestionScope> = { info: 'visible', join: 'join', leave: 'leave' };

const handlers: SubcommandHandlers<typeof data> = {
  async list(interaction, ctx) {
    const { open, mine } = await ctx.services.directory.list(actorOf(interaction));
    const lines = ['**Circles open for joining**'];
    if (open.length === 0) lines.push('None at the moment.');
    for (const { circle, seatsTaken, waitlistLength } of open) {
      const places =
        seatsTaken >= circle.capacity
          ? `full, ${waitlistLength} waiting`
          : `${circle.capacity - seatsTaken} of ${circle.capacity} places free`;
      lines.push(`• **${circle.name}** (${CIRCLE_KIND_LABELS[circle.kind]}): ${places}`);
    }
    if (mine.length) {
      lines.push(
        '',
        '**Your circles**',
        ...mine.map(({ circle, status }) => `• **${circle.name}**: ${STATUS_LABELS[status]}`),
      );
    }
    await interaction.reply(ephemeral(fitLines(lines)));
  },
  async info(interaction, ctx, options) {
    const details = await ctx.services.directory.info(actorOf(interaction), options.circle);
    await interaction.reply(ephemeral(describe(details)));
  },
  async join(interaction, ctx, options) {
    const result = await ctx.services.membership.join(actorOf(interaction), options.circle);
    await interaction.reply(joinReply(result));
  },
  async leave(interaction, ctx, options) {
    await interaction.deferReply({ flags: ephemeral('').flags });
    const { circle, wasWaitlisted, accessRemoved } = await ctx.services.membership.leave(
      actorOf(interaction),
      options.circle,
    );
    let text = `You left **${circle.name}**; its channels are closed to you now.`;
    if (wasWaitlisted) text = `You left the waitlist of **${circle.name}**.`;
    else if (!accessRemoved) {
      text = `You left **${circle.name}**. Discord did not confirm closing its channels to you yet; the bot retries shortly.`;
    }
    await interaction.editReply(text);
  },
};

function describe({ circle, seatsTaken, waitlistLength, status, roster, exposure }: CircleDetails): string {
  const lines = [
    `**${circle.name}**: ${CIRCLE_KIND_LABELS[circle.kind]}, ${FACILITATION_LABELS[circle.facilitation].toLowerCase()}`,
    `Enrolment: ${circle.state}; ${seatsTaken} of ${circle.capacity} places taken; ${waitlistLength} on the waitlist`,
    `Agreement: version ${circle.agreementVersion}`,
  ];
  if (status) lines.push(`You: ${STATUS_LABELS[status]}`);
  if (status === 'active') lines.push(`Channels: <#${circle.textChannelId}> and <#${circle.voiceChannelId}>`);
  if (roster)
    lines.push(`Members (${roster.length}): ${roster.map((id) => `<@${id}>`).join(', ') || 'none yet'}`);
  if (exposure) {
    const since = exposure.since ? ` since ${discordTime(exposure.since)}` : '';
    lines.push(
      `🚨 Exposed${since} (${exposure.kind}): a channel may be readable by outsiders or is gone. Run \`/circle-admin repair ${circle.name}\`.`,
    );
  }
  return lines.join('\n');
}

export const circleCommand: SlashCommand = {
  data,
  who: { list: 'anyone', info: 'anyone', join: 'anyone', leave: 'member' } satisfies Record<
    SubcommandName<typeof data>,
    Audience
  >,
  execute: (interaction, ctx) => runSubcommands(data, handlers, interaction, ctx),
  async autocomplete(interaction, ctx) {
    await suggestCircles(interaction, ctx, scopes[interaction.options.getSubcommand()] ?? 'visible');
  },
};
