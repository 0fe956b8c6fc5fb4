import { isDeepStrictEqual } from 'node:util';
import type { Core } from './core.js';
import { errors } from './errors.js';
import type { RestServer } from './http.js';
import { isObject, text } from './body.js';
import type { EmulatorState } from './state.js';
import type { CommandRecord, Json, JsonObject } from './types.js';

const NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** Stores registered application commands (global: guildId null). */
export class CommandStore {
  private readonly records = new Map<string, CommandRecord>();
  /** Number of bulk-overwrite PUTs received (global + guild). */
  putCount = 0;

  constructor(private readonly state: EmulatorState) {}

  /** Commands in a scope (global when `guildId` is null/undefined). */
  list(guildId?: string | null): CommandRecord[] {
    return [...this.records.values()].filter((c) => c.guildId === (guildId ?? null));
  }

  /** Looks up a command by id in a scope, 10063 otherwise. */
  get(id: string, guildId: string | null): CommandRecord {
    const record = this.records.get(id);
    if (!record || record.guildId !== guildId) throw errors.unknownCommand();
    return record;
  }

  /** Command a user would see in a guild by name (guild command first, then global). */
  find(guildId: string, name: string, type = 1): CommandRecord | undefined {
    const match = (c: CommandRecord) => c.data['name'] === name && (c.data['type'] ?? 1) === type;
    return this.list(guildId).find(match) ?? this.list(null).find(match);
  }

  /** Creates or (same name + type) overwrites a command; returns it and whether it is new. */
  upsert(guildId: string | null, body: Json, field = ''): { record: CommandRecord; created: boolean } {
    const data = normalizeCommand(body, field);
    const existing = this.list(guildId).find(
      (c) => c.data['name'] === data['name'] && c.data['type'] === data['type'],
    );
    if (existing) {
      const before = stripIds(existing.data);
      if (!isDeepStrictEqual(before, data)) existing.version = this.state.ids.next();
      existing.data = this.decorate(existing.id, guildId, existing.version, data);
      return { record: existing, created: false };
    }
    const id = this.state.ids.next();
    const record: CommandRecord = {
      id,
      applicationId: this.state.applicationId,
      guildId,
      version: id,
      data: {},
    };
    record.data = this.decorate(id, guildId, id, data);
    this.records.set(id, record);
    return { record, created: true };
  }

  /** Replaces the whole set of a scope (bulk overwrite). */
  overwrite(guildId: string | null, bodies: Json[]): CommandRecord[] {
    const normalized = bodies.map((b, i) => normalizeCommand(b, String(i)));
    const names = new Set(normalized.map((d) => `${text(d['type'])}:${text(d['name'])}`));
    if (names.size !== normalized.length)
      throw errors.invalidForm(
        '_errors',
        'APPLICATION_COMMANDS_DUPLICATE_NAME',
        'Application command names must be unique',
      );
    this.putCount += 1;
    for (const record of this.list(guildId)) {
      if (!names.has(`${text(record.data['type'])}:${text(record.data['name'])}`))
        this.records.delete(record.id);
    }
    return bodies.map((b, i) => this.upsert(guildId, b, String(i)).record);
  }

  /** Applies a PATCH. */
  patch(record: CommandRecord, body: JsonObject): CommandRecord {
    const merged = { ...stripIds(record.data), ...body };
    const data = normalizeCommand(merged, '');
    if (!isDeepStrictEqual(stripIds(record.data), data)) record.version = this.state.ids.next();
    record.data = this.decorate(record.id, record.guildId, record.version, data);
    return record;
  }

  /** Deletes a command. */
  delete(record: CommandRecord): void {
    this.records.delete(record.id);
  }

  private decorate(id: string, guildId: string | null, version: string, data: JsonObject): JsonObject {
    return {
      id,
      application_id: this.state.applicationId,
      version,
      ...(guildId ? { guild_id: guildId } : {}),
      ...data,
    };
  }
}

function stripIds(data: JsonObject): JsonObject {
  const rest: JsonObject = {};
  for (const [key, value] of Object.entries(data)) {
    if (!['id', 'application_id', 'version', 'guild_id'].includes(key)) rest[key] = value;
  }
  return rest;
}

