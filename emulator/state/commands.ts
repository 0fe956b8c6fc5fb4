import { isDeepStrictEqual } from 'node:util';
import { normalizeCommand, stripIds } from '../rest/input/command-input.js';
import { errors } from '../rest/errors.js';
import type { DiscordRecords } from './discord-records.js';
import { type Json, type JsonObject, text } from './json.js';
import type { CommandRecord } from './records.js';

/** Stores registered application commands (global: guildId null). */
export class CommandStore {
  private readonly byId = new Map<string, CommandRecord>();
  /** Number of bulk-overwrite PUTs received (global + guild). */
  putCount = 0;

  constructor(private readonly records: DiscordRecords) {}

  /** Commands in a scope (global when `guildId` is null/undefined). */
  list(guildId?: string | null): CommandRecord[] {
    return [...this.byId.values()].filter((c) => c.guildId === (guildId ?? null));
  }

  /** Looks up a command by id in a scope, 10063 otherwise. */
  get(id: string, guildId: string | null): CommandRecord {
    const record = this.byId.get(id);
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
      if (!isDeepStrictEqual(before, data)) existing.version = this.records.ids.next();
      existing.data = this.decorate(existing.id, guildId, existing.version, data);
      return { record: existing, created: false };
    }
    const id = this.records.ids.next();
    const record: CommandRecord = {
      id,
      applicationId: this.records.applicationId,
      guildId,
      version: id,
      data: {},
    };
    record.data = this.decorate(id, guildId, id, data);
    this.byId.set(id, record);
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
        this.byId.delete(record.id);
    }
    return bodies.map((b, i) => this.upsert(guildId, b, String(i)).record);
  }

  /** Applies a PATCH. */
  patch(record: CommandRecord, body: JsonObject): CommandRecord {
    const merged = { ...stripIds(record.data), ...body };
    const data = normalizeCommand(merged, '');
    if (!isDeepStrictEqual(stripIds(record.data), data)) record.version = this.records.ids.next();
    record.data = this.decorate(record.id, record.guildId, record.version, data);
    return record;
  }

  /** Deletes a command. */
  delete(record: CommandRecord): void {
    this.byId.delete(record.id);
  }

  private decorate(id: string, guildId: string | null, version: string, data: JsonObject): JsonObject {
    return {
      id,
      application_id: this.records.applicationId,
      version,
      ...(guildId ? { guild_id: guildId } : {}),
      ...data,
    };
  }
}
