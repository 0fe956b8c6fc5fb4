/**
 * Contact and number detectors: e-mail addresses, URLs, phone numbers and record numbers (long digit
 * runs). Clinical numbers ("20 mg", "BP 120/80", "10/10 pain", "session 12 of 20") stay below the bar.
 */
import { createRequire } from 'node:module';
import type { IdentifierKind } from './check.js';
import { anyOf, type Detector, digitCount, type KindOf, r, rx, START } from './detector.js';
import { isEnglishWord, isFirstName, isSurname, lexiconTags } from './lexicon.js';

/** jane.doe@example.org */
const EMAIL = r`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+`;
/** "jane [at] example [dot] org" */
const OBFUSCATED_EMAIL = r`(?<![\p{L}\p{N}._-])[\p{L}\p{N}._-]+\s*(?:\[at\]|\(at\)|\{at\})\s*[\p{L}\p{N}-]+\s*(?:\[dot\]|\(dot\)|\[\.\]|\(\.\)|\.)\s*\p{L}{2,}`;
/** "thinspo-hub dot net", "sadgirl [dot] blog": a domain with its dot spelled out. */
const SPELLED_DOMAIN = r`(?<![\p{L}\p{N}@.-])(?<left>[a-z\d][a-z\d-]{2,62})\s*(?:\bdot\b|\[dot\]|\(dot\)|\[\.\]|\(\.\))\s*(?<tld>com|net|org|io|co|info|blog|me|app|xyz|site|online|uk|ca|au|nz|ie|de|fr|nl|in|za|us|tv|gg)(?![\p{L}\p{N}-])`;
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
/** A dot in a domain, also spelled: "example . org", "example dot org". */
const DOT = r`(?:\s*\.\s*|\s+dot\s+)`;
/** "jane @ example.org", "jt at gmail.com": an address with spaces or "at" before a real domain. */
const SPACED_EMAIL = r`(?<![\p{L}\p{N}._%+-])(?<user>[\p{L}\p{N}._%+-]+)\s*(?:@|\bat\b)\s*[\p{L}\p{N}-]+(?:${DOT}[\p{L}\p{N}-]+)*${DOT}(?<tld>[a-z]{2,24})(?![\p{L}\p{N}])`;

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

