/**
 * Institutions and employers named with their own name: "Lincoln High", "HMP Belmarsh", "works at Mass
 * General".
 */
import { ACRONYMS } from './allow.js';
import { isCountry, isEnglishWord } from './lexicon.js';
import { acronymLike, isClean, namedThingAhead } from './name-shapes.js';
import { CLINICAL_SHORT } from './name-words.js';
import {
  EMPLOYER_BEFORE,
  GENERIC,
  INSTITUTION,
  LANDMARK_OF,
  LOWER_INSTITUTION,
  NOT_A_PLACE,
  NOT_PLACE_AFTER_IN,
  PRISON_PREFIX,
} from './place-words.js';
import { isState } from './states.js';
import { type Token, joined, keyAt } from './tokens.js';

/** True when the `n` tokens from `i` are capitalised (short joining words like "on", "de" aside). */
export function allCapitalised(tokens: readonly Token[], i: number, n: number): boolean {
  for (let k = i; k < i + n; k += 1) {
    const token = tokens[k];
    if (token === undefined || (!token.capital && token.key.length > 3)) return false;
  }
  return true;
}

/** True when `token` is an acronym or reads like one ("MoCA", "ACEs", "CAMHS"). */
export function acronymToken(token: Token): boolean {
  // "NICE guidance" is an acronym, "moved to Nice" a town: an acronym that is also a word needs capitals.
  const acronym = ACRONYMS.has(token.key) && (token.allCaps || !isEnglishWord(token.key));
  return acronym || acronymLike(token.text) || (token.allCaps && token.key.length <= 3);
}

/** "works at Mass General", "teacher at Lincoln", "nurse at the Royal Free": a named employer. */
export function employerLength(tokens: readonly Token[], i: number): number {
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

/**
 * "Lincoln High", "Riverside Middle School", "St Brigid's", "Cook County", "County Cork",
 * "University of Leeds": how many tokens from `i` form a named institution or county (0 when none).
 */
export function institutionLength(tokens: readonly Token[], i: number): number {
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
