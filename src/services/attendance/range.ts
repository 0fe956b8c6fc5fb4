/** The date range of a record, certificate or export: local dates, checked, as instants. */
import { ValidationError } from '../kernel/index.js';
import { Temporal } from 'temporal-polyfill';
import { localDate, parseLocalDate, zonedInstant } from '../meetings/index.js';

/** Dates further back than this many years, or more than a year ahead, are refused as mistakes. */
export const OLDEST_YEARS = 10;
/** Without `from`, a range starts this many years back: the default retention of attendance. */
export const DEFAULT_YEARS = 4;

/** Inclusive local dates and the instants `[from, to)` they span in a zone. */
export interface DateRange {
  fromDate: string;
  toDate: string;
  from: Date;
  to: Date;
}

const shiftYears = (date: string, years: number) => Temporal.PlainDate.from(date).add({ years }).toString();
const nextDay = (date: string) => Temporal.PlainDate.from(date).add({ days: 1 }).toString();

/**
 * The range from optional `from` and `to` dates (`YYYY-MM-DD`), read as local dates in `timeZone`:
 * from midnight of `from` to the end of `to`. Defaults: four years back, and today.
 * Throws a `ValidationError` for a malformed date, `from` after `to`, or dates absurdly far.
 */
export function dateRange(
  fromText: string | null | undefined,
  toText: string | null | undefined,
  now: Date,
  timeZone = 'UTC',
): DateRange {
  const parse = (text: string, name: string) => {
    const date = parseLocalDate(text);
    if (date === null) throw new ValidationError(`\`${name}\` must be a date such as 2026-12-01.`);
    return date;
  };
  const today = localDate(now, timeZone);
  const fromDate = fromText ? parse(fromText, 'from') : shiftYears(today, -DEFAULT_YEARS);
  const toDate = toText ? parse(toText, 'to') : today;
  if (fromDate > toDate) throw new ValidationError('`from` must be on or before `to`.');
  if (fromDate < shiftYears(today, -OLDEST_YEARS) || toDate > shiftYears(today, 1)) {
    throw new ValidationError(`Dates must lie within the last ${OLDEST_YEARS} years and the coming year.`);
  }
  return rangeOf(fromDate, toDate, timeZone);
}

/** The instants spanned by inclusive local dates in a zone, unchecked. */
export function rangeOf(fromDate: string, toDate: string, timeZone: string): DateRange {
  return {
    fromDate,
    toDate,
    from: zonedInstant(fromDate, '00:00', timeZone),
    to: zonedInstant(nextDay(toDate), '00:00', timeZone),
  };
}
