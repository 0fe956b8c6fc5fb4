import type { EventEmitter } from 'node:events';
import type { EmulatorState } from '../state/emulator-state.js';
import { CallbackKind, InteractionKind, type InteractionRecord } from '../state/interactions.js';
import type { Json, JsonObject } from '../state/json.js';
import type { MessageRecord } from '../state/records.js';
import { buildCommandData, type CommandInvocation } from './command-data.js';
import { commandContext, type InteractionPlace } from './command-context.js';
import { buildModalComponents, componentData } from './component-data.js';
import { DEFAULT_WAIT_MS, InteractionHandle, type ModalView } from './interaction-handle.js';
import { dmPlace, dmSourceMessage, guildPlace, guildSourceMessage } from './interaction-payload.js';
import { SimulationError } from './simulation-error.js';

/** How the emulator delivers INTERACTION_CREATE and explains timeouts. */
export interface Delivery {
  deliver(payload: JsonObject): void;
  diagnose(record: InteractionRecord): string;
}

/** A human user driving the bot through Discord's UI. Obtain with `emu.as(userId)`. */
export class SimulatedUser {
  constructor(
    private readonly state: EmulatorState,
    private readonly events: EventEmitter,
    private readonly delivery: Delivery,
    /** The user's id. */
    readonly userId: string,
  ) {}

  /** Runs a slash command registered by the bot (guild command first, then global). */
  runCommand(
    guildId: string,
    name: string,
    spec: CommandInvocation = {},
    place: InteractionPlace = {},
  ): InteractionHandle {
    const { command, channelId } = commandContext(this.state, this.userId, guildId, name, place);
    const data = buildCommandData(this.state, command, guildId, this.userId, spec, false);
    const label = `/${[name, spec.group, spec.subcommand].filter(Boolean).join(' ')} by ${this.username}`;
    return this.start(InteractionKind.ApplicationCommand, name, guildId, channelId, data, label);
  }

  /** Types into an autocomplete option and resolves with the choices the bot returned. */
  async autocomplete(
    guildId: string,
    name: string,
    spec: CommandInvocation & { focused: string },
    place: InteractionPlace = {},
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<Json[]> {
    const { command, channelId } = commandContext(this.state, this.userId, guildId, name, place);
    const data = buildCommandData(this.state, command, guildId, this.userId, spec, true);
    const handle = this.start(
      InteractionKind.Autocomplete,
      name,
      guildId,
      channelId,
      data,
      `autocomplete /${name} ${spec.focused} by ${this.username}`,
    );
    const callback = await handle.response(timeoutMs);
    if (callback.type !== CallbackKind.AutocompleteResult)
      throw new Error(`autocomplete /${name}: bot answered with callback type ${callback.type}`);
    const choices = callback.data?.['choices'];
    return Array.isArray(choices) ? choices : [];
  }

  /** Clicks a button on a message (an API message object or anything with its `id`). */
  clickButton(guildId: string, message: { id: string }, customId: string): InteractionHandle {
    return this.component(guildId, message, customId, undefined);
  }

  /**
   * Clicks a button on a message the bot sent to this user's DM channel (`POST /users/@me/channels`, then
   * `POST /channels/:dm/messages`, or an interaction reply in that DM).
   *
   * The bot receives INTERACTION_CREATE as Discord sends it from a bot DM: no `guild_id` or `member`, a
   * top-level `user`, `channel` the DM channel (type 1 with `recipients`), `context` 1 (BOT_DM),
   * `authorizing_integration_owners` `{ "0": "0" }` and `message` the DM message. Callbacks behave as in a
   * guild: UPDATE_MESSAGE / DEFERRED_UPDATE_MESSAGE edit the DM message, ephemeral replies are seen by this
   * user only.
   *
   * @param message - The DM message (an API message object or anything with its `id`).
   * @param customId - The button's custom id.
   * @returns A handle to await the bot's response, reply and follow-ups.
   * @throws {@link SimulationError} when the message is not the bot's message in this user's DM, or has no
   *   enabled button `customId`.
   */
  clickDmButton(message: { id: string }, customId: string): InteractionHandle {
    const source = dmSourceMessage(this.state, this.userId, message);
    const data = componentData(source, customId, undefined);
    return this.start(
      InteractionKind.MessageComponent,
      customId,
      null,
      source.channelId,
      data,
      `DM component "${customId}" by ${this.username}`,
      source,
    );
  }

  /** Picks values in a select menu on a message. */
  selectMenu(
    guildId: string,
    message: { id: string },
    customId: string,
    values: string[],
  ): InteractionHandle {
    return this.component(guildId, message, customId, values);
  }

  /** Submits a modal the bot showed this user, with values by field custom id. */
  submitModal(
    guildId: string,
    modal: ModalView,
    values: Record<string, string | string[]>,
  ): InteractionHandle {
    const shown = this.state.interactions
      .all()
      .reverse()
      .find(
        (r) =>
          r.userId === this.userId &&
          r.callback?.type === CallbackKind.Modal &&
          r.callback.data?.['custom_id'] === modal.custom_id,
      );
    if (!shown) throw new SimulationError(`${this.username} was never shown a modal "${modal.custom_id}"`);
    const shownModal = shown.callback?.data ?? {};
    const data: JsonObject = {
      custom_id: modal.custom_id,
      components: buildModalComponents(shownModal, values),
    };
    const source = shown.sourceMessageId
      ? this.state.records.messageMap.get(shown.sourceMessageId)
      : undefined;
    return this.start(
      InteractionKind.ModalSubmit,
      modal.custom_id,
      shown.guildId === null ? null : guildId,
      shown.channelId,
      data,
      `modal "${modal.custom_id}" by ${this.username}`,
      source,
    );
  }

  private get username(): string {
    return this.state.records.user(this.userId).username;
  }

  private component(
    guildId: string,
    ref: { id: string },
    customId: string,
    values: string[] | undefined,
  ): InteractionHandle {
    const message = guildSourceMessage(this.state, this.userId, guildId, ref);
    const data = componentData(message, customId, values);
    return this.start(
      InteractionKind.MessageComponent,
      customId,
      guildId,
      message.channelId,
      data,
      `component "${customId}" by ${this.username}`,
      message,
    );
  }

  /** Creates the interaction record and dispatches INTERACTION_CREATE; `guildId` null means the bot's DM. */
  private start(
    type: number,
    name: string,
    guildId: string | null,
    channelId: string,
    data: JsonObject,
    label: string,
    source?: MessageRecord,
  ): InteractionHandle {
    const { json, records, interactions } = this.state;
    const place =
      guildId === null
        ? dmPlace(this.state, this.userId, channelId)
        : guildPlace(this.state, this.userId, guildId, channelId);
    const record = interactions.create({
      type,
      name,
      guildId,
      channelId,
      userId: this.userId,
      ...(source ? { sourceMessageId: source.id } : {}),
    });
    record.payload = {
      id: record.id,
      application_id: records.applicationId,
      type,
      data,
      ...place,
      token: record.token,
      version: 1,
      locale: 'en-US',
      entitlements: [],
      attachment_size_limit: 10485760,
      ...(source ? { message: json.apiMessage(source) } : {}),
    };
    record.dispatchedAt = performance.now();
    this.delivery.deliver(record.payload);
    return new InteractionHandle(this.state, this.events, record, label, () =>
      this.delivery.diagnose(record),
    );
  }
}
