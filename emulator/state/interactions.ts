import { randomBytes } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { DiscordRecords } from './discord-records.js';
import { isObject, type JsonObject } from './json.js';
import type { MessageRecord } from './records.js';

/** Discord interaction types. */
export const InteractionKind = {
  Ping: 1,
  ApplicationCommand: 2,
  MessageComponent: 3,
  Autocomplete: 4,
  ModalSubmit: 5,
} as const;

/** Interaction callback types. */
export const CallbackKind = {
  Pong: 1,
  ChannelMessage: 4,
  DeferredChannelMessage: 5,
  DeferredUpdateMessage: 6,
  UpdateMessage: 7,
  AutocompleteResult: 8,
  Modal: 9,
} as const;

/** The first callback the bot sent for an interaction. */
export interface InteractionCallback {
  type: number;
  data: JsonObject | null;
  time: number;
  /** `performance.now()` when the callback arrived (for latency measurements). */
  receivedAt: number;
}

/** Everything the emulator knows about one interaction. */
export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  /** Command name, or custom id for components / modals. */
  name: string;
  guildId: string | null;
  channelId: string;
  userId: string;
  createdAt: number;
  /** `performance.now()` when INTERACTION_CREATE was handed to the gateway (for latency measurements). */
  dispatchedAt: number;
  /** The INTERACTION_CREATE payload sent to the bot. */
  payload: JsonObject;
  callback: InteractionCallback | undefined;
  /** Message id `@original` refers to (reply, deferred reply, or the component's message). */
  originalMessageId: string | undefined;
  /** True once the original response was edited (PATCH @original or follow-up replacing a deferral). */
  originalEdited: boolean;
  followUpIds: string[];
  /** Message a component/modal interaction came from. */
  sourceMessageId: string | undefined;
  /** Ephemeral state of the response (from the callback flags). */
  ephemeral: boolean;
}

/** Keeps interactions and notifies waiters on every change. */
export class InteractionStore {
  private readonly byId = new Map<string, InteractionRecord>();

  constructor(
    private readonly records: DiscordRecords,
    private readonly events: EventEmitter,
  ) {}

  /** Resolves `interaction_metadata` for messages produced by interactions. */
  meta(
    interactionId: string,
  ): { id: string; type: number; userId: string; name?: string; owners?: JsonObject } | undefined {
    const record = this.byId.get(interactionId);
    if (!record) return undefined;
    return {
      id: record.id,
      type: record.type,
      userId: record.userId,
      ...(isObject(record.payload['authorizing_integration_owners'])
        ? { owners: record.payload['authorizing_integration_owners'] }
        : {}),
      ...(record.type === InteractionKind.ApplicationCommand ? { name: record.name } : {}),
    };
  }

  /** Creates a record with a fresh id and token. */
  create(
    init: Pick<InteractionRecord, 'type' | 'name' | 'guildId' | 'channelId' | 'userId'> & {
      sourceMessageId?: string;
    },
  ): InteractionRecord {
    const id = this.records.ids.next();
    const token = `aW50ZXJhY3Rpb246${id}:${randomBytes(48).toString('base64url')}`;
    const record: InteractionRecord = {
      ...init,
      id,
      token,
      createdAt: Date.now(),
      dispatchedAt: 0,
      payload: {},
      callback: undefined,
      originalMessageId: undefined,
      originalEdited: false,
      followUpIds: [],
      sourceMessageId: init.sourceMessageId,
      ephemeral: false,
    };
    this.byId.set(id, record);
    return record;
  }

  /** Looks up by id. */
  get(id: string): InteractionRecord | undefined {
    return this.byId.get(id);
  }

  /** Looks up by token (webhook routes). */
  byToken(token: string): InteractionRecord | undefined {
    for (const record of this.byId.values()) if (record.token === token) return record;
    return undefined;
  }

  /** All interactions, oldest first. */
  all(): InteractionRecord[] {
    return [...this.byId.values()];
  }

  /** Signals a change to waiters. */
  changed(record: InteractionRecord): void {
    this.events.emit('interactionUpdate', record);
  }

  /** Messages produced by an interaction (original response when it was created by it, then follow-ups). */
  messagesOf(record: InteractionRecord): MessageRecord[] {
    const ids = [
      ...(record.originalMessageId && record.originalMessageId !== record.sourceMessageId
        ? [record.originalMessageId]
        : []),
      ...record.followUpIds,
    ];
    return ids
      .map((id) => this.records.messageMap.get(id))
      .filter((m): m is MessageRecord => m !== undefined);
  }
}
