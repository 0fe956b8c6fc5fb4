import { EventEmitter } from 'node:events';
import type { APIApplicationCommand, APIGuildScheduledEvent, APIMessage } from 'discord.js';
import { ChannelFaults } from './channel-faults.js';
import { CommandPermissions, type CommandPermission } from './command-permissions.js';
import { CommandStore } from './commands.js';
import type { Core, EmulatorOptions } from './core.js';
import { InteractionStore } from './interaction-store.js';
import type { InteractionRecord } from './interaction-store.js';
import { MessageStore } from './messages.js';
import { P, has, toOverwriteRecord } from './permissions.js';
import { EventStatus, ScheduledEventStore } from './scheduled-events.js';
import type { CreateScheduledEventOptions } from './scheduled-events.js';
import { EmulatorState } from './state.js';
import type { CreateChannelOptions, CreateGuildOptions } from './state.js';
import type { ChannelRecord, MessageRecord, OverwriteInput, RecordedRequest } from './types.js';
import { EmulatorViews } from './views.js';
import type { EmulatedChannel } from './views.js';

/** Events emitted by the emulator (payloads in Discord's JSON shapes). */
export interface EmulatorEvents {
  /** A message was created; `ephemeralFor` is the only user who sees it, if ephemeral. */
  message: [message: APIMessage, ephemeralFor: string | undefined];
  /** A message was edited (by the bot, or by an interaction update). */
  messageUpdate: [message: APIMessage, ephemeralFor: string | undefined];
  messageDelete: [ref: { id: string; channel_id: string }];
  /** A REST request was answered. */
  request: [request: RecordedRequest];
  channelCreate: [channel: EmulatedChannel];
  channelUpdate: [channel: EmulatedChannel];
  channelDelete: [channel: EmulatedChannel];
  /** An interaction got a callback, reply edit or follow-up. */
  interactionUpdate: [interaction: InteractionRecord];
}

/**
 * The emulated Discord world (users, guilds, roles, channels, messages, commands) and the admin-side
 * operations a human would do in the Discord client. `DiscordEmulator` adds the servers on top.
 */
export class EmulatorWorld extends EventEmitter<EmulatorEvents> {
  /** Internal change notifications (records); public events are re-emitted on `this` as Discord JSON. */
  protected readonly internal = new EventEmitter();
  protected readonly state: EmulatorState;
  protected readonly core: Core;
  protected readonly views: EmulatorViews;

  protected constructor(options: EmulatorOptions) {
    super();
    this.internal.setMaxListeners(0);
    this.state = new EmulatorState(this.internal, options.botUsername);
    this.core = {
      state: this.state,
      messages: new MessageStore(this.state),
      commands: new CommandStore(this.state),
      commandPermissions: new CommandPermissions(this.state),
      interactions: new InteractionStore(this.state, this.internal),
      scheduledEvents: new ScheduledEventStore(this.state),
      channelFaults: new ChannelFaults(),
      options: {
        globalRateLimitPerSecond: options.globalRateLimitPerSecond,
        routeRateLimit: options.routeRateLimit ?? { limit: 50, windowSeconds: 1 },
        interactionAckTimeoutMs: options.interactionAckTimeoutMs ?? 3000,
        interactionTokenLifetimeMs: options.interactionTokenLifetimeMs ?? 15 * 60 * 1000,
        heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41250,
      },
    };
    this.views = new EmulatorViews(this.core);
    this.forwardEvents();
  }

  /** The bot token to `client.login` with. */
  get botToken(): string {
    return this.state.botToken;
  }
  /** The application id (equals the bot user id, as for modern apps). */
  get applicationId(): string {
    return this.state.applicationId;
  }
  /** The bot's user id. */
  get botUserId(): string {
    return this.state.botUserId;
  }

