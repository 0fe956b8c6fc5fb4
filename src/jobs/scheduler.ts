import cron from 'node-cron';
import type { Logger } from '../logger.js';
import type { Services } from '../services/index.js';
import { errorFields, type Store } from '../services/kernel/index.js';

/** What a tick needs besides the services. */
export interface TickOptions {
  /** Runs the periodic steps one process at a time (`Store.exclusive`); without it they just run. */
  exclusive?: Store['exclusive'];
  /** Told what each step of each tick did (metrics). */
  onStep?: (step: string, result: object) => void;
}

/** Every 10 seconds: reminders go out within about 10 seconds of their time. */
export const SCHEDULER_TICK = '*/10 * * * * *';

/**
 * One tick: meetings topped up, due reminders sent and their follow-ups done, drop-ins' channel
 * access opened at their meeting's first reminder and closed at its end, case text of ended
 * meetings deleted, members who fell below their circle's attendance expectation reminded
 * privately, records past each server's retention purged (daily), open calls whose edit failed or
 * that are due for a look brought up to date, ended meetings' events replaced.
 * Each step logs its own failure.
 *
 * The reminders step runs in every process (its outbox is claimed row by row); every other step is
 * a sweep over all servers, run by one process at a time under `exclusive`: a process finding it
 * taken skips the step this tick.
 */
export async function schedulerTick(
  services: Services,
  logger: Logger,
  { exclusive, onStep }: TickOptions = {},
): Promise<void> {
  const step = async (name: string, work: () => Promise<object>, shared = false) => {
    try {
      const done: { result?: object } = {};
      const run = async () => void (done.result = await work());
      if (shared || !exclusive) await run();
      else if (!(await exclusive(`scheduler:${name}`, run))) return;
      const { result } = done;
      if (!result) return;
      onStep?.(name, result);
      if (Object.values(result).some((n) => n)) logger.info({ step: name, ...result }, 'scheduler');
    } catch (error) {
      logger.error({ step: name, ...errorFields(error) }, 'scheduler step failed');
    }
  };
  await step('materialise', async () => ({ meetings: await services.schedules.materialiseDue() }));
  await step('reminders', () => services.reminders.tick(), true);
  await step('drop-ins', () => services.dropIns.tick());
  await step('cases', async () => ({ closed: await services.cases.closeEnded() }));
  await step('standing', () => services.attendance.reviewEnded());
  await step('retention', () => services.retention.purgeDue());
  await step('open-calls', () => services.openCalls.reconcile());
  await step('events', async () => ({
    ended: await services.events.syncEnded(),
    synced: await services.events.syncStale(),
  }));
}

/**
 * Starts the scheduler's tick. node-cron only drives it: everything it acts on (meetings, reminders,
 * events) lives in the database, so a tick missed while the process was down is made up by the
 * next one, and several processes may tick at once.
 */
export function startScheduler(
  services: Services,
  logger: Logger,
  schedule: string | false = SCHEDULER_TICK,
  options: TickOptions = {},
) {
  let running: Promise<void> | null = null;
  /** Runs one tick, or joins the one already running: ticks never pile up. */
  const run = (): Promise<void> => {
    running ??= schedulerTick(services, logger, options).finally(() => (running = null));
    return running;
  };
  const task = schedule === false ? null : cron.schedule(schedule, () => void run(), { name: 'scheduler' });
  if (task) void run();
  return {
    run,
    async stop(): Promise<void> {
      await task?.destroy();
      await running;
    },
  };
}