/** Validates a command body like Discord (names, descriptions, option nesting) and fills defaults. */
function normalizeCommand(body: Json, field: string): JsonObject {
  const at = (key: string) => (field ? `${field}.${key}` : key);
  if (!isObject(body))
    throw errors.invalidForm(
      field || '_errors',
      'MODEL_TYPE_CONVERT',
      'Only dictionaries may be used in a ModelType',
    );
  const type = typeof body['type'] === 'number' ? body['type'] : 1;
  const name = body['name'];
  if (typeof name !== 'string' || (type === 1 && (!NAME.test(name) || name !== name.toLowerCase()))) {
    throw errors.invalidForm(at('name'), 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  }
  const description = typeof body['description'] === 'string' ? body['description'] : '';
  if (type === 1 && (description.length < 1 || description.length > 100)) {
    throw errors.invalidForm(
      at('description'),
      'BASE_TYPE_BAD_LENGTH',
      'Must be between 1 and 100 in length.',
    );
  }
  const options = Array.isArray(body['options']) ? body['options'] : [];
  validateOptions(options, at('options'), 0);
  const dmp = body['default_member_permissions'];
  return {
    type,
    name,
    name_localizations: body['name_localizations'] ?? null,
    description,
    description_localizations: body['description_localizations'] ?? null,
    ...(options.length ? { options } : {}),
    default_member_permissions: dmp === undefined || dmp === null ? null : text(dmp),
    dm_permission: body['dm_permission'] ?? true,
    contexts: body['contexts'] ?? null,
    integration_types: body['integration_types'] ?? [0],
    nsfw: body['nsfw'] ?? false,
  };
}

function validateOptions(options: Json[], field: string, depth: number): void {
  if (options.length > 25)
    throw errors.invalidForm(field, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  const seen = new Set<string>();
  options.forEach((option, i) => {
    const at = `${field}.${i}`;
    if (!isObject(option))
      throw errors.invalidForm(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    const name = option['name'];
    if (typeof name !== 'string' || !NAME.test(name) || name !== name.toLowerCase() || seen.has(name)) {
      throw errors.invalidForm(`${at}.name`, 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
    }
    seen.add(name);
    const description = option['description'];
    if (typeof description !== 'string' || description.length < 1 || description.length > 100) {
      throw errors.invalidForm(
        `${at}.description`,
        'BASE_TYPE_BAD_LENGTH',
        'Must be between 1 and 100 in length.',
      );
    }
    const type = option['type'];
    if (typeof type !== 'number' || type < 1 || type > 11)
      throw errors.invalidForm(`${at}.type`, 'BASE_TYPE_CHOICES', 'Value must be one of {1..11}.');
    if ((type === 1 || type === 2) && depth >= (type === 2 ? 1 : 2)) {
      throw errors.invalidForm(
        `${at}.type`,
        'APPLICATION_COMMAND_OPTION_NESTED_TOO_DEEP',
        'Sub-command nesting too deep',
      );
    }
    const nested = option['options'];
    if (Array.isArray(nested)) validateOptions(nested, `${at}.options`, depth + 1);
  });
}

/** Registers the application command routes. */
export function registerCommandRoutes(rest: RestServer, core: Core): void {
  const { commands, state } = core;
  const app = (id: string) => {
    if (id !== state.applicationId) throw errors.missingAccess();
  };
  const guildScope = (id: string) => {
    const guild = state.guilds.get(id);
    if (!guild || !guild.members.has(state.botUserId)) throw errors.missingAccess();
    return id;
  };
  for (const [prefix, scope] of [
    ['/applications/:app/commands', () => null],
    ['/applications/:app/guilds/:guild/commands', (g: string) => guildScope(g)],
  ] as const) {
    const scopeOf = (ctx: { param(n: string): string }) => {
      app(ctx.param('app'));
      return prefix.includes(':guild') ? scope(ctx.param('guild')) : null;
    };
    rest.add('GET', prefix, (ctx) => ({ body: commands.list(scopeOf(ctx)).map((c) => c.data) }));
    rest.add('PUT', prefix, (ctx) => {
      const guildId = scopeOf(ctx);
      if (!Array.isArray(ctx.rawBody))
        throw errors.invalidForm('_errors', 'LIST_TYPE_CONVERT', 'Must be an array.');
      return { body: commands.overwrite(guildId, ctx.rawBody).map((c) => c.data) };
    });
    rest.add('POST', prefix, (ctx) => {
      const { record, created } = commands.upsert(scopeOf(ctx), ctx.body);
      return { status: created ? 201 : 200, body: record.data };
    });
    rest.add('GET', `${prefix}/:command`, (ctx) => ({
      body: commands.get(ctx.param('command'), scopeOf(ctx)).data,
    }));
    rest.add('PATCH', `${prefix}/:command`, (ctx) => {
      const record = commands.get(ctx.param('command'), scopeOf(ctx));
      return { body: commands.patch(record, ctx.body).data };
    });
    rest.add('DELETE', `${prefix}/:command`, (ctx) => {
      commands.delete(commands.get(ctx.param('command'), scopeOf(ctx)));
      return undefined;
    });
  }
}
