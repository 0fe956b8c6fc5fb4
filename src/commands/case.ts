import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ButtonBuilder,
  ButtonStyle,
  InteractionContextType,
  MessageFlags,
  type InteractionEditReplyOptions,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import {
  type CaseRequest,
  LABEL_MAX,
  QUESTION_MAX,
  type QueueView,
  URGENCIES,
  URGENCY_LABELS,
} from '../services/cases/index.js';
import type { Circle } from '../services/circles/index.js';
import { DomainError, actionId } from '../services/kernel/index.js';
import { choicesOf } from './limits.js';
import { actorOf, circleOption, ephemeral, fitLines, suggestCircles } from './shared.js';
import type { ComponentHandler, SlashCommand } from './types.js';
import { runSubcommands, type SubcommandHandlers, type SubcommandName } from './options.js';
import type { Audience } from './reference.js';

const S = ApplicationCommandOptionType.Subcommand;

const data = {
  type: ApplicationCommandType.ChatInput,
  name: 'case',
  description: 'The case queue of your circle',
  contexts: [InteractionContextType.Guild],
  options: [
    {
      type: S,
      name: 'submit',
      description: 'Bring a case: a short label without names, places, dates or unique details',
      options: [
        circleOption(),
        {
          type: ApplicationCommandOptionType.String,
          name: 'urgency',
          description: 'Routine (default) or urgent',
          ...choicesOf(URGENCIES, URGENCY_LABELS),
        },
      ],
    },
    { type: S, name: 'queue', description: 'The order of cases in your circle', options: [circleOption()] },
    { type: S, name: 'withdraw', description: 'Take your case out of the queue', options: [circleOption()] },
    {
      type: S,
      name: 'next',
      description: 'Take the next case (facilitator or leader)',
      options: [circleOption()],
    },
  ],
} as const satisfies RESTPostAPIChatInputApplicationCommandsJSONBody;

/**
 * What a member typed into a refused form, kept in memory only (never stored or logged) for a few
 * minutes so that "Edit and resubmit" can show it again for correction.
 */
const drafts = new Map<string, { label: string; question: string; until: number }>();
const DRAFT_MS = 10 * 60_000;
const draftKey = (userId: string, circleId: string) => `${userId}:${circleId}`;
/** Forgets drafts past their time; run on every use so that none outlives it for long. */
function sweepDrafts(): void {
  const now = Date.now();
  for (const [key, draft] of drafts) if (draft.until <= now) drafts.delete(key);
}

function caseForm(
  circleId: string,
  urgency: string,
  values: { label?: string; question?: string } = {},
): ModalBuilder {
  const label = new TextInputBuilder()
    .setCustomId('label')
    .setLabel('Label: a few de-identified words')
    .setStyle(TextInputStyle.Short)
    .setMaxLength(LABEL_MAX)
    .setRequired(true)
    .setPlaceholder('No names, places, dates or unique details: e.g. Grief after a loss');
  const question = new TextInputBuilder()
    .setCustomId('question')
    .setLabel('Question for the group (optional)')
    .setStyle(TextInputStyle.Paragraph)
    .setMaxLength(QUESTION_MAX)
    .setRequired(false)
    .setPlaceholder('Leave out names, places, dates and anything unique to the person.');
  if (values.label) label.setValue(values.label);
  if (values.question) question.setValue(values.question);
  return new ModalBuilder()
    .setCustomId(actionId('case', circleId, urgency))
    .setTitle('Bring a case (no identifying details)')
    .addComponents(
      new ActionRowBuilder<TextInputBuilder>().addComponents(label),
      new ActionRowBuilder<TextInputBuilder>().addComponents(question),
    );
}

/** The label and question of a case, for an ephemeral reply to its presenter or facilitator. */
function caseText(request: CaseRequest): string {
  if (!request.label) return '';
  const question = request.question ? `\nQuestion for the group: ${request.question}` : '';
  return `\nLabel: ${request.label}${question}`;
}

/**
 * The ephemeral confirmation of a submission: the stored text back, because no check catches
 * everything, and a button to withdraw it at once.
 */
function submitted(circle: Circle, position: number, request: CaseRequest) {
  const stored = request.label
    ? `${caseText(request)}\nIf anything in it could identify the person, withdraw it now.`
    : '';
  const withdraw = new ButtonBuilder()
    .setCustomId(actionId('casewithdraw', circle.id))
    .setLabel('Withdraw')
    .setStyle(ButtonStyle.Danger);
  return ephemeral(`Your case is number ${position} in the queue of **${circle.name}**.${stored}`, {
    components: [new ActionRowBuilder<ButtonBuilder>().addComponents(withdraw)],
  });
}

/** An ephemeral reply's options as an edit of a deferred reply (which is ephemeral already). */
function edited({ flags: _flags, ...rest }: ReturnType<typeof ephemeral>): InteractionEditReplyOptions {
  return {
    content: rest.content ?? null,
    components: rest.components ?? [],
    allowedMentions: rest.allowedMentions,
  };
}

function describeQueue({ circle, presenting, queue }: QueueView): string {
  const balint = circle.kind === 'balint';
  const line = (userId: string, label: string | null, urgent: boolean) =>
    `<@${userId}>${urgent ? ' (urgent)' : ''}${balint || !label ? '' : `: ${label}`}`;
  const lines = [`**Case queue of ${circle.name}**`];
  if (presenting)
    lines.push(`Now: ${line(presenting.userId, presenting.label, presenting.urgency === 'urgent')}`);
  queue.forEach((c, i) => lines.push(`${i + 1}. ${line(c.userId, c.label, c.urgency === 'urgent')}`));
  if (!presenting && queue.length === 0) lines.push('Empty.');
  return fitLines(lines);
}