  /** Creates a guild (owner, @everyone, the bot's managed role); dispatches GUILD_CREATE to connected bots. */
  createGuild(opts: CreateGuildOptions): {
    id: string;
    everyoneRoleId: string;
    ownerId: string;
    botRoleId: string;
  } {
    return this.state.createGuild(opts);
  }
  /** Creates a user; returns its id. `dmsOpen: false` makes bot DMs fail with 50007. */
  createUser(opts: { username: string; globalName?: string; dmsOpen?: boolean }): string {
    return this.state.createUser(opts);
  }
  /** Opens or closes a user's DMs. */
  setDmsOpen(userId: string, open: boolean): void {
    this.state.user(userId).dmsOpen = open;
  }
  /** Adds a user to a guild with optional roles. */
  addMember(guildId: string, userId: string, opts: { roles?: string[]; nick?: string } = {}): void {
    this.state.addMember(guildId, userId, opts);
  }
  /** Removes a user from a guild. */
  removeMember(guildId: string, userId: string): void {
    this.state.removeMember(guildId, userId);
  }
  /** Replaces a member's roles. */
  setMemberRoles(guildId: string, userId: string, roles: string[]): void {
    this.state.setMemberRoles(guildId, userId, roles);
  }
  /** Creates a role; dispatches GUILD_ROLE_CREATE. Returns its id. */
  createRole(
    guildId: string,
    opts: { name: string; permissions?: bigint; color?: number; hoist?: boolean; mentionable?: boolean },
  ): string {
    return this.state.createRole(guildId, opts).id;
  }
  /** Changes a role's permissions (as an admin would); dispatches GUILD_ROLE_UPDATE. */
  setRolePermissions(guildId: string, roleId: string, permissions: bigint): void {
    const role = this.state.guild(guildId).roles.get(roleId);
    if (!role) throw new Error(`Emulator: unknown role ${roleId}`);
    role.permissions = permissions;
    this.state.roleChanged(role);
  }
  /** Deletes a role; dispatches GUILD_ROLE_DELETE. */
  deleteRole(guildId: string, roleId: string): void {
    this.state.deleteRole(guildId, roleId);
  }
  /** Creates a channel as a human admin would; dispatches CHANNEL_CREATE. Returns its id. */
  createChannel(guildId: string, opts: CreateChannelOptions): string {
    return this.state.createChannel(guildId, opts).id;
  }
  /** Replaces a channel's overwrites as a human admin would; dispatches CHANNEL_UPDATE. */
  editOverwrites(channelId: string, overwrites: OverwriteInput[]): void {
    const channel = this.state.channel(channelId);
    channel.overwrites = overwrites.map(toOverwriteRecord);
    this.state.channelChanged(channel);
  }
  /** Adds or replaces one overwrite as a human admin would; dispatches CHANNEL_UPDATE. */
  putOverwrite(channelId: string, overwrite: OverwriteInput): void {
    const channel = this.state.channel(channelId);
    channel.overwrites = [
      ...channel.overwrites.filter((o) => o.id !== overwrite.id),
      toOverwriteRecord(overwrite),
    ];
    this.state.channelChanged(channel);
  }
  /** Removes one overwrite as a human admin would; dispatches CHANNEL_UPDATE. */
  deleteOverwrite(channelId: string, overwriteId: string): void {
    const channel = this.state.channel(channelId);
    channel.overwrites = channel.overwrites.filter((o) => o.id !== overwriteId);
    this.state.channelChanged(channel);
  }
  /** Renames / moves a channel as a human admin would; dispatches CHANNEL_UPDATE. */
  editChannel(
    channelId: string,
    changes: { name?: string; topic?: string | null; parentId?: string | null; position?: number },
  ): void {
    const channel = this.state.channel(channelId);
    if (changes.name !== undefined) channel.name = changes.name;
    if (changes.topic !== undefined) channel.topic = changes.topic;
    if (changes.parentId !== undefined) channel.parentId = changes.parentId;
    if (changes.position !== undefined) channel.position = changes.position;
    this.state.channelChanged(channel);
  }
  /** Deletes a channel as a human admin would; dispatches CHANNEL_DELETE. */
  deleteChannel(channelId: string): void {
    this.state.deleteChannel(channelId);
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
    return this.core.commands
      .list(opts.guildId ?? null)
      .map((c) => c.data as unknown as APIApplicationCommand);
  }
  /**
   * Sets who may use a command in a guild, as a server admin does in Server Settings → Integrations.
   * E.g. `[{ id: guildId, type: 1, permission: true }]` lets @everyone use it whatever its default permissions.
   */
  setCommandPermissions(guildId: string, commandName: string, permissions: CommandPermission[]): void {
    this.core.commandPermissions.set(guildId, commandName, permissions);
  }
  /** Number of bulk-overwrite PUTs of commands received. */
  get commandPutCount(): number {
    return this.core.commands.putCount;
  }

