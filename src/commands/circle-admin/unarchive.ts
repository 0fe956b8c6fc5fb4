import type { ChatInputCommandInteraction } from 'discord.js';
import { discordTime } from '../../services/meetings/index.js';
import { actorOf, ephemeral } from '../shared.js';
import type { CommandContext } from '../types.js';

/** `/circle-admin unarchive`: brings a circle back, locked, and says what comes back and what does not. */
export async function unarchiveCircle(
  interaction: ChatInputCommandInteraction,
  ctx: CommandContext,
  options: { circle: string },
): Promise<void> {
  await interaction.deferReply({ flags: ephemeral('').flags });
  const { circle, meetings, missingChannels } = await ctx.services.circles.unarchive(
    actorOf(interaction),
    options.circle,
  );
  const [next] = meetings;
  await interaction.editReply(
    [
      `**${circle.name}** is back: its members have full access to its channels again.`,
      `It is **locked**, so nobody new joins until a moderator unlocks it with \`/circle-admin unlock\`.`,
      next
        ? `Its meetings follow its schedule again; next: ${discordTime(next.startsAt)}, with reminders.`
        : 'It has no upcoming meetings: set its schedule with `/circle-admin schedule`.',
      'Case text deleted when it was archived does not come back.',
      ...(missingChannels.length
        ? [
            `Its ${missingChannels.join(' and ')} channel${missingChannels.length > 1 ? 's were' : ' was'} deleted meanwhile: \`/circle-admin repair\` recreates ${missingChannels.length > 1 ? 'them' : 'it'}.`,
          ]
        : []),
    ].join('\n'),
  );
}
