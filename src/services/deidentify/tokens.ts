/**
 * Word tokens with the little context the name and place rules need: case, sentence start, the
 * punctuation around each word. Linear in the text length (one regular-expression scan).
 */
import { keyOf } from './lexicon.js';

/** One word of the checked text. `key` is its lower-case lookup form without a possessive ending. */
export interface Token {
  readonly text: string;
  readonly key: string;
  readonly start: number;
  readonly end: number;
  /** Starts with a capital letter. */
  readonly capital: boolean;
  /** Two or more letters, all capitals ("JT", "CBT"). */
  readonly allCaps: boolean;
  /** First word of the text or of a sentence, where capitals say nothing. */
  readonly sentenceStart: boolean;
  /** Ends in "'s" or "s'". */
  readonly possessive: boolean;
  /** The characters between the previous word and this one. */
  readonly before: string;
  /** The characters between this word and the next one. */
  readonly after: string;
}

/** A word: letters with inner apostrophes or hyphens ("O'Neil", "Stoke-on-Trent", "Hendersons'"). */
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*['’]?/gu;
/** Abbreviations whose dot does not end a sentence. */
const DOTTED = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'st',
  'prof',
  'pt',
  'eg',
  'e',
  'i',
  'vs',
  'no',
  'mt',
  'fr',
  'sr',
]);

/** Splits `text` into word tokens. */
export function tokenize(text: string): Token[] {
  const raw = [...text.matchAll(WORD)];
  const tokens: Token[] = [];
  raw.forEach((match, i) => {
    const word = match[0];
    const start = match.index;
    const end = start + word.length;
    const prevEnd = i === 0 ? 0 : (raw[i - 1]?.index ?? 0) + (raw[i - 1]?.[0].length ?? 0);
    const nextStart = raw[i + 1]?.index ?? text.length;
    const before = text.slice(prevEnd, start);
    const previousWord = tokens[i - 1]?.key ?? '';
    const sentenceStart =
      i === 0 ||
      /[!?;:"“(\n•*¿¡]\s*$/u.test(before) ||
      (/\.\s*$/u.test(before) && !DOTTED.has(previousWord) && previousWord.length > 1);
    // Most words are plain ASCII: skip the Unicode decomposition for them.
    const possessive = /['’]s?$/u.test(word) && word.length > 2;
    const bare = word.replace(/['’]s$|['’]$/u, '');
    tokens.push({
      text: word,
      key: /^[A-Za-z'-]*$/u.test(bare) ? bare.toLowerCase() : keyOf(bare),
      start,
      end,
      capital: /^\p{Lu}/u.test(word),
      allCaps: bare.length >= 2 && !/\p{Ll}/u.test(bare),
      sentenceStart,
      possessive,
      before,
      after: text.slice(end, nextStart),
    });
  });
  return tokens;
}

/** The lower-case key of the word `offset` places from `i`, or '' past either end. */
export function keyAt(tokens: readonly Token[], i: number, offset: number): string {
  return tokens[i + offset]?.key ?? '';
}

/** True when only spaces lie between two tokens (no comma, full stop or bracket). */
export function joined(token: Token | undefined): boolean {
  return token !== undefined && /^[ \t]+$/u.test(token.after);
}

/** "Kayla, 16", "Kayla (16)", "Kayla 16yo": a word directly followed by an age under 90. */
export function followedByAge(token: Token): boolean {
  // An age over 89 is masked by then ("Paddy, 93, in Castlebar" reads "Paddy, ██, in").
  return /^\s*(?:,\s*|\(\s*)(?:[1-9]|[1-8]\d|\u2588{2,4})(?:\s*(?:yo|y\/o|[MFmf]))?\s*(?:[,)]|$|\s)/u.test(
    token.after,
  );
}
