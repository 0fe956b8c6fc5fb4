import type { EventEmitter } from 'node:events';
import type { APIMessage } from 'discord.js';
import type { EmulatorState } from '../state/emulator-state.js';
import { CallbackKind, type InteractionCallback, type InteractionRecord } from '../state/interactions.js';
import { type Json, type JsonObject, text } from '../state/json.js';
import { MessageFlag } from '../state/messages.js';
import type { MessageRecord } from '../state/records.js';

/** A modal the bot showed. */
export interface ModalView {
  custom_id: string;
  title: string;
  components: Json[];
}

/** A file on a reply, with its bytes. */
export interface ReplyAttachment {
  /** Snowflake. */
  id: string;
  filename: string;
  /** Media type the bot's upload declared, or null. */
  contentType: string | null;
  data: Buffer;
}

/** What the interacting user sees as the result of an interaction. */
export interface ReplyView {
  /** Callback type that produced it (4, 5, 6, 7 or 9). */
  callbackType: number;
  content: string;
  embeds: Json[];
  components: Json[];
  /** Files attached to the message, in order; empty when none (and for modals). */
  attachments: ReplyAttachment[];
  flags: number;
  ephemeral: boolean;
  /** Set when the bot answered with a modal. */
  modal?: ModalView;
  /** The message object (pass to `clickButton`). Absent for modals. */
  message?: APIMessage;
}

/** Default time to wait for the bot. */
export const DEFAULT_WAIT_MS = 5000;

/** Handle on one simulated interaction: await the bot's response, reply and follow-ups. */
export class InteractionHandle {
  constructor(
    private readonly state: EmulatorState,
    private readonly events: EventEmitter,
    /** The stored interaction. */
    readonly record: InteractionRecord,
    private readonly label: string,
    private readonly diagnose: () => string,
  ) {}

  /** Interaction id. */
  get id(): string {
    return this.record.id;
  }

  /** The INTERACTION_CREATE payload that was dispatched. */
  get payload(): JsonObject {
    return this.record.payload;
  }

  /** The first callback (type + data); rejects if none arrives within `timeoutMs`. */
  response(timeoutMs = DEFAULT_WAIT_MS): Promise<InteractionCallback> {
    return this.wait(() => this.record.callback, timeoutMs, 'the bot sent no interaction callback');
  }

  /**
   * The final visible result: an immediate message / update / modal, or after a defer the edit of `@original`
   * (or the follow-up that replaced the deferral). Rejects after `timeoutMs`.
   */
  async reply(timeoutMs = DEFAULT_WAIT_MS): Promise<ReplyView> {
    const started = Date.now();
    const callback = await this.response(timeoutMs);
    if (callback.type === CallbackKind.AutocompleteResult || callback.type === CallbackKind.Pong) {
      throw new Error(`${this.label}: callback type ${callback.type} has no reply`);
    }
    if (callback.type === CallbackKind.Modal) {
      const data = callback.data ?? {};
      return {
        callbackType: callback.type,
        content: '',
        embeds: [],
        components: [],
        attachments: [],
        flags: 0,
        ephemeral: false,
        modal: {
          custom_id: text(data['custom_id']),
          title: text(data['title']),
          components: (data['components'] as Json[] | undefined) ?? [],
        },
      };
    }
    const deferred =
      callback.type === CallbackKind.DeferredChannelMessage ||
      callback.type === CallbackKind.DeferredUpdateMessage;
    const remaining = Math.max(1, timeoutMs - (Date.now() - started));
    const message = await this.wait(
      () => (deferred && !this.record.originalEdited ? undefined : this.original()),
      remaining,
      deferred ? 'the bot deferred but never edited its reply' : 'the reply message is missing',
    );
    return { ...this.view(message), callbackType: callback.type };
  }

  /** Follow-up messages sent so far (not counting one that replaced a deferral). */
  get followUps(): ReplyView[] {
    return this.record.followUpIds
      .map((id) => this.state.records.messageMap.get(id))
      .filter((m): m is MessageRecord => m !== undefined && !m.deleted)
      .map((m) => this.view(m));
  }

  /** Waits until at least `count` follow-ups exist. */
  async waitForFollowUps(count: number, timeoutMs = DEFAULT_WAIT_MS): Promise<ReplyView[]> {
    await this.wait(
      () => (this.followUps.length >= count ? true : undefined),
      timeoutMs,
      `fewer than ${count} follow-ups arrived`,
    );
    return this.followUps;
  }

  /** Every message this interaction produced (reply + follow-ups). */
  get messages(): ReplyView[] {
    return this.state.interactions
      .messagesOf(this.record)
      .filter((m) => !m.deleted)
      .map((m) => this.view(m));
  }

  private original(): MessageRecord | undefined {
    const id = this.record.originalMessageId;
    return id ? this.state.records.messageMap.get(id) : undefined;
  }

  /** Converts a stored message to a view. */
  view(message: MessageRecord): ReplyView {
    return {
      callbackType: this.record.callback?.type ?? 0,
      content: message.content,
      embeds: message.embeds,
      components: message.components,
      attachments: message.attachments.map((a) => ({
        id: a.id,
        filename: a.filename,
        contentType: a.contentType,
        data: a.data,
      })),
      flags: message.flags,
      ephemeral: message.ephemeralFor !== undefined || (message.flags & MessageFlag.Ephemeral) !== 0,
      message: this.state.json.apiMessage(message) as unknown as APIMessage,
    };
  }

  /** Resolves when `probe` returns a value; re-checked on every change of this interaction. */
  wait<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const first = probe();
    if (first !== undefined) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      const onChange = (record: InteractionRecord) => {
        if (record !== this.record) return;
        const value = probe();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${this.label}: ${what} within ${timeoutMs} ms. ${this.diagnose()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off('interactionUpdate', onChange);
      };
      this.events.on('interactionUpdate', onChange);
    });
  }
}
