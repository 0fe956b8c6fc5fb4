import type { Clock } from '../services/ports.js';

/** The one place that reads the system time. */
export const systemClock: Clock = { now: () => new Date() };
