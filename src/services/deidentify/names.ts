/**
 * Personal names (SPEC `name`): titles with a surname, first names, initials in a person context,
 * family names ("the Hendersons'"), names followed by an age ("Kayla, 16"). Ordinary words that are
 * also names ("Grace", "Will") count only when the context says person; theorists, eponyms, drugs,
 * holidays and acronyms never do.
 */
import { ACRONYMS, AMBIGUOUS_NAMES } from './allow.js';
import { isCommonFirstName, isCommonSurname, isEnglishWord, isFirstName, isSurname } from './lexicon.js';
import {
  authorCited,
  beforeCleanSurname,
  citedAuthor,
  cleanNameInContext,
  familyName,
  firstNameAndInitial,
  lowerOpeningName,
  nextIsName,
  openingInitials,
  quotedNickname,
  titleOfWork,
} from './name-context.js';
import {
  acronymCompound,
  acronymLike,
  acronymPlural,
  germanText,
  isClean,
  monthAfterTimeWord,
  namedThingAhead,
  romanceText,
} from './name-shapes.js';
import {
  CLINICAL_ENDING,
  CLINICAL_SHORT,
  COPULAS,
  DEMONYM_PREFIXES,
  GERMAN_NOUN_ENDING,
  KIN_AFTER,
  NAMED_THING,
  NICKNAMES,
  PARTICLES,
  PERSON_AFTER,
  PERSON_BEFORE,
  PERSON_NOUNS,
  PREFIX_INITIALS,
  PRONOUN_CONTRACTION,
  SPEECH_AFTER,
  STRONG_BEFORE,
  TITLES,
} from './name-words.js';
import { type Token, followedByAge, joined, keyAt } from './tokens.js';

