import { rectifyConfusion } from 'unicode-confusables';

/** Characters that render as nothing: zero-width spaces and joiners, soft hyphen, variation selectors. */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;

/**
 * The key that makes circle names unique in a server: two names that look alike get the same key.
 * NFKC (full-width and other compatibility forms), invisible characters dropped, case folded,
 * spaces collapsed, then each code point replaced by its prototype from Unicode's confusables
 * table (UTS #39: Cyrillic "а" → "a", "1" → "l"), and folded again. Only ever compared, never shown.
 */
export function circleNameKey(name: string): string {
  const folded = name.normalize('NFKC').replace(INVISIBLE, '').toLowerCase().replace(/\s+/gu, ' ').trim();
  return rectifyConfusion(folded).normalize('NFKC').toLowerCase();
}
