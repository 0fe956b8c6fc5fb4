/**
 * The contexts that make a word a personal name, or keep it from being one: a person word before it, a
 * verb or an age after it, a cited author, an opening name.
 */
import { ACRONYMS, AMBIGUOUS_NAMES } from './allow.js';
import { isCommonSurname, isEnglishWord, isFirstName, isSurname } from './lexicon.js';
import { isClean } from './name-shapes.js';
import {
  AUTHOR_PAIRS,
  CLINICAL_ENDING,
  CLINICAL_SHORT,
  DOING_AFTER,
  KIN_AFTER,
  NAMED_THING,
  NICKNAMES,
  NICKNAME_INTRO,
  OPENING_NOT_NAME,
  PARTICLES,
  PERSON_AFTER,
  PERSON_BEFORE,
  SPEECH_AFTER,
  STRONG_BEFORE,
  TITLES,
} from './name-words.js';
import { type Token, followedByAge, joined, keyAt } from './tokens.js';

/** "Gilles de la Tourette", "Donald Winnicott": a first name before a theorist or an eponym. */
export function beforeCleanSurname(tokens: readonly Token[], i: number): boolean {
  for (let k = i + 1; k < i + 4; k += 1) {
    const token = tokens[k];
    if (token === undefined || !joined(tokens[k - 1])) return false;
    if (PARTICLES.has(token.key)) continue;
    // "Donald Winnicott" but not "Tom Baker" or "Peter Miller": the surname must be no everyday word.
    if (!token.capital || !isClean(token.key) || isEnglishWord(token.key) || AMBIGUOUS_NAMES.has(token.key)) {
      return false;
    }
    // "Melanie Klein on envy" but "LUCAS MORENO keeps": a common surname only in a theory context.
    const person = followedByAge(token) || (joined(token) && PERSON_AFTER.has(keyAt(tokens, k, 1)));
    return !isCommonSurname(token.key) || (!token.allCaps && !person);
  }
  return false;
}

