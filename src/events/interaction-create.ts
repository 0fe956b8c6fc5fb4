import { randomBytes } from 'node:crypto';
import { MessageFlags, type Interaction, type RepliableInteraction } from 'discord.js';
import { actorOf } from '../commands/shared.js';
import type { CommandContext, ComponentHandler, SlashCommand } from '../commands/types.js';
import { DomainError, errorFields, parseAction } from '../services/kernel/index.js';

/** Told of every interaction when it is finished with (metrics). */
export type InteractionObserver = (
  kind: 'command' | 'autocomplete' | 'button' | 'modal' | 'other',
  outcome: 'ok' | 'refused' | 'failed',
  ms: number,
) => void;

export interface InteractionRouter {
  handle(interaction: Interaction): Promise<void>;
}

/**
 * Routes every interaction to its handler, inside the one error boundary: a `DomainError`
 * becomes its short ephemeral message; anything else a generic answer with a reference id,
 * and a log line with ids and the stack (never option values, which could hold case text).
 */
export function createInteractionRouter(
  commands: readonly SlashCommand[],
  components: readonly ComponentHandler[],
  ctx: CommandContext,
  observe: InteractionObserver = () => undefined,
): InteractionRouter {
  const byName = new Map(commands.map((c) => [c.data.name, c]));
  const byAction = new Map(components.map((c) => [c.action, c]));

  return {
    async handle(interaction) {
      const started = performance.now();
      try {
        if (interaction.isChatInputCommand()) {
          const command = byName.get(interaction.commandName);
          if (!command) throw new DomainError('unknown-command', 'That command is no longer available.');
          await command.execute(interaction, ctx);
        } else if (interaction.isAutocomplete()) {
          await byName.get(interaction.commandName)?.autocomplete?.(interaction, ctx);
        } else if (interaction.isButton() || interaction.isModalSubmit()) {
          const action = parseAction(interaction.customId);
          const handler = action === null ? undefined : byAction.get(action.prefix);
          if (!action || !handler)
            throw new DomainError('unknown-component', 'That button is not valid any more.');
          const { args } = action;
          const user = interaction.inGuild()
            ? { actor: actorOf(interaction) }
            : { userId: interaction.user.id, guildId: null };
          await ctx.services.access.authorize(user, handler.access, args);
          await handler.handle(interaction, args, ctx);
        }
        ctx.logger.debug(
          { ...describe(interaction), ms: Math.round(performance.now() - started) },
          'interaction handled',
        );
        observe(kindOf(interaction), 'ok', performance.now() - started);
      } catch (error) {
        await answerError(interaction, error, ctx);
        observe(
          kindOf(interaction),
          error instanceof DomainError ? 'refused' : 'failed',
          performance.now() - started,
        );
      }
    },
  };
}

function kindOf(interaction: Interaction): Parameters<InteractionObserver>[0] {
  if (interaction.isChatInputCommand()) return 'command';
  if (interaction.isAutocomplete()) return 'autocomplete';
  if (interaction.isButton()) return 'button';
  if (interaction.isModalSubmit()) return 'modal';
  return 'other';
}

function describe(interaction: Interaction): Record<string, unknown> {
  return {
    interactionId: interaction.id,
    guildId: interaction.guildId,
    userId: interaction.user.id,
    command: interaction.isCommand() || interaction.isAutocomplete() ? interaction.commandName : undefined,
    subcommand: interaction.isChatInputCommand() ? interaction.options.getSubcommand(false) : undefined,
    customIdPrefix:
      interaction.isButton() || interaction.isModalSubmit()
        ? (parseAction(interaction.customId)?.prefix ?? 'unknown')
        : undefined,
  };
}

async function answerError(interaction: Interaction, error: unknown, ctx: CommandContext): Promise<void> {
  let message: string;
  if (error instanceof DomainError) {
    message = error.userMessage;
    ctx.logger.info({ ...describe(interaction), code: error.code }, 'interaction refused');
  } else {
    const reference = randomBytes(4).toString('hex').toUpperCase();
    message = `Something went wrong on our side. Nothing was changed that you need to undo. Reference: ${reference}`;
    ctx.logger.error({ ...describe(interaction), reference, ...errorFields(error) }, 'interaction failed');
  }
  if (interaction.isAutocomplete()) {
    if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    return;
  }
  if (!interaction.isRepliable()) return;
  await reply(interaction, message).catch((replyError: unknown) =>
    ctx.logger.warn(
      { interactionId: interaction.id, ...errorFields(replyError) },
      'could not answer an interaction',
    ),
  );
}

async function reply(interaction: RepliableInteraction, content: string): Promise<void> {
  const body = { content, allowedMentions: { parse: [] } };
  // After deferUpdate (`ephemeral` still null) the original message stays; the error goes in a new one.
  const deferredReply = interaction.deferred && !interaction.replied && interaction.ephemeral !== null;
  if (deferredReply) await interaction.editReply(body);
  else if (interaction.deferred || interaction.replied)
    await interaction.followUp({ ...body, flags: MessageFlags.Ephemeral });
  else await interaction.reply({ ...body, flags: MessageFlags.Ephemeral });
}
