import { describe, expect, it } from 'vitest';
import { clientShardOptions, shardOf } from '../../src/platform/shards.js';

describe('shardOf', () => {
  it('follows Discord’s rule (guild_id >> 22) % shard_count', () => {
    // Discord's documented example: 41771983423143937 >> 22 = 9959234350.
    expect(shardOf('41771983423143937', 1)).toBe(0);
    expect(shardOf('41771983423143937', 4)).toBe(9959234350 % 4);
    expect(shardOf('41771983423143937', 7)).toBe(9959234350 % 7);
  });

  it('keeps the precision of 19- and 20-digit ids', () => {
    const id = (1234567890123n << 22n) | 0x3fffffn;
    expect(shardOf(id.toString(), 1000)).toBe(123);
    expect(shardOf('18446744073709551615', 16)).toBe(Number((18446744073709551615n >> 22n) % 16n));
  });

  it('puts every id on a shard below the count', () => {
    for (const id of ['175928847299117063', '1100000000000000000', '81384788765712384']) {
      const shard = shardOf(id, 5);
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(5);
    }
  });
});

describe('clientShardOptions', () => {
  it('asks Discord for the count when nothing is set', () => {
    expect(clientShardOptions({}, {})).toEqual({ shards: 'auto' });
  });

  it('holds every shard of SHARD_COUNT, or those of SHARD_LIST', () => {
    expect(clientShardOptions({ SHARD_COUNT: 3 }, {})).toEqual({ shards: [0, 1, 2], shardCount: 3 });
    expect(clientShardOptions({ SHARD_COUNT: 4, SHARD_LIST: [2, 3] }, {})).toEqual({
      shards: [2, 3],
      shardCount: 4,
    });
  });

  it('leaves the shards to discord.js in a process spawned by a ShardingManager', () => {
    expect(
      clientShardOptions({ SHARD_COUNT: 4, SHARD_LIST: [0, 1] }, { SHARDS: '1', SHARD_COUNT: '4' }),
    ).toEqual({});
  });
});
