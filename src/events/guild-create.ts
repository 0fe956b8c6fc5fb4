import type { Guild } from 'discord.js';
import type { Logger } from '../logger.js';
import type { Services } from '../services/index.js';
import { errorFields } from '../services/kernel/index.js';

/** The bot was added to a server: whoever can manage it is told how to start. */
export function createGuildJoinEvent(services: Services, logger: Logger) {
  return async (guild: Guild): Promise<void> => {
    try {
      const where = await services.server.welcome({
        guildId: guild.id,
        ownerId: guild.ownerId,
        systemChannelId: guild.systemChannelId,
      });
      logger.info({ guildId: guild.id, welcomed: where }, 'joined a server');
    } catch (error) {
      logger.error({ guildId: guild.id, ...errorFields(error) }, 'could not welcome a server');
    }
  };
}
