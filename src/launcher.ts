/**
 * `npm run start:shards`: several bot processes on one machine, one per gateway shard, through
 * discord.js's ShardingManager. It holds SHARD_LIST (default: every shard) of SHARD_COUNT (default:
 * the count Discord recommends), spawns the shards one after another, spawns a shard again when its
 * process dies, and on SIGTERM or SIGINT stops every shard (SIGTERM) and exits when they have all
 * stopped. With HEALTH_PORT set, the n-th shard of this launcher listens on HEALTH_PORT + n.
 */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type Shard, ShardingManager } from 'discord.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import { startupConfig } from './startup.js';
import { SHUTDOWN_TIMEOUT_MS } from './ops/shutdown.js';
import { errorFields } from './services/kernel/index.js';

/** Pause between two shards' starts: IDENTIFY allows one session per 5 s (max_concurrency 1). */
const SPAWN_DELAY_MS = 5_500;
/** How long a shard may take to start and become ready before the launcher gives up. */
const SPAWN_TIMEOUT_MS = 180_000;
/** How long the shards may take to stop after a signal: their own limit, and some. */
const STOP_TIMEOUT_MS = SHUTDOWN_TIMEOUT_MS + 10_000;

/** The bot entry beside this file: `index.ts` run through tsx, or the compiled `index.js`. */
function botEntry(): { file: string; execArgv: string[] } {
  const typescript = import.meta.url.endsWith('.ts');
  const file = fileURLToPath(new URL(typescript ? './index.ts' : './index.js', import.meta.url));
  return { file, execArgv: typescript ? ['--import', 'tsx'] : [] };
}

/**
 * The shard count Discord recommends (GET /gateway/bot), asked of DISCORD_API_BASE: discord.js's
 * own `fetchRecommendedShardCount` always asks discord.com, past a proxy or emulator.
 */
async function recommendedShardCount(config: Config): Promise<number> {
  const response = await fetch(`${config.DISCORD_API_BASE.replace(/\/$/, '')}/v10/gateway/bot`, {
    headers: { Authorization: `Bot ${config.DISCORD_TOKEN}` },
  });
  if (!response.ok) throw new Error(`GET /gateway/bot answered ${response.status}`);
  const { shards } = (await response.json()) as { shards: number };
  return shards;
}

async function main(): Promise<void> {
  const started = startupConfig();
  const config = started.config;
  const logger = started.logger.child({ launcher: process.pid });

  let stopping = false;
  const exits = new Map<ChildProcess, Promise<number>>();
  const live = new Set<ChildProcess>();
  // A signal while the shard count is still being fetched stops before anything is spawned.
  let spawning: Promise<unknown> = Promise.resolve();
  let manager: ShardingManager | undefined = undefined;
  const stopAll = async (): Promise<number> => {
    stopping = true;
    // A shard that dies from now on stays down.
    if (manager) manager.respawn = false;
    for (const child of live) child.kill('SIGTERM');
    await spawning.catch(() => undefined);
    while (live.size > 0) await Promise.race([...live].map((child) => exits.get(child)!));
    const ended = await Promise.all(exits.values());
    const failed = ended.filter((code) => code !== 0).length;
    logger.info({ shardsStopped: ended.length, failed }, 'every shard has stopped');
    return failed === 0 ? 0 : 1;
  };
  installSignals(logger, live, stopAll);

  const totalShards = config.SHARD_COUNT ?? (await recommendedShardCount(config));
  if (stopping) return;
  const { file, execArgv } = botEntry();
  manager = new ShardingManager(file, {
    mode: 'process',
    totalShards,
    shardList: config.SHARD_LIST ?? 'auto',
    respawn: true,
    token: config.DISCORD_TOKEN,
    execArgv,
  });
  const held = config.SHARD_LIST ?? Array.from({ length: totalShards }, (_, id) => id);
  logger.info({ shards: held, shardCount: totalShards, file }, 'starting shards');

  manager.on('shardCreate', (shard: Shard) => {
    const env = shard.env as NodeJS.ProcessEnv;
    // Each process holds the one shard in SHARDS (set by discord.js), not this launcher's list.
    delete env.SHARD_LIST;
    if (config.HEALTH_PORT !== undefined) {
      env.HEALTH_PORT = String(config.HEALTH_PORT + held.indexOf(shard.id));
    }
    shard.on('spawn', (spawned) => {
      const child = spawned as ChildProcess;
      live.add(child);
      const exit = new Promise<number>((resolve) =>
        child.once('exit', (code, signal) =>
          // A shard ended by the launcher's SIGTERM before it could answer it also stopped as asked.
          resolve(code === 0 || (stopping && signal === 'SIGTERM') ? 0 : (code ?? 1)),
        ),
      );
      exits.set(child, exit);
      logger.info({ shard: shard.id, pid: child.pid }, 'shard process started');
      if (stopping) child.kill('SIGTERM');
    });
    shard.on('ready', () => logger.info({ shard: shard.id }, 'shard ready'));
    shard.on('death', (died) => {
      const child = died as ChildProcess;
      live.delete(child);
      const fields = { shard: shard.id, pid: child.pid, code: child.exitCode, signal: child.signalCode };
      if (stopping) logger.info(fields, 'shard process stopped');
      else {
        // Replaced by a new process: what counts at the stop is how the live ones end.
        exits.delete(child);
        logger.warn(fields, 'shard process died: starting it again');
      }
    });
    shard.on('error', (error) => logger.error({ shard: shard.id, ...errorFields(error) }, 'shard error'));
  });

  spawning = manager.spawn({ amount: totalShards, delay: SPAWN_DELAY_MS, timeout: SPAWN_TIMEOUT_MS });
  try {
    await spawning;
  } catch (error) {
    if (stopping) return;
    logger.error(errorFields(error), 'a shard did not start: stopping every shard');
    await stopAll();
    process.exit(1);
  }
  if (!stopping) logger.info({ shards: held }, 'every shard is ready');
}

/**
 * SIGTERM and SIGINT stop every shard (each gets SIGTERM, and the launcher exits 0 when all
 * stopped cleanly); a second signal, or shards that outlast STOP_TIMEOUT_MS, kill them at once
 * and exit 1.
 */
function installSignals(logger: Logger, live: Set<ChildProcess>, stopAll: () => Promise<number>): void {
  let stopping = false;
  const killAll = () => {
    for (const child of live) child.kill('SIGKILL');
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: killing every shard');
      killAll();
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, shards: live.size }, 'shutting down: stopping every shard');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs: STOP_TIMEOUT_MS }, 'shards took too long to stop: killing them');
      killAll();
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    timer.unref();
    void stopAll().then((code) => process.exit(code));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Circlekeeper's launcher could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
