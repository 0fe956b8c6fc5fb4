/**
 * Contact and number detectors: e-mail addresses, URLs, phone numbers and record numbers (long digit
 * runs). Clinical numbers ("20 mg", "BP 120/80", "10/10 pain", "session 12 of 20") stay below the bar.
 */
import { createRequire } from 'node:module';
import type { IdentifierKind } from './deidentify.js';
import { START, anyOf, digitCount, r, rx } from './deidentify-detector.js';
import { isEnglishWord, lexiconTags } from './deidentify-lexicon.js';
import type { Detector, KindOf } from './deidentify-detector.js';

/** jane.doe@example.org */
const EMAIL = r`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`;
/** "jane [at] example [dot] org" */
const OBFUSCATED_EMAIL = r`(?<![\p{L}\p{N}._-])[\p{L}\p{N}._-]+\s*(?:\[at\]|\(at\)|\{at\})\s*[\p{L}\p{N}-]+\s*(?:\[dot\]|\(dot\)|\.)\s*\p{L}{2,}`;
/** "j dot smith at example dot org" */
const SPELLED_EMAIL = r`(?<![\p{L}\p{N}._-])[\p{L}\p{N}._-]+(?:\s+dot\s+[\p{L}\p{N}_-]+)*\s+at\s+[\p{L}\p{N}-]+(?:\s+dot\s+[\p{L}\p{N}-]+)+`;
/** http://…, https://… */
const SCHEME_URL = r`\b(?:https?|ftp):\/\/\S+`;
/** www.example.org */
const WWW_URL = r`\bwww\.[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\S*`;
/** Every IANA top-level domain (the `tlds` package), built once on first use. */
let topLevelDomains: ReadonlySet<string> | undefined;
function isTopLevelDomain(label: string): boolean {
  topLevelDomains ??= new Set(createRequire(import.meta.url)('tlds') as string[]);
  return topLevelDomains.has(label);
}
/** Builds the TLD table now (part of warming the check up). */
export function warmUpDomains(): void {
  isTopLevelDomain('org');
}

/** TLDs common enough that "word.tld" is a domain even when both parts are English words. */
const USUAL_TLDS = new Set(
  'com org net edu gov io co uk de fr ca au us ie nz app dev xyz me ly tv gg ai info biz'.split(' '),
);
/** example.org/x, discord.gg/abc, my-practice.co.uk, shop.berlin (checked against the TLD list). */
const BARE_DOMAIN = r`(?<![\p{L}\p{N}@.-])(?<left>[a-z\d](?:[a-z\d-]{0,62}[a-z\d])?)(?:\.[a-z\d](?:[a-z\d-]{0,62}[a-z\d])?){0,4}\.(?<tld>[a-z]{2,24})(?![\p{L}\p{N}-])(?:[\/:?#][^\s,;)]*)?`;
/** "jane @ example.org", "jt at gmail.com": an address with spaces or "at" before a real domain. */
const SPACED_EMAIL = r`(?<![\p{L}\p{N}._%+-])(?<user>[\p{L}\p{N}._%+-]+)\s*(?:@|\bat\b)\s*[\p{L}\p{N}-]+(?:\s*\.\s*[\p{L}\p{N}-]+)*\s*\.\s*(?<tld>[a-z]{2,24})(?![\p{L}\p{N}])`;

