import cron from 'node-cron';
import type { Logger } from '../logger.js';
import type { Services } from '../services/index.js';
import { errorFields } from '../services/error-fields.js';

/** Every 10 seconds: reminders go out within about 10 seconds of their time. */
export const SCHEDULER_TICK = '*/10 * * * * *';

/**
 * The scheduler's tick. node-cron only drives it: everything it acts on (meetings, reminders,
 * events) lives in the database, so a tick missed while the process was down is made up by the
 * next one, and several processes may tick at once.
 */
export function startScheduler(
  services: Services,
  logger: Logger,
  schedule: string | false = SCHEDULER_TICK,
) {
  let running: Promise<void> = Promise.resolve();
  const step = async (name: string, work: () => Promise<unknown>) => {
    try {
      const result = await work();
      if (result && typeof result === 'object' && Object.values(result).some((n) => n))
        logger.info({ step: name, ...result }, 'scheduler');
    } catch (error) {
      logger.error({ step: name, ...errorFields(error) }, 'scheduler step failed');
    }
  };
  const tick = async () => {
    await step('materialise', async () => ({ meetings: await services.schedules.materialiseDue() }));
    await step('reminders', () => services.reminders.tick());
    await step('events', async () => ({ ended: await services.events.syncEnded() }));
  };
  const run = () => (running = running.then(tick));
  const task =
    schedule === false
      ? null
      : cron.schedule(schedule, () => void run(), { name: 'scheduler', noOverlap: true });
  if (task) void run();
  return {
    /** Runs one tick now (after any running one). */
    run,
    async stop(): Promise<void> {
      await task?.destroy();
      await running;
    },
  };
}
