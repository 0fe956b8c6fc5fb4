import { timeZoneNames } from './time.js';

/**
 * Finding a time zone from what people type: parts of IANA names (`berlin`), city names with spaces
 * or accents (`são paulo`), and abbreviations (`EST`), which only ever suggest the IANA zones they
 * mean: an abbreviation says nothing about when daylight saving changes, so it is never a zone here.
 */

/** Suggestions offered at most (Discord shows 25 choices). */
export const TIME_ZONE_SUGGESTIONS_MAX = 25;

/** Zones offered on an empty field after the server's own, roughly by how many people live in them. */
export const COMMON_TIME_ZONES = [
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Madrid',
  'Europe/Rome',
  'Europe/Amsterdam',
  'Europe/Zurich',
  'Europe/Vienna',
  'Europe/Stockholm',
  'Europe/Warsaw',
  'Europe/Athens',
  'Europe/Helsinki',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Toronto',
  'America/Sao_Paulo',
  'America/Mexico_City',
  'Asia/Kolkata',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Australia/Sydney',
  'Pacific/Auckland',
  'UTC',
] as const;

/** Abbreviations people type, and the zones they usually mean, most likely first. */
export const TIME_ZONE_ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  EST: ['America/New_York', 'America/Toronto', 'America/Detroit', 'America/Panama'],
  EDT: ['America/New_York', 'America/Toronto', 'America/Detroit'],
  CST: ['America/Chicago', 'America/Winnipeg', 'America/Mexico_City', 'Asia/Shanghai', 'America/Havana'],
  CDT: ['America/Chicago', 'America/Winnipeg'],
  MST: ['America/Denver', 'America/Phoenix', 'America/Edmonton'],
  MDT: ['America/Denver', 'America/Edmonton'],
  PST: ['America/Los_Angeles', 'America/Vancouver', 'America/Tijuana'],
  PDT: ['America/Los_Angeles', 'America/Vancouver', 'America/Tijuana'],
  AKST: ['America/Anchorage'],
  HST: ['Pacific/Honolulu'],
  AST: ['America/Halifax', 'America/Puerto_Rico', 'Asia/Riyadh'],
  NST: ['America/St_Johns'],
  GMT: ['Europe/London', 'Europe/Dublin', 'Europe/Lisbon', 'Africa/Abidjan', 'UTC'],
  UTC: ['UTC'],
  BST: ['Europe/London'],
  IST: ['Asia/Kolkata', 'Europe/Dublin', 'Asia/Jerusalem'],
  WET: ['Europe/Lisbon', 'Atlantic/Canary'],
  WEST: ['Europe/Lisbon', 'Atlantic/Canary'],
  CET: [
    'Europe/Berlin',
    'Europe/Paris',
    'Europe/Rome',
    'Europe/Madrid',
    'Europe/Amsterdam',
    'Europe/Brussels',
    'Europe/Vienna',
    'Europe/Zurich',
    'Europe/Stockholm',
    'Europe/Oslo',
    'Europe/Copenhagen',
    'Europe/Warsaw',
    'Europe/Prague',
    'Europe/Budapest',
  ],
  CEST: [
    'Europe/Berlin',
    'Europe/Paris',
    'Europe/Rome',
    'Europe/Madrid',
    'Europe/Amsterdam',
    'Europe/Vienna',
  ],
  EET: [
    'Europe/Athens',
    'Europe/Helsinki',
    'Europe/Kyiv',
    'Europe/Bucharest',
    'Europe/Sofia',
    'Africa/Cairo',
  ],
  EEST: ['Europe/Athens', 'Europe/Helsinki', 'Europe/Kyiv', 'Europe/Bucharest', 'Europe/Sofia'],
  MSK: ['Europe/Moscow'],
  SAST: ['Africa/Johannesburg'],
  WAT: ['Africa/Lagos'],
  EAT: ['Africa/Nairobi'],
  PKT: ['Asia/Karachi'],
  HKT: ['Asia/Hong_Kong'],
  SGT: ['Asia/Singapore'],
  JST: ['Asia/Tokyo'],
  KST: ['Asia/Seoul'],
  AWST: ['Australia/Perth'],
  ACST: ['Australia/Adelaide', 'Australia/Darwin'],
  ACDT: ['Australia/Adelaide'],
  AEST: ['Australia/Sydney', 'Australia/Melbourne', 'Australia/Brisbane', 'Australia/Hobart'],
  AEDT: ['Australia/Sydney', 'Australia/Melbourne', 'Australia/Hobart'],
  NZST: ['Pacific/Auckland'],
  NZDT: ['Pacific/Auckland'],
  BRT: ['America/Sao_Paulo'],
  // Runtimes list Buenos Aires under one name or the other.
  ART: ['America/Argentina/Buenos_Aires', 'America/Buenos_Aires'],
};

