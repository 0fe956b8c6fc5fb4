/**
 * The command reference, generated from the command definitions: `/help`, the README's command table
 * and `docs/commands.md` all come from here (`npm run docs` writes the two files; a test fails when
 * they are out of date). A command's data says what it does; its `who` says who uses each subcommand.
 */
import {
  ApplicationCommandOptionType as Type,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { SlashCommand } from './types.js';

/** Who uses a command, as `/help` groups them. */
export const AUDIENCES = [
  'anyone',
  'member',
  'facilitator or leader',
  'moderator or leader',
  'moderator',
] as const;
export type Audience = (typeof AUDIENCES)[number];

/** One line of the reference: one subcommand (or a command without subcommands). */
export interface ReferenceEntry {
  /** `/circle join circle`, `/setup [moderator-role] [category] [mod-log]`. */
  usage: string;
  who: Audience;
  what: string;
  options: APIApplicationCommandOption[];
}

/** `circle` when required, `[capacity]` when not. */
function usageOf(options: readonly APIApplicationCommandOption[]): string {
  return options.map((o) => ('required' in o && o.required === true ? o.name : `[${o.name}]`)).join(' ');
}

/** Every entry of the reference, in registration order. */
export function commandReference(commands: readonly SlashCommand[]): ReferenceEntry[] {
  return commands.flatMap((command) => {
    const data: RESTPostAPIChatInputApplicationCommandsJSONBody = command.data;
    const subcommands = (data.options ?? []).filter((o) => o.type === Type.Subcommand);
    if (subcommands.length === 0) {
      const options = data.options ?? [];
      const usage = [`/${data.name}`, usageOf(options)].filter(Boolean).join(' ');
      return [{ usage, who: whoOf(command, ''), what: data.description, options }];
    }
    return subcommands.map((sub) => {
      const options = sub.options ?? [];
      const usage = [`/${data.name} ${sub.name}`, usageOf(options)].filter(Boolean).join(' ');
      return { usage, who: whoOf(command, sub.name), what: sub.description, options };
    });
  });
}

function whoOf(command: SlashCommand, subcommand: string): Audience {
  const who = command.who[subcommand];
  if (who === undefined) throw new Error(`/${command.data.name} ${subcommand}: no audience declared`);
  return who;
}

const SECTION: Record<Audience, string> = {
  anyone: 'Everyone',
  member: 'Members',
  'facilitator or leader': 'Facilitators and leaders',
  'moderator or leader': 'Moderators and circle leaders',
  moderator: 'Moderators (Manage Server or the moderator role)',
};

/** What `/help` shows: the entries grouped by who uses them. */
export function helpText(entries: readonly ReferenceEntry[]): string {
  const sections = AUDIENCES.flatMap((audience) => {
    const lines = entries.filter((e) => e.who === audience).map((e) => `• \`${e.usage}\`: ${e.what}`);
    return lines.length ? [`**${SECTION[audience]}**`, ...lines, ''] : [];
  });
  return sections.join('\n').trimEnd();
}

/** The README's command table (before formatting). */
export function commandTable(entries: readonly ReferenceEntry[]): string {
  const rows = entries.map((e) => `| \`${e.usage}\` | ${e.who} | ${e.what.replace(/\|/g, '\\|')} |`);
  return ['| command | who | what |', '| --- | --- | --- |', ...rows].join('\n');
}

const TYPE_NAMES: Partial<Record<Type, string>> = {
  [Type.String]: 'text',
  [Type.Integer]: 'whole number',
  [Type.Number]: 'number',
  [Type.Boolean]: 'true or false',
  [Type.User]: 'member',
  [Type.Role]: 'role',
  [Type.Channel]: 'channel',
};

/** `docs/commands.md`: every command and option, with its type, whether required, and its choices. */
export function commandDocument(entries: readonly ReferenceEntry[]): string {
  const parts = [
    '# Command reference',
    '',
    'Generated from the command definitions by `npm run docs`; do not edit by hand.',
    '',
  ];
  for (const entry of entries) {
    parts.push(`## \`${entry.usage}\``, '', `${entry.what}. Used by: ${entry.who}.`, '');
    if (entry.options.length === 0) continue;
    parts.push('| option | type | required | description |', '| --- | --- | --- | --- |');
    for (const option of entry.options) {
      const required = 'required' in option && option.required === true ? 'yes' : 'no';
      const choices =
        'choices' in option && option.choices?.length
          ? ` (one of: ${option.choices.map((c) => `\`${c.name}\``).join(', ')})`
          : '';
      const autocomplete =
        'autocomplete' in option && option.autocomplete === true ? ' (suggested as you type)' : '';
      parts.push(
        `| \`${option.name}\` | ${TYPE_NAMES[option.type] ?? 'value'} | ${required} | ${option.description}${choices}${autocomplete} |`,
      );
    }
    parts.push('');
  }
  return parts.join('\n');
}
