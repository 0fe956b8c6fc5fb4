/**
 * Date detectors (numeric and spelled-out, English, German and French) and the name followed by a
 * date of birth. Bare durations ("for 3 weeks", "since spring", "in her 40s") and bare years pass.
 */
import { END, NUM_END, NUM_START, START, anyOf, capitalisable, r, rx } from './deidentify-detector.js';
import type { Detector, KindOf } from './deidentify-detector.js';

const MONTH_WORDS = [
  // English ("May" is handled apart: lower-case "may" is a verb)
  'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sept', 'sep', 'oct', 'nov', 'dec',
  // German
  'januar', 'jänner', 'februar', 'märz', 'maerz', 'mai', 'juni', 'juli', 'oktober', 'dezember', 'okt', 'dez',
  // French
  'janvier', 'février', 'fevrier', 'mars', 'avril', 'juin', 'juillet', 'août', 'aout', 'septembre',
  'octobre', 'novembre', 'décembre', 'decembre', 'janv', 'févr', 'avr', 'juil', 'déc',
]; // prettier-ignore

const WEEKDAY_WORDS = [
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'montag', 'dienstag', 'mittwoch', 'donnerstag', 'freitag', 'samstag', 'sonnabend', 'sonntag',
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche',
]; // prettier-ignore

/** A month name or abbreviation, with an optional dot. */
const MONTH = r`${anyOf([...MONTH_WORDS.flatMap((w) => [capitalisable(w), w.toUpperCase()]), 'May', 'MAY'])}${END}\.?`;
/** A weekday name or abbreviation, with an optional dot. */
const WEEKDAY = r`${anyOf(WEEKDAY_WORDS.flatMap((w) => [capitalisable(w), w.toUpperCase()]))}${END}\.?`;
/** Day of the month, 1–31, optionally zero-padded. */
const DAY = r`(?:0?[1-9]|[12]\d|3[01])`;
/** Month number, 1–12, optionally zero-padded. */
const MONTH_NUMBER = r`(?:0?[1-9]|1[0-2])`;
/** An ordinal suffix (English, French) or the German ordinal dot. */
const ORDINAL = r`(?:st|nd|rd|th|er|\.)`;
/** A count after a number ("May 5 sessions", "on 3/4 days"): the number is not a day. */
const NOT_A_COUNT = r`(?!\s*(?:sessions?|times?|days?|nights?|weeks?|months?|years?|patients?|clients?|visits?|hours?|minutes?|people|children|kids|of\s))`;
/** A four-digit year from 1900 to 2099. */
const YEAR = r`(?:19|20)\d{2}`;

/** "1 March 2024", "1st of March", "12. Mai 1951", "1er mars". */
const DAY_MONTH = r`(?<!\p{N})${DAY}${ORDINAL}?\s*(?:of\s+|de\s+)?${MONTH}(?:,?\s*${YEAR}${NUM_END})?`;
/** "March 1st", "Mar 1", "March 1, 2024". */
const MONTH_DAY = r`${START}${MONTH}\s*${DAY}(?:st|nd|rd|th)?(?![\p{L}\p{N}])${NOT_A_COUNT}(?:,?\s*${YEAR}${NUM_END})?`;
/** "March 2024", "Mar '24". */
const MONTH_YEAR = r`${START}${MONTH}\s*,?\s*(?:${YEAR}|'\d{2})(?!\p{N})`;
/** 01/03/2024, 1.3.24, 3/1/24, 12-05-1951 (checked for plausible day and month below). */
const NUMERIC_DATE = r`${NUM_START}(\d{1,2})([.\/-])(\d{1,2})\2(\d{4}|\d{2})${NUM_END}`;
/** 2024-03-01, 2024/3/1. */
const ISO_DATE = r`${NUM_START}${YEAR}([.\/-])${MONTH_NUMBER}\1${DAY}${NUM_END}`;
/** "12.04." (German day and month with a two-digit month and closing dot). */
const DOTTED_DAY_MONTH = r`(?<![\p{N}.])${DAY}\.(?:0[1-9]|1[0-2])\.(?!\p{N})`;
/** A weekday with a day: "Monday the 3rd", "Fri 12.4.", "Tue, 4/3". */
const WEEKDAY_DATE = r`${START}${WEEKDAY},?\s*(?:the\s+|den\s+|le\s+)?${DAY}(?:(?:st|nd|rd|th|er)${END}|[.\/]${MONTH_NUMBER}${NUM_END}\.?|\.)`;
/** Day and month after a date word: "since 3/12", "am 3.4.", "on 12/3" ("on 7/10" is a score). */
const CONTEXT_DAY_MONTH = r`${START}(?:on|since|until|till|dated|seit|bis|vom|am|ab|le|du|depuis)\s+(?:the\s+)?${DAY}([.\/])(${MONTH_NUMBER})${NUM_END}${NOT_A_COUNT}`;
/** "on the 3rd." — an ordinal day not followed by a noun ("on the 3rd session" passes). */
const ON_THE_ORDINAL = r`${START}(?:on|since|until|by)\s+the\s+${DAY}(?:st|nd|rd|th)${END}(?!\s*\p{L})`;
/** A labelled birth year without a name: "DOB 1960", "Geburtsdatum: 1948". */
const LABELLED_BIRTH_YEAR = r`${START}(?:DOB|D\.O\.B\.?|[Dd]ate of birth|Geburtsdatum|[Dd]ate de naissance)\s*:?\s*${YEAR}(?!\p{N})`;

