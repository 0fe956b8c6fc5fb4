/**
 * Shapes of text that tell the name rules what a word is: initials, acronyms and their compounds, the
 * language of a sentence, named things, months.
 */
import { ACRONYMS, CAPITALISED_COMMON, DRUGS, EPONYMS, HOLIDAYS, METHODS, THEORISTS } from './allow.js';
import { isDemonym } from './lexicon.js';
import {
  EPONYMOUS_THING,
  GERMAN,
  GERMAN_NOUN_ENDING,
  LOWER_NOT_INITIALS,
  MONTHS,
  NAMED_THING,
  NOT_INITIALS,
  PARTICLES,
  ROMANCE,
} from './name-words.js';
import { type Token, joined, keyAt } from './tokens.js';

/** True when the text reads as Spanish, French, Italian or Portuguese (three or more function words). */
export function romanceText(tokens: readonly Token[]): boolean {
  const known = romanceCache.get(tokens);
  if (known !== undefined) return known;
  let count = 0;
  for (const token of tokens) if (!token.capital && ROMANCE.has(token.key)) count += 1;
  const romance = count >= 3 && count * 4 >= tokens.length;
  romanceCache.set(tokens, romance);
  return romance;
}

/** One answer per tokenised text (the rules ask for each word). */
const romanceCache = new WeakMap<readonly Token[], boolean>();

/** "IAPT-style", "CAMHS-led", "DBT-informed": a compound made on an acronym or a clinical term. */
export function acronymCompound(text: string): boolean {
  const parts = text.split('-');
  if (parts.length < 2) return false;
  const first = parts[0] ?? '';
  const rest = parts.slice(1).join('-').toLowerCase();
  return (
    /^\p{Lu}{2,}s?$/u.test(first) ||
    ACRONYMS.has(first.toLowerCase()) ||
    /^(?:style|like|ish|informed|based|led|focused|focussed|type|related|induced|friendly|free|only|lite|trained|certified|adjacent|esque|inspired|minded|specific|positive|negative|level)$/u.test(
      rest,
    )
  );
}

/** "DNAs", "SSRIs", "GPs": the plural of an acronym. */
export function acronymPlural(text: string): boolean {
  return /^\p{Lu}{2,}['’]?s$/u.test(text);
}

/** Never a name, whatever the case or context (except after a title); also in the plural ("Tuesdays"). */
export function isClean(key: string): boolean {
  return isCleanWord(key) || (key.endsWith('s') && key.length > 3 && isCleanWord(key.slice(0, -1)));
}

function isCleanWord(key: string): boolean {
  return (
    THEORISTS.has(key) ||
    EPONYMS.has(key) ||
    METHODS.has(key) ||
    DRUGS.has(key) ||
    HOLIDAYS.has(key) ||
    CAPITALISED_COMMON.has(key) ||
    isDemonym(key)
  );
}

/** The dotted-initials pattern: "J.T.", "J. T.", "K.L.M."; "J. Smith" is caught as a title-like form. */
export const DOTTED_INITIALS = /(?<![\p{L}\p{N}.])\p{Lu}\.\s?\p{Lu}\.(?:\s?\p{Lu}\.)?(?![\p{L}\p{N}])/gu;

/** Initials with an Irish or Scottish prefix: "D.O'S", "K.M'C.", "B. O'N" (apostrophes are folded). */
export const APOSTROPHE_INITIALS = /(?<![\p{L}\p{N}.])\p{Lu}\.\s?\p{Lu}'\p{Lu}\.?(?![\p{L}\p{N}])/u;

/** A lone initial signing off: 'signed "your biggest fan, T."', "love, K.", "— M." (not "A." or "I."). */
export const SIGN_OFF_INITIAL =
  /(?:,|[-–—]|(?<![\p{L}])(?:signed|love|from))\s*["“‘]?[B-HJ-Z]\.\s*["”’]?\s*(?:$|["”’)])/u;

/** Dotted initials in lower case: "j.w. again", "seeing k.m." (checked against {@link LOWER_NOT_INITIALS}). */
export const LOWER_DOTTED_INITIALS =
  /(?<![\p{L}\p{N}.])\p{Ll}\.\s?\p{Ll}\.(?:\s?\p{Ll}\.)?(?![\p{L}\p{N}])/gu;

/** True when a lower-case dotted match is a person's initials, not "e.g." or "b.d.". */
export function isLowerInitials(match: string): boolean {
  return !LOWER_NOT_INITIALS.has(match.replace(/[.\s]/gu, ''));
}

/** True when a dotted-initials match is a person's initials, not "U.S." or "e.g.". */
export function isInitials(match: string): boolean {
  return !NOT_INITIALS.has(match.replace(/[.\s]/gu, '').toLowerCase());
}

/** A word with capitals inside that ends in a capital: "MoCA", "DoLS" (acronyms, not names). */
export function acronymLike(text: string): boolean {
  return (
    /^\p{L}+$/u.test(text) && /\p{Lu}$/u.test(text) && /\p{Ll}/u.test(text) && /^.\p{Ll}*\p{Lu}/u.test(text)
  );
}

/** True when the text reads as German (several German function words), where nouns are capitalised. */
export function germanText(tokens: readonly Token[]): boolean {
  const known = germanCache.get(tokens);
  if (known !== undefined) return known;
  let count = 0;
  for (const token of tokens) if (GERMAN.has(token.key)) count += 1;
  const german = count >= 2 || (count >= 1 && tokens.some((t) => GERMAN_NOUN_ENDING.test(t.key)));
  germanCache.set(tokens, german);
  return german;
}

/** One answer per tokenised text. */
const germanCache = new WeakMap<readonly Token[], boolean>();

/** "Glasgow Coma Scale", "Fraser guidelines": a run of capitalised words ending in a named-thing noun. */
export function namedThingAhead(tokens: readonly Token[], i: number): boolean {
  for (let k = i; k < i + 4; k += 1) {
    const token = tokens[k];
    if (token === undefined || !joined(token)) return false;
    const next = tokens[k + 1];
    if (next === undefined) return false;
    if (NAMED_THING.has(next.key)) return true;
    // "Stanford prison experiment", "Glasgow coma scale": one lower-case word before the noun.
    if (!next.capital && joined(next) && EPONYMOUS_THING.has(keyAt(tokens, k + 1, 1))) return true;
    if (!next.capital && !PARTICLES.has(next.key) && next.key !== 'of') return false;
  }
  return false;
}

/** "died in Jan", "since Feb", "till June": a month after a word of time, neither a name nor a town. */
export function monthAfterTimeWord(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  if (token === undefined || !MONTHS.test(token.key) || token.possessive) return false;
  return /^(?:in|since|until|till|til|by|from|last|next|early|late|mid|end|before|after|during|through|thru|or)$/u.test(
    keyAt(tokens, i, -1),
  );
}
