import { Intent } from '../gateway/opcodes.js';
import type { Dispatcher } from '../gateway/sessions.js';
import type { ApiJson } from './api-json.js';
import type { DiscordRecords } from './discord-records.js';
import type { Json, JsonObject } from './json.js';
import type { ChannelRecord, ScheduledEventRecord } from './records.js';

/** Guild scheduled event statuses. */
export const EventStatus = { Scheduled: 1, Active: 2, Completed: 3, Canceled: 4 } as const;
/** Guild scheduled event entity types. */
export const EventEntity = { StageInstance: 1, Voice: 2, External: 3 } as const;
/** The only privacy level Discord accepts (GUILD_ONLY). */
export const GUILD_ONLY = 2;
/** Scheduled + active events a guild may hold (error 30038 beyond). */
export const MAX_UNCOMPLETED_EVENTS = 100;

/** The fields of a new event; the store fills in id, status and subscribers. */
export interface ScheduledEventFields {
  guildId: string;
  channelId: string | null;
  creatorId: string | null;
  name: string;
  description: string | null;
  start: number;
  end: number | null;
  entityType: number;
  location: string | null;
  image?: string | null;
  recurrenceRule?: Json | null;
}

/** Options of the test-facing `createScheduledEvent` (a human organiser creating an event in the Discord client). */
export interface CreateScheduledEventOptions {
  name?: string;
  /** 1 stage, 2 voice (default when `channelId` is given), 3 external (default otherwise). */
  entityType?: 1 | 2 | 3;
  channelId?: string;
  /** Location of an external event (default "Emulator"). */
  location?: string;
  description?: string;
  /** Start (default: in one hour). */
  start?: Date | number;
  /** End (default: one hour after start for external events, none otherwise). */
  end?: Date | number | null;
  /** Creator (default: the guild owner). */
  creatorId?: string;
}

/** Stores guild scheduled events and dispatches GUILD_SCHEDULED_EVENT_* (GuildScheduledEvents intent). */
export class ScheduledEventStore {
  constructor(
    private readonly records: DiscordRecords,
    private readonly json: ApiJson,
    private readonly gateway: Dispatcher,
  ) {
    records.events.on('channelDelete', (channel: ChannelRecord) => {
      for (const event of this.inGuild(channel.guildId ?? ''))
        if (event.channelId === channel.id) this.delete(event);
    });
  }

  /** An event by id, or undefined. */
  find(id: string): ScheduledEventRecord | undefined {
    return this.records.scheduledEventMap.get(id);
  }

  /** An event by id, or throws (test API). */
  get(id: string): ScheduledEventRecord {
    const event = this.find(id);
    if (!event) throw new Error(`Emulator: unknown scheduled event ${id}`);
    return event;
  }

  /** All events of a guild (any status), oldest first. */
  inGuild(guildId: string): ScheduledEventRecord[] {
    return [...this.records.scheduledEventMap.values()].filter((e) => e.guildId === guildId);
  }

  /** Scheduled + active events of a guild (what counts towards the 100 limit). */
  uncompletedCount(guildId: string): number {
    return this.inGuild(guildId).filter(
      (e) => e.status === EventStatus.Scheduled || e.status === EventStatus.Active,
    ).length;
  }

  /** Stores a new scheduled event and dispatches GUILD_SCHEDULED_EVENT_CREATE. */
  create(fields: ScheduledEventFields): ScheduledEventRecord {
    const event: ScheduledEventRecord = {
      id: this.records.ids.next(),
      ...fields,
      privacyLevel: GUILD_ONLY,
      status: EventStatus.Scheduled,
      image: fields.image ?? null,
      recurrenceRule: fields.recurrenceRule ?? null,
      subscribers: new Set(),
    };
    this.records.scheduledEventMap.set(event.id, event);
    this.dispatch('GUILD_SCHEDULED_EVENT_CREATE', event);
    return event;
  }

  /** Dispatches GUILD_SCHEDULED_EVENT_UPDATE after a change. */
  changed(event: ScheduledEventRecord): void {
    this.dispatch('GUILD_SCHEDULED_EVENT_UPDATE', event);
  }

  /** Removes an event and dispatches GUILD_SCHEDULED_EVENT_DELETE. */
  delete(event: ScheduledEventRecord): void {
    if (!this.records.scheduledEventMap.delete(event.id)) return;
    this.dispatch('GUILD_SCHEDULED_EVENT_DELETE', event);
  }

  /** Sets an event's status (2 active, 3 completed, 4 canceled) as Discord or an organiser would; dispatches the UPDATE. */
  setStatus(eventId: string, status: 1 | 2 | 3 | 4): void {
    const event = this.get(eventId);
    event.status = status;
    this.changed(event);
  }

  /** Marks `userId` interested in an event; dispatches GUILD_SCHEDULED_EVENT_USER_ADD. */
  subscribe(event: ScheduledEventRecord, userId: string): void {
    if (event.subscribers.has(userId)) return;
    event.subscribers.add(userId);
    this.gateway.dispatch(
      'GUILD_SCHEDULED_EVENT_USER_ADD',
      { guild_scheduled_event_id: event.id, user_id: userId, guild_id: event.guildId },
      Intent.GuildScheduledEvents,
    );
  }

  /** Creates an event as a human organiser would (no permission checks, no limit). */
  createAsUser(guildId: string, opts: CreateScheduledEventOptions = {}): ScheduledEventRecord {
    const guild = this.records.guild(guildId);
    const entityType = opts.entityType ?? (opts.channelId ? EventEntity.Voice : EventEntity.External);
    const external = entityType === EventEntity.External;
    if (!external) {
      const channel = this.records.channel(opts.channelId ?? '');
      if (channel.guildId !== guildId)
        throw new Error(`Emulator: channel ${channel.id} is not in ${guildId}`);
    }
    const start = opts.start === undefined ? Date.now() + 3_600_000 : new Date(opts.start).getTime();
    const end =
      opts.end === undefined
        ? external
          ? start + 3_600_000
          : null
        : opts.end && new Date(opts.end).getTime();
    return this.create({
      guildId,
      channelId: external ? null : (opts.channelId ?? null),
      creatorId: opts.creatorId ?? guild.ownerId,
      name: opts.name ?? 'Event',
      description: opts.description ?? null,
      start,
      end,
      entityType,
      location: external ? (opts.location ?? 'Emulator') : null,
    });
  }

  private dispatch(name: string, event: ScheduledEventRecord): void {
    const data: JsonObject = this.json.apiScheduledEvent(event);
    this.gateway.dispatch(name, data, Intent.GuildScheduledEvents);
  }
}
