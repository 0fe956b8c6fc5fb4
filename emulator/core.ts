import type { ChannelFaults } from './channel-faults.js';
import type { CommandPermissions } from './command-permissions.js';
import type { CommandStore } from './commands.js';
import type { InteractionStore } from './interaction-store.js';
import type { MessageStore } from './messages.js';
import type { ScheduledEventStore } from './scheduled-events.js';
import type { EmulatorState } from './state.js';

/** Options accepted by `DiscordEmulator.start`. */
export interface EmulatorOptions {
  /** Requests per second per bot token before a global 429 (default: off). */
  globalRateLimitPerSecond?: number;
  /** Per-route bucket size per window (default 50 per second); `false` to disable. */
  routeRateLimit?: { limit: number; windowSeconds: number } | false;
  /** Time the bot has to answer an interaction callback (default 3000 ms, as on Discord). */
  interactionAckTimeoutMs?: number;
  /** Lifetime of an interaction token for follow-ups and edits (default 15 min). */
  interactionTokenLifetimeMs?: number;
  /** Gateway heartbeat interval sent in HELLO (default 41250 ms). */
  heartbeatIntervalMs?: number;
  /** Port to listen on (default: a random free port). */
  port?: number;
  /** Bot username (default "Circlekeeper"). */
  botUsername?: string;
}

/** Services shared by the REST routes, the gateway and the simulated users. */
export interface Core {
  readonly state: EmulatorState;
  readonly messages: MessageStore;
  readonly commands: CommandStore;
  readonly commandPermissions: CommandPermissions;
  readonly interactions: InteractionStore;
  readonly scheduledEvents: ScheduledEventStore;
  readonly channelFaults: ChannelFaults;
  readonly options: Required<Omit<EmulatorOptions, 'globalRateLimitPerSecond' | 'port' | 'botUsername'>> & {
    globalRateLimitPerSecond: number | undefined;
  };
}
