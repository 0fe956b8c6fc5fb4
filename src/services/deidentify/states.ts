/**
 * States, provinces, countries and broad regions: clean, and matched as whole phrases before any place
 * rule.
 */
import { STATE_PHRASES } from './allow.js';
import { isCountry, isEnglishWord, keyOf, placePopulation } from './lexicon.js';
import type { Token } from './tokens.js';
import { allCountries } from 'country-region-data';

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
export function isState(phrase: string): boolean {
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

/** How many tokens from `i` form a state, province, country or region (0 when none). */
export function stateOrCountryLength(tokens: readonly Token[], i: number): number {
  for (let n = 4; n >= 1; n -= 1) {
    const phrase = phraseAt(tokens, i, n);
    if (phrase !== undefined && (isState(phrase) || isCountry(phrase))) return n;
  }
  return 0;
}

/** The lower-case phrase of `n` tokens from `i` joined by single spaces, if they are adjacent words. */
export function phraseAt(tokens: readonly Token[], i: number, n: number): string | undefined {
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
