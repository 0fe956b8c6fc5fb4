/**
 * The de-identification check for case labels and questions ("De-identified by construction").
 *
 * {@link findIdentifiers} reports only the kinds of identifier it finds, never the matched text, and
 * logs nothing; {@link describeIdentifiers} turns those kinds into a message for the member that cannot
 * echo the refused text, because it never sees it. Pure: no I/O, no clock.
 *
 * The pattern detectors run in a fixed order over a normalised copy of the text. Each match is masked
 * before the next detector runs, so that one identifier is reported once (an NHS number is not also a
 * phone number); then a word-level pass finds names and places (`proper.ts`).
 */
import { addressDetectors, earlyAddressDetectors, postcodeDetectors } from './address.js';
import { ageDetectors, earlyBirthDetectors } from './ages.js';
import { contactDetectors, numberDetectors, warmUpDomains } from './contact.js';
import { dateDetectors } from './dates.js';
import type { Detector } from './detector.js';
import { nationalIdDetectors } from './ids.js';
import { warmUpLexicon } from './lexicon.js';
import { handleDetectors, ipDetectors, vehicleAndRecordDetectors } from './online.js';
import { findNamesAndPlaces } from './proper.js';

/** The kinds of identifier the check refuses: exactly the kinds of the labelling guide (SPEC.md). */
export type IdentifierKind =
  | 'name'
  | 'place'
  | 'street-address'
  | 'postcode'
  | 'date'
  | 'age'
  | 'phone'
  | 'email'
  | 'url'
  | 'ip-address'
  | 'social-handle'
  | 'record-number'
  | 'vehicle-plate'
  | 'national-id';

/** Every kind, in the order in which messages name them. */
export const IDENTIFIER_KINDS: readonly IdentifierKind[] = [
  'name',
  'place',
  'street-address',
  'postcode',
  'date',
  'age',
  'phone',
  'email',
  'url',
  'ip-address',
  'social-handle',
  'record-number',
  'vehicle-plate',
  'national-id',
];

/** All pattern detectors, in the order in which they run (most specific first). */
export const DETECTORS: readonly Detector[] = [
  ...contactDetectors,
  ...ipDetectors,
  ...handleDetectors,
  ...nationalIdDetectors,
  ...vehicleAndRecordDetectors,
  ...postcodeDetectors,
  ...earlyBirthDetectors,
  ...earlyAddressDetectors,
  ...dateDetectors,
  ...ageDetectors,
  ...addressDetectors,
  ...numberDetectors,
];

/** What a matched span is replaced with: neither a letter, a digit nor a space. */
const MASK = '\u2588';

/** The ASCII digit for any decimal digit (\p{Nd} comes in runs of ten, each starting at zero). */
function asciiDigit(digit: string): string {
  const code = digit.codePointAt(0) ?? 48;
  let zero = code;
  while (zero > code - 9 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero -= 1;
  // Within adjacent runs (mathematical digits) the offset from the run start, modulo ten, is the value.
  return String((code - zero) % 10);
}

/**
 * Folds what would let an identifier slip past the patterns: compatibility forms (NFKC: full-width
 * letters and digits), invisible characters, digits of every script (Arabic-Indic, Devanagari...),
 * Unicode dashes and odd spaces.
 */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u061C\u180E\u202A-\u202E\u2066-\u2069]/gu, '')
    .replace(/\u034F/gu, '') // the combining grapheme joiner, apart: it cannot sit in a class
    .replace(/(?![0-9])\p{Nd}/gu, asciiDigit)
    .replace(/[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D]/gu, '-')
    .replace(/[\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\t]/gu, ' ')
    .replace(/[\u2018\u2019\u02BC\u2032]/gu, "'");
}

/** Digits spelled as words, as people read numbers aloud ("oh" and "o" for zero). */
const DIGIT_WORDS: Readonly<Record<string, string>> = {
  zero: '0',
  oh: '0',
  o: '0',
  nought: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};
const DIGIT_WORD =
  '(?:zero|oh|o|nought|one|two|three|four|five|six|seven|eight|nine|double\\s+(?:oh|o|zero|one|two|three|four|five|six|seven|eight|nine))';
/** Five or more digit words in a row ("five five five, oh one seven eight"). */
const SPELLED_DIGITS = new RegExp(
  `(?<![\\p{L}\\p{N}])${DIGIT_WORD}(?:(?:\\s*[,-]\\s*|\\s+)${DIGIT_WORD}){4,}(?![\\p{L}\\p{N}])`,
  'giu',
);
/** Four or more single letters or digits with spaces between ("6 1 2 - 0 9", "w o l f 7 7"). */
const SPACED_CHARACTERS =
  /(?<![\p{L}\p{N}])[\p{L}\p{N}](?: {1,2}(?:[-/.] {1,2})?[\p{L}\p{N}](?![\p{L}\p{N}])){3,}/gu;

