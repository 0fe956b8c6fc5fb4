import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registerCommandRoutes } from './commands.js';
import type { EmulatorOptions } from './core.js';
import { Gateway } from './gateway.js';
import { RestServer } from './http.js';
import type { InteractionRecord } from './interaction-store.js';
import type { DelayInjection, FailureInjection, InjectedFailure } from './faults.js';
import { registerChannelRoutes } from './rest-channels.js';
import { registerGuildRoutes } from './rest-guilds.js';
import { registerInteractionRoutes } from './rest-interactions.js';
import { registerMessageRoutes } from './rest-messages.js';
import { registerScheduledEventRoutes } from './rest-scheduled-events.js';
import { registerUserRoutes } from './rest-users.js';
import { contestOverwrite, type Contest } from './channel-faults.js';
import type { AuditLogEntry } from './state.js';
import type { OverwriteInput, RecordedRequest } from './types.js';
import { SimulatedUser } from './users.js';
import { EmulatorWorld } from './world.js';

export type { EmulatorOptions } from './core.js';
export type { Contest } from './channel-faults.js';
export type { DelayInjection, FailureInjection, InjectedFailure } from './faults.js';
export type { CreateScheduledEventOptions } from './scheduled-events.js';
export type { CommandPermission } from './command-permissions.js';
export type { CreateChannelOptions, CreateGuildOptions, AuditLogEntry } from './state.js';
export type { OverwriteInput, RecordedRequest } from './types.js';
export type { ReplyView, ModalView } from './handle.js';
export type { InteractionHandle } from './handle.js';
export type { CommandInvocation, OptionValue } from './interactions.js';
export type { InteractionPlace, SimulatedUser } from './users.js';
export type { EmulatedChannel } from './views.js';
export { SimulationError } from './interactions.js';
export {
  ALL_PERMISSIONS,
  DEFAULT_BOT_PERMISSIONS,
  computeBasePermissions,
  computeOverwrites,
  computeChannelPermissions,
} from './permissions.js';
export { ChannelKind } from './types.js';
export { EmulatorWorld } from './world.js';
export type { EmulatorEvents } from './world.js';

/**
 * A loopback Discord (REST under `/api/v10` + gateway at `/gateway`) that a real discord.js client can log into.
 * Build the world with `createGuild` / `createUser` / `createChannel`, drive the bot with `as(userId)`.
 */
export class DiscordEmulator extends EmulatorWorld {
  private readonly rest: RestServer;
  private readonly gateway: Gateway;
  private server: Server | undefined;
  private port = 0;

  private constructor(options: EmulatorOptions) {
    super(options);
    this.rest = new RestServer(
      {
        botToken: this.state.botToken,
        globalRateLimitPerSecond: options.globalRateLimitPerSecond,
        routeRateLimit: this.core.options.routeRateLimit,
      },
      this.internal,
    );
    this.gateway = new Gateway(this.state, this.core.options.heartbeatIntervalMs);
    registerUserRoutes(this.rest, this.core, () => this.gatewayUrl);
    registerCommandRoutes(this.rest, this.core);
    registerGuildRoutes(this.rest, this.core);
    registerChannelRoutes(this.rest, this.core);
    registerMessageRoutes(this.rest, this.core);
    registerScheduledEventRoutes(this.rest, this.core);
    registerInteractionRoutes(this.rest, this.core);
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

  /** `http://127.0.0.1:PORT/api`: pass as `rest.api` to discord.js. */
  get restBase(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }
  /** `ws://127.0.0.1:PORT/gateway`. */
  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }
  /** Acts as a human user (slash commands, buttons, modals, autocomplete). */
  as(userId: string): SimulatedUser {
    this.state.user(userId);
    return new SimulatedUser(
      this.core,
      this.internal,
      {
        deliver: (payload) => {
          if (this.gateway.sessions.size === 0)
            throw new Error(
              'Emulator: no bot is connected to the gateway; INTERACTION_CREATE cannot be delivered',
            );
          this.gateway.dispatch('INTERACTION_CREATE', payload, 0);
        },
        diagnose: (record) => this.diagnose(record),
      },
      userId,
    );
  }

  /**
   * Makes the next matching REST requests fail with `status`: before any work by default, or, with
   * `after: true`, once the request has been processed (the response is "lost"; clients retry a done POST).
   */
  injectFailures(spec: FailureInjection): InjectedFailure {
    return this.rest.failures.add(spec);
  }
  /** Delays the next matching REST requests by `ms` (before processing, or before answering with `after`). */
  injectDelay(spec: DelayInjection): InjectedFailure {
    return this.rest.delays.add(spec);
  }
  /**
   * Makes a channel accept overwrite edits from the bot (PATCH `permission_overwrites`, PUT and
   * DELETE of one overwrite: 200 / 204 and a CHANNEL_UPDATE) without applying them, as a Discord
   * that answers but does not change the channel. Edits through this API still apply.
   */
  freezeOverwrites(channelId: string): { release(): void } {
    this.state.channel(channelId);
    this.core.channelFaults.frozen.add(channelId);
    return { release: () => this.core.channelFaults.frozen.delete(channelId) };
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
    this.rest.failures.clear();
    this.rest.delays.clear();
  }
  /** Number of 429 answers served so far (global limit, route buckets and injected 429s). */
  get rateLimitedCount(): number {
    const { global, route, injected } = this.rest.rateLimited;
    return global + route + injected;
  }
  /** 429 answers served so far, by cause. */
  get rateLimitStats(): { global: number; route: number; injected: number } {
    return { ...this.rest.rateLimited };
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
    return this.state.auditLog;
  }
  /** All simulated interactions with their callbacks. */
  get interactions(): readonly InteractionRecord[] {
    return this.core.interactions.all();
  }
  /** Number of identified gateway sessions with an open socket. */
  get connectedBots(): number {
    return this.gateway.connectedSessions().length;
  }
  /** Dispatch event names sent to each session, for assertions. */
  get dispatchLog(): string[][] {
    return [...this.gateway.sessions.values()].map((s) => [...s.sent]);
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

  private diagnose(record: InteractionRecord): string {
    const calls = this.rest.requests.filter(
      (r) => r.path.includes(record.id) || r.path.includes(record.token),
    );
    const lines = calls.map((r) => `${r.method} ${r.route ?? r.path} → ${r.status}`);
    const errors = this.rest.serverErrors.map((e) => e.message);
    return [
      calls.length
        ? `REST calls for this interaction: ${lines.join('; ')}`
        : 'The bot made no REST call for this interaction.',
      errors.length ? `Emulator errors: ${errors.join('; ')}` : '',
    ]
      .filter(Boolean)
      .join(' ');
  }
}
