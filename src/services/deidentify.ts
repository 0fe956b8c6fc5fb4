/**
 * The de-identification check for case labels and questions ("De-identified by construction").
 *
 * {@link findIdentifiers} reports only the kinds of identifier it finds, never the matched text, and
 * logs nothing; {@link describeIdentifiers} turns those kinds into a message for the member that cannot
 * echo the refused text, because it never sees it. Pure: no I/O, no clock.
 *
 * The detectors run in a fixed order over a normalised copy of the text. Each match is masked before
 * the next detector runs, so that one identifier is reported once (a date of birth is not also a date,
 * an NHS number is not also a phone number).
 */
import { contactDetectors, numberDetectors } from './deidentify-contact.js';
import { birthDateDetectors, dateDetectors } from './deidentify-dates.js';
import type { Detector } from './deidentify-detector.js';
import { nationalIdDetectors } from './deidentify-ids.js';
import { addressDetectors, ageDetectors } from './deidentify-places.js';

/** The kinds of identifier the check refuses. */
export type IdentifierKind =
  | 'email'
  | 'phone'
  | 'url'
  | 'date'
  | 'age'
  | 'record-number'
  | 'street-address'
  | 'national-id'
  | 'name-and-birth-date';

/** Every kind, in the order in which messages name them. */
export const IDENTIFIER_KINDS: readonly IdentifierKind[] = [
  'name-and-birth-date',
  'national-id',
  'email',
  'phone',
  'url',
  'street-address',
  'date',
  'age',
  'record-number',
];

/** All detectors, in the order in which they run (most specific first). */
export const DETECTORS: readonly Detector[] = [
  ...contactDetectors,
  ...nationalIdDetectors,
  ...birthDateDetectors,
  ...dateDetectors,
  ...ageDetectors,
  ...addressDetectors,
  ...numberDetectors,
];

/** What a matched span is replaced with: neither a letter, a digit nor a space. */
const MASK = '\u2588';

/** Folds look-alike characters (full-width digits, Unicode dashes, odd spaces) and drops invisible ones. */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/gu, '')
    .replace(/[\u2010-\u2015\u2212]/gu, '-')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/gu, ' ');
}

/**
 * The distinct kinds of identifier in `text`, in {@link IDENTIFIER_KINDS} order; empty when clean.
 * Never returns, stores or logs the matched text itself.
 */
export function findIdentifiers(text: string): IdentifierKind[] {
  let rest = normalise(text);
  const found = new Set<IdentifierKind>();
  for (const detector of DETECTORS) {
    let masked = rest;
    for (const match of rest.matchAll(detector.pattern)) {
      const kind = typeof detector.kind === 'function' ? detector.kind(match) : detector.kind;
      if (kind === undefined || match[0].length === 0) continue;
      found.add(kind);
      const start = match.index;
      masked = masked.slice(0, start) + MASK.repeat(match[0].length) + masked.slice(start + match[0].length);
    }
    rest = masked;
  }
  return IDENTIFIER_KINDS.filter((kind) => found.has(kind));
}

/** How each kind is named to the member. */
const KIND_PHRASES: Record<IdentifierKind, string> = {
  'name-and-birth-date': 'a name with a date of birth',
  'national-id': 'an identity number (such as a social security, insurance or NHS number)',
  email: 'an e-mail address',
  phone: 'a phone number',
  url: 'a web address',
  'street-address': 'a street address or postcode',
  date: 'a date',
  age: 'an age over 89',
  'record-number': 'a long number (such as a record number)',
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
    'Please remove anything that could identify a patient or client: names, contact details, dates, ' +
    'ages over 89, record numbers, addresses.'
  );
}
