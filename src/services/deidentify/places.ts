/**
 * Places smaller than a state (SPEC `place`): towns and cities from the gazetteer, neighbourhoods and
 * boroughs from compromise's lexicon, counties, and schools, hospitals, churches and employers named
 * with a place or their own proper name. States, provinces, countries and regions are clean (matched
 * first, as whole phrases, by {@link stateOrCountryLength}).
 */
import { ACRONYMS } from './allow.js';
import { acronymToken, allCapitalised, employerLength, institutionLength } from './institutions.js';
import {
  MAX_PLACE_WORDS,
  isCountry,
  isEnglishWord,
  isCommonFirstName as isFirstName,
  isLexiconPlace,
  keyOf,
  placePopulation,
} from './lexicon.js';
import { isClean, monthAfterTimeWord, namedThingAhead, romanceText } from './name-shapes.js';
import { NAMED_THING, TITLES } from './name-words.js';
import {
  GENERIC,
  INSTITUTION,
  MEMBER_AFTER,
  NOT_A_PLACE,
  NOT_PLACE_AFTER_IN,
  NOT_TOWN_BEFORE_TOWN,
  ORIGIN,
  PLACE_BEFORE,
  SCHOOL_MEMBER_AFTER,
} from './place-words.js';
import { isState, phraseAt } from './states.js';
import { type Token, joined, keyAt } from './tokens.js';

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

/** How many tokens from `i` name a place (0 when none). */
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
