import { startBot } from './bot.js';
import { startupConfig } from './startup.js';
import { createShutdown, handleSignals } from './ops/shutdown.js';

async function main(): Promise<void> {
  const { config, logger } = startupConfig();
  // A shard spawned by the launcher (src/launcher.ts) is stopped by the launcher's SIGTERM, also
  // while it is still starting. Ctrl+C at a terminal reaches it as well as the launcher: it leaves
  // that SIGINT to the launcher, which would otherwise count as a second signal. It stops too when
  // the launcher is gone.
  if (process.env.SHARDING_MANAGER !== undefined && process.send !== undefined) {
    const starting = startBot({ config, logger });
    const shutdown = createShutdown({ stop: () => starting.then((bot) => bot.stop()), logger });
    process.on('SIGINT', () => logger.debug('SIGINT left to the launcher'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.once('disconnect', () => shutdown('disconnect'));
    await starting;
    return;
  }
  const bot = await startBot({ config, logger });
  handleSignals({ stop: () => bot.stop(), logger });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Circlekeeper could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
