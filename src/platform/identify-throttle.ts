/**
 * Discord lets a bot IDENTIFY once per 5 seconds in each bucket (`shard_id % max_concurrency`,
 * from GET /gateway/bot), counted across all its processes. discord.js paces the shards of one
 * process; this throttler paces those of every process sharing the database: the bucket's last
 * identify time is kept in the database, read and written under the bucket's `exclusive` lock,
 * which is held through the wait so that the processes queue one behind the other.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { IIdentifyThrottler } from '@discordjs/ws';
import type { KeyValueRepository, Store } from '../services/kernel/index.js';

/** Discord's window per bucket, plus a margin for the request's way there. */
export const IDENTIFY_WINDOW_MS = 5_000;
const MARGIN_MS = 300;
/** Turns a shard waits for its bucket's lock (each up to a minute) before it gives up. */
const MAX_TURNS = 20;

export class SharedIdentifyThrottler implements IIdentifyThrottler {
  constructor(
    private readonly maxConcurrency: number,
    private readonly exclusive: Store['exclusive'],
    private readonly state: KeyValueRepository,
    private readonly now: () => number = Date.now,
  ) {}

  async waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
    const bucket = shardId % Math.max(1, this.maxConcurrency);
    const key = `gateway:identify:${bucket}`;
    for (let turn = 0; turn < MAX_TURNS; turn++) {
      signal.throwIfAborted();
      const ran = await this.exclusive(
        key,
        async () => {
          const last = Number((await this.state.get(key)) ?? 0);
          const wait = last + IDENTIFY_WINDOW_MS + MARGIN_MS - this.now();
          if (wait > 0) await sleep(Math.min(wait, IDENTIFY_WINDOW_MS + MARGIN_MS), undefined, { signal });
          await this.state.set(key, String(this.now()));
        },
        { waitMs: 60_000 },
      );
      if (ran) return;
    }
    throw new Error(`shard ${shardId} waited too long for its turn to identify`);
  }
}
