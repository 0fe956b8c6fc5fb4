/**
 * Building blocks shared by the de-identification detectors: the detector shape and a few
 * Unicode-aware boundary fragments (`\b` in JavaScript only knows ASCII letters).
 */
import type { IdentifierKind } from './check.js';

/** Decides, for one match of a detector's pattern, which kind it is (`undefined`: not an identifier). */
export type KindOf = (match: RegExpMatchArray) => IdentifierKind | undefined;

/** One named detector: a global Unicode pattern and the kind it reports. */
export interface Detector {
  /** Short name for documentation and tests; never the matched text. */
  readonly name: string;
  /** Always built with the `g` and `u` flags (see {@link rx}). */
  readonly pattern: RegExp;
  /** A fixed kind, or a function that checks the match (checksums, plausibility) first. */
  readonly kind: IdentifierKind | KindOf;
  /** Report the kind but leave the text for later detectors ("born 12 May 1930" is a date and an age). */
  readonly keep?: boolean;
}

/** `String.raw`, so that patterns read like regular-expression literals. */
export const r = String.raw;

/** Not preceded by a letter, digit or underscore. */
export const START = r`(?<![\p{L}\p{N}_])`;
/** Not followed by a letter, digit or underscore. */
export const END = r`(?![\p{L}\p{N}_])`;
/** Not preceded by a digit, nor by a digit-group separator that continues a longer number. */
export const NUM_START = r`(?<![\p{N}]|[\p{N}][.\/-])`;
/** Not followed by a digit, nor by a separator that continues the number. */
export const NUM_END = r`(?![\p{N}]|[.\/-][\p{N}])`;

/** A global, Unicode regular expression from a source string (plus `i` or other flags when asked). */
export function rx(source: string, flags = ''): RegExp {
  return new RegExp(source, `gu${flags}`);
}

/** Alternatives as a non-capturing group. */
export function anyOf(alternatives: readonly string[]): string {
  return `(?:${alternatives.join('|')})`;
}

/** A word whose first letter may be upper or lower case (`march` → `[Mm]arch`). */
export function capitalisable(word: string): string {
  const first = word.charAt(0);
  return `[${first.toUpperCase()}${first.toLowerCase()}]${word.slice(1)}`;
}

/** The number of digits in a string. */
export function digitCount(text: string): number {
  return text.replace(/\D/gu, '').length;
}
