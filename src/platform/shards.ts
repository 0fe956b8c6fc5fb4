/** Which gateway shards a process holds, and which shard a server's events arrive on. */

/** The shards this process is connected with, out of `count` for the whole bot. */
export interface ShardSet {
  ids: number[];
  count: number;
}

/** The shard that receives a server's events: `(guild_id >> 22) % shard_count` (Discord's rule). */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * The `shards` / `shardCount` options of the discord.js Client. A process spawned by a
 * ShardingManager (the launcher) has SHARDS and SHARD_COUNT in its environment, which the Client
 * reads itself: no options then. Otherwise SHARD_COUNT (with SHARD_LIST, or every id) when set,
 * else `'auto'` (the count Discord recommends in GET /gateway/bot).
 */
export function clientShardOptions(
  config: { SHARD_COUNT?: number | undefined; SHARD_LIST?: number[] | undefined },
  env: NodeJS.ProcessEnv = process.env,
): { shards?: number[] | 'auto'; shardCount?: number } {
  if (env.SHARDS !== undefined) return {};
  if (config.SHARD_COUNT === undefined) return { shards: 'auto' };
  return {
    shards: config.SHARD_LIST ?? Array.from({ length: config.SHARD_COUNT }, (_, id) => id),
    shardCount: config.SHARD_COUNT,
  };
}
