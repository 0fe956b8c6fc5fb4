import cron from 'node-cron';
import type { Client } from 'discord.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services/index.js';
import { errorFields } from '../services/kernel/index.js';

/** Every 15 minutes. */
export const SWEEP_SCHEDULE = '*/15 * * * *';

/**
 * Checks every circle channel of every server the bot is in: once now (drift while the bot was
 * offline sends no event) and then on a node-cron tick. Channel events need no tick; this catches
 * what they cannot, such as a removal Discord did not confirm.
 */
export function startChannelSweep(
  client: Client<true>,
  services: Services,
  check: (channelId: string) => Promise<void>,
  logger: Logger,
  schedule = SWEEP_SCHEDULE,
) {
  let running: Promise<void> = Promise.resolve();
  const sweep = async (): Promise<void> => {
    for (const guildId of client.guilds.cache.keys()) {
      for (const channelId of await services.guard.circleChannels(guildId)) await check(channelId);
    }
  };
  const run = () => {
    running = running
      .then(sweep)
      .catch((error: unknown) => logger.error(errorFields(error), 'channel sweep failed'));
    return running;
  };
  void run();
  const task = cron.schedule(schedule, () => void run(), { name: 'channel-sweep', noOverlap: true });
  return {
    /** Runs a sweep now (after any running one). */
    run,
    async stop(): Promise<void> {
      await task.destroy();
      await running;
    },
  };
}
