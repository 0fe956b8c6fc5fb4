/**
 * The word-level pass for names and places, run after the pattern detectors have masked what they
 * found. States, provinces and countries are consumed first so that "New York" or "Georgia" never
 * reach the town and name rules; then each word is a place, a name, or nothing.
 */
import type { IdentifierKind } from './check.js';
import {
  APOSTROPHE_INITIALS,
  DOTTED_INITIALS,
  LOWER_DOTTED_INITIALS,
  SIGN_OFF_INITIAL,
  isInitials,
  isLowerInitials,
} from './name-shapes.js';
import { isNameAt } from './names.js';
import { strongPersonContext } from './name-context.js';
import { placeLengthAt } from './places.js';
import { stateOrCountryLength } from './states.js';
import { isFirstName, isSurname } from './lexicon.js';
import { tokenize } from './tokens.js';

const isPersonName = (key: string) => isFirstName(key) || isSurname(key);

/** Adds `name` and `place` to `found` when `text` (already masked) holds them. */
export function findNamesAndPlaces(text: string, found: Set<IdentifierKind>): void {
  for (const match of text.matchAll(DOTTED_INITIALS)) {
    if (isInitials(match[0])) found.add('name');
  }
  for (const match of text.matchAll(LOWER_DOTTED_INITIALS)) {
    if (isLowerInitials(match[0])) found.add('name');
  }
  if (SIGN_OFF_INITIAL.test(text) || APOSTROPHE_INITIALS.test(text)) found.add('name');
  const tokens = tokenize(text);
  let i = 0;
  while (i < tokens.length) {
    if (found.has('name') && found.has('place')) return;
    const state = stateOrCountryLength(tokens, i);
    if (state === 0 && strongPersonContext(tokens, i)) {
      found.add('name');
      i += 1;
      continue;
    }
    const place = placeLengthAt(tokens, i);
    if (place > state) {
      found.add('place');
      // "LUCAS MORENO", "from Edna": a word that is a place and a person's name is reported as both.
      if (place === 1 && isNameAt(tokens, i) && isPersonName(tokens[i]?.key ?? '')) found.add('name');
      if (place === 2 && isFirstName(tokens[i]?.key ?? '') && isSurname(tokens[i + 1]?.key ?? '')) {
        found.add('name');
      }
      i += place;
    } else if (state > 0) {
      i += state;
    } else {
      if (isNameAt(tokens, i)) found.add('name');
      i += 1;
    }
  }
}
