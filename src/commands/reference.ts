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

/** The roles `/help` is organised by, in its order, and the audiences each one shows. */
const ROLES = [
  {
    title: 'Moderators (Manage Server or the moderator role)',
    audiences: ['moderator'],
    firstSteps: [
      ['/setup', 'the moderator role, the category and a private mod-log; it checks the bot’s permissions'],
      ['/circle-admin create', 'a circle with its private text and voice channels'],
      ['/circle-admin schedule', 'when it meets: the reminders follow'],
      ['/circle-admin settings', 'reminder times, leaders, the agreement'],
      ['/circle-admin add', 'bring members in: each accepts the agreement first'],
      ['/circle-admin announce', 'or post an open call with a Join button'],
    ],
  },
  {
    title: 'Leaders and facilitators',
    // Moderators may use these too; leaders look for them here.
    audiences: ['facilitator or leader', 'moderator or leader'],
    firstSteps: [
      ['/meeting next', 'when you meet, and whether you facilitate'],
      ['/case next', 'at the meeting, take the next case in the queue'],
    ],
  },
  {
    title: 'Members',
    audiences: ['member'],
    firstSteps: [
      ['/circle list', 'the circles open for sign-on'],
      ['/circle join', 'join one and accept its agreement: then you see its channels'],
      ['/case submit', 'bring a case; before each meeting, press **Check in** on the reminder'],
    ],
  },
  { title: 'Everyone', audiences: ['anyone'], firstSteps: [] },
] as const satisfies readonly {
  title: string;
  audiences: readonly Audience[];
  firstSteps: readonly (readonly [string, string])[];
}[];

/** One section of `/help`: a role's first steps, then every command it uses. */
export interface HelpSection {
  title: string;
  text: string;
}

/**
 * What `/help` shows, organised by role (moderators, leaders, members, everyone): each role's first
 * steps in order, then every command that role uses. Every entry appears in exactly one section.
 */
export function helpSections(entries: readonly ReferenceEntry[]): HelpSection[] {
  const find = (command: string): ReferenceEntry => {
    const entry = entries.find((e) => e.usage === command || e.usage.startsWith(`${command} `));
    if (!entry) throw new Error(`first step ${command}: no such command`);
    return entry;
  };
  return ROLES.map((role) => {
    const steps = role.firstSteps.map(
      ([command, what], index) => `${index + 1}. \`${find(command).usage}\`: ${what}`,
    );
    const audiences: readonly Audience[] = role.audiences;
    const all = entries.filter((e) => audiences.includes(e.who)).map((e) => `• \`${e.usage}\`: ${e.what}`);
    const text = steps.length
      ? ['**First steps**', ...steps, '', '**All commands**', ...all].join('\n')
      : all.join('\n');
    return { title: role.title, text };
  }).filter((section) => section.text.length > 0);
}

/** `/help` as one text (tests and the size check): the sections one after another. */
export function helpText(entries: readonly ReferenceEntry[]): string {
  return helpSections(entries)
    .map((s) => `**${s.title}**\n${s.text}`)
    .join('\n\n');
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
