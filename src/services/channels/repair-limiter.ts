/** How often one channel may be repaired. */
export interface RepairLimits {
  /** Repairs allowed per channel within `windowMs`. */
  perWindow: number;
  windowMs: number;
  /** The first pause once a channel used up its window; each further one doubles, up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
  /**
   * Repairs allowed per channel within `longWindowMs`, however they are spread: a fight slow
   * enough never to use up `perWindow` still ends in a pause (and the channel counts as unsettled).
   */
  perLongWindow: number;
  longWindowMs: number;
}

/**
 * At most 3 repairs of a channel a minute and 10 an hour; then pauses of 1, 2, 4 … minutes, at
 * most an hour.
 */
export const DEFAULT_REPAIR_LIMITS: RepairLimits = {
  perWindow: 3,
  windowMs: 60_000,
  backoffMs: 60_000,
  maxBackoffMs: 60 * 60_000,
  perLongWindow: 10,
  longWindowMs: 60 * 60_000,
};

interface ChannelState {
  /** Times (ms) of the repairs within the window. */
  attempts: number[];
  /** Times (ms) of the repairs within the long window (kept when the channel is forgotten). */
  recent: number[];
  /** How many times the channel used up its window since it was last quiet. */
  strikes: number;
  /** No repair before this time (ms). */
  until: number;
}

/**
 * Repairs of one channel, counted in one process: a channel that another bot keeps changing, or
 * that Discord does not change, is repaired a few times, then left alone for a growing while.
 * The time comes from the caller (the Clock port).
 */
export class RepairLimiter {
  private readonly channels = new Map<string, ChannelState>();

  constructor(private readonly limits: RepairLimits = DEFAULT_REPAIR_LIMITS) {}

  /** Whether the channel is in a pause: it is then not even looked at until the pause ends. */
  waiting(channelId: string, now: Date): boolean {
    return (this.channels.get(channelId)?.until ?? 0) > now.getTime();
  }

  /**
   * Records a repair if one is allowed now and returns true; otherwise starts (or keeps) a pause
   * and returns false.
   */
  take(channelId: string, now: Date): boolean {
    const t = now.getTime();
    const state = this.channels.get(channelId) ?? { attempts: [], recent: [], strikes: 0, until: 0 };
    this.channels.set(channelId, state);
    if (state.until > t) return false;
    state.attempts = state.attempts.filter((at) => at > t - this.limits.windowMs);
    state.recent = state.recent.filter((at) => at > t - this.limits.longWindowMs);
    if (state.attempts.length < this.limits.perWindow && state.recent.length < this.limits.perLongWindow) {
      state.attempts.push(t);
      state.recent.push(t);
      return true;
    }
    const pause = this.limits.backoffMs * 2 ** Math.min(state.strikes, 20);
    state.strikes += 1;
    state.until = t + Math.min(pause, this.limits.maxBackoffMs);
    state.attempts = [];
    return false;
  }

  /** Whether the channel had no repair within the window and is not in a pause. */
  quiet(channelId: string, now: Date): boolean {
    const state = this.channels.get(channelId);
    if (!state) return true;
    const t = now.getTime();
    return state.until <= t && state.attempts.every((at) => at <= t - this.limits.windowMs);
  }

  /**
   * Forgets a channel that stayed as written: its pauses start short again. Its repairs of the
   * last long window still count, so a slow fight cannot reset its own count by pausing.
   */
  forget(channelId: string): void {
    const state = this.channels.get(channelId);
    if (!state || state.recent.length === 0) {
      this.channels.delete(channelId);
      return;
    }
    this.channels.set(channelId, { attempts: [], recent: state.recent, strikes: 0, until: 0 });
  }
}
