/**
 * Age detectors: ages up to 89 pass ("a 34-year-old teacher", "in her 80s"); 90 and over is refused,
 * as the HIPAA Safe Harbor rule asks, with or without a noun ("at 96", "turned 101", "ninety-three").
 */
import { anyOf, type Detector, END, r, rx, START } from './detector.js';
/** An age from 90 to 129, not part of a longer number; "90+" is the allowed Safe Harbor aggregate. */
const OLD_AGE = r`(?<![\p{N}.,])(?:9\d|1[0-2]\d)(?![\p{N}]|[.,]\p{N}|\s*\+)`;
/** Ninety to ninety-nine, spelled out. */
const NINETY_WORDS = r`(?:ninety|hundred)(?:[\s-]?(?:one|two|three|four|five|six|seven|eight|nine))?`;

/** "92-year-old", "a 90 year old", "95 years old", "93 yrs old". */
const AGE_YEARS_OLD = r`${OLD_AGE}\s*-?\s*(?:years?|yrs?|y)\s*-?\s*old${END}`;
/** "aged 95", "age 101", "age: 93", "Alter 94", "âgée de 92". */
const AGE_AFTER_WORD = r`${START}(?:[Aa]ged?|AGE|[Aa]lter|im Alter von|âgée? de)\s*:?\s*${OLD_AGE}`;
/** "95 y/o", "92yo", "93-jährige", "91 ans", "94 Jahre alt". */
const AGE_WITH_UNIT = r`${OLD_AGE}\s?-?\s?(?:y\/o|y\.o\.?|yo|yrs?|J\.|[Jj]ährige?[rnms]?|Jahre alt|ans)${END}`;
/** "92F", "95 M", "F, 93" (age with sex, as in a chart heading). */
const AGE_WITH_SEX = anyOf([r`${OLD_AGE}\s?[MFW]${END}`, r`${START}[MFW],\s?${OLD_AGE}`]);
/** "widow (93)": a parenthesised age after a word. */
const AGE_IN_PARENTHESES = r`(?<=\p{L},?\s?)\(${OLD_AGE}\)`;
/** A person noun before a bare age: "Man, 94,", "lady of 97", "Patientin, 91". */
const PERSON = anyOf(
  `man woman male female lady gentleman patient client widow widower resident mother father grandmother
  grandfather grandma grandpa husband wife mann frau patientin klientin homme femme dame monsieur
  nan nana nanna gran granny grandad granddad grandmother grandparent mum mom mam dad aunt auntie uncle
  neighbour neighbor pt veteran vet nun priest`.split(/\s+/u),
);
const AGE_AFTER_PERSON = r`${START}${PERSON}\s*(?:,|of|\()\s*${OLD_AGE}(?!\s*(?:%|mg|kg|min|minutes|mmHg|bpm|units))`;
/** Born before 1936, so over 89 from 2026 on: "born in 1931" (a fixed year: the check reads no clock). */
const EARLY_BIRTH_YEAR = r`${START}(?:born|geboren|née?|b\.)\s*(?:in\s+|im\s+Jahr\s+|en\s+)?(?:18\d{2}|19[0-2]\d|193[0-5])(?!\p{N})`;
/** "in her 90s", "in his early nineties" (but "in the 90s" is a decade of history). */
const AGE_DECADE = r`${START}in\s+(?:his|her|their)\s+(?:(?:early|mid|late)[\s-])?(?:9\d|1[0-2]\d)['’]?s${END}`;
const AGE_DECADE_WORDS = r`${START}in\s+(?:his|her|their)\s+(?:(?:early|mid|late)[\s-])?nineties${END}`;
/** "ninety-two-year-old", "aged ninety", "nonagenarian", "centenarian". */
const AGE_WORDS = anyOf([
  r`${START}${NINETY_WORDS}[\s-]*(?:years?|yrs?)[\s-]*old${END}`,
  r`${START}aged\s+${NINETY_WORDS}${END}`,
  r`${START}(?:nonagenarian|centenarian|[Nn]eunzigjährige?[rnms]?|[Hh]undertjährige?[rnms]?)${END}`,
]);

