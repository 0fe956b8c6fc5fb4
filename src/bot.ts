import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { hostname } from 'node:os';
import { Client, Events, GatewayIntentBits, RESTEvents } from 'discord.js';
import { commands, componentHandlers } from './commands/index.js';
import type { Config } from './config.js';
import { resolveDataKeys } from './db/encryption/key-file.js';
import { openStore } from './db/open-store.js';
import { createGuildJoinEvent } from './events/guild-create.js';
import { createChannelEvents } from './events/channel-events.js';
import { startChannelSweep } from './jobs/channel-sweep.js';
import { SCHEDULER_TICK, startScheduler } from './jobs/scheduler.js';
import { createInteractionRouter } from './events/interaction-create.js';
import type { Logger } from './logger.js';
import { startHealthServer, type HealthServer } from './ops/health-server.js';
import { BotMetrics } from './ops/metrics.js';
import { type SyncOutcome, syncCommands } from './platform/command-sync.js';
import { clientShardOptions, type ShardSet } from './platform/shards.js';
import { SharedIdentifyThrottler } from './platform/identify-throttle.js';
import { DiscordChatPlatform } from './platform/discord-chat-platform.js';
import { systemClock } from './platform/system-clock.js';
import { warmUpIdentifierCheck } from './services/deidentify/index.js';
import { createServices, type Services } from './services/index.js';
import { type Clock, errorFields, type Store } from './services/kernel/index.js';

/** How long a due row of another process's shards waits for that process before this one takes it. */
export const CLAIM_GRACE_MS = 10_000;

export interface BotOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** An open store to use instead of opening `config.DATABASE_URL` (tests share one). */
  store?: Store;
  /** node-cron expression of the scheduler tick, or false to tick only through `tick()` (tests). */
  scheduleTick?: string | false;
}

export interface RunningBot {
  client: Client<true>;
  store: Store;
  services: Services;
  metrics: BotMetrics;
  /** What the command sync at start did. */
  commandSync: SyncOutcome;
  /** The gateway shards this process holds, out of `count` for the whole bot. */
  shards: ShardSet;
  /** The health and metrics endpoint, when `HEALTH_PORT` is set (port 0 picks a free one). */
  health: HealthServer | null;
  /** Checks every circle channel now (it also runs at start and every 15 minutes). */
  sweep(): Promise<void>;
  /** Runs one scheduler tick now: meetings ahead, due reminders, scheduled events. */
  tick(): Promise<void>;
  /** Waits for work in flight, disconnects, and closes the database if the bot opened it. Idempotent. */
  stop(): Promise<void>;
}

/**
 * The composition root: finds the data key (DATA_KEY, or the key file beside a SQLite database),
 * opens (and migrates) the database, connects to Discord with only the Guilds intent, wires the
 * services and events, and syncs the slash commands when they changed.
 */
