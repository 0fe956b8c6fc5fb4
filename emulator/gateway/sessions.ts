import type { WebSocket } from 'ws';
import type { JsonObject } from '../state/json.js';
import { Op } from './opcodes.js';

/** Sends a dispatch to every identified gateway session whose intents include `intent` (0 = always). */
export type DispatchFn = (event: string, data: JsonObject, intent: number) => void;

/** What the state stores need from the gateway: a way to dispatch events to the connected bots. */
export interface Dispatcher {
  dispatch: DispatchFn;
}

const BUFFER_LIMIT = 1000;

/** A gateway session (survives its socket for RESUME). */
export interface GatewaySession {
  id: string;
  intents: number;
  seq: number;
  socket: WebSocket | null;
  buffer: { s: number; payload: string }[];
  /** Dispatch event names sent on this session, in order. */
  sent: string[];
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

  /** Sends a dispatch to every identified session (single shard) whose intents include `intent`. */
  dispatch(event: string, data: JsonObject, intent: number): void {
    if (this.dropped.has(event)) return;
    for (const session of this.byId.values()) {
      if (intent !== 0 && (session.intents & intent) === 0) continue;
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