/** Measures whose value may be 90+ ("sats at 94", "IQ is 95"): then the number is no age. */
const MEASURE = r`(?<!(?:sats?|spo2|o2|oxygen|hr|pulse|heart rate|bp|iq|score|scored|weight|weighs|bmi|glucose|sugar|level|temp|mmse|moca|phq|gad|bdi|rate|percent|at least|over|under|about|around|than|out)\s*(?:is|was|at|of|to|now)?\s*)`;
/** A unit or noun after a number that makes it no age. */
const NOT_AGE_AFTER = r`(?!\s*(?:%|\+|percent|mg|mcg|g\b|kg|lbs?|ml|min|mins|minutes|hours?|hrs?|h\b|days?|weeks?|months?|mmhg|bpm|units|sessions?|times|points?|pts|people|patients|clients|beds|calls|visits|seconds|secs|degrees|°|\/|:|[.,]\d|-\d))(?!(?:th|st|nd|rd|s)\b|['’]s)`;
/** "at 96", "turned 101", "she's 93", "now 94": a bare age over 89 after an age verb. */
const BARE_AGE = r`${START}(?:at|turned|turning|turns|reached|reaching|is|was|she's|he's|they're|now|still|aged?|of)\s+${MEASURE}(?:9\d|1[01]\d)${NOT_AGE_AFTER}(?![\p{L}\p{N}])`;
/** "hit 100", "celebrated 102": a hundred or more after a verb of reaching it. */
const HUNDRED_REACHED = r`${START}(?:hit|hits|hitting|celebrated|celebrates|celebrating)\s+1[01]\d${NOT_AGE_AFTER}(?![\p{L}\p{N}])`;
/** "ninety-three", "ninety one", "a hundred and one" alone (not "ninety minutes"). */
const BARE_AGE_WORDS = r`${START}(?:ninety(?:[\s-]?(?:one|two|three|four|five|six|seven|eight|nine))?|a\s+hundred(?:\s+and\s+(?:one|two|three|four|five))?|one\s+hundred(?:\s+and\s+\w+)?)${END}(?!\s*(?:percent|%|minutes?|mins?|seconds?|hours?|days?|weeks?|months?|mg|kg|times|people|patients|clients|sessions|pounds|dollars|euros|quid|bucks|calls|visits|texts|messages|emails|things|ways|questions))`;

/** "Mrs Farrugia, 91, says", "mr o'brien, 91,": a bare age set off by commas after a word. */
const AGE_AFTER_NAME = r`(?<=\p{L}[\p{L}'’.-]*,\s?)${OLD_AGE}(?=\s*(?:[,;)]|[-–—]|$))`;
/** "born 12 May 1930", "DOB 4/5/1931", "b. Aug 12 1931": a birth date in a year before 1936. */
const EARLY_BIRTH_DATE = r`${START}(?:born|DOB|D\.O\.B\.?|[Dd]ate of birth|geboren|née?)\s*:?\s*(?:on\s+|in\s+)?(?:[\p{L}\p{N}]+[\s,.\/-]+){1,3}(?:18\d{2}|19[0-2]\d|193[0-5])(?!\p{N})`;

/** Birth dates before 1936: an age, and left in place for the date detectors. */
export const earlyBirthDetectors: readonly Detector[] = [
  {
    name: 'birth date before 1936 (born 12 May 1930)',
    pattern: rx(EARLY_BIRTH_DATE, 'i'),
    kind: 'age',
    keep: true,
  },
];

/** Age detectors (over 89 only). */
export const ageDetectors: readonly Detector[] = [
  { name: 'age over 89 with "year old"', pattern: rx(AGE_YEARS_OLD, 'i'), kind: 'age' },
  { name: 'age over 89 after "aged"', pattern: rx(AGE_AFTER_WORD), kind: 'age' },
  { name: 'age over 89 with a unit (95 y/o)', pattern: rx(AGE_WITH_UNIT), kind: 'age' },
  { name: 'age over 89 with sex (92F)', pattern: rx(AGE_WITH_SEX), kind: 'age' },
  { name: 'age over 89 in parentheses', pattern: rx(AGE_IN_PARENTHESES), kind: 'age' },
  { name: 'age over 89 after a name (Mrs Farrugia, 91,)', pattern: rx(AGE_AFTER_NAME), kind: 'age' },
  { name: 'bare age over 89 after a person (Man, 94)', pattern: rx(AGE_AFTER_PERSON, 'i'), kind: 'age' },
  { name: 'birth year before 1936 (born in 1931)', pattern: rx(EARLY_BIRTH_YEAR, 'i'), kind: 'age' },
  { name: 'decade over 89 (in her 90s)', pattern: rx(AGE_DECADE, 'i'), kind: 'age' },
  { name: 'decade over 89 in words', pattern: rx(AGE_DECADE_WORDS, 'i'), kind: 'age' },
  { name: 'age over 89 in words', pattern: rx(AGE_WORDS, 'i'), kind: 'age' },
  { name: 'bare age over 89 after a verb (turned 101)', pattern: rx(BARE_AGE, 'i'), kind: 'age' },
  { name: 'a hundred or more reached (hit 100)', pattern: rx(HUNDRED_REACHED, 'i'), kind: 'age' },
  { name: 'bare age over 89 in words (ninety-three)', pattern: rx(BARE_AGE_WORDS, 'i'), kind: 'age' },
];
