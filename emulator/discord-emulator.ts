import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIApplicationCommand, APIGuildScheduledEvent, APIMessage } from 'discord.js';
import { contestOverwrite, type Contest } from './faults/channel-faults.js';
import type { DelayInjection, FailureInjection, InjectedFailure } from './faults/injections.js';
import { RestFaults } from './faults/rest-faults.js';
import { GatewayServer } from './gateway/gateway-server.js';
import { GatewaySessions, guildOfDispatch, shardHolds } from './gateway/sessions.js';
import type { EmulatorOptions } from './options.js';
import type { CommandPermission } from './permissions/command-permissions.js';
import type { RecordedRequest } from './rest/route-types.js';
import { serveAttachment } from './rest/attachment-cdn.js';
import { Router } from './rest/router.js';
import { registerRoutes } from './rest/routes/register.js';
import { RestServer } from './rest/server.js';
import { SimulatedUser } from './simulated-users/simulated-user.js';
import { diagnoseInteraction } from './simulated-users/timeout-diagnosis.js';
import type { CreateChannelOptions } from './state/channels.js';
import type { AuditLogEntry } from './state/discord-records.js';
import { createEmulatorState, type EmulatorState } from './state/emulator-state.js';
import type { CreateGuildOptions } from './state/guilds.js';
import type { InteractionRecord } from './state/interactions.js';
import { JsonViews, type EmulatedChannel } from './state/json-views.js';
import { notifiedBy, type Notified } from './state/mentions.js';
import { forwardEvents, type EmulatorEvents } from './state/public-events.js';
import type { OverwriteInput } from './state/records.js';
import { EventStatus, type CreateScheduledEventOptions } from './state/scheduled-events.js';

/**
 * A loopback Discord (REST under `/api/v10` + gateway at `/gateway`) that a real discord.js client can log into.
 * Build the world with `createGuild` / `createUser` / `createChannel`, drive the bot with `as(userId)`.
 *
 * It holds the emulated Discord ({@link EmulatorState}), the REST pipeline with its faults, and the gateway;
 * each method below hands the work to one of them.
 */
export class DiscordEmulator extends EventEmitter<EmulatorEvents> {
  /** Internal change notifications (records); public events are re-emitted on `this` as Discord JSON. */
  private readonly internal = new EventEmitter();
  private readonly sessions = new GatewaySessions();
  private readonly state: EmulatorState;
  private readonly views: JsonViews;
  private readonly faults: RestFaults;
  private readonly rest: RestServer;
  private readonly gateway: GatewayServer;
  private server: Server | undefined;
  private port = 0;

  private constructor(options: EmulatorOptions) {
    super();
    this.internal.setMaxListeners(0);
    const state = createEmulatorState(options, this.internal, this.sessions, () => this.baseUrl);
    this.state = state;
    this.views = new JsonViews(
      state.records,
      state.json,
      state.permissions,
      state.messages,
      state.scheduledEvents,
    );
    forwardEvents(this.internal, this, this.views);
    const router = new Router();
    registerRoutes(router, state, () => this.gatewayUrl);
    this.faults = new RestFaults({
      globalRateLimitPerSecond: options.globalRateLimitPerSecond,
      routeRateLimit: state.options.routeRateLimit,
    });
    this.rest = new RestServer(state.records.botToken, router, this.faults, this.internal, (path) =>
      serveAttachment(state.records, path),
    );
    this.gateway = new GatewayServer(state.records, state.json, this.sessions, state.options);
  }

