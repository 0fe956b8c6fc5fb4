import type { DMChannel, GuildChannel, NonThreadGuildBasedChannel } from 'discord.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services/index.js';
import { errorFields } from '../services/kernel/index.js';

/**
 * Channel updates and deletions, checked one channel at a time: checks of the same channel are
 * chained so that a repair never races the check of the event it caused.
 */
export function createChannelEvents(services: Services, logger: Logger) {
  const queues = new Map<string, Promise<void>>();
  const serial = (channelId: string, work: () => Promise<unknown>): Promise<void> => {
    const next = (queues.get(channelId) ?? Promise.resolve())
      .then(work)
      .then(() => undefined)
      .catch((error: unknown) => logger.error({ channelId, ...errorFields(error) }, 'channel check failed'));
    queues.set(channelId, next);
    void next.finally(() => {
      if (queues.get(channelId) === next) queues.delete(channelId);
    });
    return next;
  };
  return {
    onUpdate(
      _old: DMChannel | NonThreadGuildBasedChannel,
      channel: DMChannel | NonThreadGuildBasedChannel,
    ): Promise<void> {
      if (channel.isDMBased()) return Promise.resolve();
      return serial(channel.id, () => services.guard.onChannelChanged(channel.id));
    },
    onDelete(channel: DMChannel | GuildChannel): Promise<void> {
      if (channel.isDMBased()) return Promise.resolve();
      return serial(channel.id, () => services.guard.onChannelDeleted(channel.id));
    },
    /** Checks one circle channel now, in turn with its events. */
    check(channelId: string): Promise<void> {
      return serial(channelId, () => services.guard.onChannelChanged(channelId));
    },
    /** Resolves when every queued check has finished (used at shutdown). */
    async idle(): Promise<void> {
      await Promise.all(queues.values());
    },
  };
}