const handlers: SubcommandHandlers<typeof data> = {
  async submit(interaction, ctx, options) {
    const actor = actorOf(interaction);
    const urgency = options.urgency ?? 'routine';
    const circle = await ctx.services.cases.prepareSubmit(actor, options.circle);
    if (circle.kind === 'balint') {
      // Balint cases are told without notes: the request carries no text at all.
      const { position, request } = await ctx.services.cases.submit(actor, circle.id, { urgency });
      await interaction.reply(submitted(circle, position, request));
      return;
    }
    await interaction.showModal(caseForm(circle.id, urgency));
  },
  async queue(interaction, ctx, options) {
    const view = await ctx.services.cases.queue(actorOf(interaction), options.circle);
    await interaction.reply(ephemeral(describeQueue(view)));
  },
  async withdraw(interaction, ctx, options) {
    const circle = await ctx.services.cases.withdraw(actorOf(interaction), options.circle);
    await interaction.reply(
      ephemeral(`Your case is out of the queue of **${circle.name}**, and its text is deleted.`),
    );
  },
  async next(interaction, ctx, options) {
    await interaction.deferReply({ flags: ephemeral('').flags });
    const { circle, taken } = await ctx.services.cases.next(actorOf(interaction), options.circle);
    await interaction.editReply({
      content: taken
        ? `Next case in **${circle.name}**: <@${taken.userId}>.${caseText(taken)}`
        : `The queue of **${circle.name}** is empty.`,
      allowedMentions: { parse: [] },
    });
  },
};

export const caseCommand: SlashCommand = {
  data,
  who: {
    submit: 'member',
    queue: 'member',
    withdraw: 'member',
    next: 'facilitator or leader',
  } satisfies Record<SubcommandName<typeof data>, Audience>,
  execute: (interaction, ctx) => runSubcommands(data, handlers, interaction, ctx),
  autocomplete: (interaction, ctx) => suggestCircles(interaction, ctx, 'active'),
};

/** Submit of the case form; a refused text stays available to correct. */
export const caseModal: ComponentHandler = {
  action: 'case',
  access: { target: 'circle', caller: 'attendee' },
  async handle(interaction, [circleId = '', urgency = 'routine'], ctx) {
    if (!interaction.isModalSubmit()) return;
    const label = interaction.fields.getTextInputValue('label');
    const question = interaction.fields.getTextInputValue('question');
    const key = draftKey(interaction.user.id, circleId);
    sweepDrafts();
    // Deferred first: the answer never depends on how long the check takes.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    try {
      const { circle, position, request } = await ctx.services.cases.submit(actorOf(interaction), circleId, {
        label,
        question,
        urgency,
      });
      drafts.delete(key);
      await interaction.editReply(edited(submitted(circle, position, request)));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'invalid-input') throw error;
      drafts.set(key, { label, question, until: Date.now() + DRAFT_MS });
      // Forgotten on time even if nobody uses the form again (the timer does not keep the process up).
      setTimeout(sweepDrafts, DRAFT_MS + 1000).unref();
      const edit = new ButtonBuilder()
        .setCustomId(actionId('caseedit', circleId, urgency))
        .setLabel('Edit and resubmit')
        .setStyle(ButtonStyle.Primary);
      await interaction.editReply(
        edited(
          ephemeral(error.userMessage, {
            components: [new ActionRowBuilder<ButtonBuilder>().addComponents(edit)],
          }),
        ),
      );
    }
  },
};

/** "Edit and resubmit": the form again, with what was typed, to correct. */
export const caseEditButton: ComponentHandler = {
  action: 'caseedit',
  access: { target: 'circle', caller: 'attendee' },
  async handle(interaction, [circleId = '', urgency = 'routine']) {
    if (!interaction.isButton()) return;
    sweepDrafts();
    const draft = drafts.get(draftKey(interaction.user.id, circleId));
    const values = draft && draft.until > Date.now() ? draft : {};
    await interaction.showModal(caseForm(circleId, urgency, values));
  },
};

/** "I have a case", on a Balint circle's start prompt. */
export const haveCaseButton: ComponentHandler = {
  action: 'havecase',
  access: { target: 'circle', caller: 'attendee' },
  async handle(interaction, [circleId = ''], ctx) {
    const { circle, position, request } = await ctx.services.cases.submit(actorOf(interaction), circleId, {});
    await interaction.reply(submitted(circle, position, request));
  },
};

/** "Withdraw", on the confirmation of a submitted case. */
export const caseWithdrawButton: ComponentHandler = {
  action: 'casewithdraw',
  access: { target: 'circle', caller: 'attendee' },
  async handle(interaction, [circleId = ''], ctx) {
    if (!interaction.isButton()) return;
    const circle = await ctx.services.cases.withdrawById(actorOf(interaction), circleId);
    await interaction.update({
      content: `Your case is out of the queue of **${circle.name}**, and its text is deleted.`,
      components: [],
    });
  },
};

/** "Show the case", on the next-case announcement: the text, ephemerally, to those who may see it. */
export const showCaseButton: ComponentHandler = {
  action: 'caseshow',
  access: { target: 'circle', caller: 'member' },
  async handle(interaction, [circleId = ''], ctx) {
    const { circle, request } = await ctx.services.cases.presenting(actorOf(interaction), circleId);
    await interaction.reply(
      ephemeral(`The case of <@${request.userId}> in **${circle.name}**:${caseText(request)}`),
    );
  },
};