/** "five five five, oh one seven eight" → "555-0178": groups kept apart by a comma or dash. */
function foldSpelledDigits(match: string): string {
  return match
    .toLowerCase()
    .replace(/double\s+(\p{L}+)/gu, (_, word: string) => `${word} ${word}`)
    .split(/\s*[,-]\s*/u)
    .map((group) =>
      group
        .split(/\s+/u)
        .map((word) => DIGIT_WORDS[word] ?? '')
        .join(''),
    )
    .join('-');
}

/**
 * Reads numbers and handles written to slip past a pattern: spaced characters ("6 1 2 - 0 9 - 4 4 7 1",
 * "k i r i 2 2 @ example") are closed up, and runs of five or more spelled digits become digits.
 * Runs of single letters alone must be long (six) so that lists of options ("a b c d") stay.
 */
export function foldObfuscation(text: string): string {
  return text
    .replace(SPACED_CHARACTERS, (match) => {
      const digits = match.replace(/\D/gu, '').length;
      const singles = match.replace(/[\s\-/.]/gu, '').length;
      if (digits < 2 && singles < 6) return match;
      return match.replace(/ /gu, '');
    })
    .replace(SPELLED_DIGITS, foldSpelledDigits);
}

/**
 * The distinct kinds of identifier in `text`, in {@link IDENTIFIER_KINDS} order; empty when clean.
 * Never returns, stores or logs the matched text itself.
 */
export function findIdentifiers(text: string): IdentifierKind[] {
  let rest = foldObfuscation(normalise(text));
  const found = new Set<IdentifierKind>();
  for (const detector of DETECTORS) {
    let masked = rest;
    for (const match of rest.matchAll(detector.pattern)) {
      const kind = typeof detector.kind === 'function' ? detector.kind(match) : detector.kind;
      if (kind === undefined || match[0].length === 0) continue;
      found.add(kind);
      if (detector.keep === true) continue;
      const start = match.index;
      masked = masked.slice(0, start) + MASK.repeat(match[0].length) + masked.slice(start + match[0].length);
    }
    rest = masked;
  }
  findNamesAndPlaces(rest, found);
  return IDENTIFIER_KINDS.filter((kind) => found.has(kind));
}

/** Text that takes every detector and every word rule through its paths once (compiles, JITs). */
const WARM_UP_TEXTS = [
  'Mrs. Alvarez, 91, from Leeds: call 555-0147, jt at example dot org, see example.org/x, @kayla_m04',
  'pt JT (Lincoln High) born 12 May 1930, MRN 4482913, SSN 078-05-1120, plate 7XYZ123, zip 90210',
  'Working with Daniel at 17 Rosewood Ct, Portland 97214, since 6/15; Winnicott and Klein on envy',
];

/**
 * Loads the word lists, the name data, the gazetteer and the TLD list now (about a second) and runs
 * a few checks, so that the first member's check is not the slow one. The bot calls it at start;
 * optional, as {@link findIdentifiers} loads everything on first use anyway.
 */
export function warmUpIdentifierCheck(): void {
  warmUpLexicon();
  warmUpDomains();
  for (const text of WARM_UP_TEXTS) findIdentifiers(text);
}

/** How each kind is named to the member. */
const KIND_PHRASES: Record<IdentifierKind, string> = {
  name: "a person's name or initials",
  place: 'a place smaller than a state (such as a town, neighbourhood, school or employer)',
  'street-address': 'a street address',
  postcode: 'a postcode or ZIP code',
  date: 'a date (day and month)',
  age: 'an age over 89',
  phone: 'a phone number',
  email: 'an e-mail address',
  url: 'a web address',
  'ip-address': 'an IP address',
  'social-handle': 'a social media handle',
  'record-number': 'a record, account or other reference number',
  'vehicle-plate': 'a vehicle plate or VIN',
  'national-id': 'an identity number (such as a social security, insurance or NHS number)',
};

/** "a", "a and b", "a, b and c". */
function listOf(phrases: readonly string[]): string {
  if (phrases.length <= 1) return phrases.join('');
  return `${phrases.slice(0, -1).join(', ')} and ${phrases.at(-1) ?? ''}`;
}

/**
 * A short, kind explanation for the member (suitable for an ephemeral reply) naming what kind of
 * thing was found. Built from the kinds alone, so it can never echo the refused text.
 */
export function describeIdentifiers(kinds: readonly IdentifierKind[]): string {
  const present = IDENTIFIER_KINDS.filter((kind) => kinds.includes(kind));
  if (present.length === 0) return 'Nothing in it looks like it could identify a patient or client.';
  return (
    `It looks like it contains ${listOf(present.map((kind) => KIND_PHRASES[kind]))}. ` +
    'Please remove anything that could identify a patient or client: names, places, contact details, ' +
    'dates, ages over 89, record numbers, addresses.'
  );
}
