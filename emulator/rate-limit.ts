import { createHash } from 'node:crypto';

/** A scripted failure for the next matching REST requests. */
export interface FailureInjection {
  /** HTTP method to match (case-insensitive); any when omitted. */
  method?: string;
  /** Matched against the path below the API version, e.g. `/channels/123/messages`. */
  path?: RegExp;
  status: 429 | 500 | 502 | 503;
  /** How many requests fail (default 1). */
  times?: number;
  /** Retry-After for 429 (default 0.1 s). */
  retryAfterSeconds?: number;
}

/** Handle on an active injection. */
export interface InjectedFailure {
  /** Failures still to be served. */
  readonly remaining: number;
  /** Requests that were failed so far. */
  readonly served: number;
}

interface ActiveInjection {
  spec: FailureInjection;
  remaining: number;
  served: number;
}

/** Keeps scripted failures and serves them in order. */
export class FailureInjector {
  private readonly active: ActiveInjection[] = [];

  /** Registers a failure; returns a live view of its progress. */
  add(spec: FailureInjection): InjectedFailure {
    const entry: ActiveInjection = { spec, remaining: spec.times ?? 1, served: 0 };
    this.active.push(entry);
    return {
      get remaining() {
        return entry.remaining;
      },
      get served() {
        return entry.served;
      },
    };
  }

  /** Consumes and returns the first injection matching the request, if any. */
  take(method: string, path: string): FailureInjection | undefined {
    const entry = this.active.find(
      (e) =>
        e.remaining > 0 &&
        (!e.spec.method || e.spec.method.toUpperCase() === method) &&
        (!e.spec.path || e.spec.path.test(path)),
    );
    if (!entry) return undefined;
    entry.remaining -= 1;
    entry.served += 1;
    return entry.spec;
  }

  /** Drops all pending injections. */
  clear(): void {
    this.active.length = 0;
  }
}

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
