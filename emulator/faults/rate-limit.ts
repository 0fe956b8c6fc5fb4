import { createHash } from 'node:crypto';

/** Result of checking a limiter. */
export interface LimitState {
  limited: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetAfter: number;
  /** Unix seconds when the window resets. */
  reset: number;
}

/** Fixed-window counter per key. */
export class WindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request for `key` and reports whether it exceeded the limit. */
  hit(key: string, now = Date.now()): LimitState {
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    const resetAt = window.start + this.windowMs;
    return {
      limited: window.count > this.limit,
      limit: this.limit,
      remaining: Math.max(0, this.limit - window.count),
      resetAfter: Math.max(0, (resetAt - now) / 1000),
      reset: resetAt / 1000,
    };
  }
}

/** Stable bucket hash for a route template, like Discord's opaque X-RateLimit-Bucket. */
export function bucketHash(method: string, route: string): string {
  return createHash('sha1').update(`${method} ${route}`).digest('hex').slice(0, 32);
}

/** Builds Discord's rate-limit headers. */
export function rateLimitHeaders(state: LimitState, bucket: string): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(state.limit),
    'X-RateLimit-Remaining': String(state.remaining),
    'X-RateLimit-Reset': state.reset.toFixed(3),
    'X-RateLimit-Reset-After': state.resetAfter.toFixed(3),
    'X-RateLimit-Bucket': bucket,
  };
}
