import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordEmulator } from '../../emulator/index.js';
import { startBot, type RunningBot } from '../../src/bot.js';
import { loadConfig } from '../../src/config.js';
import { formatDataKey, generateDataKey } from '../../src/db/encryption/data-keys.js';
import { createLogger } from '../../src/logger.js';
import { databases, type TestDatabase } from '../support/databases.js';
import { CapturedLogs } from '../support/e2e.js';

/**
 * Two processes holding shards of the same identify bucket (Discord's max_concurrency 1: every
 * shard is bucket 0) start at the same moment. discord.js paces the shards within one process; the
 * pacing across processes goes through the database they share. The emulator refuses an IDENTIFY
 * within 5 seconds of another one in its bucket, as Discord does.
 */
describe('identify pacing across processes on postgresql', () => {
  const factory = databases.find((d) => d.name === 'postgresql')!;
  let db: TestDatabase;
  let emu: DiscordEmulator;
  const bots: RunningBot[] = [];

  beforeAll(async () => {
    db = await factory.create();
    emu = await DiscordEmulator.start({ shards: 3, maxConcurrency: 1 });
    const ownerId = emu.createUser({ username: 'owner' });
    for (let i = 0; i < 6; i++) emu.createGuild({ name: `Clinic ${i}`, ownerId });
  });
  afterAll(async () => {
    for (const bot of bots) await bot.stop();
    await emu?.stop();
    await db?.drop();
  });

  it(
    'lets no two shards of one bucket identify within five seconds, whichever process holds them',
    { timeout: 120_000 },
    async () => {
      const base = {
        DISCORD_TOKEN: emu.botToken,
        DISCORD_API_BASE: emu.restBase,
        DATABASE_URL: db.url,
        DATA_KEY: formatDataKey(generateDataKey()),
        SHARD_COUNT: '3',
      };
      const start = (shards: string) =>
        startBot({
          config: loadConfig({ ...base, SHARD_LIST: shards }),
          logger: createLogger('warn', new CapturedLogs()),
          scheduleTick: false,
        });
      // Migrated first: the two starts below then race only for the gateway.
      bots.push(await start('2'));
      bots.push(...(await Promise.all([start('0'), start('1')])));
      expect(bots.map((bot) => bot.shards.ids)).toEqual([[2], [0], [1]]);
      expect(emu.identifyRefusals).toBe(0);
      expect(
        emu
          .gatewayShards()
          .map((s) => s.shard[0])
          .sort(),
      ).toEqual([0, 1, 2]);
    },
  );
});
