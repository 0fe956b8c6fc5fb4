/** Which requests a scripted fault applies to. */
export interface FaultMatch {
  /** HTTP method to match (case-insensitive); any when omitted. */
  method?: string;
  /** Matched against the path below the API version, e.g. `/channels/123/messages`. */
  path?: RegExp;
  /** How many requests are affected (default 1). */
  times?: number;
}

/** A scripted failure for the next matching REST requests. */
export interface FailureInjection extends FaultMatch {
  status: 429 | 500 | 502 | 503;
  /** Retry-After for 429 (default 0.1 s). */
  retryAfterSeconds?: number;
  /**
   * Process the request normally (the message IS created, the channel IS edited, ...) and only then answer
   * with `status`, as when Discord's response is lost on the way back. Default false: fail before any work.
   */
  after?: boolean;
}

/** A scripted delay for the next matching REST requests (slow Discord, client timeouts). */
export interface DelayInjection extends FaultMatch {
  /** Milliseconds to wait. */
  ms: number;
  /** Wait after the work is done, before answering (default false: wait before processing). */
  after?: boolean;
}

/** Handle on an active injection. */
export interface InjectedFailure {
  /** Requests still to be affected. */
  readonly remaining: number;
  /** Requests affected so far. */
  readonly served: number;
}

interface ActiveFault<T extends FaultMatch> {
  spec: T;
  remaining: number;
  served: number;
}

/** Keeps scripted faults and serves them in order of registration. */
export class FaultInjector<T extends FaultMatch> {
  private readonly active: ActiveFault<T>[] = [];

  /** Registers a fault; returns a live view of its progress. */
  add(spec: T): InjectedFailure {
    const entry: ActiveFault<T> = { spec, remaining: spec.times ?? 1, served: 0 };
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

  /** Consumes and returns the first fault matching the request, if any. */
  take(method: string, path: string): T | undefined {
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

  /** Drops all pending faults. */
  clear(): void {
    this.active.length = 0;
  }
}