/** "thinspo-hub dot net" is a site, "went dot com crazy" a phrase: the name must be no plain word. */
const spelledDomain: KindOf = (match) => {
  const left = (match.groups?.['left'] ?? '').toLowerCase();
  const named = /[\d-]/u.test(left) || !isEnglishWord(left) || /\[|\(/u.test(match[0]);
  return named ? realDomain('url')(match) : undefined;
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
  r`[Cc]aller(?:\s+ID)?`,
  r`[Mm]ob(?:ile)?\.?`,
  r`(?:[Cc]all|[Tt]ext|[Rr]ing)(?:\s+(?:me|her|him|them|back))?(?:\s+(?:on|at))?`,
  // "her sister's no. 98450 12345": someone's number.
  r`(?<=\p{L}['’]s\s)(?:[Nn]o\.|[Nn]umber|[Nn]um)`,
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

/**
 * A run of digits and phone-style separators: "+49 (0)30 1234567", "(555) 012-3456", "123-456-789";
 * not the version of a scale or manual ("DSM-5 296.33", "PHQ-9 18").
 */
const NUMBER_RUN = r`(?<!\p{N}|\p{L}-)(?:\+\s?|\()?\d+(?:(?:\s?\/\s?|\s?\(0\)\s?|\)\s?|[ .-])\d+)*`;

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
  // An Indian mobile number in its usual grouping: "98450 12345".
  if (/^[6-9]\d{4}[ -]\d{5}$/u.test(text)) return 'phone';
  return digits.length >= 6 ? 'record-number' : undefined;
}

/** A labelled number counts when it has enough digits. */
const atLeast =
  (digits: number, kind: IdentifierKind): KindOf =>
  (match) =>
    digitCount(match[0]) >= digits ? kind : undefined;

/**
 * A blog or page on a hosting platform names its owner: "thebluevoid.tumblr.com", "x.substack.com",
 * "instagram.com/jess.rides", "linktr.ee/kiri", "tiktok.com/@sadboi99" (the URL detectors follow).
 */
const HOSTED_HANDLE = r`(?<![\p{L}\p{N}@.-])(?!www\.)[a-z0-9][a-z0-9_-]{1,62}\.(?:tumblr|blogspot|substack|wordpress|livejournal|deviantart|neocities|carrd|bandcamp|itch|github|gitlab|wixsite|weebly|medium|bsky|mastodon|ko-fi|webnode|jimdosite|over-blog|typepad|blogger|squarespace|ghost)\.(?:com|co|io|social|app|net|org|site|page|blog|me|fr|de|ca|co\.uk)(?![\p{L}\p{N}-])`;
const PROFILE_URL = r`(?<![\p{L}\p{N}.-])(?:(?:https?:\/\/)?(?:www\.|m\.)?)(?:instagram|tiktok|twitter|x|facebook|fb|youtube|twitch|reddit|threads|pinterest|snapchat|soundcloud|onlyfans|patreon|ko-fi|vsco|bsky|linkedin|tumblr|medium|github|linktr|beacons|discord)\.(?:com|ee|tv|net|app|social|gg|me|ai|in)\/(?:(?:u|user|in|c|channel|add)\/)?@?[A-Za-z0-9_.-]{2,}`;

/** An international number: "+61 491 570 156", "+353 87 123 4567", "+44 (0)7700 900123". */
const INTERNATIONAL_PHONE = r`(?<![\p{L}\p{N}+])\+\s?\d{1,3}(?:[ .-]?\(0\)|[ .-]?\(\d{1,4}\)|[ .-]?\d{1,5}){2,6}(?![\p{N}])`;

/** A UK mobile number: "07700 900462", "07911-123-456" (eleven digits starting 07; no date or score has that shape). */
const UK_MOBILE = r`(?<![\p{N}.\/-])07\d{3}[ -]?\d{3}[ -]?\d{3}(?![\p{N}]|[.\/-]\p{N})`;

/** The local part of an e-mail address ("rob.kinsella@", "aroha_tipene88@"), checked for a name. */
const EMAIL_LOCAL = r`(?<![\p{L}\p{N}._%+-])(?<local>[\p{L}\p{N}._%+-]+)(?=\s?@\s?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)`;

/**
 * "rob.kinsella@", "siddharth_rao@", "priya@": an address made of a person's names names the person.
 * Two parts: a given or family name and another name or a word no dictionary knows; one part: a given
 * name that is no English word.
 */
export const emailName: KindOf = (match) => {
  const parts = (match.groups?.['local'] ?? '')
    .toLowerCase()
    .split(/[._+-]|\d+/u)
    .filter((part) => part.length >= 2);
  const name = (part: string) => isFirstName(part) || isSurname(part);
  const unknown = (part: string) => part.length >= 3 && !isEnglishWord(part);
  const [first, second] = parts;
  if (first === undefined) return undefined;
  if (second === undefined)
    return first.length >= 3 && isFirstName(first) && !isEnglishWord(first) ? 'name' : undefined;
  const named =
    (name(first) && (name(second) || unknown(second))) ||
    (unknown(first) && (name(second) || unknown(second)));
  return named && !(isEnglishWord(first) && isEnglishWord(second)) ? 'name' : undefined;
};

/** E-mail and URL detectors. */
export const contactDetectors: readonly Detector[] = [
  {
    name: 'international phone number (+61 491 570 156)',
    pattern: rx(INTERNATIONAL_PHONE),
    kind: (match) => {
      const digits = digitCount(match[0]);
      return digits >= 8 && digits <= 15 ? 'phone' : undefined;
    },
  },
  { name: 'UK mobile number (07700 900462)', pattern: rx(UK_MOBILE), kind: 'phone' },
  { name: 'blog on a hosting platform', pattern: rx(HOSTED_HANDLE, 'i'), kind: 'social-handle', keep: true },
  { name: 'profile URL (instagram.com/x)', pattern: rx(PROFILE_URL, 'i'), kind: 'social-handle', keep: true },
  { name: 'name in an e-mail address', pattern: rx(EMAIL_LOCAL), kind: emailName, keep: true },
  { name: 'e-mail address', pattern: rx(EMAIL), kind: 'email' },
  { name: 'e-mail address written with [at]', pattern: rx(OBFUSCATED_EMAIL, 'i'), kind: 'email' },
  { name: 'e-mail address spelled with "at" and "dot"', pattern: rx(SPELLED_EMAIL, 'i'), kind: 'email' },
  { name: 'URL with a scheme', pattern: rx(SCHEME_URL, 'i'), kind: 'url' },
  { name: 'URL starting with www.', pattern: rx(WWW_URL, 'i'), kind: 'url' },
  { name: 'e-mail address with spaces or "at"', pattern: rx(SPACED_EMAIL, 'i'), kind: realDomain('email') },
  { name: 'bare domain (example.org/x)', pattern: rx(BARE_DOMAIN, 'i'), kind: realDomain('url') },
  { name: 'domain with the dot spelled (x dot net)', pattern: rx(SPELLED_DOMAIN, 'i'), kind: spelledDomain },
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