/** Accepts a day/month pair in either order (D/M/Y or M/D/Y). */
const plausibleNumericDate: KindOf = (match) => {
  const first = Number(match[1]);
  const second = Number(match[3]);
  const valid = first >= 1 && second >= 1 && first <= 31 && second <= 31;
  return valid && Math.min(first, second) <= 12 ? 'date' : undefined;
};

/** "x/10" after a date word is a rating, not a date. */
const notARating: KindOf = (match) => (match[1] === '/' && Number(match[2]) === 10 ? undefined : 'date');

/** Any date form, without capture groups, for use after a date-of-birth marker. */
const ANY_DATE = anyOf([
  DAY_MONTH,
  MONTH_DAY,
  MONTH_YEAR,
  r`${NUM_START}\d{1,2}[.\/-]\d{1,2}[.\/-](?:\d{4}|\d{2})${NUM_END}`,
  r`${NUM_START}${YEAR}[.\/-]\d{1,2}[.\/-]\d{1,2}${NUM_END}`,
  r`(?:in\s+)?${YEAR}(?!\p{N})`,
]);

/** A capitalised name word: "Smith", "O'Neil", "Müller", "Smith-Jones". */
const NAME_WORD = r`\p{Lu}[\p{L}'’-]*\p{Ll}`;
/** An initial: "K." */
const INITIAL = r`\p{Lu}\.`;
/** A form of address. */
const TITLE = r`(?:Mrs|Mr|Ms|Miss|Mx|Dr|Prof|Herr|Frau|Hr|Fr|Mme|Mlle|Madame|Monsieur|M)\.?`;
/** "Mrs. Jones", "John Smith", "Anna K.", "J. Smith", "Smith, John". */
const NAME = anyOf([
  r`${TITLE}\s+(?:${INITIAL}\s*)?${NAME_WORD}(?:[\s-]${NAME_WORD})?`,
  r`${NAME_WORD}\s+(?:${INITIAL}|${NAME_WORD})(?:\s+${NAME_WORD})?`,
  r`${INITIAL}\s*${NAME_WORD}`,
  r`${NAME_WORD},\s*${NAME_WORD}`,
]);
/** A date-of-birth marker: "DOB", "born", "b.", "geb.", "née le", "*". */
const BIRTH_MARKER = r`(?:DOB|D\.O\.B\.?|d\.o\.b\.?|[Dd]ate of birth|born(?:\s+on)?|b\.|geb\.|geboren(?:\s+am)?|née?(?:\s+le)?|\*)`;
/** A name followed by a date of birth: "John Smith, DOB 4/5/1960", "Anna K. (b. 1948)". */
const NAME_AND_BIRTH_DATE = r`${START}(?<name>${NAME})\s*[,:;(-]?\s*\(?\s*${BIRTH_MARKER}\s*:?\s*${ANY_DATE}`;

/** Capitalised words that start labels but are not names ("Widowed Teacher born 1950"). */
const NOT_NAMES = new Set(
  `patient patientin client klient klientin woman man boy girl mother father son daughter child teen
  teenager adolescent baby infant twin twins veteran refugee nurse doctor teacher student survivor widow
  widower grief after with and the case couple family session holocaust war retired elderly older young
  female male mutter vater kind tochter sohn mann femme homme enfant mère père patiente grandmother
  grandfather grandson granddaughter sister brother colleague trainee resident`.split(/\s+/u),
);

/** Rejects "names" made of ordinary words. */
const realName: KindOf = (match) => {
  const words = (match.groups?.['name'] ?? '').toLowerCase().split(/[^\p{L}'’-]+/u);
  return words.some((word) => NOT_NAMES.has(word)) ? undefined : 'name-and-birth-date';
};

/** Name-and-birth-date detectors; they run before the plain date detectors so that a DOB counts once. */
export const birthDateDetectors: readonly Detector[] = [
  { name: 'name followed by a date of birth', pattern: rx(NAME_AND_BIRTH_DATE), kind: realName },
];

/** Date detectors, most specific first. */
export const dateDetectors: readonly Detector[] = [
  { name: 'ISO date (2024-03-01)', pattern: rx(ISO_DATE), kind: 'date' },
  { name: 'numeric date (01/03/2024, 1.3.24)', pattern: rx(NUMERIC_DATE), kind: plausibleNumericDate },
  { name: 'day and month name (1 March 2024)', pattern: rx(DAY_MONTH), kind: 'date' },
  { name: 'month name and day (March 1st)', pattern: rx(MONTH_DAY), kind: 'date' },
  { name: 'month name and year (March 2024)', pattern: rx(MONTH_YEAR), kind: 'date' },
  { name: 'weekday with a day (Monday the 3rd)', pattern: rx(WEEKDAY_DATE), kind: 'date' },
  { name: 'day.month. (12.04.)', pattern: rx(DOTTED_DAY_MONTH), kind: 'date' },
  { name: 'day/month after a date word', pattern: rx(CONTEXT_DAY_MONTH), kind: notARating },
  { name: 'ordinal day after a date word', pattern: rx(ON_THE_ORDINAL), kind: 'date' },
  { name: 'labelled birth year (DOB 1960)', pattern: rx(LABELLED_BIRTH_YEAR), kind: 'date' },
];