/** Cities people name that are not in a zone's name, and the zone they lie in. */
const CITIES: Readonly<Record<string, string>> = {
  washington: 'America/New_York',
  boston: 'America/New_York',
  philadelphia: 'America/New_York',
  atlanta: 'America/New_York',
  miami: 'America/New_York',
  montreal: 'America/Toronto',
  ottawa: 'America/Toronto',
  houston: 'America/Chicago',
  dallas: 'America/Chicago',
  'san francisco': 'America/Los_Angeles',
  seattle: 'America/Los_Angeles',
  'rio de janeiro': 'America/Sao_Paulo',
  munich: 'Europe/Berlin',
  hamburg: 'Europe/Berlin',
  frankfurt: 'Europe/Berlin',
  cologne: 'Europe/Berlin',
  geneva: 'Europe/Zurich',
  barcelona: 'Europe/Madrid',
  milan: 'Europe/Rome',
  'the hague': 'Europe/Amsterdam',
  edinburgh: 'Europe/London',
  manchester: 'Europe/London',
  kiev: 'Europe/Kyiv',
  mumbai: 'Asia/Kolkata',
  bombay: 'Asia/Kolkata',
  delhi: 'Asia/Kolkata',
  'new delhi': 'Asia/Kolkata',
  bangalore: 'Asia/Kolkata',
  beijing: 'Asia/Shanghai',
  'tel aviv': 'Asia/Jerusalem',
  canberra: 'Australia/Sydney',
  wellington: 'Pacific/Auckland',
};

/** Lower case, accents dropped, `_`, `-` and runs of spaces as one space. */
export function foldZoneText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();
}

/** The zones an abbreviation usually means (any case), or null when it is not one. */
export function zonesOfAbbreviation(text: string): readonly string[] | null {
  return TIME_ZONE_ABBREVIATIONS[text.trim().toUpperCase()] ?? null;
}

/**
 * Up to 25 zones for what was typed. An empty field lists `inUse` (the server's zones) first, then
 * common zones. Otherwise: the zones an abbreviation means, then matching zones in this order: the
 * server's, whose city starts with the text, common ones, any whose name contains it.
 */
export function suggestTimeZoneNames(typed: string, inUse: readonly string[] = []): string[] {
  const all = timeZoneNames();
  const known = new Set(all);
  const text = foldZoneText(typed);
  const found = new Set<string>();
  const add = (zones: Iterable<string>) => {
    for (const zone of zones) if (known.has(zone)) found.add(zone);
  };
  if (text === '') {
    add(inUse);
    add(COMMON_TIME_ZONES);
    return [...found].slice(0, TIME_ZONE_SUGGESTIONS_MAX);
  }
  const matches = (zone: string) => foldZoneText(zone).includes(text);
  const city = (zone: string) => foldZoneText(zone.slice(zone.lastIndexOf('/') + 1));
  add(zonesOfAbbreviation(typed) ?? []);
  add(inUse.filter(matches));
  add(all.filter((zone) => city(zone).startsWith(text)));
  add(
    Object.entries(CITIES)
      .filter(([name]) => name.startsWith(text))
      .map(([, zone]) => zone),
  );
  add(COMMON_TIME_ZONES.filter(matches));
  add(all.filter(matches));
  return [...found].slice(0, TIME_ZONE_SUGGESTIONS_MAX);
}

/**
 * Why a name typed as a time zone is not one, suggesting the IANA form: abbreviations (`EST`),
 * POSIX-style names (`PST8PDT`) and offsets (`GMT+5`, `Etc/GMT-2`, `+02:00`).
 */
export function timeZoneRefusal(typed: string): string {
  const shown = typed.trim().slice(0, 40);
  const prefix = /^([A-Za-z]{3,5})(?:[+-]?\d|$)/.exec(typed.trim())?.[1] ?? '';
  const meant = zonesOfAbbreviation(typed) ?? zonesOfAbbreviation(prefix);
  const offset = /^(etc\/)?(gmt|utc)?\s*[+-]\s*\d/i.test(typed.trim()) || /^etc\//i.test(typed.trim());
  const examples = ((!offset && meant) || ['Europe/Berlin', 'America/New_York']).slice(0, 2).join(' or ');
  if (meant && !offset) {
    return `“${shown}” is an abbreviation, not a time zone: it does not say when daylight saving changes. Choose the zone of a place, such as ${examples}.`;
  }
  if (offset) {
    return `“${shown}” is a fixed offset, which ignores daylight saving. Choose the zone of a place, such as ${examples}.`;
  }
  return `“${shown}” is not a time zone I know. Choose one from the list, such as ${examples} (Area/City).`;
}
