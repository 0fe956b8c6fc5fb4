import { type DelayInjection, type FailureInjection, FaultInjector } from './injections.js';
import { type LimitState, WindowLimiter } from './rate-limit.js';

/** Rate-limit settings of the REST pipeline. */
export interface RateLimitSettings {
  globalRateLimitPerSecond: number | undefined;
  routeRateLimit: { limit: number; windowSeconds: number } | false;
}

/** What can go wrong with a REST request: the global limit, route buckets, injected failures and delays. */
export class RestFaults {
  readonly failures = new FaultInjector<FailureInjection>();
  readonly delays = new FaultInjector<DelayInjection>();
  /** 429 answers served, by cause. */
  readonly rateLimited = { global: 0, route: 0, injected: 0 };
  private readonly global: WindowLimiter | undefined;
  private readonly buckets: WindowLimiter | undefined;

  constructor(settings: RateLimitSettings) {
    this.global = settings.globalRateLimitPerSecond
      ? new WindowLimiter(settings.globalRateLimitPerSecond, 1000)
      : undefined;
    const rl = settings.routeRateLimit;
    this.buckets = rl ? new WindowLimiter(rl.limit, rl.windowSeconds * 1000) : undefined;
  }

  /** Counts a request against the global limit of `token`; undefined when there is no global limit. */
  hitGlobal(token: string): LimitState | undefined {
    return this.global?.hit(token);
  }

  /** Counts a request against a route bucket; undefined when route buckets are off. */
  hitBucket(key: string): LimitState | undefined {
    return this.buckets?.hit(key);
  }

  /** Drops every pending injected failure and delay. */
  clearInjections(): void {
    this.failures.clear();
    this.delays.clear();
  }
}
