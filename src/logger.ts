import pino from 'pino';
import pretty from 'pino-pretty';

export type Logger = pino.Logger;

/** How log lines are written: JSON lines, or coloured lines for a person at a terminal. */
export type LogFormat = 'json' | 'pretty';

/**
 * The format to write in: `LOG_FORMAT` when it is set, otherwise pretty on a terminal and JSON
 * everywhere else (files, pipes, process managers, containers).
 */
export function chooseLogFormat(configured: LogFormat | undefined, isTTY: boolean | undefined): LogFormat {
  return configured ?? (isTTY ? 'pretty' : 'json');
}

/**
 * Structured logs, JSON lines unless `format` is pretty. Log lines carry ids, counts and codes
 * only: never message content, agreement text or anything a member typed. Pretty output shows
 * the same fields.
 */
export function createLogger(
  level: string,
  destination?: pino.DestinationStream,
  format: LogFormat = 'json',
): Logger {
  const options = { level, base: { app: 'circlekeeper' } };
  if (format === 'pretty') {
    return pino(options, pretty({ destination: destination ?? 1, sync: true, ignore: 'app,pid,hostname' }));
  }
  return pino(options, destination);
}