  /** Starts the emulator on 127.0.0.1 (random port unless `options.port`). */
  static async start(options: EmulatorOptions = {}): Promise<DiscordEmulator> {
    const emu = new DiscordEmulator(options);
    const server = createServer((req, res) => void emu.rest.handle(req, res));
    server.on('upgrade', (req, socket, head: Buffer) => {
      if (!emu.gateway.handleUpgrade(req, socket, head)) socket.destroy();
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    emu.server = server;
    emu.port = (server.address() as AddressInfo).port;
    emu.gateway.setUrl(emu.gatewayUrl);
    return emu;
  }

  /** `http://127.0.0.1:PORT`: attachment urls point below it (`/attachments/:channel/:attachment/:filename`). */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
  /** `http://127.0.0.1:PORT/api`: pass as `rest.api` to discord.js. */
  get restBase(): string {
    return `${this.baseUrl}/api`;
  }
  /** `ws://127.0.0.1:PORT/gateway`. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }
  /** The bot token to `client.login` with. */
  get botToken(): string {
    return this.state.records.botToken;
  }
  /** The application id (equals the bot user id, as for modern apps). */
  get applicationId(): string {
    return this.state.records.applicationId;
  }
  /** The bot's user id. */
  get botUserId(): string {
    return this.state.records.botUserId;
  }

  /** Acts as a human user (slash commands, buttons, modals, autocomplete). */
  as(userId: string): SimulatedUser {
    this.state.records.user(userId);
    return new SimulatedUser(
      this.state,
      this.internal,
      {
        deliver: (payload) => {
          const guildId = guildOfDispatch('INTERACTION_CREATE', payload);
          const sessions = [...this.sessions.byId.values()];
          if (!sessions.some((s) => shardHolds(s.shard, guildId)))
            throw new Error(
              sessions.length === 0
                ? 'Emulator: no bot is connected to the gateway; INTERACTION_CREATE cannot be delivered'
                : `Emulator: no session holds the shard of ${guildId ? `guild ${guildId}` : 'DMs (shard 0)'}; INTERACTION_CREATE cannot be delivered`,
            );
          this.sessions.dispatch('INTERACTION_CREATE', payload, 0);
        },
        diagnose: (record) => diagnoseInteraction(this.rest, record),
      },
      userId,
    );
  }

  /** Creates a guild (owner, @everyone, the bot's managed role); dispatches GUILD_CREATE to connected bots. */
  createGuild(opts: CreateGuildOptions): {
    id: string;
    everyoneRoleId: string;
    ownerId: string;
    botRoleId: string;
  } {
    return this.state.guilds.createGuild(opts);
  }
  /** Sets a guild's system channel (where Discord posts its own notices); null: none. */
  setSystemChannel(guildId: string, channelId: string | null): void {
    this.state.guilds.setSystemChannel(guildId, channelId);
  }

  /** Creates a user; returns its id. `dmsOpen: false` makes bot DMs fail with 50007. */
  createUser(opts: { username: string; globalName?: string; dmsOpen?: boolean }): string {
    return this.state.records.createUser(opts);
  }
  /** Opens or closes a user's DMs. */
  setDmsOpen(userId: string, open: boolean): void {
    this.state.records.user(userId).dmsOpen = open;
  }
  /** Adds a user to a guild with optional roles. */
  addMember(guildId: string, userId: string, opts: { roles?: string[]; nick?: string } = {}): void {
    this.state.guilds.addMember(guildId, userId, opts);
  }
  /** Removes a user from a guild. */
  removeMember(guildId: string, userId: string): void {
    this.state.guilds.removeMember(guildId, userId);
  }
  /** Replaces a member's roles. */
  setMemberRoles(guildId: string, userId: string, roles: string[]): void {
    this.state.guilds.setMemberRoles(guildId, userId, roles);
  }
  /** Creates a role; dispatches GUILD_ROLE_CREATE. Returns its id. */
  createRole(
    guildId: string,
    opts: { name: string; permissions?: bigint; color?: number; hoist?: boolean; mentionable?: boolean },
  ): string {
    return this.state.guilds.createRole(guildId, opts).id;
  }
  /** Changes a role's permissions (as an admin would); dispatches GUILD_ROLE_UPDATE. */
  setRolePermissions(guildId: string, roleId: string, permissions: bigint): void {
    this.state.guilds.setRolePermissions(guildId, roleId, permissions);
  }
  /** Deletes a role; dispatches GUILD_ROLE_DELETE. */
  deleteRole(guildId: string, roleId: string): void {
    this.state.guilds.deleteRole(guildId, roleId);
  }
  /** Creates a channel as a human admin would; dispatches CHANNEL_CREATE. Returns its id. */
  createChannel(guildId: string, opts: CreateChannelOptions): string {
    return this.state.channels.createChannel(guildId, opts).id;
  }
  /** Replaces a channel's overwrites as a human admin would; dispatches CHANNEL_UPDATE. */
  editOverwrites(channelId: string, overwrites: OverwriteInput[]): void {
    this.state.channels.editOverwrites(channelId, overwrites);
  }
  /** Adds or replaces one overwrite as a human admin would; dispatches CHANNEL_UPDATE. */
  putOverwrite(channelId: string, overwrite: OverwriteInput): void {
    this.state.channels.putOverwrite(channelId, overwrite);
  }
  /** Removes one overwrite as a human admin would; dispatches CHANNEL_UPDATE. */
  deleteOverwrite(channelId: string, overwriteId: string): void {
    this.state.channels.deleteOverwrite(channelId, overwriteId);
  }
  /** Renames / moves a channel as a human admin would; dispatches CHANNEL_UPDATE. */
  editChannel(
    channelId: string,
    changes: { name?: string; topic?: string | null; parentId?: string | null; position?: number },
  ): void {
    this.state.channels.editChannel(channelId, changes);
  }
  /** Deletes a channel as a human admin would; dispatches CHANNEL_DELETE. */
  deleteChannel(channelId: string): void {
    this.state.channels.deleteChannel(channelId);
  }

  /** Deletes a message as a member with Manage Messages would; later edits answer Unknown Message. */
  deleteMessage(channelId: string, messageId: string): void {
    this.state.messages.delete(this.state.messages.get(channelId, messageId));
  }

  /** A channel in Discord's JSON shape, or undefined. */
  channel(id: string): EmulatedChannel | undefined {
    return this.views.channel(id);
  }
  /** A guild's channels (sorted by position). */
  channels(guildId: string): EmulatedChannel[] {
    return this.views.channels(guildId);
  }
  /** Public (non-ephemeral) messages of a channel, oldest first. */
  messages(channelId: string): APIMessage[] {
    return this.views.messages(channelId);
  }
  /** Who a message notifies, from its content and the `allowed_mentions` it was sent with. */
  notified(messageId: string): Notified {
    const message = this.state.records.messageMap.get(messageId);
    if (!message) throw new Error(`Emulator: unknown message ${messageId}`);
    return notifiedBy(message.content, message.extra);
  }
  /** Messages between the bot and a user in their DM channel, oldest first. */
  dmMessages(userId: string): APIMessage[] {
    return this.views.dmMessages(userId);
  }
  /** What `userId` sees in a channel: public messages plus ephemeral ones addressed to them; [] if they cannot view it. */
  visibleMessages(userId: string, channelId: string): APIMessage[] {
    return this.views.visibleMessages(userId, channelId);
  }
  /** Registered commands (global when no guildId). */
  commands(opts: { guildId?: string } = {}): APIApplicationCommand[] {
    return this.state.commands
      .list(opts.guildId ?? null)
      .map((c) => c.data as unknown as APIApplicationCommand);
  }
  /**
   * Sets who may use a command in a guild, as a server admin does in Server Settings → Integrations.
   * E.g. `[{ id: guildId, type: 1, permission: true }]` lets @everyone use it whatever its default permissions.
   */
  setCommandPermissions(guildId: string, commandName: string, permissions: CommandPermission[]): void {
    this.state.commandPermissions.set(guildId, commandName, permissions);
  }
  /** Number of bulk-overwrite PUTs of commands received. */
  get commandPutCount(): number {
    return this.state.commands.putCount;
  }

  /** Every scheduled event of a guild, any status (with `user_count`). */
  scheduledEvents(guildId: string): APIGuildScheduledEvent[] {
    return this.state.scheduledEvents.inGuild(guildId).map((e) => this.views.scheduledEvent(e.id));
  }
  /** Scheduled / active events a member sees: external ones always, voice / stage ones if they can view the channel. */
  visibleScheduledEvents(userId: string, guildId: string): APIGuildScheduledEvent[] {
    return this.state.permissions
      .scheduledEventsVisibleTo(userId, guildId)
      .map((e) => this.views.scheduledEvent(e.id));
  }
  /** Creates an event as a human organiser would (no checks, no limit); dispatches the CREATE. Returns its id. */
  createScheduledEvent(guildId: string, opts: CreateScheduledEventOptions = {}): string {
    return this.state.scheduledEvents.createAsUser(guildId, opts).id;
  }
  /** Fills a guild with `n` external events (e.g. to reach the limit of 100); returns their ids. */
  addScheduledEvents(guildId: string, n: number, opts: CreateScheduledEventOptions = {}): string[] {
    return Array.from({ length: n }, (_, i) =>
      this.createScheduledEvent(guildId, { name: `Event ${i + 1}`, ...opts }),
    );
  }
  /** Sets an event's status (2 active, 3 completed, 4 canceled) as Discord or an organiser would; dispatches the UPDATE. */
  setScheduledEventStatus(eventId: string, status: 1 | 2 | 3 | 4): void {
    this.state.scheduledEvents.setStatus(eventId, status);
  }
  /** Marks an event completed (it no longer counts towards the limit of 100). */
  completeScheduledEvent(eventId: string): void {
    this.setScheduledEventStatus(eventId, EventStatus.Completed);
  }
  /** Adds a user to an event's interested users (`user_count`). */
  subscribeToScheduledEvent(eventId: string, userId: string): void {
    this.state.records.user(userId);
    this.state.scheduledEvents.subscribe(this.state.scheduledEvents.get(eventId), userId);
  }

  /** Permissions of a user: in `channelId` when given, else guild-level in `guildId`. */
  permissionsFor(guildId: string | undefined, userId: string, channelId?: string): bigint {
    return this.state.permissions.permissionsFor(guildId, userId, channelId);
  }
  /** Whether a user can view a channel (DMs: the recipient and the bot). */
  canView(userId: string, channelId: string): boolean {
    return this.state.permissions.canView(userId, channelId);
  }
  /** Ids of guild members who can view a channel. */
  viewersOf(channelId: string): string[] {
    return this.state.permissions.viewersOf(channelId);
  }

  /**
   * Makes the next matching REST requests fail with `status`: before any work by default, or, with
   * `after: true`, once the request has been processed (the response is "lost"; clients retry a done POST).
   */
  injectFailures(spec: FailureInjection): InjectedFailure {
    return this.faults.failures.add(spec);
  }
  /** Delays the next matching REST requests by `ms` (before processing, or before answering with `after`). */
  injectDelay(spec: DelayInjection): InjectedFailure {
    return this.faults.delays.add(spec);
  }
  /**
   * Makes a channel accept overwrite edits from the bot (PATCH `permission_overwrites`, PUT and
   * DELETE of one overwrite: 200 / 204 and a CHANNEL_UPDATE) without applying them, as a Discord
   * that answers but does not change the channel. Edits through this API still apply.
   */
  freezeOverwrites(channelId: string): { release(): void } {
    this.state.records.channel(channelId);
    this.state.channelFaults.frozen.add(channelId);
    return { release: () => this.state.channelFaults.frozen.delete(channelId) };
  }
  /**
   * Stops delivering the named gateway events (e.g. `CHANNEL_UPDATE`) to every session until
   * `release()`: the change happens on Discord, the bot's cache never hears of it. Events dropped
   * are not replayed on RESUME either.
   */
  dropDispatches(...events: string[]): { release(): void } {
    for (const event of events) this.sessions.dropped.add(event);
    return { release: () => events.forEach((event) => this.sessions.dropped.delete(event)) };
  }
  /**
   * Starts a second actor (another bot) that puts `overwrite` on a channel now and again
   * `delayMs` (default 20) after every change that removes or alters it, until `stop()`.
   */
  contestOverwrite(channelId: string, overwrite: OverwriteInput, opts: { delayMs?: number } = {}): Contest {
    return contestOverwrite(
      this.internal,
      channelId,
      overwrite,
      () => this.putOverwrite(channelId, overwrite),
      opts.delayMs ?? 20,
    );
  }
  /** Drops every pending injected failure and delay. */
  clearInjections(): void {
    this.faults.clearInjections();
  }
  /** Number of 429 answers served so far (global limit, route buckets and injected 429s). */
  get rateLimitedCount(): number {
    const { global, route, injected } = this.faults.rateLimited;
    return global + route + injected;
  }
  /** 429 answers served so far, by cause. */
  get rateLimitStats(): { global: number; route: number; injected: number } {
    return { ...this.faults.rateLimited };
  }

  /** Every REST request received, in order. */
  get requests(): readonly RecordedRequest[] {
    return this.rest.requests;
  }
  /** Requests that matched no emulated route (should stay empty). */
  get unknownRoutes(): readonly { method: string; path: string }[] {
    return this.rest.unknownRoutes;
  }
  /** Exceptions thrown inside the emulator while serving REST (answered as 500). */
  get serverErrors(): readonly Error[] {
    return this.rest.serverErrors;
  }
  /** REST mutations with their `X-Audit-Log-Reason`. */
  get auditLog(): readonly AuditLogEntry[] {
    return this.state.records.auditLog;
  }
  /** All simulated interactions with their callbacks. */
  get interactions(): readonly InteractionRecord[] {
    return this.state.interactions.all();
  }
  /** Number of identified gateway sessions with an open socket. */
  get connectedBots(): number {
    return this.sessions.connected().length;
  }
  /** Changes the shard count `GET /gateway/bot` recommends (option `shards`); sessions already open stay as they are. */
  setRecommendedShards(shards: number): void {
    if (!Number.isInteger(shards) || shards < 1) throw new Error(`Emulator: invalid shard count ${shards}`);
    this.state.options.shards = shards;
  }
  /** IDENTIFYs answered with op 9 because their bucket identified within `identifyIntervalMs`. */
  get identifyRefusals(): number {
    return this.gateway.identifyRefusals;
  }
  /** Every identified session: its shard, the number of guilds that shard holds, and whether its socket is open. */
  gatewayShards(): { shard: [number, number]; guilds: number; connected: boolean }[] {
    const botGuilds = [...this.state.records.guilds.values()].filter((g) =>
      g.members.has(this.state.records.botUserId),
    );
    return [...this.sessions.byId.values()].map((session) => ({
      shard: [session.shard[0], session.shard[1]],
      guilds: botGuilds.filter((g) => shardHolds(session.shard, g.id)).length,
      connected: session.socket !== null,
    }));
  }
  /** Dispatch event names sent to each session, for assertions. */
  get dispatchLog(): string[][] {
    return [...this.sessions.byId.values()].map((s) => [...s.sent]);
  }

  /** Polls `predicate` until it returns a truthy value (returned), or rejects after `timeoutMs`. */
  async waitFor<T>(
    predicate: () => T | undefined | null | false,
    timeoutMs = 5000,
    what = 'condition',
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = predicate();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`Emulator.waitFor: ${what} not met within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Closes the gateway sockets and the HTTP server. */
  async stop(): Promise<void> {
    await this.gateway.close();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
