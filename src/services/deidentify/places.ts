/**
 * Places smaller than a state (SPEC `place`): towns and cities from the gazetteer, neighbourhoods and
 * boroughs from compromise's lexicon, counties, and schools, hospitals, churches and employers named
 * with a place or their own proper name. States, provinces, countries and regions are clean (matched
 * first, as whole phrases, by {@link stateOrCountryLength}).
 */
import { allCountries } from 'country-region-data';
import { ACRONYMS, STATE_PHRASES } from './allow.js';
import {
  acronymLike,
  CLINICAL_SHORT,
  isClean,
  monthAfterTimeWord,
  namedThingAhead,
  NAMED_THING,
  romanceText,
  TITLES,
} from './names.js';
import {
  MAX_PLACE_WORDS,
  isCountry,
  isEnglishWord,
  isCommonFirstName as isFirstName,
  isLexiconPlace,
  keyOf,
  placePopulation,
} from './lexicon.js';
import { joined, keyAt, type Token } from './tokens.js';

/**
 * Countries whose first-level subdivisions are states, provinces or regions (not counties or
 * districts, which count as places): their names are as clean as "Texas" or "Ontario".
 */
const COUNTRIES_WITH_STATES = new Set(
  'AR AT AU BE BR CA CH CL CN CO DE FR GH ID IN IT JP MX MY NG NL NO NP PH PK PL SE US ZA'.split(' '),
);

let states: ReadonlySet<string> | undefined;
/**
 * True when `phrase` (lower case) is a state, province or broad region: the list above and the
 * first-level subdivisions of {@link COUNTRIES_WITH_STATES} (country-region-data), except those that
 * share their name with a town of 10,000 or more ("Berlin", "Zürich", "Oaxaca" stay places: the more
 * private reading wins).
 */
function isState(phrase: string): boolean {
  if (states === undefined) {
    const names = new Set(STATE_PHRASES);
    for (const [, code, regions] of allCountries) {
      if (!COUNTRIES_WITH_STATES.has(code)) continue;
      for (const [region] of regions) {
        for (const part of region.split('/')) {
          const full = keyOf(part.trim());
          // "Gandaki Province" is also "Gandaki"; "Free State" is not "free".
          const short = full.replace(/\s+(?:province|region|state|territory)$/u, '');
          for (const key of new Set([full, short])) {
            const known = key.split(' ').length <= 4 && !isEnglishWord(key) && placePopulation(key) < 10000;
            if (known) names.add(key);
          }
        }
      }
    }
    states = names;
  }
  return states.has(phrase);
}

/** Words before a place: "in Leeds", "moved to Cork", "near Harrow". */
const PLACE_BEFORE = new Set(
  'in from near to at outside around toward towards via into across between of past beyond'.split(' '),
);
/** Capitalised words after "in" or "to" that are no place ("in Year 9", "in Recovery", "to God"). */
const NOT_PLACE_AFTER_IN = new Set(
  `year reception form grade class section part phase stage level step module session week month
  recovery crisis therapy treatment remission care custody foster detox rehab respite psychiatry psychology
  paediatrics pediatrics neurology oncology medicine surgery emergency maternity outpatients ward
  heaven hell god church mass chapel prayer love denial shock tears pain bed hospice hospital
  court prison school college work home theory practice person general private public spring summer
  autumn fall winter the a an my his her their our english french spanish jan feb mar apr jun jul aug
  sep sept oct nov dec`.split(/\s+/u),
);

/** Words that make what precedes them an institution: "Lincoln High", "St Brigid's Hospital". */
const INSTITUTION = new Set(
  `high school academy college university hospital infirmary clinic church cathedral chapel mosque
  synagogue temple parish prison jail gaol penitentiary club centre center elementary primary middle
  secondary prep grammar comprehensive gymnasium lyceum lycée mall hall manor library station
  county borough township district village heights estate council ns hs ms es jhs uni poly hostel
  refuge shelter surgery practice barracks base camp court park bridge beach bay lake lough loch
  river falls tower towers castle abbey pier harbour harbor airport stadium arena market square
  gardens flats house mills mill springs creek valley woods forest island isle point cove quay
  common green road street avenue lane reservation rancheria pueblo kibbutz moshav`.split(/\s+/u),
);
/** Institution words that also close a name written in lower case: "Tower Hamlets council". */
const LOWER_INSTITUTION = new Set(
  `school academy college hospital clinic church mosque synagogue temple parish prison jail council
  estate hostel refuge shelter high elementary primary`.split(/\s+/u),
);
/** Nouns after a school's or employer's own name: "McGill student", "Tesco cashier". */
const MEMBER_AFTER = new Set(
  `student students grad graduate graduates alum alumna alumnus alumni undergrad undergraduate
  postgrad fresher freshman sophomore dropout pupil pupils professor lecturer staffer employee
  employees cashier porter inmate inmates prisoner detainee resident intern`.split(/\s+/u),
);
/** Nouns after a school's initials that make them a school: "UCLA sophomore". */
const SCHOOL_MEMBER_AFTER = new Set(
  `student students grad graduate alum alumna alumnus undergrad undergraduate postgrad fresher freshman
  sophomore junior senior dropout campus dorm`.split(/\s+/u),
);

