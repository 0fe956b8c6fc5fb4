import type { ChatInputCommandInteraction } from 'discord.js';
import { type ChannelRepair, REFUSALS, type RepairReport } from '../../services/channels/index.js';
import { actorOf, ephemeral } from '../shared.js';
import type { CommandContext } from '../types.js';

function line({ kind, channelId, outcome, outsiders, code }: ChannelRepair): string {
  const label = kind === 'text' ? 'Text channel' : 'Voice channel';
  const seen = outsiders ? ` (${outsiders} role(s) or member(s) outside the roster could see it)` : '';
  switch (outcome) {
    case 'as-written':
      return `• ${label} <#${channelId}>: as the roster says.`;
    case 'restored':
      return `• ${label} <#${channelId}>: permissions restored${seen}.`;
    case 'recreated':
      return `• ${label}: it was gone; recreated as <#${channelId}> with the roster's permissions.`;
    case 'not-recreated':
      return `• ${label}: it is gone, and is not recreated because the circle is archived.`;
    case 'refused':
      return `• ${label} <#${channelId}>: Discord refused the repair (${code ? REFUSALS[code] : 'refused'})${seen}. Give the bot View Channel and Manage Permissions on it, then repair again.`;
    case 'unsettled':
      return `• ${label} <#${channelId}>: rewritten, but it did not stay as written${seen}; something else keeps changing it.`;
  }
}

/** The answer to `/circle-admin repair`: what was done to each channel, and the exposure. */
export function describeRepair({ circle, channels, cleared }: RepairReport): string {
  const lines = [`**Repair of ${circle.name}**`, ...channels.map(line)];
  if (cleared) lines.push('✅ The circle is no longer marked exposed.');
  else if (circle.exposure) lines.push(`⚠️ The circle stays marked exposed (${circle.exposure}).`);
  return lines.join('\n');
}

/** `/circle-admin repair circle`. */
export async function repairCircle(
  interaction: ChatInputCommandInteraction,
  ctx: CommandContext,
  options: { circle: string },
): Promise<void> {
  await interaction.deferReply({ flags: ephemeral('').flags });
  const report = await ctx.services.repair.repair(actorOf(interaction), options.circle);
  await interaction.editReply({ content: describeRepair(report), allowedMentions: { parse: [] } });
}
