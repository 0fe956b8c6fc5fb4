/**
 * Options read through types derived from each command's `as const` definition: a handler receives
 * `{ circle: string; capacity: number | null; … }` for its subcommand, typed from the definition,
 * instead of reading options by name and type one by one. Required options are never null.
 */
import {
  ApplicationCommandOptionType as Type,
  type APIRole,
  type ChatInputCommandInteraction,
  type Role,
  type User,
} from 'discord.js';
import type { CommandContext } from './types.js';

/** The shape of one option in a definition (what the types below read). */
interface OptionDefinition {
  readonly type: Type;
  readonly name: string;
  readonly required?: boolean;
  readonly options?: readonly OptionDefinition[];
}

/** A channel option's value as discord.js gives it (only its id and type are used). */
type ChannelValue = NonNullable<ReturnType<ChatInputCommandInteraction['options']['getChannel']>>;

/** The value an option of a given type takes. */
type ValueOf<O> = O extends { type: Type.String }
  ? string
  : O extends { type: Type.Integer | Type.Number }
    ? number
    : O extends { type: Type.Boolean }
      ? boolean
      : O extends { type: Type.User }
        ? User
        : O extends { type: Type.Role }
          ? Role | APIRole
          : O extends { type: Type.Channel }
            ? ChannelValue
            : never;

/** The options of a definition list, by name; optional ones may be null. */
export type OptionsOf<Options> = Options extends readonly OptionDefinition[]
  ? { [O in Options[number] as O['name']]: O extends { required: true } ? ValueOf<O> : ValueOf<O> | null }
  : Record<string, never>;

/** The subcommands of a command definition. */
type SubcommandsOf<Definition> = Definition extends { options: readonly (infer O)[] }
  ? Extract<O, { type: Type.Subcommand }>
  : never;

export type SubcommandName<Definition> = SubcommandsOf<Definition>['name'];

/** The options of one subcommand, typed from the definition. */
export type SubcommandOptions<Definition, Name> = OptionsOf<
  Extract<SubcommandsOf<Definition>, { name: Name }>['options']
>;

/** A handler for each subcommand of `Definition`, receiving its typed options. */
export type SubcommandHandlers<Definition> = {
  [Name in SubcommandName<Definition>]: (
    interaction: ChatInputCommandInteraction,
    ctx: CommandContext,
    options: SubcommandOptions<Definition, Name>,
  ) => Promise<void>;
};

/** Reads every option of `definitions` from the interaction, each with the getter of its type. */
export function readOptions<Options extends readonly OptionDefinition[] | undefined>(
  interaction: ChatInputCommandInteraction,
  definitions: Options,
): OptionsOf<Options> {
  const values: Record<string, unknown> = {};
  for (const option of definitions ?? []) {
    const required = option.required === true;
    const { options } = interaction;
    switch (option.type) {
      case Type.String:
        values[option.name] = options.getString(option.name, required);
        break;
      case Type.Integer:
        values[option.name] = options.getInteger(option.name, required);
        break;
      case Type.Number:
        values[option.name] = options.getNumber(option.name, required);
        break;
      case Type.Boolean:
        values[option.name] = options.getBoolean(option.name, required);
        break;
      case Type.User:
        values[option.name] = options.getUser(option.name, required);
        break;
      case Type.Role:
        values[option.name] = options.getRole(option.name, required);
        break;
      case Type.Channel:
        values[option.name] = options.getChannel(option.name, required);
        break;
      default:
        throw new Error(`option type ${option.type} is not read by readOptions`);
    }
  }
  return values as OptionsOf<Options>;
}

/** Runs the handler of the interaction's subcommand with that subcommand's typed options. */
export async function runSubcommands<Definition extends { options: readonly OptionDefinition[] }>(
  definition: Definition,
  handlers: SubcommandHandlers<Definition>,
  interaction: ChatInputCommandInteraction,
  ctx: CommandContext,
): Promise<void> {
  const name = interaction.options.getSubcommand();
  const subcommand = definition.options.find((o) => o.type === Type.Subcommand && o.name === name);
  const handler = (handlers as Record<string, SubcommandHandlers<Definition>[SubcommandName<Definition>]>)[
    name
  ];
  if (!subcommand || !handler) throw new Error(`unknown subcommand ${name}`);
  await (handler as (i: ChatInputCommandInteraction, c: CommandContext, o: unknown) => Promise<void>)(
    interaction,
    ctx,
    readOptions(interaction, subcommand.options),
  );
}
