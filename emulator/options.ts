/** Options accepted by `DiscordEmulator.start`. */
export interface EmulatorOptions {
  /** Requests per second per bot token before a global 429 (default: off). */
  globalRateLimitPerSecond?: number;
  /** Per-route bucket size per window (default 50 per second); `false` to disable. */
  routeRateLimit?: { limit: number; windowSeconds: number } | false;
  /** Time the bot has to answer an interaction callback (default 3000 ms, as on Discord). */
  interactionAckTimeoutMs?: number;
  /** Lifetime of an interaction token for follow-ups and edits (default 15 min). */
  interactionTokenLifetimeMs?: number;
  /** Gateway heartbeat interval sent in HELLO (default 41250 ms). */
  heartbeatIntervalMs?: number;
  /** Shard count `GET /gateway/bot` recommends (default 1; see `DiscordEmulator.setRecommendedShards`). */
  shards?: number;
  /** `session_start_limit.max_concurrency`: identify buckets are `shard_id % maxConcurrency` (default 1). */
  maxConcurrency?: number;
  /** Minimum time between two IDENTIFYs in one bucket; a faster one gets op 9 (default 5000 ms, 0 = off). */
  identifyIntervalMs?: number;
  /** Most guilds one shard may hold; an IDENTIFY for more is closed with 4011 (default 2500). */
  maxGuildsPerShard?: number;
  /** Port to listen on (default: a random free port). */
  port?: number;
  /** Bot username (default "Circlekeeper"). */
  botUsername?: string;
}

/** The options the REST routes, the gateway and the fault layer read, with their defaults filled in. */
export type ResolvedOptions = Required<
  Omit<EmulatorOptions, 'globalRateLimitPerSecond' | 'port' | 'botUsername'>
> & {
  globalRateLimitPerSecond: number | undefined;
};

/** Fills in the defaults of {@link EmulatorOptions}. */
export function resolveOptions(options: EmulatorOptions): ResolvedOptions {
  return {
    globalRateLimitPerSecond: options.globalRateLimitPerSecond,
    routeRateLimit: options.routeRateLimit ?? { limit: 50, windowSeconds: 1 },
    interactionAckTimeoutMs: options.interactionAckTimeoutMs ?? 3000,
    interactionTokenLifetimeMs: options.interactionTokenLifetimeMs ?? 15 * 60 * 1000,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41250,
    shards: options.shards ?? 1,
    maxConcurrency: options.maxConcurrency ?? 1,
    identifyIntervalMs: options.identifyIntervalMs ?? 5000,
    maxGuildsPerShard: options.maxGuildsPerShard ?? 2500,
  };
}
