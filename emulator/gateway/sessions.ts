import type { WebSocket } from 'ws';
import type { JsonObject } from '../state/json.js';
import { Op } from './opcodes.js';

/**
 * Sends a dispatch to every identified gateway session whose intents include `intent` (0 = always)
 * and whose shard holds the event's guild (see {@link guildOfDispatch}).
 */
export type DispatchFn = (event: string, data: JsonObject, intent: number) => void;

/** What the state stores need from the gateway: a way to dispatch events to the connected bots. */
export interface Dispatcher {
  dispatch: DispatchFn;
}

const BUFFER_LIMIT = 1000;

/** A gateway shard: `[shard_id, num_shards]` as sent in IDENTIFY. */
export type Shard = readonly [id: number, count: number];

/** A gateway session (survives its socket for RESUME). */
export interface GatewaySession {
  id: string;
  intents: number;
  /** The shard the session identified for; it receives only the events of the guilds it holds. */
  shard: Shard;
  seq: number;
  socket: WebSocket | null;
  buffer: { s: number; payload: string }[];
  /** Dispatch event names sent on this session, in order. */
  sent: string[];
}

/** The shard id of a guild among `count` shards, as Discord computes it: `(guild_id >> 22) % count`. */
export function shardIdOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** Whether `shard` holds the guild `guildId`; guild-less events (`null`, e.g. DMs) belong to shard 0. */
export function shardHolds(shard: Shard, guildId: string | null): boolean {
  return guildId === null ? shard[0] === 0 : shardIdOf(guildId, shard[1]) === shard[0];
}

/** Events about a guild itself, which carry its id as `id` rather than `guild_id`. */
const GUILD_ID_EVENTS = new Set(['GUILD_CREATE', 'GUILD_UPDATE', 'GUILD_DELETE']);

/** The guild a dispatch is about: its `guild_id`, or `id` for GUILD_CREATE/UPDATE/DELETE; null if none. */
export function guildOfDispatch(event: string, data: JsonObject): string | null {
  const guildId = GUILD_ID_EVENTS.has(event) ? data['id'] : data['guild_id'];
  return typeof guildId === 'string' ? guildId : null;
}

/** The identified gateway sessions, with their sequence numbers and replay buffers. */
export class GatewaySessions implements Dispatcher {
  readonly byId = new Map<string, GatewaySession>();
  /** Dispatch events that are not delivered at all (see `DiscordEmulator.dropDispatches`). */
  readonly dropped = new Set<string>();

  /** Sessions that identified and currently have an open socket. */
  connected(): GatewaySession[] {
    return [...this.byId.values()].filter((s) => s.socket !== null);
  }

  /**
   * Sends a dispatch to every identified session whose intents include `intent` and whose shard holds
   * the event's guild; two sessions on the same shard (two processes) both receive it, as on Discord.
   */
  dispatch(event: string, data: JsonObject, intent: number): void {
    if (this.dropped.has(event)) return;
    const guildId = guildOfDispatch(event, data);
    for (const session of this.byId.values()) {
      if (intent !== 0 && (session.intents & intent) === 0) continue;
      if (!shardHolds(session.shard, guildId)) continue;
      this.send(session, event, data);
    }
  }

  /** Sends one dispatch to one session (sequence number, replay buffer, log). */
  send(session: GatewaySession, event: string, data: JsonObject): void {
    session.seq += 1;
    const payload = JSON.stringify({ op: Op.Dispatch, t: event, s: session.seq, d: data });
    session.buffer.push({ s: session.seq, payload });
    if (session.buffer.length > BUFFER_LIMIT) session.buffer.shift();
    session.sent.push(event);
    session.socket?.send(payload);
  }
}