export async function startBot({
  config,
  logger,
  clock = systemClock,
  store: given,
  scheduleTick = SCHEDULER_TICK,
}: BotOptions): Promise<RunningBot> {
  // The de-identification check's word lists and gazetteer load now (a second or two, once per
  // process), not while a member waits for their case form to be answered.
  const started = performance.now();
  warmUpIdentifierCheck();
  logger.info({ ms: Math.round(performance.now() - started) }, 'identifier check ready');
  const store =
    given ??
    (await openStore(config.DATABASE_URL, {
      keys: resolveDataKeys(config, logger),
      poolSize: config.DATABASE_POOL_SIZE,
    }));
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: { api: config.DISCORD_API_BASE },
    ...clientShardOptions(config),
    ws: {
      // Identify pacing shared by every process on the database (Discord counts it per bot).
      buildIdentifyThrottler: async (manager) => {
        const { session_start_limit: limit } = await manager.fetchGatewayInformation();
        return new SharedIdentifyThrottler(
          limit.max_concurrency,
          (name, work, options) => store.exclusive(name, work, options),
          store.keyValues,
        );
      },
    },
  });
  const metrics = new BotMetrics();
  client.rest.on(RESTEvents.Response, (_request, response) => metrics.restResponse(response.status));
  let health: HealthServer | null = null;
  const closeAll = async () => {
    await health?.close();
    await client.destroy();
    if (!given) await store.close();
  };
  const ready = once(client, Events.ClientReady) as Promise<[Client<true>]>;
  try {
    if (config.HEALTH_PORT !== undefined) {
      health = await startHealthServer(
        config.HEALTH_PORT,
        { gatewayReady: () => client.isReady(), pingDatabase: () => store.keyValues.get('health') },
        metrics,
      );
      logger.info({ port: health.port }, 'health endpoint listening');
    }
    await client.login(config.DISCORD_TOKEN);
    await ready;
  } catch (error) {
    await closeAll();
    throw error;
  }
  const readyClient = client as Client<true>;
  const shards: ShardSet = {
    ids: [...(readyClient.options.shards as number[])],
    count: readyClient.options.shardCount ?? 1,
  };
  const services = createServices(
    { store, clock, log: logger, platform: metrics.observePlatform(new DiscordChatPlatform(readyClient)) },
    {
      reminders: {
        workerId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
        // Another process's servers wait one tick for it before this one takes them.
        ...(shards.ids.length < shards.count
          ? { prefer: { shardIds: shards.ids, shardCount: shards.count, graceMs: CLAIM_GRACE_MS } }
          : {}),
        onPosted: (dueAt, postedAt) => metrics.reminderPosted(dueAt, postedAt),
      },
      retention: { attendance: config.ATTENDANCE_RETENTION_YEARS },
    },
  );
  const router = createInteractionRouter(
    commands,
    componentHandlers,
    { services, logger },
    (kind, outcome, ms) => metrics.interaction(kind, outcome, ms),
  );
  const channels = createChannelEvents(services, logger);
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  const welcome = createGuildJoinEvent(services, logger);
  const events = [
    Events.InteractionCreate,
    Events.ChannelUpdate,
    Events.ChannelDelete,
    Events.GuildCreate,
  ] as const;
  client.on(Events.InteractionCreate, (interaction) => track(router.handle(interaction)));
  client.on(Events.ChannelUpdate, (before, after) => track(channels.onUpdate(before, after)));
  client.on(Events.ChannelDelete, (channel) => track(channels.onDelete(channel)));
  client.on(Events.GuildCreate, (guild) => track(welcome(guild)));
  client.on(Events.Error, (error) => logger.error(errorFields(error), 'discord client error'));

  let commandSync: SyncOutcome;
  try {
    commandSync = await syncCommands(
      readyClient,
      commands.map((c) => c.data),
      store.keyValues,
      {
        ...(config.DEV_GUILD_ID ? { guildId: config.DEV_GUILD_ID } : {}),
        exclusive: (name, work, options) => store.exclusive(name, work, options),
      },
    );
  } catch (error) {
    await closeAll();
    throw error;
  }
  const sweep = startChannelSweep(readyClient, services, (id) => channels.check(id), logger);
  const scheduler = startScheduler(services, logger, scheduleTick, {
    exclusive: (name, work, options) => store.exclusive(name, work, options),
    onStep: (step, result) => metrics.schedulerStep(step, result),
  });
  if (commandSync === 'newer-registered')
    logger.warn('a newer release registered the commands; this one leaves them as they are');
  if (commandSync === 'busy') logger.warn('another process is still registering the commands');
  logger.info(
    {
      userId: readyClient.user.id,
      guilds: readyClient.guilds.cache.size,
      shards: shards.ids,
      shardCount: shards.count,
      commands: commandSync,
    },
    'circlekeeper is ready',
  );

  let stopping: Promise<void> | undefined;
  return {
    client: readyClient,
    store,
    services,
    metrics,
    commandSync,
    shards,
    health,
    sweep: () => sweep.run(),
    tick: () => scheduler.run(),
    stop() {
      stopping ??= (async () => {
        for (const event of events) client.removeAllListeners(event);
        await sweep.stop();
        await scheduler.stop();
        await Promise.allSettled([...inFlight]);
        await channels.idle();
        await closeAll();
      })();
      return stopping;
    },
  };
}