/** "Lagos-born", "Texas-raised": where someone comes from. */
const ORIGIN = /^(\p{L}[\p{L}-]*)-(?:born|raised|bred|based)$/u;

/** "Hamburg-Altona", "Kensington-Chelsea": every part capitalised, one of them a town of 10,000 or more. */
function hyphenatedPlace(text: string): boolean {
  // "Lagos-born", "Leeds-raised": a town before a word of origin ("Limpopo-born" is a province).
  const origin = ORIGIN.exec(text);
  if (origin !== null) {
    const key = keyOf(origin[1] ?? '');
    return !isState(key) && !isCountry(key) && placePopulation(key) >= 10000 && !isClean(key);
  }
  const parts = text.replace(/['’]s?$/u, '').split('-');
  if (parts.length < 2 || !parts.every((part) => /^\p{Lu}\p{Ll}+$/u.test(part))) return false;
  return parts.some((part) => {
    const key = keyOf(part);
    return placePopulation(key) >= 10000 && !isEnglishWord(key) && !isFirstName(key) && !isClean(key);
  });
}

/** Prefixes of a prison's name (UK, US federal and state). */
const PRISON_PREFIX = new Set([
  'hmp',
  'hmyoi',
  'hmpyoi',
  'hmip',
  'hm',
  'fci',
  'usp',
  'fcc',
  'fdc',
  'mdc',
  'sci',
  'cdcr',
]);
/** Landmark nouns before "of": "the Cliffs of Moher", "Rock of Cashel", "Isle of Wight". */
const LANDMARK_OF = new Set(
  'cliffs cliff rock ring isle island bay lake lough loch mount vale valley port bridge falls'.split(' '),
);
/** Capitalised words that name no place after "at the" ("at the Trust", "at the Board"). */
const NOT_A_PLACE = new Set(
  `trust board council department dept unit ward team service services office court tribunal
  clinic hospital practice surgery centre center home house group meeting party end start time
  moment weekend beginning hearing inquest funeral wedding christening service`.split(/\s+/u),
);
/** Capitalised words that do not name an institution by themselves ("Community Mental Health Centre"). */
const GENERIC = new Set(
  `community general memorial children's childrens women's mental health state county city royal
  university public private primary secondary high middle elementary catholic methodist baptist
  anglican sunday local district regional national federal medical psychiatric behavioral
  behavioural care nursing day youth family the a an our my his her their this that special
  independent free charter grammar comprehensive junior senior infant nursery sixth form rehab
  recovery crisis treatment veterans va nhs trust foundation teaching main new old gender identity
  eating disorder disorders addiction addictions memory pain sleep fertility sexual trauma perinatal
  maternity early intervention psychosis dementia autism learning disability disabilities liaison
  assessment adolescent adult adults child specialist integrated outpatient inpatient walk-in urgent
  emergency student students counselling counseling wellbeing well-being health-care healthcare
  primary-care secure forensic salvation army barnardo's barnardos ymca ywca`.split(/\s+/u),
);
/** Words after which a proper name is an employer or school: "works at Costco". */
const EMPLOYER_BEFORE =
  /\b(?:works?|working|worked|job|jobs|employed|shifts?|manager|teacher|teaches|teaching|nurse|nursing|doctor|gp|consultant|registrar|student|pupil|studies|studying|studied|goes|attends|attending|attended|enrolled|fired|sacked|volunteers?|volunteering|placement|cleaner|cashier|carer|porter|intern|trainee|staff|admitted|inpatient|sectioned|detained)(?:\s+(?:nights|days|shifts|part-time|full-time|weekends))?\s+(?:at|for|in)\s+(?:the\s+)?$|\b(?:released|paroled|discharged|transferred|moved|escaped|absconded|remanded|incarcerated|jailed|imprisoned|locked\s+up|banged\s+up|inside|serving|served|time|sentence|seen|assessed|treated|admitted|sectioned|detained|stayed|stay|spell|stint|years?|months?|weeks?|graduated|dropped\s+out|expelled|excluded|suspended|kicked\s+out)(?:\s+(?:back|again|later|early|overnight))?\s+(?:at|in|from|to|into|out\s+of)\s+(?:the\s+)?$/iu;

/** How many tokens from `i` form a state, province, country or region (0 when none). */
export function stateOrCountryLength(tokens: readonly Token[], i: number): number {
  for (let n = 4; n >= 1; n -= 1) {
    const phrase = phraseAt(tokens, i, n);
    if (phrase !== undefined && (isState(phrase) || isCountry(phrase))) return n;
  }
  return 0;
}

/** The lower-case phrase of `n` tokens from `i` joined by single spaces, if they are adjacent words. */
function phraseAt(tokens: readonly Token[], i: number, n: number): string | undefined {
  let phrase = '';
  for (let k = i; k < i + n; k += 1) {
    const token = tokens[k];
    if (token === undefined || (k < i + n - 1 && !ADJACENT.test(token.after))) return undefined;
    phrase = k === i ? token.key : `${phrase} ${token.key}`;
  }
  return phrase;
}

/** Only a space (or the dot of "St.") between two words of one name. */
const ADJACENT = /^[ .]{1,2}$/u;

/** True when the `n` tokens from `i` are capitalised (short joining words like "on", "de" aside). */
function allCapitalised(tokens: readonly Token[], i: number, n: number): boolean {
  for (let k = i; k < i + n; k += 1) {
    const token = tokens[k];
    if (token === undefined || (!token.capital && token.key.length > 3)) return false;
  }
  return true;
}

/** True when `token` is an acronym or reads like one ("MoCA", "ACEs", "CAMHS"). */
function acronymToken(token: Token): boolean {
  // "NICE guidance" is an acronym, "moved to Nice" a town: an acronym that is also a word needs capitals.
  const acronym = ACRONYMS.has(token.key) && (token.allCaps || !isEnglishWord(token.key));
  return acronym || acronymLike(token.text) || (token.allCaps && token.key.length <= 3);
}

/** "works at Mass General", "teacher at Lincoln", "nurse at the Royal Free": a named employer. */
function employerLength(tokens: readonly Token[], i: number): number {
  const token = tokens[i];
  const previous = tokens[i - 1];
  if (token === undefined || previous === undefined || !token.capital || acronymToken(token)) return 0;
  const before = tokens
    .slice(Math.max(0, i - 4), i)
    .map((t) => `${t.text}${t.after}`)
    .join('');
  const employer = EMPLOYER_BEFORE.test(before);
  const atThe = keyAt(tokens, i, -1) === 'the' && ['at', 'from', 'to'].includes(keyAt(tokens, i, -2));
  if (!employer && !atThe) return 0;
  let n = 0;
  while (tokens[i + n]?.capital === true && !acronymToken(tokens[i + n] as Token) && n < 4) {
    n += 1;
    if (!joined(tokens[i + n - 1])) break;
  }
  const names = tokens.slice(i, i + n);
  const plain = (t: Token) =>
    NOT_A_PLACE.has(t.key) ||
    isClean(t.key) ||
    isState(t.key) ||
    isCountry(t.key) ||
    CLINICAL_SHORT.has(t.key) ||
    /(?:ology|iatry|iatrics|ics|ery)$/u.test(t.key);
  // "the Royal Free": two generic words can make a name, unless the last is "Trust", "Team"...
  const last = names.at(-1);
  const proper =
    names.some((t) => !GENERIC.has(t.key) && !plain(t)) ||
    (n >= 2 && last !== undefined && !plain(last) && !INSTITUTION.has(last.key));
  // "discharged to Respite", "transferred to Psychiatry": a service, not a named place.
  if (n === 1 && NOT_PLACE_AFTER_IN.has(token.key)) return 0;
  if (!proper || namedThingAhead(tokens, i)) return 0;
  return n;
}

/** How many tokens from `i` name a place (0 when none). */
/** Words in the gazetteer that also describe a kind of town ("college town", "boom town"). */
const NOT_TOWN_BEFORE_TOWN = new Set(
  'college university boom home hope market ghost company mining mill port border garden new old big small inner'.split(
    ' ',
  ),
);

export function placeLengthAt(tokens: readonly Token[], i: number): number {
  const token = tokens[i];
  if (token === undefined) return 0;
  const prevKey = keyAt(tokens, i, -1);
  // "Mme Dubois": after a title the word is a name, whatever the gazetteer says.
  if (TITLES.has(prevKey) && tokens[i - 1]?.after.trim() !== ',') return 0;
  // "St Patrick's Day", "St John's wort": a saint's day or herb, not a church.
  if (
    (token.key === 'st' || token.key === 'saint') &&
    /^(?:day|eve|night|wort)$/u.test(keyAt(tokens, i, 2))
  ) {
    return 0;
  }
  if (monthAfterTimeWord(tokens, i)) return 0;
  // "Lincoln High guidance counsellor": the institution comes first, the noun after it is its own.
  const institution = institutionLength(tokens, i);
  if (institution > 0) return institution;
  if (token.capital && namedThingAhead(tokens, i)) return 0;
  const employer = employerLength(tokens, i);
  if (employer > 0) return employer;
  const previous = tokens[i - 1];
  const placeContext = PLACE_BEFORE.has(prevKey) && previous !== undefined && /^\s+$/u.test(previous.after);
  // Multi-word gazetteer names first ("Stoke on Trent", "Salt Lake City").
  for (let n = MAX_PLACE_WORDS; n >= 2; n -= 1) {
    if (!token.capital && !placeContext) break;
    const phrase = phraseAt(tokens, i, n);
    if (phrase !== undefined && (allCapitalised(tokens, i, n) || placeContext)) {
      if (placePopulation(phrase) >= 1000 || isLexiconPlace(phrase)) return n;
    }
  }
  const { key } = token;
  // "UCLA sophomore", "NYU student": a school by its initials (known clinical acronyms aside).
  if (
    token.allCaps &&
    key.length >= 3 &&
    key.length <= 5 &&
    !ACRONYMS.has(key) &&
    joined(token) &&
    SCHOOL_MEMBER_AFTER.has(keyAt(tokens, i, 1))
  ) {
    return 1;
  }
  if (isClean(key) || isState(key) || acronymToken(token)) return 0;
  // "Bath town centre", "Limerick city lad": a town, even one that is an English word, before "town"/"city".
  if (
    token.capital &&
    !token.allCaps &&
    joined(token) &&
    /^(?:city|town)$/u.test(keyAt(tokens, i, 1)) &&
    !GENERIC.has(key) &&
    !INSTITUTION.has(key) &&
    !NOT_TOWN_BEFORE_TOWN.has(key) &&
    (placePopulation(key) >= 10000 || isLexiconPlace(key))
  ) {
    return 2;
  }
  const next = tokens[i + 1];
  if (token.capital && joined(token) && next !== undefined && NAMED_THING.has(next.key)) return 0;
  // "McGill student", "Dalhousie grad", "Foothills nurse": a school or employer by its own name.
  if (
    token.capital &&
    !token.allCaps &&
    !isEnglishWord(key) &&
    !isFirstName(key) &&
    !isClean(key) &&
    !ORIGIN.test(key) &&
    joined(token) &&
    MEMBER_AFTER.has(keyAt(tokens, i, 1))
  ) {
    return 1;
  }
  // "Hamburg-Altona", "Dar-es-Salaam" aside: capitalised parts of which one is a town.
  if (token.capital && key.includes('-') && hyphenatedPlace(token.text)) return 1;
  // "¿Cómo trabajo…", "Como está": a Spanish or French sentence opens with a word, not a town.
  if (token.sentenceStart && !placeContext && romanceText(tokens)) return 0;
  const population = placePopulation(key);
  const word = isEnglishWord(key);
  if (token.allCaps) {
    // "QUEENS teen": a place in capitals, if no everyday word or a big city.
    return (!word && population >= 5000) || population >= 1_000_000 ? 1 : 0;
  }
  if (!token.capital) {
    return placeContext && !word && population >= 20000 && !isFirstName(key) ? 1 : 0;
  }
  if (placeContext && population >= 1000 && (!word || population >= 50000)) return 1;
  if (placeContext && !token.sentenceStart && population >= 10000) return 1;
  // "youth worker in Hackney": a capitalised word after "in", "from", "near" names a place, unless it
  // is a school year, a service or a department ("in Year 9", "in Recovery", "referred to Psychiatry").
  if (
    placeContext &&
    !token.sentenceStart &&
    !['of', 'at', 'between', 'via', 'across'].includes(prevKey) &&
    !NOT_A_PLACE.has(key) &&
    !NOT_PLACE_AFTER_IN.has(key) &&
    !GENERIC.has(key) &&
    !INSTITUTION.has(key) &&
    !/(?:ology|iatry|iatrics|ics)$/u.test(key) &&
    !(next !== undefined && joined(token) && /^\d/u.test(token.after.trim() + next.text))
  ) {
    return 1;
  }
  if (!word && !isFirstName(key) && (population >= 5000 || isLexiconPlace(key))) return 1;
  // "Chloé, 15, Bordeaux": a capitalised word mid-sentence that is a city of 200,000 or more.
  if (word && !token.sentenceStart && !token.allCaps && population >= 200_000) return 1;
  // Mid-sentence, a capitalised word that is no English word and is in the gazetteer.
  if (!word && !token.sentenceStart && population >= 1000 && !isFirstName(key)) return 1;
  if (isLexiconPlace(key) && !token.sentenceStart && !isFirstName(key)) return 1;
  if (placeContext && !word && !isFirstName(key) && !token.sentenceStart && prevKey !== 'of') return 1;
  // "Smalltown, Ohio": an unknown word before a state.
  if (!word && next !== undefined && /^,\s*$/u.test(token.after) && isState(next.key)) return 1;
  return 0;
}

/**
 * "Lincoln High", "Riverside Middle School", "St Brigid's", "Cook County", "County Cork",
 * "University of Leeds": how many tokens from `i` form a named institution or county (0 when none).
 */
function institutionLength(tokens: readonly Token[], i: number): number {
  const token = tokens[i];
  if (token === undefined || !token.capital) return 0;
  if ((token.key === 'st' || token.key === 'saint') && tokens[i + 1]?.capital === true) {
    const saint = tokens[i + 1];
    const herb = saint?.key === 'john' && keyAt(tokens, i, 2) === 'wort';
    return herb || !/^\.?\s+$/u.test(token.after) ? 0 : 2;
  }
  // "HMP Belmarsh", "HMYOI Feltham", "FCI Danbury", "HM Prison Barlinnie": a named prison.
  if (PRISON_PREFIX.has(token.key) && joined(token)) {
    const prison = keyAt(tokens, i, 1) === 'prison' && joined(tokens[i + 1]) ? 1 : 0;
    const named = tokens[i + 1 + prison];
    const isNamed = named?.capital === true && !GENERIC.has(named.key);
    if (isNamed && (token.key !== 'hm' || prison === 1)) return 2 + prison;
  }
  // "Co. Leitrim", "Co Down": the Irish abbreviation of "County".
  if (token.key === 'co' && token.text === 'Co' && /^\.?\s+$/u.test(token.after)) {
    const named = tokens[i + 1];
    if (named?.capital === true && !named.allCaps && !GENERIC.has(named.key)) return 2;
  }
  if ((token.key === 'county' || token.key === 'university') && joined(token)) {
    const next = tokens[i + 1];
    const of = next?.key === 'of' ? 1 : 0;
    const named = tokens[i + 1 + of];
    if (named?.capital === true && !GENERIC.has(named.key) && !isState(named.key)) return 2 + of;
  }
  // "the Cliffs of Moher", "Isle of Wight": a landmark of a named place.
  if (LANDMARK_OF.has(token.key) && joined(token) && keyAt(tokens, i, 1) === 'of') {
    const named = tokens[i + 2];
    if (joined(tokens[i + 1]) && named?.capital === true && !isClean(named.key) && !isState(named.key)) {
      return 3;
    }
  }
  // A run of capitalised words ending in an institution word, with one non-generic word in it.
  let end = i;
  while (end < i + 4 && tokens[end]?.capital === true && joined(tokens[end])) end += 1;
  for (let k = end; k > i; k -= 1) {
    const last = tokens[k];
    const closes =
      last !== undefined &&
      (last.capital ? INSTITUTION.has(last.key) : LOWER_INSTITUTION.has(last.key) && !token.sentenceStart);
    if (last === undefined || !closes) continue;
    // "Dominic's school": a person's school, not a named one.
    if (!last.capital && k === i + 1 && token.possessive) continue;
    const names = tokens.slice(i, k);
    const proper = names.some((t) => !GENERIC.has(t.key) && !INSTITUTION.has(t.key) && !isClean(t.key));
    const stateOnly = names.every((t) => isState(t.key) || GENERIC.has(t.key));
    if (proper && !stateOnly) return k - i + 1;
  }
  return 0;
}
