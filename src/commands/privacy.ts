import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  InteractionContextType,
  MessageFlags,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { actionId } from '../services/kernel/index.js';
import { summaryLines } from '../services/privacy/index.js';
import { runSubcommands, type SubcommandHandlers, type SubcommandName } from './options.js';
import type { Audience } from './reference.js';
import { actorOf, ephemeral } from './shared.js';
import type { ComponentHandler, SlashCommand } from './types.js';

const S = ApplicationCommandOptionType.Subcommand;

const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'privacy',
  description: 'What the bot stores about you on this server',
  contexts: [InteractionContextType.Guild],
  options: [
    { type: S, name: 'export', description: 'A copy of everything stored about you here, as a file' },
    { type: S, name: 'forget', description: 'Remove everything stored about you here (asks to confirm)' },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

const circles = (list: readonly { name: string }[]) => list.map((c) => `**${c.name}**`).join(', ');
const NOTHING = 'Nothing is stored about you on this server.';

const handlers: SubcommandHandlers<typeof data> = {
  /** Deferred: the copy may take a moment; the files come with the edit. */
  async export(interaction, ctx) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const result = await ctx.services.privacy.export(actorOf(interaction));
    if (result.total === 0) {
      await interaction.editReply({ content: NOTHING });
      return;
    }
    const exportedAt = result.exportedAt.toISOString();
    const day = exportedAt.slice(0, 10);
    const summary = [
      `What Circlekeeper stores about you on the server ${interaction.guild?.name ?? interaction.guildId}, as of ${exportedAt}:`,
      '',
      ...summaryLines(result.counts).map((line) => `- ${line}`),
      '',
      'The file privacy-export.json holds every record, by kind. Times are UTC.',
      'Case text is kept only while a case waits in a queue; it is deleted once presented or withdrawn.',
      'To have all of it removed, use /privacy forget.',
    ].join('\n');
    const json = JSON.stringify(
      { server: interaction.guildId, user: interaction.user.id, exportedAt, records: result.records },
      null,
      2,
    );
    await interaction.editReply({
      content: `Everything stored about you on this server: ${summaryLines(result.counts).join(', ')}. The files are only for you.`,
      files: [
        new AttachmentBuilder(Buffer.from(json), { name: `privacy-export-${day}.json` }),
        new AttachmentBuilder(Buffer.from(summary), { name: `privacy-summary-${day}.txt` }),
      ],
    });
  },
  /** Says what would go, with a button to confirm; nothing changes until it is pressed. */
  async forget(interaction, ctx) {
    const preview = await ctx.services.privacy.preview(actorOf(interaction));
    if (preview.total === 0 && preview.circles.length === 0) {
      await interaction.reply(ephemeral(`${NOTHING} There is nothing to forget.`));
      return;
    }
    const lines = [
      '**This removes you from Circlekeeper’s records on this server.**',
      ...(preview.circles.length
        ? [`You leave ${circles(preview.circles)}: your access to their channels goes.`]
        : []),
      ...(preview.inMeeting.length
        ? [`A meeting of ${circles(preview.inMeeting)} is under way: you leave it now.`]
        : []),
      ...(preview.leads.length
        ? [`You lead ${circles(preview.leads)}: moderators are told to choose a new leader.`]
        : []),
      `What goes: ${summaryLines(preview.counts).join(', ') || 'your places in circles'}.`,
      '**Your attendance for continuing-education credit goes too**, and certificates already issued will no longer verify. Run `/privacy export` first to keep a copy.',
      'Audit events keep a one-way pseudonym in place of your id. This cannot be undone.',
    ];
    const button = new ButtonBuilder()
      .setCustomId(actionId('forget'))
      .setLabel('Forget me')
      .setStyle(ButtonStyle.Danger);
    await interaction.reply(
      ephemeral(lines.join('\n'), {
        components: [new ActionRowBuilder<ButtonBuilder>().addComponents(button)],
      }),
    );
  },
};

export const privacyCommand: SlashCommand = {
  data,
  who: { export: 'member', forget: 'member' } satisfies Record<SubcommandName<typeof data>, Audience>,
  execute: (interaction, ctx) => runSubcommands(data, handlers, interaction, ctx),
};

/** "Forget me", on the confirmation of `/privacy forget`: acts on the clicker, on this server. */
export const forgetButton: ComponentHandler = {
  action: 'forget',
  access: { target: 'self' },
  async handle(interaction, _args, ctx) {
    if (!interaction.isButton()) return;
    await interaction.deferUpdate();
    const result = await ctx.services.privacy.forget(actorOf(interaction));
    const changed = Object.values(result.counts).reduce((sum, n) => sum + n, 0);
    const content =
      changed === 0 && result.left.length === 0
        ? `Done. ${NOTHING}`
        : [
            `Done: you are forgotten on this server${result.left.length ? `, and left ${circles(result.left)}` : ''}.`,
            result.accessRemoved
              ? ''
              : 'Discord did not confirm removing your channel access yet; the bot removes it on its next channel check (within 15 minutes), and moderators were told.',
          ]
            .filter(Boolean)
            .join(' ');
    await interaction.editReply({ content, components: [] });
  },
};
