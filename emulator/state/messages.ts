import { errors } from '../rest/errors.js';
import type { DiscordRecords } from './discord-records.js';
import type { Json, JsonObject } from './json.js';
import type { AttachmentRecord, MessageRecord } from './records.js';

/** Message flag bits the emulator cares about. */
export const MessageFlag = {
  Ephemeral: 64,
  Loading: 128,
  SuppressEmbeds: 4,
  IsComponentsV2: 1 << 15,
} as const;

/** How long a nonce is remembered for `enforce_nonce` (Discord: "a few minutes"). */
export const NONCE_WINDOW_MS = 5 * 60 * 1000;

/** Fields accepted when creating a message. */
export interface MessageInput {
  content?: string;
  embeds?: Json[];
  components?: Json[];
  attachments?: AttachmentRecord[];
  flags?: number;
  nonce?: string | number | null;
  tts?: boolean;
  type?: number;
  webhookId?: string;
  interactionId?: string;
  ephemeralFor?: string;
  extra?: JsonObject;
}

/** Message store operations over {@link DiscordRecords}. */
export class MessageStore {
  constructor(private readonly records: DiscordRecords) {}

  /** Creates and stores a message authored by `authorId`, emitting `message`. */
  create(channelId: string, authorId: string, input: MessageInput): MessageRecord {
    const channel = this.records.channel(channelId);
    const message: MessageRecord = {
      id: this.records.ids.next(),
      channelId,
      guildId: channel.guildId,
      authorId,
      content: input.content ?? '',
      embeds: input.embeds ?? [],
      components: input.components ?? [],
      attachments: input.attachments ?? [],
      flags: input.flags ?? 0,
      nonce: input.nonce ?? null,
      timestamp: new Date().toISOString(),
      editedTimestamp: null,
      tts: input.tts ?? false,
      type: input.type ?? 0,
      pinned: false,
      deleted: false,
      extra: input.extra ?? {},
      ...(input.webhookId ? { webhookId: input.webhookId } : {}),
      ...(input.interactionId ? { interactionId: input.interactionId } : {}),
      ...(input.ephemeralFor ? { ephemeralFor: input.ephemeralFor } : {}),
    };
    this.records.messageMap.set(message.id, message);
    if (!message.ephemeralFor) channel.lastMessageId = message.id;
    this.records.events.emit('message', message);
    return message;
  }

  /**
   * Applies an edit (content/embeds/components/flags, and `attachments` when given: the message's files after
   * the edit) and emits `messageUpdate`.
   */
  edit(
    message: MessageRecord,
    body: JsonObject,
    opts: { keepLoading?: boolean; attachments?: AttachmentRecord[] } = {},
  ): MessageRecord {
    if (typeof body['content'] === 'string' || body['content'] === null)
      message.content = body['content'] ?? '';
    if (Array.isArray(body['embeds'])) message.embeds = body['embeds'];
    if (Array.isArray(body['components'])) message.components = body['components'];
    if (opts.attachments) message.attachments = opts.attachments;
    if (typeof body['flags'] === 'number') {
      const keep = message.flags & (MessageFlag.Ephemeral | MessageFlag.IsComponentsV2);
      message.flags = (body['flags'] & ~MessageFlag.Ephemeral) | keep;
    }
    if (!opts.keepLoading) message.flags &= ~MessageFlag.Loading;
    message.editedTimestamp = new Date().toISOString();
    this.records.events.emit('messageUpdate', message);
    return message;
  }

  /** Marks a message deleted and emits `messageDelete`. */
  delete(message: MessageRecord): void {
    message.deleted = true;
    this.records.messageMap.delete(message.id);
    this.records.events.emit('messageDelete', message);
  }

  /** Non-ephemeral messages of a channel, oldest first. */
  inChannel(channelId: string): MessageRecord[] {
    return [...this.records.messageMap.values()]
      .filter((m) => m.channelId === channelId && !m.ephemeralFor && !m.deleted)
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /** All messages of a channel including ephemeral ones, oldest first. */
  allInChannel(channelId: string): MessageRecord[] {
    return [...this.records.messageMap.values()]
      .filter((m) => m.channelId === channelId && !m.deleted)
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  }

  /** A recent message in the channel by the author with the same nonce, for `enforce_nonce`. */
  findByNonce(channelId: string, authorId: string, nonce: string | number): MessageRecord | undefined {
    const cutoff = Date.now() - NONCE_WINDOW_MS;
    return this.inChannel(channelId).find(
      (m) =>
        m.authorId === authorId &&
        m.nonce !== null &&
        String(m.nonce) === String(nonce) &&
        Date.parse(m.timestamp) >= cutoff,
    );
  }

  /** Looks up a live message in a channel or raises 10008. */
  get(channelId: string, messageId: string): MessageRecord {
    const message = this.records.messageMap.get(messageId);
    if (!message || message.channelId !== channelId || message.deleted || message.ephemeralFor)
      throw errors.unknownMessage();
    return message;
  }
}
