import type { EmulatorState } from '../state/emulator-state.js';
import { isObject, type Json, type JsonObject, text } from '../state/json.js';
import type { CommandRecord } from '../state/records.js';
import { apiRole, apiUser } from '../state/serialize/guild.js';
import { SimulationError } from './simulation-error.js';

/** A value for a slash-command option: ids for user/channel/role/mentionable options. */
export type OptionValue = string | number | boolean;

/** How a simulated user fills in a slash command. */
export interface CommandInvocation {
  /** Subcommand group name. */
  group?: string;
  /** Subcommand name. */
  subcommand?: string;
  /** Option values by option name. */
  options?: Record<string, OptionValue>;
  /** For autocomplete: the option being typed. */
  focused?: string;
}

const OptionType = {
  Sub: 1,
  Group: 2,
  String: 3,
  Integer: 4,
  Boolean: 5,
  User: 6,
  Channel: 7,
  Role: 8,
  Mentionable: 9,
  Number: 10,
  Attachment: 11,
} as const;

function defsOf(def: JsonObject | undefined): JsonObject[] {
  const options = def?.['options'];
  return Array.isArray(options) ? options.filter(isObject) : [];
}

/**
 * Builds `data.options` and `data.resolved` for a chat-input command exactly like Discord, using the
 * option definitions the bot registered. Throws {@link SimulationError} for anything a Discord client would refuse.
 */
