import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import type { ApiJson } from '../state/api-json.js';
import type { DiscordRecords } from '../state/discord-records.js';
import { apiUser } from '../state/serialize/guild.js';
import { GatewayClose, Intent, Op } from './opcodes.js';
import type { ResolvedOptions } from '../options.js';
import { type GatewaySession, type GatewaySessions, type Shard, shardHolds } from './sessions.js';

/** What the gateway reads from the options (live: a test may change them while the emulator runs). */
type GatewayOptions = Pick<
  ResolvedOptions,
  'heartbeatIntervalMs' | 'maxConcurrency' | 'identifyIntervalMs' | 'maxGuildsPerShard'
>;

/**
 * Part of the identify window forgiven: a client times its 5 s from before it sends an IDENTIFY, the
 * emulator from when it arrives, so a client pacing itself exactly must not be refused for transit time.
 */
const IDENTIFY_TRANSIT_LEEWAY = 0.05;

/** The loopback Discord gateway (JSON text frames, no compression). */
export class GatewayServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private url = '';
  /** When the last accepted IDENTIFY of each rate-limit bucket (`shard_id % max_concurrency`) arrived. */
  private readonly lastIdentify = new Map<number, number>();
  /** IDENTIFYs answered with op 9 because their bucket identified less than `identifyIntervalMs` ago. */
  identifyRefusals = 0;

  constructor(
    private readonly records: DiscordRecords,
    private readonly json: ApiJson,
    private readonly sessions: GatewaySessions,
    private readonly options: GatewayOptions,
  ) {
    this.wss.on('connection', (socket: WebSocket, req: IncomingMessage) => this.onConnection(socket, req));
  }

  /** Sets the public ws URL (used in READY's resume_gateway_url). */
  setUrl(url: string): void {
    this.url = url;
  }

  /** Handles an HTTP upgrade; returns false when the path is not `/gateway`. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith('/gateway')) return false;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    return true;
  }

  private onConnection(socket: WebSocket, req: IncomingMessage): void {
    const params = new URL(req.url ?? '/', 'http://localhost').searchParams;
    if (params.get('encoding') && params.get('encoding') !== 'json') {
      socket.close(GatewayClose.DecodeError, 'Only encoding=json is supported by the emulator');
      return;
    }
    if (params.get('compress')) {
      socket.close(GatewayClose.DecodeError, 'Transport compression is not supported by the emulator');
      return;
    }
    const version = params.get('v');
    if (version && version !== '10' && version !== '9') {
      socket.close(GatewayClose.InvalidApiVersion, 'Invalid API version');
      return;
    }
    let session: GatewaySession | null = null;
    socket.send(
      JSON.stringify({
        op: Op.Hello,
        d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ['["emulator",{}]'] },
        s: null,
        t: null,
      }),
    );
    socket.on('message', (raw: RawData, isBinary: boolean) => {
      let payload: { op?: unknown; d?: unknown };
      try {
        payload = JSON.parse(isBinary ? '' : rawToString(raw)) as { op?: unknown; d?: unknown };
      } catch {
        socket.close(GatewayClose.DecodeError, 'Decode error');
        return;
      }
      const d = (payload.d ?? {}) as Record<string, unknown>;
      switch (payload.op) {
        case Op.Heartbeat:
          socket.send(JSON.stringify({ op: Op.HeartbeatAck, d: null, s: null, t: null }));
          break;
        case Op.Identify:
          if (session) return void socket.close(GatewayClose.AlreadyAuthenticated, 'Already authenticated');
          session = this.identify(socket, d);
          break;
        case Op.Resume:
          session = this.resume(socket, d);
          break;
        case Op.PresenceUpdate:
        case Op.VoiceStateUpdate:
          if (!session) socket.close(GatewayClose.NotAuthenticated, 'Not authenticated');
          break;
        case Op.RequestGuildMembers:
          if (!session) return void socket.close(GatewayClose.NotAuthenticated, 'Not authenticated');
          this.membersChunk(session, d);
          break;
        default:
          socket.close(GatewayClose.UnknownOpcode, 'Unknown opcode');
      }
    });
    socket.on('close', (code: number) => {
      if (!session) return;
      session.socket = null;
      if (code === 1000 || code === 1001) this.sessions.byId.delete(session.id);
    });
  }

  private identify(socket: WebSocket, d: Record<string, unknown>): GatewaySession | null {
    if (d['token'] !== this.records.botToken && d['token'] !== `Bot ${this.records.botToken}`) {
      socket.close(GatewayClose.AuthenticationFailed, 'Authentication failed');
      return null;
    }
    const shard = parseShard(d['shard']);
    if (!shard) {
      socket.close(GatewayClose.InvalidShard, 'Invalid shard');
      return null;
    }
    if (!this.mayIdentify(shard)) {
      this.identifyRefusals += 1;
      socket.send(JSON.stringify({ op: Op.InvalidSession, d: false, s: null, t: null }));
      return null;
    }
    const guilds = [...this.records.guilds.values()].filter(
      (g) => g.members.has(this.records.botUserId) && shardHolds(shard, g.id),
    );
    if (guilds.length > this.options.maxGuildsPerShard) {
      socket.close(GatewayClose.ShardingRequired, 'Sharding required');
      return null;
    }
    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      intents: typeof d['intents'] === 'number' ? d['intents'] : 0,
      shard,
      seq: 0,
      socket,
      buffer: [],
      sent: [],
    };
    this.sessions.byId.set(session.id, session);
    this.sessions.send(session, 'READY', {
      v: 10,
      user: {
        ...apiUser(this.records.user(this.records.botUserId)),
        verified: true,
        mfa_enabled: false,
        email: null,
      },
      user_settings: {},
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: this.url,
      private_channels: [],
      relationships: [],
      presences: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: ['emulator'],
      application: { id: this.records.applicationId, flags: 0 },
      shard: [...shard],
      _trace: ['["emulator",{}]'],
    });
    if (session.intents & Intent.Guilds) {
      for (const guild of guilds) this.sessions.send(session, 'GUILD_CREATE', this.json.gatewayGuild(guild));
    }
    return session;
  }

  /**
   * Whether the shard's identify bucket (`shard_id % max_concurrency`) is free: Discord allows one
   * IDENTIFY per bucket every 5 seconds, whichever process sends it. Records the identify when free.
   */
  private mayIdentify(shard: Shard): boolean {
    const { identifyIntervalMs, maxConcurrency } = this.options;
    if (identifyIntervalMs <= 0) return true;
    const bucket = shard[0] % maxConcurrency;
    const now = Date.now();
    const last = this.lastIdentify.get(bucket);
    if (last !== undefined && now - last < identifyIntervalMs * (1 - IDENTIFY_TRANSIT_LEEWAY)) return false;
    this.lastIdentify.set(bucket, now);
    return true;
  }

  private resume(socket: WebSocket, d: Record<string, unknown>): GatewaySession | null {
    const session = typeof d['session_id'] === 'string' ? this.sessions.byId.get(d['session_id']) : undefined;
    const seq = typeof d['seq'] === 'number' ? d['seq'] : -1;
    const oldest = session?.buffer[0]?.s ?? 1;
    if (!session || d['token'] !== this.records.botToken || seq + 1 < oldest) {
      socket.send(JSON.stringify({ op: Op.InvalidSession, d: false, s: null, t: null }));
      return null;
    }
    session.socket?.close(4000, 'Session resumed elsewhere');
    session.socket = socket;
    for (const entry of session.buffer) if (entry.s > seq) socket.send(entry.payload);
    this.sessions.send(session, 'RESUMED', {});
    return session;
  }

  private membersChunk(session: GatewaySession, d: Record<string, unknown>): void {
    const guild = typeof d['guild_id'] === 'string' ? this.records.guilds.get(d['guild_id']) : undefined;
    if (!guild) return;
    const ids = Array.isArray(d['user_ids'])
      ? d['user_ids'].map(String)
      : typeof d['user_ids'] === 'string'
        ? [d['user_ids']]
        : null;
    const query = typeof d['query'] === 'string' ? d['query'].toLowerCase() : '';
    const limit = typeof d['limit'] === 'number' && d['limit'] > 0 ? d['limit'] : Infinity;
    const members = [...guild.members.values()]
      .filter((m) =>
        ids ? ids.includes(m.userId) : this.records.user(m.userId).username.toLowerCase().startsWith(query),
      )
      .slice(0, limit);
    this.sessions.send(session, 'GUILD_MEMBERS_CHUNK', {
      guild_id: guild.id,
      members: members.map((m) => this.json.apiMember(guild, m)),
      chunk_index: 0,
      chunk_count: 1,
      not_found: ids ? ids.filter((id) => !guild.members.has(id)) : [],
      ...(typeof d['nonce'] === 'string' ? { nonce: d['nonce'] } : {}),
    });
  }

  /** Closes every socket and forgets all sessions. */
  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    this.sessions.byId.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}

/** IDENTIFY's `shard` (default `[0, 1]`), or null unless `0 <= id < count` with integers. */
function parseShard(value: unknown): Shard | null {
  if (value === undefined || value === null) return [0, 1];
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [id, count] = value as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return null;
  const [shardId, shardCount] = [id as number, count as number];
  return shardCount >= 1 && shardId >= 0 && shardId < shardCount ? [shardId, shardCount] : null;
}

function rawToString(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString('utf8');
  return raw.toString('utf8');
}
