import { Temporal } from 'temporal-polyfill';
import type { Schedule, Weekday } from './model.js';

/**
 * Wall-clock arithmetic in IANA time zones, with Temporal. A local time that does not exist
 * (the spring-forward gap) moves forward by the gap; one that occurs twice takes the first.
 */

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A time as typed: `9:30` to `19:30`. */
export const TIME_TEXT_MIN_LENGTH = 4;
export const TIME_TEXT_MAX_LENGTH = 5;
/** A date as typed: `2026-12-01`, always ten characters. */
export const DATE_TEXT_LENGTH = 10;
/** The longest time zone name accepted (the longest IANA name has 30 characters). */
export const TIME_ZONE_MAX_LENGTH = 40;

/** Zones the runtime still lists under a former name, by the name people use now. */
const RENAMED: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Europe/Kiev': 'Europe/Kyiv',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'America/Godthab': 'America/Nuuk',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
};

let zoneList: readonly string[] | null = null;

/** Every IANA zone this runtime knows, by current names, plus UTC; for autocomplete. */
export function timeZoneNames(): readonly string[] {
  zoneList ??= ['UTC', ...Intl.supportedValuesOf('timeZone').map((zone) => RENAMED[zone] ?? zone)].sort();
  return zoneList;
}

/**
 * The IANA name of a zone as typed (`europe/berlin` → `Europe/Berlin`), or null. Only
 * Area/Location names and UTC: abbreviations such as EST name no rules for daylight saving.
 */
export function canonicalTimeZone(name: string): string | null {
  if (name.length > TIME_ZONE_MAX_LENGTH) return null;
  const typed = name.trim();
  if (typed.toUpperCase() === 'UTC' || typed.toUpperCase() === 'ETC/UTC') return 'UTC';
  // Fixed offsets (Etc/GMT+5) follow no daylight saving: the place's zone is what people mean.
  if (/^etc\//i.test(typed)) return null;
  if (!/^[A-Za-z]+(\/[A-Za-z0-9_+-]+)+$/.test(typed)) return null;
  const listed = timeZoneNames().find((zone) => zone.toLowerCase() === typed.toLowerCase());
  if (listed) return listed;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: typed });
    return typed;
  } catch {
    return null;
  }
}

/** `HH:MM` (24-hour) normalised to two digits, or null. */
export function parseLocalTime(value: string): string | null {
  const match = TIME.exec(value.trim());
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : null;
}

/** A calendar date `YYYY-MM-DD` that exists, or null. */
export function parseLocalDate(value: string): string | null {
  const trimmed = value.trim();
  if (!DATE.test(trimmed)) return null;
  try {
    return Temporal.PlainDate.from(trimmed, { overflow: 'reject' }).toString();
  } catch {
    return null;
  }
}

/** The instant of a local date and time in a zone (gaps move forward, repeats take the first). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const local = Temporal.PlainDateTime.from(`${date}T${time}`);
  const zoned = local.toZonedDateTime(timeZone, { disambiguation: 'compatible' });
  return new Date(zoned.epochMilliseconds);
}

/** The local calendar date of an instant in a zone. */
export function localDate(instant: Date, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .toString();
}

/** The local wall time (`HH:MM`) of an instant in a zone. */
export function localTime(instant: Date, timeZone: string): string {
  const zoned = Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(timeZone);
  return zoned.toPlainTime().toString({ smallestUnit: 'minute' });
}

export interface Occurrence {
  /** Local date of the slot in the schedule. */
  date: string;
  startsAt: Date;
  endsAt: Date;
}

/** The first date on or after `startsOn` that falls on `weekday`. */
export function firstMeetingDate(startsOn: string, weekday: Weekday): string {
  const start = Temporal.PlainDate.from(startsOn);
  return start.add({ days: (weekday - start.dayOfWeek + 7) % 7 }).toString();
}

/**
 * The schedule's occurrences that have not ended by `from` and start before `until`, in order.
 * Each is computed from its own local date, so daylight-saving changes never shift the wall time.
 */
export function occurrencesBetween(
  schedule: Pick<
    Schedule,
    'weekday' | 'localTime' | 'timeZone' | 'everyWeeks' | 'durationMinutes' | 'startsOn'
  >,
  from: Date,
  until: Date,
): Occurrence[] {
  const first = Temporal.PlainDate.from(firstMeetingDate(schedule.startsOn, schedule.weekday));
  const step = 7 * schedule.everyWeeks;
  const fromDate = Temporal.PlainDate.from(localDate(from, schedule.timeZone));
  const skipped = Math.max(0, Math.floor(first.until(fromDate).days / step) - 1);
  const result: Occurrence[] = [];
  for (let k = skipped; ; k++) {
    const date = first.add({ days: k * step }).toString();
    const startsAt = zonedInstant(date, schedule.localTime, schedule.timeZone);
    if (startsAt >= until) return result;
    const endsAt = new Date(startsAt.getTime() + schedule.durationMinutes * 60_000);
    if (endsAt > from) result.push({ date, startsAt, endsAt });
  }
}

/** A Discord timestamp: renders in each reader's own time zone. `F` full, `R` relative, `t` time. */
export function discordTime(instant: Date, style: 'F' | 'R' | 't' | 'f' | 'D' | 'd' = 'F'): string {
  return `<t:${Math.floor(instant.getTime() / 1000)}:${style}>`;
}

/** Parses lead times such as `1d, 15m` or `2h30m` into minutes, largest first; null if malformed. */
export function parseLeadTimes(value: string): number[] | null {
  const parts = value.split(/[,\s]+/).filter(Boolean);
  if (parts.length === 0) return null;
  const minutes: number[] = [];
  for (const part of parts) {
    const match = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/i.exec(part);
    if (!match || part.length === 0 || (!match[1] && !match[2] && !match[3])) return null;
    minutes.push(Number(match[1] ?? 0) * 1440 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0));
  }
  return [...new Set(minutes)].sort((a, b) => b - a);
}

/** `1d 2h 15m` style text for minutes. */
export function formatMinutes(total: number): string {
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const minutes = total % 60;
  return (
    [days && `${days}d`, hours && `${hours}h`, minutes && `${minutes}m`].filter(Boolean).join(' ') || '0m'
  );
}
