/**
 * The bot at scale on one machine, for `test/e2e/scale.test.ts` and `bench/scale.ts`: two bot
 * processes (`node --import tsx src/index.ts`, shards 0,1 and 2,3 of 4) behind one REST proxy, in
 * front of the emulator (4 shards, Discord's 50 requests/s), against one PostgreSQL database, with
 * G guilds of one circle each whose first reminders fall due in the same second.
 *
 * Migrations: the database is created empty and both processes start against it at the same
 * moment, so that their start proves one migration run (and one command sync) for simultaneous
 * starts. The circles are seeded only once both processes are ready: circles, agreements and
 * memberships in bulk SQL, meetings and reminders through a store of our own opened without
 * migrating.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ChannelType, OverwriteType, PermissionFlagsBits as P } from 'discord.js';
import pg from 'pg';
import { DiscordEmulator } from '../../emulator/index.js';
import { DataKeyring, formatDataKey, generateDataKey } from '../../src/db/encryption/data-keys.js';
import { openStore } from '../../src/db/open-store.js';
import { nameKeyOf } from '../../src/db/repositories/prisma-circle-repository.js';
import { desiredOverwrites } from '../../src/platform/overwrites.js';
import { startProxy, type RunningProxy } from '../../src/rest-proxy.js';
import { reminderPlan } from '../../src/services/meetings/meeting-plan.js';
import type { Store } from '../../src/services/kernel/index.js';
import { postgresDatabases, TEST_POSTGRES_URL, type TestDatabase } from './databases.js';
import { buttonId } from './e2e.js';

export const SHARD_COUNT = 4;
/** Discord's global limit, which the emulator enforces. */
export const REQUESTS_PER_SECOND = 50;
const DISCORD_EPOCH = 1420070400000n;
const MINUTE = 60_000;
const PROCESS_SHARDS = { a: '0,1', b: '2,3' } as const;

/** Discord's shard formula: (guild_id >> 22) % shard_count. */
export function shardOf(guildId: string, count = SHARD_COUNT): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

export interface ScaleGuild {
  id: string;
  shard: number;
  moderatorId: string;
  /** The circle's designated leader: told "You facilitate" once per meeting. */
  leaderId: string;
  memberIds: string[];
  /** A guild member outside the circle, for adding and removing. */
  newcomerId: string;
  generalId: string;
  textChannelId: string;
  voiceChannelId: string;
  circleName: string;
}

/** One JSON log line of a bot process. */
export interface LogLine {
  msg: string;
  level?: number;
  time?: number;
  shards?: number[];
  commands?: string;
  [key: string]: unknown;
}

/** A bot process: `node --import tsx src/index.ts` holding some shards. */
export class BotProcess {
  readonly lines: LogLine[] = [];
  /** Output that is not JSON (stderr, crashes). */
  readonly text: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcessWithoutNullStreams;

  constructor(
    readonly name: string,
    env: Record<string, string>,
  ) {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: process.cwd(),
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let rest = '';
    this.child.stdout.on('data', (chunk: Buffer) => {
      const parts = (rest + chunk.toString('utf8')).split('\n');
      rest = parts.pop()!;
      for (const line of parts) this.take(line);
    });
    this.child.stderr.on('data', (chunk: Buffer) => this.text.push(chunk.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  private take(line: string): void {
    if (!line.startsWith('{')) {
      if (line.trim()) this.text.push(line);
      return;
    }
    try {
      this.lines.push(JSON.parse(line) as LogLine);
    } catch {
      this.text.push(line);
    }
  }

  find(msg: string): LogLine | undefined {
    return this.lines.find((line) => line.msg === msg);
  }

  /** The "circlekeeper is ready" line, once logged. */
  get ready(): LogLine | undefined {
    return this.find('circlekeeper is ready');
  }

  /** Errors and warnings it logged (pino levels 40 and up) and anything it wrote that was not JSON. */
  problems(): string[] {
    return [
      ...this.lines.filter((l) => (l.level ?? 0) >= 40).map((l) => JSON.stringify(l)),
      ...this.text.filter((t) => t.trim()),
    ];
  }

  async waitReady(timeoutMs: number): Promise<LogLine> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const ready = this.ready;
      if (ready) return ready;
      if (this.child.exitCode !== null || this.child.signalCode !== null)
        throw new Error(`bot ${this.name} exited before it was ready:\n${this.describe()}`);
      if (Date.now() > deadline)
        throw new Error(`bot ${this.name} not ready within ${timeoutMs} ms:\n${this.describe()}`);
      await sleep(100);
    }
  }

  describe(): string {
    return [...this.lines.slice(-20).map((l) => JSON.stringify(l)), ...this.text.slice(-20)].join('\n');
  }

  kill(signal: NodeJS.Signals): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
  }

