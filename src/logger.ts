import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs. Log lines carry ids, counts and codes only: never message
 * content, agreement text or anything a member typed.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { app: 'circlekeeper' } }, destination);
}