export function buildCommandData(
  state: EmulatorState,
  command: CommandRecord,
  guildId: string,
  userId: string,
  spec: CommandInvocation,
  autocomplete: boolean,
): JsonObject {
  const name = text(command.data['name']);
  const fail = (message: string): never => {
    throw new SimulationError(`/${name}: ${message}`);
  };
  const top = defsOf(command.data);
  const names = (defs: JsonObject[], type: number) =>
    defs.filter((d) => d['type'] === type).map((d) => text(d['name']));
  let leaf: JsonObject[] = top;
  let wrap = (opts: Json[]): Json[] => opts;
  if (spec.group !== undefined) {
    const group = top.find((d) => d['type'] === OptionType.Group && d['name'] === spec.group);
    if (!group)
      return fail(
        `no subcommand group "${spec.group}" registered (groups: ${names(top, OptionType.Group).join(', ') || 'none'})`,
      );
    const sub = defsOf(group).find((d) => d['name'] === spec.subcommand);
    if (!sub)
      return fail(
        `group "${spec.group}" has no subcommand "${String(spec.subcommand)}" (has: ${names(defsOf(group), OptionType.Sub).join(', ')})`,
      );
    leaf = defsOf(sub);
    wrap = (opts) => [
      {
        type: OptionType.Group,
        name: spec.group ?? '',
        options: [{ type: OptionType.Sub, name: spec.subcommand ?? '', options: opts }],
      },
    ];
  } else if (spec.subcommand !== undefined) {
    const sub = top.find((d) => d['type'] === OptionType.Sub && d['name'] === spec.subcommand);
    if (!sub)
      return fail(
        `no subcommand "${spec.subcommand}" registered (subcommands: ${names(top, OptionType.Sub).join(', ') || 'none'})`,
      );
    leaf = defsOf(sub);
    wrap = (opts) => [{ type: OptionType.Sub, name: spec.subcommand ?? '', options: opts }];
  } else if (top.some((d) => d['type'] === OptionType.Sub || d['type'] === OptionType.Group)) {
    return fail(
      `a subcommand is required (${[...names(top, OptionType.Sub), ...names(top, OptionType.Group)].join(', ')})`,
    );
  }

  const guild = state.records.guild(guildId);
  const resolved: Record<string, JsonObject> = {};
  const put = (kind: string, id: string, value: JsonObject) => {
    resolved[kind] = { ...(resolved[kind] ?? {}), [id]: value };
  };
  const addUser = (id: string): boolean => {
    const user = state.records.users.get(id);
    if (!user) return false;
    put('users', id, apiUser(user));
    const member = guild.members.get(id);
    if (member) {
      const rest = state.json.apiMember(guild, member);
      delete rest['user'];
      put('members', id, {
        ...rest,
        permissions: state.permissions.guildPermissions(guildId, id).toString(),
      });
    }
    return true;
  };
  const addRole = (id: string): boolean => {
    const role = guild.roles.get(id);
    if (role) put('roles', id, apiRole(role));
    return role !== undefined;
  };

  const built: Json[] = [];
  for (const [optName, raw] of Object.entries(spec.options ?? {})) {
    const def = leaf.find((d) => d['name'] === optName);
    if (!def)
      return fail(
        `no option "${optName}" (options: ${leaf.map((d) => text(d['name'])).join(', ') || 'none'})`,
      );
    const type = Number(def['type']);
    if (autocomplete && spec.focused === optName) {
      if (def['autocomplete'] !== true) fail(`option "${optName}" has no autocomplete`);
      built.push({ type, name: optName, value: String(raw), focused: true });
      continue;
    }
    built.push({ type, name: optName, value: convert(type, def, raw) });
  }
  if (autocomplete && (spec.focused === undefined || !(spec.focused in (spec.options ?? {})))) {
    fail('autocomplete needs `focused` naming one of the given options');
  }
  if (!autocomplete) {
    for (const def of leaf)
      if (def['required'] === true && !(text(def['name']) in (spec.options ?? {})))
        fail(`required option "${text(def['name'])}" missing`);
  }

  function convert(type: number, def: JsonObject, raw: OptionValue): Json {
    const label = `option "${text(def['name'])}"`;
    const choices = Array.isArray(def['choices']) ? def['choices'].filter(isObject) : [];
    if (choices.length && !choices.some((c) => c['value'] === raw))
      fail(`${label}: ${JSON.stringify(raw)} is not one of the choices`);
    switch (type) {
      case OptionType.String: {
        if (typeof raw !== 'string') fail(`${label} expects a string`);
        const s = String(raw);
        if (typeof def['min_length'] === 'number' && s.length < def['min_length'])
          fail(`${label} is shorter than min_length`);
        if (typeof def['max_length'] === 'number' && s.length > def['max_length'])
          fail(`${label} is longer than max_length`);
        return s;
      }
      case OptionType.Integer:
      case OptionType.Number: {
        const n = typeof raw === 'string' ? Number(raw) : raw;
        if (typeof n !== 'number' || Number.isNaN(n) || (type === OptionType.Integer && !Number.isInteger(n)))
          fail(`${label} expects ${type === OptionType.Integer ? 'an integer' : 'a number'}`);
        if (typeof def['min_value'] === 'number' && (n as number) < def['min_value'])
          fail(`${label} is below min_value`);
        if (typeof def['max_value'] === 'number' && (n as number) > def['max_value'])
          fail(`${label} is above max_value`);
        return n;
      }
      case OptionType.Boolean:
        if (typeof raw !== 'boolean') fail(`${label} expects a boolean`);
        return raw;
      case OptionType.User:
        if (!addUser(String(raw))) fail(`${label}: unknown user ${String(raw)}`);
        return String(raw);
      case OptionType.Role:
        if (!addRole(String(raw))) fail(`${label}: unknown role ${String(raw)} in guild`);
        return String(raw);
      case OptionType.Mentionable:
        if (!addUser(String(raw)) && !addRole(String(raw)))
          fail(`${label}: ${String(raw)} is neither a user nor a role`);
        return String(raw);
      case OptionType.Channel: {
        const channel = state.records.channelMap.get(String(raw));
        if (!channel || channel.guildId !== guildId)
          return fail(`${label}: unknown channel ${String(raw)} in guild`);
        const types = def['channel_types'];
        if (Array.isArray(types) && !types.includes(channel.type))
          fail(`${label}: channel type ${channel.type} not allowed`);
        put('channels', channel.id, {
          id: channel.id,
          name: channel.name,
          type: channel.type,
          parent_id: channel.parentId,
          flags: 0,
          permissions: state.permissions.permissionsIn(userId, channel.id).toString(),
        });
        return channel.id;
      }
      default:
        return fail(`${label}: option type ${type} is not supported by the emulator`);
    }
  }

  return {
    id: command.id,
    name,
    type: Number(command.data['type'] ?? 1),
    ...(command.guildId ? { guild_id: command.guildId } : {}),
    ...(built.length || spec.subcommand !== undefined ? { options: wrap(built) } : {}),
    ...(Object.keys(resolved).length ? { resolved } : {}),
  };
}