/** "RB — chronic pain", "JT: keeps cancelling": initials that open the text, before a separator. */
export function openingInitials(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  return i === 0 && token !== undefined && token.key.length <= 3 && /^\s*[-–—:,(]/u.test(token.after);
}

/** Grandad "Bunny", son ‘Tiny’: a quoted nickname right after a person word. */
export function quotedNickname(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  const previous = tokens[i - 1];
  return (
    token !== undefined &&
    previous !== undefined &&
    token.capital &&
    /^\s*[:,]?\s*["“‘']$/u.test(previous.after) &&
    // The closing single quote is read as a possessive ending ("'Tiny'" → Tiny').
    (/^["”’']/u.test(token.after) || (/'$/u.test(token.text) && /'$/u.test(previous.after))) &&
    (PERSON_BEFORE.has(previous.key) || NICKNAME_INTRO.test(`${keyAt(tokens, i, -2)} ${previous.key}`))
  );
}

/** "Freud's Mourning and Melancholia": the capitalised title of a work after its author's name. */
export function titleOfWork(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 5; k -= 1) {
    const token = tokens[k];
    if (token === undefined || !joined(token)) return false;
    if (token.possessive && token.capital && isClean(token.key)) return true;
    if (!token.capital && !['and', 'of', 'the', 'a', 'in', 'on', 'to'].includes(token.key)) return false;
  }
  return false;
}

/** "Radical Acceptance by Tara Brach", "Attached by Levine and Heller": the author of a cited title. */
export function authorCited(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 4; k -= 1) {
    const token = tokens[k];
    if (token === undefined || !joined(token)) return false;
    if (token.key === 'by') {
      const title = tokens[k - 1];
      return title !== undefined && title.capital && !title.sentenceStart && joined(title);
    }
    if (!token.capital && token.key !== 'and') return false;
  }
  return false;
}

/** "client Janet", "Benjamin, 15", "Abraham's mum", "Christian says": a person, not the theorist. */
export function cleanNameInContext(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  const previous = tokens[i - 1];
  if (token === undefined) return false;
  const strongBefore =
    STRONG_BEFORE.has(keyAt(tokens, i, -1)) && previous !== undefined && /^\s+$/u.test(previous.after);
  const kinAfter = token.possessive && joined(token) && KIN_AFTER.has(keyAt(tokens, i, 1));
  const verbAfter = !token.possessive && joined(token) && PERSON_AFTER.has(keyAt(tokens, i, 1));
  return strongBefore || followedByAge(token) || kinAfter || verbAfter;
}

/**
 * "client \"Bex\"", "pt Como", "son Lincoln": a capitalised word right after a strong person word is
 * the person's name, even when a gazetteer also knows it as a town.
 */
export function strongPersonContext(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  const previous = tokens[i - 1];
  if (token === undefined || previous === undefined || !token.capital || token.allCaps) return false;
  if (isClean(token.key) || ACRONYMS.has(token.key) || NAMED_THING.has(token.key)) return false;
  if (!STRONG_BEFORE.has(previous.key)) return false;
  return /^\s*["“']?$/u.test(previous.after) && (!isEnglishWord(token.key) || quotedNickname(tokens, i));
}

/** "Brené Brown quotes": token `i` is part of a cited author's name. */
export function citedAuthor(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  if (token === undefined || !token.capital) return false;
  const next = tokens[i + 1];
  const previous = tokens[i - 1];
  const withNext = next !== undefined && joined(token) && AUTHOR_PAIRS.has(`${token.key} ${next.key}`);
  const withPrevious =
    previous !== undefined && joined(previous) && AUTHOR_PAIRS.has(`${previous.key} ${token.key}`);
  return withNext || withPrevious;
}

/**
 * "kev – benzos again", "siddharth: wants out", "aroha, 19": a lower-case first name, nickname or
 * unknown word opening the text before a separator or an age.
 */
export function lowerOpeningName(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  if (token === undefined || token.capital || !token.sentenceStart || token.possessive) return false;
  const { key } = token;
  if (key.length < 3 || ACRONYMS.has(key) || isClean(key) || OPENING_NOT_NAME.has(key)) return false;
  if (AMBIGUOUS_NAMES.has(key) || CLINICAL_SHORT.has(key) || TITLES.has(key)) return false;
  if (!/^[\p{L}'-]+$/u.test(key) || CLINICAL_ENDING.test(key)) return false;
  const word = isEnglishWord(key);
  // "aroha, 19", "wiremu 16 –": an age after the name, with or without a comma.
  const bareAge = /^\s+(?:[1-9]|[1-8]\d)\s*(?:[,:;–—-]|$)/u.test(token.after);
  if (followedByAge(token) || bareAge) return (isFirstName(key) || NICKNAMES.has(key)) && !ACRONYMS.has(key);
  if (!/^\s*[,:–—-]\s/u.test(token.after) && !/^\s*[:–—]/u.test(token.after)) return false;
  if (word) return false;
  if (isFirstName(key) || NICKNAMES.has(key)) return true;
  // An unknown word ("bongani: wants out"), only when a person's doing follows ("hikikomori – how to" passes).
  const next = keyAt(tokens, i, 1);
  return key.length >= 4 && (PERSON_AFTER.has(next) || SPEECH_AFTER.has(next) || DOING_AFTER.has(next));
}

/** "priya k - AN readmit", "Tomasz W: DNA again": a first name, a lone letter, then a separator or the end. */
export function firstNameAndInitial(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  const initial = tokens[i + 1];
  if (token === undefined || initial === undefined || initial.key.length !== 1 || !joined(token))
    return false;
  if (!/^\s*(?:[-–—:,;(]|$)/u.test(initial.after) || ['a', 'i'].includes(initial.key)) return false;
  const { key } = token;
  if (key.length < 3 || ACRONYMS.has(key) || isClean(key) || AMBIGUOUS_NAMES.has(key)) return false;
  return isFirstName(key) && (token.capital || !isEnglishWord(key));
}

/** "the Hendersons'", "the Smiths": a family name in the plural after "the". */
export function familyName(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  if (token === undefined || keyAt(tokens, i, -1) !== 'the' || !token.key.endsWith('s')) return false;
  const stem = token.key.replace(/e?s$/u, '');
  const singular = token.key.slice(0, -1);
  return isSurname(singular) || isSurname(stem) || (!isEnglishWord(token.key) && !isEnglishWord(singular));
}

/** "Kayla Okafor": an unknown word right after or before a known first name is part of the name. */
export function nextIsName(tokens: readonly Token[], i: number): boolean {
  const previous = tokens[i - 1];
  const next = tokens[i + 1];
  const firstBefore = previous?.capital === true && joined(previous) && isFirstName(previous.key);
  const firstAfter =
    next?.capital === true && joined(tokens[i]) && isFirstName(next.key) && !isClean(next.key);
  return firstBefore || firstAfter;
}