/** A bare domain counts when its last label is a real TLD, written in lower case. */
const realDomain =
  (kind: IdentifierKind): KindOf =>
  (match) => {
    const tld = match.groups?.['tld'] ?? '';
    if (tld !== tld.toLowerCase() || !isTopLevelDomain(tld)) return undefined;
    const left = (match.groups?.['left'] ?? '').toLowerCase();
    // "ok.so", "meds.now": two words run together without a space, not a domain.
    const commonWord =
      isEnglishWord(tld) && !lexiconTags(tld).some((tag) => tag === 'City' || tag === 'Place');
    const runOn =
      !USUAL_TLDS.has(tld) &&
      commonWord &&
      (isEnglishWord(left) || left.length <= 3) &&
      !/[/:?#]/u.test(match[0]);
    if (runOn) return undefined;
    // "posted at example.com" is a web address, "jt at example.com" an e-mail address.
    const user = (match.groups?.['user'] ?? '').toLowerCase();
    return kind === 'email' && /\sat\s/iu.test(match[0]) && isEnglishWord(user) ? undefined : kind;
  };

/** A label that announces a phone number: "tel.", "mobile", "call her on". */
const PHONE_LABEL = anyOf([
  r`[Tt]el(?:ephone)?\.?`,
  r`[Pp]hone`,
  r`[Mm]obile`,
  r`[Cc]ell`,
  r`[Hh]andy`,
  r`[Tt]elefon`,
  r`[Tt]él\.?`,
  r`[Ff]ax`,
  r`WhatsApp`,
  r`(?:[Cc]all|[Tt]ext|[Rr]ing)(?:\s+(?:me|her|him|them|back))?(?:\s+(?:on|at))?`,
]);
/** A labelled phone number: "mobile 555 0147", "call her on 0151 496 0123". */
const LABELLED_PHONE = r`${START}${PHONE_LABEL}\s*[:#]?\s*\+?[\d(][\d ().\/-]{5,}\d`;

/** A label that announces a record number: "MRN", "case no.", "Fallnummer", "n° de dossier". */
const RECORD_LABEL = anyOf([
  r`MRN`,
  r`MR#`,
  r`IPP`,
  r`KIS-?Nr\.?`,
  r`Aktenzeichen`,
  r`Az\.`,
  r`[Ff]all(?:nummer|-?[Nn]r\.?)`,
  r`[Pp]atienten-?(?:ID|[Nn]r\.?|nummer)`,
  r`[Nn]°\s*(?:de\s+)?dossier`,
  r`[Dd]ossier\s+n°`,
  r`[Nn]uméro de dossier`,
  r`(?:[Mm]edical\s+)?[Rr]ecord\s*(?:[Nn]o\.?|[Nn]umber|#|ID)`,
  r`(?:[Cc]hart|[Cc]ase|[Ff]ile|[Pp]atient|[Cc]lient|[Hh]ospital|[Rr]eferral)\s*(?:[Nn]o\.?|[Nn]umber|#|ID)`,
]);
/** A labelled record number with at least three digits: "MRN 48213", "case no. 2024-117". */
const LABELLED_RECORD = r`${START}${RECORD_LABEL}\s*[:#]?\s*[A-Z]{0,3}[- ]?\d(?:[\d\/-]*\d)?`;

/** A run of digits and phone-style separators: "+49 (0)30 1234567", "(555) 012-3456", "123-456-789". */
const NUMBER_RUN = r`(?<!\p{N})(?:\+\s?|\()?\d+(?:(?:\s?\/\s?|\s?\(0\)\s?|\)\s?|[ .-])\d+)*`;

/** "2019-2021", "2019/20": a span of years. */
const YEAR_SPAN = /^(?:19|20)\d{2}\s?[-/]\s?(?:(?:19|20)?\d{2})$/u;
/** "100/100", "27/30": a score or ratio. */
const RATIO = /^\d{1,3}\s?\/\s?\d{1,3}$/u;
/** A year followed by other numbers: "2019 12". */
const LEADING_YEAR = /^(?:19|20)\d{2}\s+(?=\d)/u;
/** North American: (555) 012-3456, 555-012-3456, 555.012.3456, 555 012 3456. */
const NORTH_AMERICAN = /^(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}$/u;
/** A local number: 555-0147, 555.0147. */
const LOCAL_NUMBER = /^\d{3}[ .-]\d{4}$/u;

/** Classifies a digit run as a phone number, a record number, or neither. */
export function classifyNumberRun(run: string): IdentifierKind | undefined {
  const text = run.trim();
  if (YEAR_SPAN.test(text) || RATIO.test(text)) return undefined;
  const year = LEADING_YEAR.exec(text);
  if (year) return classifyNumberRun(text.slice(year[0].length));
  const digits = text.replace(/\D/gu, '');
  if (text.startsWith('+')) return digits.length >= 8 && digits.length <= 15 ? 'phone' : undefined;
  if (NORTH_AMERICAN.test(text) || LOCAL_NUMBER.test(text)) return 'phone';
  if (digits.startsWith('0') && digits.length >= 9 && digits.length <= 13) return 'phone';
  return digits.length >= 6 ? 'record-number' : undefined;
}

/** A labelled number counts when it has enough digits. */
const atLeast =
  (digits: number, kind: IdentifierKind): KindOf =>
  (match) =>
    digitCount(match[0]) >= digits ? kind : undefined;

/** E-mail and URL detectors. */
export const contactDetectors: readonly Detector[] = [
  { name: 'e-mail address', pattern: rx(EMAIL), kind: 'email' },
  { name: 'e-mail address written with [at]', pattern: rx(OBFUSCATED_EMAIL, 'i'), kind: 'email' },
  { name: 'e-mail address spelled with "at" and "dot"', pattern: rx(SPELLED_EMAIL, 'i'), kind: 'email' },
  { name: 'URL with a scheme', pattern: rx(SCHEME_URL, 'i'), kind: 'url' },
  { name: 'URL starting with www.', pattern: rx(WWW_URL, 'i'), kind: 'url' },
  { name: 'e-mail address with spaces or "at"', pattern: rx(SPACED_EMAIL, 'i'), kind: realDomain('email') },
  { name: 'bare domain (example.org/x)', pattern: rx(BARE_DOMAIN, 'i'), kind: realDomain('url') },
];

/** Phone and record-number detectors; they run after dates and identifiers have been masked. */
export const numberDetectors: readonly Detector[] = [
  {
    name: 'labelled record number (MRN 48213)',
    pattern: rx(LABELLED_RECORD),
    kind: atLeast(3, 'record-number'),
  },
  { name: 'labelled phone number (tel. 555 0147)', pattern: rx(LABELLED_PHONE), kind: atLeast(6, 'phone') },
  {
    name: 'digit run (phone or record number)',
    pattern: rx(NUMBER_RUN),
    kind: (m) => classifyNumberRun(m[0]),
  },
];
