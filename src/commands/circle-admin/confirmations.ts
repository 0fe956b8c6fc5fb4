import type { ChatInputCommandInteraction, User } from 'discord.js';
import { actionId } from '../../services/kernel/index.js';
import { type ArchivePreview, UNARCHIVE_DAYS } from '../../services/circles/index.js';
import { confirmation, confirmed } from '../confirm.js';
import { actorOf } from '../shared.js';
import type { CommandContext, ComponentHandler } from '../types.js';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The question `/circle-admin archive` asks: what archiving would do, counted now. */
export function archiveQuestion(preview: ArchivePreview) {
  const { circle } = preview;
  const lines = [
    `**Archive ${circle.name}?**`,
    `• ${count(preview.members, 'member loses', 'members lose')} write access: they see its channels read-only.`,
    ...(preview.released
      ? [
          `• ${count(preview.released, 'person', 'people')} waiting or not yet agreed ${preview.released === 1 ? 'loses their place' : 'lose their places'}.`,
        ]
      : []),
    preview.cases
      ? `• ${count(preview.cases, 'open case request is', 'open case requests are')} withdrawn and ${preview.cases === 1 ? 'its' : 'their'} text deleted.`
      : '• No case request is open.',
    `• ${count(preview.meetings, 'upcoming meeting is', 'upcoming meetings are')} cancelled, with ${count(preview.reminders, 'reminder', 'reminders')}.`,
    `It leaves every list. It can be brought back within ${UNARCHIVE_DAYS} days with \`/circle-admin unarchive\`, but deleted case text cannot come back.`,
  ];
  return confirmation(lines, actionId('archive', circle.id), 'Archive');
}

/** `/circle-admin archive`: asks first; nothing changes until "Archive" is pressed. */
export async function askArchive(
  interaction: ChatInputCommandInteraction,
  ctx: CommandContext,
  options: { circle: string },
): Promise<void> {
  const preview = await ctx.services.circles.previewArchive(actorOf(interaction), options.circle);
  await interaction.reply(archiveQuestion(preview));
}

/** `/circle-admin remove`: asks first; nothing changes until "Remove" is pressed. */
export async function askRemove(
  interaction: ChatInputCommandInteraction,
  ctx: CommandContext,
  options: { circle: string; member: User },
): Promise<void> {
  const user = options.member;
  const { circle, status } = await ctx.services.roster.previewRemove(
    actorOf(interaction),
    options.circle,
    user.id,
  );
  const effect =
    status === 'active'
      ? `<@${user.id}> leaves **${circle.name}** and loses access to its channels at once.`
      : status === 'pending'
        ? `<@${user.id}> loses their place in **${circle.name}** (they have not accepted its agreement yet).`
        : `<@${user.id}> leaves the waitlist of **${circle.name}**.`;
  await interaction.reply(
    confirmation(
      [`**Remove <@${user.id}> from ${circle.name}?**`, effect, 'To come back they must be added again.'],
      actionId('removemember', circle.id, user.id),
      'Remove',
    ),
  );
}

/** "Archive", on the question of `/circle-admin archive`: archives the circle whose id it carries. */
export const archiveButton: ComponentHandler = {
  action: 'archive',
  access: { target: 'circle', caller: 'moderator' },
  async handle(interaction, [circleId = ''], ctx) {
    if (!interaction.isButton()) return;
    await confirmed(interaction, async () => {
      const circle = await ctx.services.circles.archive(actorOf(interaction), { id: circleId });
      return `**${circle.name}** is archived: its channels are read-only for its members and it no longer appears in lists. Its records are kept.`;
    });
  },
};

/** "Remove", on the question of `/circle-admin remove`: removes the member from the circle it names. */
export const removeMemberButton: ComponentHandler = {
  action: 'removemember',
  access: { target: 'circle', caller: 'moderator' },
  async handle(interaction, [circleId = '', userId = ''], ctx) {
    if (!interaction.isButton()) return;
    await confirmed(interaction, async () => {
      const { circle, accessRemoved } = await ctx.services.roster.remove(
        actorOf(interaction),
        { id: circleId },
        userId,
      );
      return accessRemoved
        ? `Removed <@${userId}> from **${circle.name}**; their access is gone.`
        : `Removed <@${userId}> from **${circle.name}**, but Discord did not confirm removing their access yet. The bot retries on its next channel check; the mod-log has the details.`;
    });
  },
};