/** Decides whether token `i` is (part of) a personal name. */
export function isNameAt(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  if (token === undefined) return false;
  const { key } = token;
  const previous = tokens[i - 1];
  const prevKey = keyAt(tokens, i, -1);
  const nextKey = keyAt(tokens, i, 1);
  const afterTitle = previous !== undefined && TITLES.has(prevKey) && /^\.?\s+$/u.test(previous.after);
  // "Mr. O.", "Mrs K": a title and an initial.
  if (afterTitle && key.length === 1) return token.capital && prevKey !== 'sister';
  if (key.length < 2) return false;
  if (monthAfterTimeWord(tokens, i)) return false;
  // "Dr Google", "Dr YouTube": a joke about searching, not a doctor.
  if (afterTitle && /^(?:google|youtube|tiktok|internet|chatgpt|wikipedia|reddit)$/u.test(key)) return false;
  // "Ruby wedding", "golden anniversary": an anniversary, not a person.
  if (
    /^(?:wedding|anniversary|jubilee)$/u.test(nextKey) &&
    /^(?:ruby|pearl|coral|golden|silver|diamond|sapphire|emerald|crystal|tin|paper)$/u.test(key)
  ) {
    return false;
  }
  // "Lagos-born", "Texas-raised": where someone comes from, never their name.
  if (/-(?:born|raised|bred|based)$/u.test(key)) return false;
  // "I'm", "we'd", "you'll": a pronoun with a verb, whatever its case.
  if (PRONOUN_CONTRACTION.test(key)) return false;
  // "mr de vries", "Mme de la Tour": a particle right after a title opens the surname.
  if (afterTitle && PARTICLES.has(key)) return tokens[i + 1] !== undefined && joined(token);
  // "priya k -", "tomasz w:": a first name and the initial of a surname, before a separator.
  if (firstNameAndInitial(tokens, i)) return true;
  if (citedAuthor(tokens, i)) return false;
  if (lowerOpeningName(tokens, i)) return true;
  // "pt KO'B", "DO'S: missed again": initials with a prefix, in a person context.
  if (PREFIX_INITIALS.test(token.text) && !['it', 'he', 'we', 'i'].includes(key.split("'")[0] ?? '')) {
    const personWord =
      PERSON_BEFORE.has(prevKey) && previous !== undefined && !/[.,;:]/u.test(previous.after);
    const opening = i === 0 && /^\s*[-–—:,(]/u.test(token.after);
    return personWord || followedByAge(token) || opening || PERSON_AFTER.has(nextKey);
  }
  if (afterTitle && !ACRONYMS.has(key) && !NAMED_THING.has(key)) {
    return token.capital || !isEnglishWord(key) || isFirstName(key);
  }
  // "St Patrick's Day", "St John's wort": a saint; "Hurricane Katrina": a storm; never a client.
  if (/^(?:st|saint|hurricane|storm|cyclone|typhoon)$/u.test(prevKey)) return false;
  if (token.capital && authorCited(tokens, i)) return false;
  if (TITLES.has(key)) return false;
  if (CLINICAL_SHORT.has(key) && (token.sentenceStart || !isFirstName(key))) return false;
  // "JT's mum": initials owning a relative (an acronym's "'s" is no plural here).
  const initialsKin =
    token.allCaps &&
    key.length <= 3 &&
    /^\p{Lu}{2,3}'s$/u.test(token.text) &&
    !ACRONYMS.has(key) &&
    joined(token) &&
    KIN_AFTER.has(nextKey);
  if (initialsKin) return true;
  if (acronymPlural(token.text) || acronymCompound(token.text)) return false;
  if (isClean(key)) {
    // "Janet", "Benjamin", "Christian": also common first names, so a person in a person context.
    return token.capital && isCommonFirstName(key) && cleanNameInContext(tokens, i);
  }
  // "Oksana's case": a common first name's possessive is a person, whatever noun follows.
  const firstPossessive = token.possessive && token.capital && isCommonFirstName(key) && !isSurname(key);
  if (token.capital && !token.allCaps && !firstPossessive && namedThingAhead(tokens, i)) return false;
  if (token.capital && beforeCleanSurname(tokens, i)) return false;
  if (token.capital && !token.sentenceStart && titleOfWork(tokens, i)) return false;
  if (quotedNickname(tokens, i)) return true;

  const personBefore =
    PERSON_BEFORE.has(prevKey) && previous !== undefined && !/[.,;:]/u.test(previous.after);
  const strongBefore = personBefore && STRONG_BEFORE.has(prevKey);
  const verbAfter = joined(token) && PERSON_AFTER.has(nextKey);
  const personAfter =
    followedByAge(token) || verbAfter || (joined(token) && nextKey === 'and' && !token.sentenceStart);
  const kinAfter = token.possessive && joined(token) && KIN_AFTER.has(nextKey);
  const word = isEnglishWord(key);
  // "hannah k.", "Tomasz W.", "amara o. and": a first name and the initial of a surname.
  if (
    isFirstName(key) &&
    key.length >= 3 &&
    (token.capital || !word) &&
    !ACRONYMS.has(key) &&
    joined(token) &&
    tokens[i + 1]?.key.length === 1 &&
    /^\./u.test(tokens[i + 1]?.after ?? '')
  ) {
    return true;
  }
  if (token.allCaps) {
    if (ACRONYMS.has(key)) return false;
    // "JT", "pt KM", "RB — chronic pain": initials in a person context.
    if (key.length <= 3)
      return strongBefore || personBefore || followedByAge(token) || openingInitials(tokens, i);
    // "LUCAS MORENO": a name in capitals.
    return !word && (isFirstName(key) || isSurname(key));
  }
  if (acronymLike(token.text)) return false;
  const ambiguous = AMBIGUOUS_NAMES.has(key);
  // "when Faith died", "after Rowan left": a capitalised word mid-sentence doing what people do.
  const actionAfter =
    verbAfter && !COPULAS.has(nextKey) && (!token.sentenceStart || SPEECH_AFTER.has(nextKey));
  if (ambiguous)
    return (
      token.capital &&
      (strongBefore ||
        followedByAge(token) ||
        kinAfter ||
        actionAfter ||
        (prevKey === 'with' && !token.sentenceStart))
    );
  // "Taz, 3rd admission", "Jaz: wants to quit", "Kev at Mountjoy": a short word no dictionary knows
  // opening a sentence before a comma or colon, or a known short form of a name.
  const opening =
    token.sentenceStart && token.capital && !word && /^\s*[,:–—(]/u.test(token.after) && !romanceText(tokens);
  // "Ngata whānau want a hui", "Kowalski family": a family named by its surname.
  const familyAfter =
    token.capital &&
    !word &&
    joined(token) &&
    /^(?:family|families|whanau|whānau|household|clan|kids|siblings|brothers|sisters|twins|parents)$/u.test(
      nextKey,
    );
  // "ahmadzai brothers", "the nowak twins": a surname in lower case before a family word.
  const lowerFamily =
    !token.capital &&
    !word &&
    key.length >= 4 &&
    !ACRONYMS.has(key) &&
    !CLINICAL_ENDING.test(key) &&
    joined(token) &&
    /^(?:family|brothers|sisters|twins|siblings|kids|boys|girls|household|whanau|whānau)$/u.test(nextKey);
  if (lowerFamily && !isClean(key)) return true;
  // "Anglo-Irish family": a compound of nationalities is no surname.
  const demonymCompound =
    key.includes('-') && key.split('-').every((part) => isClean(part) || DEMONYM_PREFIXES.has(part));
  if (familyAfter && !isClean(key) && !demonymCompound) return true;
  const saysAfter = PERSON_AFTER.has(nextKey) || /^\s*[,:]\s*[\d\u2588]/u.test(token.after);
  if (
    opening &&
    (key.length <= 4 || saysAfter) &&
    !CLINICAL_ENDING.test(key) &&
    !GERMAN_NOUN_ENDING.test(key)
  ) {
    return true;
  }
  if (NICKNAMES.has(key) && !word && (token.capital || personBefore || personAfter || kinAfter)) return true;
  const first = isFirstName(key);
  const commonFirst = isCommonFirstName(key);
  const surname = isSurname(key);
  if (!token.capital) {
    // Lower-case names ("working with daniel", "gabriel again."): a first name that is no English word.
    if (!first || word || key.length < 3 || ACRONYMS.has(key)) return false;
    return personBefore || personAfter || kinAfter || (commonFirst && token.sentenceStart && key.length >= 4);
  }
  if (ACRONYMS.has(key)) return false;
  if (commonFirst) return true;
  // "¿Cómo trabajo…": in a Spanish or French sentence, an opening word that is only a surname is no name.
  if ((first || surname) && !word) return first || !token.sentenceStart || !romanceText(tokens);
  if (isCommonSurname(key)) return !token.sentenceStart || personAfter || kinAfter;
  if (familyName(tokens, i)) return true;
  // "Jarrah, 14,": an everyday word with an age after it is someone's name; so is a first name after
  // a person word ("nurse Precious") or one that says or does what people do ("Maile keeps texting").
  if (word) {
    // "Woman, 89,", "Imam asked": a word for a person is no name.
    const role = PERSON_BEFORE.has(key) || PERSON_NOUNS.has(key);
    const namedPerson =
      first &&
      !role &&
      ((personBefore && !token.sentenceStart) || (joined(token) && SPEECH_AFTER.has(nextKey)));
    return (
      strongBefore ||
      kinAfter ||
      (followedByAge(token) && !role) ||
      namedPerson ||
      (!token.sentenceStart && verbAfter && personBefore)
    );
  }
  if (CLINICAL_ENDING.test(key) && !personBefore) return false;
  if (GERMAN_NOUN_ENDING.test(key)) return false;
  // An unknown capitalised word: mid-sentence it is a name (places were taken before), unless the
  // text is German, where every noun is capitalised; at a sentence start only in a person context.
  if (!token.sentenceStart && !germanText(tokens) && !romanceText(tokens)) return true;
  // "Nkechi's meds", "Thandeka's DOB": an unknown word owning something at a sentence start.
  const owned = tokens[i + 1];
  const ownedProper = owned !== undefined && owned.capital && !owned.allCaps;
  if (token.possessive && joined(token) && !ownedProper && !germanText(tokens) && !romanceText(tokens))
    return true;
  return personBefore || personAfter || kinAfter || nextIsName(tokens, i);
}
