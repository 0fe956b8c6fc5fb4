/**
 * Date detectors (numeric and spelled-out, English, German and French), with or without a year ("6/15",
 * "the twelfth of March"). Bare durations ("for 3 weeks", "since spring", "in her 40s"), bare months
 * and bare years pass. A name with a date of birth is reported as `name` and `date` by their detectors.
 */
import {
  anyOf,
  capitalisable,
  type Detector,
  END,
  type KindOf,
  NUM_END,
  NUM_START,
  r,
  rx,
  START,
} from './detector.js';

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
const CONTEXT_DAY_MONTH = r`${START}(?:on|since|until|till|dated|seit|bis|vom|am|ab|le|du|depuis|admitted|readmitted|discharged|seen|born|died|arrested|released|assessed|referred|reviewed|DOB|dob|d\.o\.b\.?)\s+(?:the\s+)?${DAY}([.\/])(${MONTH_NUMBER})${NUM_END}${NOT_A_COUNT}`;
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

/** Words before a bare "6/15" that make it a score, not a date. */
const SCORE_WORDS = r`(?:score[sd]?|scoring|rated|rating|pain|mood|anxiety|sleep|energy|phq(?:-9)?|gad(?:-7)?|mmse|moca|bdi|bai|gds|k10|audit|test|quiz|items?|criteria|questions|correct|marks?|out\s+of|ratio|dose|doses|bp)`;
/** "6/15", "12/25": a month and a day from 13 to 31 without a year (a score would name its scale). */
const BARE_MONTH_DAY = r`(?<![\p{N}\/.,]|${SCORE_WORDS}\s{0,3}(?:of|at|is|was|=|:)?\s{0,3})${MONTH_NUMBER}\/(?:1[3-9]|2\d|3[01])(?![\p{N}]|[\/.,:]\p{N}|\s*(?:days?|weeks?|sessions?|times?|people|patients|items|points|nights|hours))`;
/** Spelled ordinal days: "the twelfth of March", "March twelfth", "the 3rd of June". */
const ORDINAL_WORDS = r`(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|thirty[\s-]first)`;
const ORDINAL_DAY_MONTH = r`${START}(?:the\s+)?${ORDINAL_WORDS}\s+(?:of\s+)?${MONTH}`;
const MONTH_ORDINAL_DAY = r`${START}${MONTH}\s+(?:the\s+)?${ORDINAL_WORDS}${END}`;

/**
 * A holiday with a year is a day (or a month) in a person's life: "Christmas Day 2019", "Eid 2023",
 * "Thanksgiving '22", "New Year's Eve 2020", "Boxing Day of 2018" ("every Christmas since 2019" passes).
 */
const HOLIDAY = anyOf([
  r`(?:Christmas|Xmas|Easter|Thanksgiving|Halloween|Hallowe'en|Hogmanay|Juneteenth|Kwanzaa|Diwali|Deepavali|Holi|Vaisakhi|Baisakhi|Navratri|Hanukkah|Chanukah|Passover|Pesach|Purim|Sukkot|Shavuot|Ramadan|Nowruz|Vesak|Songkran|Chuseok|Obon|Matariki|Waitangi\s+Day|Anzac\s+Day|Australia\s+Day|Canada\s+Day|Bastille\s+Day|Independence\s+Day|Memorial\s+Day|Labou?r\s+Day|Veterans'?\s+Day|Remembrance\s+(?:Day|Sunday)|Boxing\s+Day|Guy\s+Fawkes(?:\s+Night)?|Bonfire\s+Night)`,
  r`Eid(?:[\s-]+(?:al|ul)[\s-]+(?:Fitr|Adha))?`,
  r`(?:Yom\s+Kippur|Rosh\s+Hashanah|Good\s+Friday|Ash\s+Wednesday|Mardi\s+Gras|Lunar\s+New\s+Year|Chinese\s+New\s+Year|New\s+Year'?s?(?:\s+(?:Day|Eve))?|Valentine'?s(?:\s+Day)?|Mother'?s\s+Day|Father'?s\s+Day|Mothering\s+Sunday|(?:St\.?|Saint)\s+Patrick'?s\s+Day|Paddy'?s\s+Day|Dia\s+de\s+(?:los\s+)?Muertos)`,
]);
const HOLIDAY_YEAR = r`${START}${HOLIDAY}(?:\s+(?:Day|Eve|Night|Sunday|Monday|morning|evening|night|eve|day))?\s*,?\s*(?:of\s+)?(?:${YEAR}|'\d{2})(?!\p{N})`;

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
  { name: 'holiday with a year (Christmas Day 2019)', pattern: rx(HOLIDAY_YEAR, 'i'), kind: 'date' },
  { name: 'month/day without a year (6/15)', pattern: rx(BARE_MONTH_DAY, 'i'), kind: 'date' },
  { name: 'spelled day and month (the twelfth of March)', pattern: rx(ORDINAL_DAY_MONTH, 'i'), kind: 'date' },
  { name: 'month and spelled day (March twelfth)', pattern: rx(MONTH_ORDINAL_DAY, 'i'), kind: 'date' },
];
