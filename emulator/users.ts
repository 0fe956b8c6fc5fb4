import type { EventEmitter } from 'node:events';
import type { Core } from './core.js';
import { InteractionHandle, DEFAULT_WAIT_MS } from './handle.js';
import type { ModalView } from './handle.js';
import { CallbackKind, InteractionKind } from './interaction-store.js';
import type { InteractionRecord } from './interaction-store.js';
import { componentData, dmPlace, dmSourceMessage, guildPlace } from './interaction-payload.js';
import { SimulationError, buildCommandData, buildModalComponents } from './interactions.js';
import type { CommandInvocation } from './interactions.js';
import { text } from './body.js';
import { P, has } from './permissions.js';
import { ChannelKind } from './types.js';
import type { Json, JsonObject, MessageRecord } from './types.js';

/** How the emulator delivers INTERACTION_CREATE and explains timeouts. */
export interface Delivery {
  deliver(payload: JsonObject): void;
  diagnose(record: InteractionRecord): string;
}

/** Where an interaction happens. */
export interface InteractionPlace {
  /** Channel the user acts in (default: the first text channel of the guild the user can view). */
  channelId?: string;
}

/** A human user driving the bot through Discord's UI. Obtain with `emu.as(userId)`. */
export class SimulatedUser {
  constructor(
    private readonly core: Core,
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
    const { command, channelId } = this.commandContext(guildId, name, place);
    const data = buildCommandData(this.core, command, guildId, this.userId, spec, false);
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
    const { command, channelId } = this.commandContext(guildId, name, place);
    const data = buildCommandData(this.core, command, guildId, this.userId, spec, true);
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
    const source = dmSourceMessage(this.core, this.userId, message);
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
    const shown = this.core.interactions
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
    const source = shown.sourceMessageId ? this.core.state.messageMap.get(shown.sourceMessageId) : undefined;
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
    return this.core.state.user(this.userId).username;
  }

  private commandContext(guildId: string, name: string, place: InteractionPlace) {
    const command = this.core.commands.find(guildId, name);
    if (!command) {
      const known = [...this.core.commands.list(guildId), ...this.core.commands.list(null)].map((c) =>
        text(c.data['name']),
      );
      throw new SimulationError(
        `the bot registered no command "/${name}" for guild ${guildId} (registered: ${known.join(', ') || 'none'})`,
      );
    }
    const channelId = this.pickChannel(guildId, place);
    const refusal = this.core.commandPermissions.refusal(guildId, this.userId, command);
    if (refusal) throw new SimulationError(`${this.username} cannot see /${name}: ${refusal}`);
    return { command, channelId };
  }

  private pickChannel(guildId: string, place: InteractionPlace): string {
    const guild = this.core.state.guild(guildId);
    if (!guild.members.has(this.userId))
      throw new SimulationError(`${this.username} is not a member of guild ${guild.name}`);
    if (place.channelId) {
      const channel = this.core.state.channel(place.channelId);
      if (channel.guildId !== guildId)
        throw new SimulationError(`channel ${place.channelId} is not in guild ${guild.name}`);
      if (!has(this.core.state.permissionsIn(this.userId, channel.id), P.ViewChannel)) {
        throw new SimulationError(`${this.username} cannot view channel #${channel.name}`);
      }
      return channel.id;
    }
    const channel = this.core.state
      .guildChannels(guildId)
      .find(
        (c) =>
          c.type === ChannelKind.Text && has(this.core.state.permissionsIn(this.userId, c.id), P.ViewChannel),
      );
    if (!channel)
      throw new SimulationError(
        `${this.username} can view no text channel in ${guild.name}; pass { channelId }`,
      );
    return channel.id;
  }

  private component(
    guildId: string,
    ref: { id: string },
    customId: string,
    values: string[] | undefined,
  ): InteractionHandle {
    const message = this.core.state.messageMap.get(ref.id);
    if (!message || message.deleted) throw new SimulationError(`message ${ref.id} does not exist (any more)`);
    if (message.ephemeralFor !== undefined && message.ephemeralFor !== this.userId) {
      throw new SimulationError(`${this.username} cannot see the ephemeral message ${message.id}`);
    }
    if (message.guildId !== guildId)
      throw new SimulationError(`message ${message.id} is not in guild ${guildId}`);
    if (!has(this.core.state.permissionsIn(this.userId, message.channelId), P.ViewChannel)) {
      throw new SimulationError(`${this.username} cannot view the channel of message ${message.id}`);
    }
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
    const { state, interactions } = this.core;
    const place =
      guildId === null
        ? dmPlace(this.core, this.userId, channelId)
        : guildPlace(this.core, this.userId, guildId, channelId);
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
      application_id: state.applicationId,
      type,
      data,
      ...place,
      token: record.token,
      version: 1,
      locale: 'en-US',
      entitlements: [],
      attachment_size_limit: 10485760,
      ...(source ? { message: state.apiMessage(source) } : {}),
    };
    record.dispatchedAt = performance.now();
    this.delivery.deliver(record.payload);
    return new InteractionHandle(this.core, this.events, record, label, () => this.delivery.diagnose(record));
  }
}
