import type { Clock } from '../services/kernel/index.js';

/** The one place that reads the system time. */
export const systemClock: Clock = { now: () => new Date() };
