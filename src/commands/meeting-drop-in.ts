/** `/meeting drop-in` and `/meeting drop-ins`, and the button that takes a drop-in place. */
import type { ChatInputCommandInteraction } from 'discord.js';
import { discordTime } from '../services/meetings/index.js';
import { actionId, ValidationError } from '../services/kernel/index.js';
import { actorOf, ephemeral, ephemeralMessage } from './shared.js';
import type { CommandContext, ComponentHandler } from './types.js';

type DropInOptions = { circle: string };
type DropInsOptions = { circle: string; places: string; date: string | null };

/** `/meeting drop-in`: the circle's agreement first, with an "I accept" button for that meeting. */
export async function askForDropIn(
  interaction: ChatInputCommandInteraction,
  ctx: CommandContext,
  options: DropInOptions,
): Promise<void> {
  const { circle, meeting, agreement } = await ctx.services.dropIns.offer(
    actorOf(interaction),
    options.circle,
  );
  await interaction.reply(
    ephemeralMessage({
      content:
        `**${circle.name}** has a drop-in place at its meeting of ${discordTime(meeting.startsAt)}. ` +
        'Read its confidentiality agreement and press **I accept** to take it. You get access to its channels ' +
        'from the first reminder before the meeting until the meeting ends.',
      panel: {
        title: `${circle.name}: confidentiality agreement (version ${agreement.version})`,
        text: agreement.text,
      },
      buttons: [
        {
          customId: actionId('dropin', meeting.id, String(agreement.version)),
          label: 'I accept',
          style: 'success',
        },
      ],
    }),
  );
}

/** `/meeting drop-ins`: drop-in places on or off for one meeting. */
export async function setDropIns(
  interaction: ChatInputCommandInteraction,
  ctx: CommandContext,
  options: DropInsOptions,
): Promise<void> {
  if (options.places !== 'on' && options.places !== 'off')
    throw new ValidationError('Choose whether to offer drop-in places at this meeting.');
  await interaction.deferReply({ flags: ephemeral('').flags });
  const { circle, meeting, cancelled, kept } = await ctx.services.dropIns.setForMeeting(
    actorOf(interaction),
    options.circle,
    options.places === 'on',
    options.date,
  );
  const when = discordTime(meeting.startsAt);
  if (options.places === 'on') {
    await interaction.editReply(
      circle.dropInPlaces > 0
        ? `The meeting of **${circle.name}** on ${when} offers drop-in places (${circle.dropInPlaces}).`
        : `The meeting of **${circle.name}** on ${when} may offer drop-in places, but the circle offers none: a moderator sets them with \`/circle-admin settings drop-ins\`.`,
    );
    return;
  }
  const parts = [`No drop-in places at the meeting of **${circle.name}** on ${when}.`];
  if (cancelled)
    parts.push(
      `${cancelled} drop-in place(s) not yet open were withdrawn; they were told by direct message.`,
    );
  if (kept) parts.push(`${kept} drop-in(s) already in the channels keep their place for this meeting.`);
  await interaction.editReply(parts.join(' '));
}

/** "I accept" on the agreement shown by `/meeting drop-in`: takes the place. */
export const dropInButton: ComponentHandler = {
  action: 'dropin',
  access: { target: 'meeting', caller: 'server-member' },
  async handle(interaction, [meetingId = '', version], ctx) {
    const parsed = Number(version);
    if (!Number.isInteger(parsed) || parsed < 1)
      throw new ValidationError('That button is not valid any more.');
    if (!interaction.isButton()) return;
    const { circle, meeting, opensAt, granted } = await ctx.services.dropIns.accept(
      actorOf(interaction),
      meetingId,
      parsed,
    );
    const access = granted
      ? `Your access to <#${circle.textChannelId}> and <#${circle.voiceChannelId}> is open now`
      : `Your access to its channels opens ${discordTime(opensAt)} (${discordTime(opensAt, 'R')}), with the first reminder,`;
    await interaction.update({
      content:
        `You have a drop-in place at the meeting of **${circle.name}** on ${discordTime(meeting.startsAt)}; you accepted its agreement. ` +
        `${access} and ends when the meeting ends, ${discordTime(meeting.endsAt)}.`,
      embeds: [],
      components: [],
    });
  },
};