  /** SIGTERM, then SIGKILL if it has not stopped within `graceMs`. */
  async stop(graceMs = 20_000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.kill('SIGTERM');
    const timer = setTimeout(() => this.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}

export interface ScaleOptions {
  circles: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Identify buckets of the emulated Discord (`session_start_limit.max_concurrency`), default 16. */
  maxConcurrency?: number;
  /** How long each bot process may take to become ready (default 180 s). */
  readyTimeoutMs?: number;
}

export interface ScaleWorld {
  emu: DiscordEmulator;
  db: TestDatabase;
  proxy: RunningProxy;
  store: Store;
  /** Shards 0,1 (it also answers every DM interaction); replaced by `restartA`. */
  a: BotProcess;
  /** Shards 2,3. */
  b: BotProcess;
  /** Every process started, the killed ones included. */
  processes: BotProcess[];
  guilds: ScaleGuild[];
  /** When the first reminders fall due, and when the meetings start. */
  dueAt: Date;
  startsAt: Date;
  timings: Record<string, number>;
  /** SIGKILLs the process holding shards 0,1 and starts it again at once with the same settings. */
  restartA(): BotProcess;
  /** Runs a query on the bot's database. */
  query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Creates `count` guilds spread evenly over the shards. A guild's id encodes its creation
 * millisecond, and with it its shard: a guild is created only in a millisecond whose shard still
 * has room.
 */
function createBalancedGuilds(emu: DiscordEmulator, count: number, ownerId: string): string[] {
  const quota = Math.ceil(count / SHARD_COUNT);
  const held = new Array<number>(SHARD_COUNT).fill(0);
  const ids: string[] = [];
  while (ids.length < count) {
    const shard = Number((BigInt(Date.now()) - DISCORD_EPOCH) % BigInt(SHARD_COUNT));
    if (held[shard]! >= quota) continue;
    const { id } = emu.createGuild({ name: `Clinic ${ids.length}`, ownerId });
    held[shardOf(id)]!++;
    ids.push(id);
  }
  return ids;
}

function buildGuild(emu: DiscordEmulator, id: string, index: number): ScaleGuild {
  const roleId = emu.createRole(id, { name: 'Organisers', permissions: P.ManageGuild });
  const user = (name: string) => {
    const userId = emu.createUser({ username: `${name}-${index}` });
    emu.addMember(id, userId);
    return userId;
  };
  const moderatorId = user('moderator');
  emu.setMemberRoles(id, moderatorId, [roleId]);
  const leaderId = user('leader');
  const memberIds = [leaderId, user('member'), user('other')];
  const newcomerId = user('newcomer');
  const generalId = emu.createChannel(id, { name: 'general', type: ChannelType.GuildText });
  const ids = { everyoneId: id, botId: emu.botUserId };
  const overwrites = (kind: 'text' | 'voice') =>
    desiredOverwrites({ kind, memberIds, readOnly: false }, ids).map((o) => ({
      id: o.id,
      type: o.type === OverwriteType.Role ? (0 as const) : (1 as const),
      allow: o.allow.toString(),
      deny: o.deny.toString(),
    }));
  const circleName = `Circle ${index}`;
  const channel = `circle-${index}`;
  return {
    id,
    shard: shardOf(id),
    moderatorId,
    leaderId,
    memberIds,
    newcomerId,
    generalId,
    textChannelId: emu.createChannel(id, {
      name: channel,
      type: ChannelType.GuildText,
      overwrites: overwrites('text'),
    }),
    voiceChannelId: emu.createChannel(id, {
      name: channel,
      type: ChannelType.GuildVoice,
      overwrites: overwrites('voice'),
    }),
    circleName,
  };
}

/**
 * Circles (designated leader, first agreement, active members who accepted it), a chunk at a time
 * in one transaction of bulk statements: the running bots (their channel sweep) never see a
 * circle without its members, whose overwrites they would take for outsiders'.
 */
async function seedCircles(pool: pg.Pool, guilds: ScaleGuild[], now: Date): Promise<Map<string, string>> {
  const circleIds = new Map<string, string>();
  // The columns hold UTC without a zone: ISO text cast to TIMESTAMP, as the bot writes them.
  const at = now.toISOString();
  for (let i = 0; i < guilds.length; i += 500) {
    const chunk = guilds.slice(i, i + 500);
    const ids = chunk.map(() => randomUUID());
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        `INSERT INTO circles (id, guild_id, name, name_key, kind, capacity, state, facilitation,
                              text_channel_id, voice_channel_id, agreement_version, created_at, leader_id)
         SELECT v.id, v.guild_id, v.name, v.name_key, 'peer-consultation', 8, 'open', 'designated',
                v.text_id, v.voice_id, 1, CAST($8 AS TIMESTAMP), v.leader_id
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
             AS v(id, guild_id, name, name_key, text_id, voice_id, leader_id)`,
        [
          ids,
          chunk.map((g) => g.id),
          chunk.map((g) => g.circleName),
          chunk.map((g) => nameKeyOf(g.circleName)),
          chunk.map((g) => g.textChannelId),
          chunk.map((g) => g.voiceChannelId),
          chunk.map((g) => g.leaderId),
          at,
        ],
      );
      await client.query(
        `INSERT INTO agreements (circle_id, version, text, created_by, created_at)
         SELECT v.circle_id, 1, 'What is said here stays here.', v.created_by, CAST($3 AS TIMESTAMP)
           FROM unnest($1::text[], $2::text[]) AS v(circle_id, created_by)`,
        [ids, chunk.map((g) => g.moderatorId), at],
      );
      const members = chunk.flatMap((g, j) => g.memberIds.map((userId) => [ids[j]!, userId] as const));
      await client.query(
        `INSERT INTO memberships
           (id, circle_id, user_id, status, status_since, accepted_version, accepted_at, created_at)
         SELECT gen_random_uuid()::text, v.circle_id, v.user_id, 'active', CAST($3 AS TIMESTAMP), 1,
                CAST($3 AS TIMESTAMP), CAST($3 AS TIMESTAMP)
           FROM unnest($1::text[], $2::text[]) AS v(circle_id, user_id)`,
        [members.map((m) => m[0]), members.map((m) => m[1]), at],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
    chunk.forEach((g, j) => circleIds.set(g.id, ids[j]!));
  }
  return circleIds;
}

/** One meeting per circle starting at `startsAt`, with its planned reminders. */
async function seedMeetings(store: Store, circleIds: Map<string, string>, startsAt: Date): Promise<void> {
  const entries = [...circleIds];
  for (let i = 0; i < entries.length; i += 500) {
    const meetings = await store.meetings.createMany(
      entries.slice(i, i + 500).map(([guildId, circleId]) => ({
        circleId,
        guildId,
        occurrence: 'scale',
        startsAt,
        endsAt: new Date(startsAt.getTime() + 90 * MINUTE),
      })),
    );
    await store.reminders.createMany(
      meetings.flatMap((m) => reminderPlan(m, { reminderLeadMinutes: [15], reflectionPrompt: false })),
    );
  }
}

/** Starts everything and seeds the circles; their first reminders fall due shortly after. */
export async function startScale(options: ScaleOptions): Promise<ScaleWorld> {
  if (TEST_POSTGRES_URL === null) throw new Error('the scale run needs PostgreSQL (TEST_POSTGRES_URL)');
  const log = options.log ?? (() => {});
  const G = options.circles;
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const began = performance.now();
    const result = await work();
    timings[name] = performance.now() - began;
    log(`${name}: ${((performance.now() - began) / 1000).toFixed(1)} s`);
    return result;
  };

  const db = await postgresDatabases(TEST_POSTGRES_URL).create();
  const emu = await DiscordEmulator.start({
    shards: SHARD_COUNT,
    maxConcurrency: options.maxConcurrency ?? 16,
    globalRateLimitPerSecond: REQUESTS_PER_SECOND,
    maxGuildsPerShard: Math.max(2500, Math.ceil(G / SHARD_COUNT)),
  });
  const processes: BotProcess[] = [];
  let proxy: RunningProxy | undefined;
  let store: Store | undefined;
  const pool = new pg.Pool({ connectionString: db.url, max: 2 });
  const close = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await store?.close();
    await pool.end();
    await proxy?.close();
    await emu.stop();
    await db.drop();
  };
  try {
    const guilds = await timed('emulated guilds built', () => {
      const ownerId = emu.createUser({ username: 'owner' });
      return createBalancedGuilds(emu, G, ownerId).map((id, i) => buildGuild(emu, id, i));
    });
    proxy = await startProxy({ token: emu.botToken, apiBase: emu.restBase, port: 0 });
    const key = generateDataKey();
    const env = (shards: string): Record<string, string> => ({
      DISCORD_TOKEN: emu.botToken,
      DISCORD_API_BASE: proxy!.apiBase,
      DATABASE_URL: db.url,
      DATA_KEY: formatDataKey(key),
      SHARD_COUNT: String(SHARD_COUNT),
      SHARD_LIST: shards,
      LOG_LEVEL: 'info',
      LOG_FORMAT: 'json',
      ENV_FILE: '',
    });
    const readyTimeout = options.readyTimeoutMs ?? 180_000;
    // Both at the same moment, against the empty database.
    let a = new BotProcess('A', env(PROCESS_SHARDS.a));
    const b = new BotProcess('B', env(PROCESS_SHARDS.b));
    processes.push(a, b);
    await timed('both bot processes ready', () =>
      Promise.all([a.waitReady(readyTimeout), b.waitReady(readyTimeout)]),
    );

    store = await openStore(db.url, { keys: new DataKeyring(key), migrate: false, poolSize: 4 });
    const s = store;
    const seededAt = new Date();
    const circleIds = await timed('circles seeded', () => seedCircles(pool, guilds, seededAt));
    // Due a little after the meetings are written: the rows are all in place when the first tick finds them.
    const dueAt = new Date(Date.now() + 3000 + G * 2);
    const startsAt = new Date(dueAt.getTime() + 15 * MINUTE);
    await timed('meetings and reminders seeded', () => seedMeetings(s, circleIds, startsAt));

    return {
      emu,
      db,
      proxy,
      store,
      get a() {
        return a;
      },
      b,
      processes,
      guilds,
      dueAt,
      startsAt,
      timings,
      restartA() {
        a.kill('SIGKILL');
        a = new BotProcess('A (again)', env(PROCESS_SHARDS.a));
        processes.push(a);
        return a;
      },
      query: async <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) =>
        (await pool.query<T>(sql, params)).rows,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface BurstResult {
  circles: number;
  reminders: number;
  lost: number;
  doubled: number;
  rateLimited: number;
  /** Time from the due time to the last reminder posted, over the ideal at 50 requests/s. */
  ratio: number;
  lastPostMs: number;
  /** When each circle's first reminder was posted, after the due time, ascending. */
  postedMs: number[];
  /** Circles that had their reminder when the process of shards 0,1 was killed. */
  killedAfter: number;
  killedAtMs: number;
  /** Time from the kill until the new process was ready. */
  restartMs: number;
  /** Seconds from the due time until every follow-up was settled (or the deadline). */
  followUpsMs: number;
  followUps: { kind: string; status: string; count: number }[];
  /** Leaders with exactly one "You facilitate" DM, and with more than one. */
  facilitatorsToldOnce: number;
  facilitatorsToldTwice: number;
}

const isConfidentiality = (content: string | undefined) => content?.startsWith('🔒') ?? false;

/**
 * Waits for the reminders; after `killAt` of the circles got theirs, SIGKILLs the process of
 * shards 0,1 and starts it again. Ends when every circle has its reminder and (unless `followUps`
 * is false) every follow-up is settled, or at `deadlineMs` after the due time.
 */
export async function runBurst(
  world: ScaleWorld,
  {
    killAt = 0.25,
    deadlineMs,
    followUps: waitForFollowUps = true,
  }: { killAt?: number; deadlineMs: number; followUps?: boolean },
  log: (line: string) => void = () => {},
): Promise<BurstResult> {
  const { emu, guilds } = world;
  const G = guilds.length;
  const circleChannels = new Set(guilds.map((g) => g.textChannelId));
  let posted = 0;
  let killedAtMs = 0;
  let killedAfter = 0;
  let restarted: BotProcess | null = null;
  const onMessage = (message: { channel_id: string; content?: string }) => {
    if (!circleChannels.has(message.channel_id) || !isConfidentiality(message.content)) return;
    posted += 1;
    if (!restarted && posted >= Math.ceil(G * killAt)) {
      killedAfter = posted;
      killedAtMs = Date.now() - world.dueAt.getTime();
      restarted = world.restartA();
      log(`killed the process of shards 0,1 after ${posted} reminders; started it again`);
    }
  };
  emu.on('message', onMessage);
  const deadline = world.dueAt.getTime() + deadlineMs;
  const withReminder = () =>
    guilds.filter((g) => emu.messages(g.textChannelId).some((m) => isConfidentiality(m.content))).length;
  try {
    while (Date.now() < deadline && withReminder() < G) await sleep(250);
    if (!restarted) throw new Error(`the reminders were all posted before the kill (${posted} of ${G})`);
    const again = restarted as BotProcess;
    const ready = await again.waitReady(Math.max(1000, deadline - Date.now()));
    const restartMs = (ready.time ?? Date.now()) - world.dueAt.getTime() - killedAtMs;
    // Follow-ups: two per meeting, each settled.
    const unsettled = async () =>
      Number(
        (
          await world.query<{ n: string }>(
            `SELECT count(*) AS n FROM follow_ups WHERE status IN ('pending', 'claimed')`,
          )
        )[0]!.n,
      );
    const total = async () =>
      Number((await world.query<{ n: string }>(`SELECT count(*) AS n FROM follow_ups`))[0]!.n);
    while (waitForFollowUps && Date.now() < deadline && ((await total()) < 2 * G || (await unsettled()) > 0))
      await sleep(500);
    const followUpsMs = Date.now() - world.dueAt.getTime();
    const followUps = (
      await world.query<{ kind: string; status: string; n: string }>(
        'SELECT kind, status, count(*) AS n FROM follow_ups GROUP BY kind, status ORDER BY kind, status',
      )
    ).map((r) => ({ kind: r.kind, status: r.status, count: Number(r.n) }));

    let reminders = 0;
    let doubled = 0;
    let last = 0;
    const postedMs: number[] = [];
    for (const g of guilds) {
      const sent = emu.messages(g.textChannelId).filter((m) => isConfidentiality(m.content));
      if (sent.length > 0) reminders += 1;
      if (sent.length > 1) doubled += 1;
      for (const m of sent) last = Math.max(last, Date.parse(m.timestamp));
      if (sent[0]) postedMs.push(Date.parse(sent[0].timestamp) - world.dueAt.getTime());
    }
    const told = guilds.map(
      (g) => emu.dmMessages(g.leaderId).filter((m) => m.content?.includes('You facilitate')).length,
    );
    const lastPostMs = last - world.dueAt.getTime();
    return {
      circles: G,
      reminders,
      lost: G - reminders,
      doubled,
      rateLimited: emu.rateLimitedCount,
      ratio: lastPostMs / ((G / REQUESTS_PER_SECOND) * 1000),
      lastPostMs,
      postedMs: postedMs.sort((x, y) => x - y),
      killedAfter,
      killedAtMs,
      restartMs,
      followUpsMs,
      followUps,
      facilitatorsToldOnce: told.filter((n) => n === 1).length,
      facilitatorsToldTwice: told.filter((n) => n > 1).length,
    };
  } finally {
    emu.off('message', onMessage);
  }
}

/** The summary line of a burst. */
export function scaleLine(r: BurstResult): string {
  return `scale: reminders ${r.reminders}, lost ${r.lost}, doubled ${r.doubled}, 429s ${r.rateLimited}, ratio ${r.ratio.toFixed(2)}×`;
}

/** The migrations the bot ships for PostgreSQL, by folder name. */
export async function migrationFolders(): Promise<string[]> {
  const dir = join(process.cwd(), 'prisma', 'postgresql', 'migrations');
  return (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export interface CrossShardResult {
  guildId: string;
  shard: number;
  added: string;
  accepted: string;
  /** Callbacks the bot sent for the DM button's interaction. */
  dmCallbacks: number;
  /** Sessions (by shard) the DM interaction was dispatched to. */
  dmDeliveredTo: number[];
  /** Sessions (by shard) the guild commands were dispatched to. */
  commandDeliveredTo: number[];
  canViewAfterAccept: boolean;
  removed: string;
  canViewAfterRemove: boolean;
}

/**
 * For one guild: a moderator adds the newcomer (a command on the guild's shard), who accepts the
 * agreement from the DM (a button on shard 0), and the moderator removes them again.
 */
export async function addAcceptRemove(world: ScaleWorld, g: ScaleGuild): Promise<CrossShardResult> {
  const { emu } = world;
  const interactionsTo = (run: () => Promise<void>) => async () => {
    const before = emu.dispatchLog.map((sent) => sent.filter((e) => e === 'INTERACTION_CREATE').length);
    await run();
    const shards = emu.gatewayShards();
    // Connected sessions only: a dead process's session keeps a buffer of what it missed.
    return emu.dispatchLog.flatMap((sent, i) =>
      shards[i]!.connected && sent.filter((e) => e === 'INTERACTION_CREATE').length > (before[i] ?? 0)
        ? [shards[i]!.shard[0]]
        : [],
    );
  };
  const timeout = 60_000;
  let added = '';
  let removed = '';
  let accepted = '';
  let dmId = '';
  /** The moderator adds or removes the newcomer with `/circle-admin`. */
  const moderate = async (subcommand: 'add' | 'remove') => {
    const reply = await emu
      .as(g.moderatorId)
      .runCommand(g.id, 'circle-admin', {
        subcommand,
        options: { circle: g.circleName, member: g.newcomerId },
      })
      .reply(timeout);
    if (subcommand === 'add' || !reply.message) return reply.content;
    // A removal asks to confirm first: the moderator presses "Remove".
    return (
      await emu.as(g.moderatorId).clickButton(g.id, reply.message, buttonId(reply, 'Remove')).reply(timeout)
    ).content;
  };
  const addTo = await interactionsTo(async () => {
    added = await moderate('add');
  })();
  const offer = emu.dmMessages(g.newcomerId).at(-1);
  if (!offer) throw new Error(`no agreement DM for guild ${g.id}: ${added}`);
  const dmTo = await interactionsTo(async () => {
    const handle = emu.as(g.newcomerId).clickDmButton(offer, buttonId(offer, 'I accept'));
    dmId = handle.id;
    accepted = (await handle.reply(timeout)).content;
  })();
  const canViewAfterAccept = emu.canView(g.newcomerId, g.textChannelId);
  const removeTo = await interactionsTo(async () => {
    removed = await moderate('remove');
  })();
  return {
    guildId: g.id,
    shard: g.shard,
    added,
    accepted,
    dmCallbacks: emu.requests.filter((r) => r.path.startsWith(`/interactions/${dmId}/`)).length,
    dmDeliveredTo: dmTo,
    commandDeliveredTo: [...new Set([...addTo, ...removeTo])],
    canViewAfterAccept,
    removed,
    canViewAfterRemove: emu.canView(g.newcomerId, g.textChannelId),
  };
}
