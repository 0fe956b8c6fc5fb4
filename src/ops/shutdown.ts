import type { Logger } from '../logger.js';
import { errorFields } from '../services/kernel/index.js';

/** How long a stop may take before the process exits anyway (work in flight is abandoned). */
export const SHUTDOWN_TIMEOUT_MS = 20_000;

export interface ShutdownOptions {
  /** Finishes what the bot holds and disconnects. */
  stop: () => Promise<void>;
  logger: Logger;
  exit?: (code: number) => void;
  timeoutMs?: number;
}

/**
 * The answer to SIGTERM and SIGINT: the first signal stops the bot and exits 0 (1 when stopping
 * failed); a second signal, or a stop that outlasts `timeoutMs`, exits 1 at once.
 */
export function createShutdown({
  stop,
  logger,
  exit = (code) => process.exit(code),
  timeoutMs = SHUTDOWN_TIMEOUT_MS,
}: ShutdownOptions): (signal: string) => void {
  let stopping = false;
  return (signal) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      exit(1);
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown took too long: exiting now');
      exit(1);
    }, timeoutMs);
    timer.unref();
    stop().then(
      () => {
        clearTimeout(timer);
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(timer);
        logger.error(errorFields(error), 'shutdown failed');
        exit(1);
      },
    );
  };
}

/** Installs `createShutdown` on SIGTERM and SIGINT. */
export function handleSignals(options: ShutdownOptions): void {
  const shutdown = createShutdown(options);
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