  /** Every scheduled event of a guild, any status (with `user_count`). */
  scheduledEvents(guildId: string): APIGuildScheduledEvent[] {
    return this.core.scheduledEvents.inGuild(guildId).map((e) => this.eventJson(e.id));
  }
  /** Scheduled / active events a member sees: external ones always, voice / stage ones if they can view the channel. */
  visibleScheduledEvents(userId: string, guildId: string): APIGuildScheduledEvent[] {
    return this.state.scheduledEventsVisibleTo(userId, guildId).map((e) => this.eventJson(e.id));
  }
  /** Creates an event as a human organiser would (no checks, no limit); dispatches the CREATE. Returns its id. */
  createScheduledEvent(guildId: string, opts: CreateScheduledEventOptions = {}): string {
    return this.core.scheduledEvents.createAsUser(guildId, opts).id;
  }
  /** Fills a guild with `n` external events (e.g. to reach the limit of 100); returns their ids. */
  addScheduledEvents(guildId: string, n: number, opts: CreateScheduledEventOptions = {}): string[] {
    return Array.from({ length: n }, (_, i) =>
      this.createScheduledEvent(guildId, { name: `Event ${i + 1}`, ...opts }),
    );
  }
  /** Sets an event's status (2 active, 3 completed, 4 canceled) as Discord or an organiser would; dispatches the UPDATE. */
  setScheduledEventStatus(eventId: string, status: 1 | 2 | 3 | 4): void {
    const event = this.core.scheduledEvents.get(eventId);
    event.status = status;
    this.core.scheduledEvents.changed(event);
  }
  /** Marks an event completed (it no longer counts towards the limit of 100). */
  completeScheduledEvent(eventId: string): void {
    this.setScheduledEventStatus(eventId, EventStatus.Completed);
  }
  /** Adds a user to an event's interested users (`user_count`). */
  subscribeToScheduledEvent(eventId: string, userId: string): void {
    this.state.user(userId);
    this.core.scheduledEvents.subscribe(this.core.scheduledEvents.get(eventId), userId);
  }
  private eventJson(id: string): APIGuildScheduledEvent {
    const event = this.core.scheduledEvents.get(id);
    return this.state.apiScheduledEvent(event, true) as unknown as APIGuildScheduledEvent;
  }

  /** Permissions of a user: in `channelId` when given, else guild-level in `guildId`. */
  permissionsFor(guildId: string | undefined, userId: string, channelId?: string): bigint {
    if (channelId) return this.state.permissionsIn(userId, channelId);
    if (!guildId) throw new Error('permissionsFor needs a guildId or a channelId');
    return this.state.guildPermissions(guildId, userId);
  }
  /** Whether a user can view a channel (DMs: the recipient and the bot). */
  canView(userId: string, channelId: string): boolean {
    const channel = this.state.channel(channelId);
    if (!channel.guildId) return userId === channel.recipientId || userId === this.botUserId;
    return has(this.state.permissionsIn(userId, channelId), P.ViewChannel);
  }
  /** Ids of guild members who can view a channel. */
  viewersOf(channelId: string): string[] {
    const channel = this.state.channel(channelId);
    if (!channel.guildId) return [channel.recipientId ?? '', this.botUserId].filter(Boolean);
    return [...this.state.guild(channel.guildId).members.keys()].filter((id) => this.canView(id, channelId));
  }

  private forwardEvents(): void {
    const api = (m: MessageRecord) => this.views.message(m);
    this.internal.on('message', (m: MessageRecord) => this.emit('message', api(m), m.ephemeralFor));
    this.internal.on('messageUpdate', (m: MessageRecord) =>
      this.emit('messageUpdate', api(m), m.ephemeralFor),
    );
    this.internal.on('messageDelete', (m: MessageRecord) =>
      this.emit('messageDelete', { id: m.id, channel_id: m.channelId }),
    );
    this.internal.on('request', (r: RecordedRequest) => this.emit('request', r));
    this.internal.on('channelCreate', (c: ChannelRecord) =>
      this.emit('channelCreate', this.views.fromRecord(c)),
    );
    this.internal.on('channelUpdate', (c: ChannelRecord) =>
      this.emit('channelUpdate', this.views.fromRecord(c)),
    );
    this.internal.on('channelDelete', (c: ChannelRecord) =>
      this.emit('channelDelete', this.views.fromRecord(c)),
    );
    this.internal.on('interactionUpdate', (r: InteractionRecord) => this.emit('interactionUpdate', r));
  }
}
