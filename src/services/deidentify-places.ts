/**
 * Street address and age detectors. Ages up to 89 pass ("a 34-year-old teacher", "in her 80s");
 * 90 and over is refused, as the HIPAA Safe Harbor rule asks.
 */
import { END, START, anyOf, r, rx } from './deidentify-detector.js';
import type { Detector } from './deidentify-detector.js';

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
  grandfather grandma grandpa husband wife mann frau patientin klientin homme femme dame monsieur`.split(
    /\s+/u,
  ),
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

/** A capitalised word in a street name: "Baker", "Elm", "St. John's". */
const STREET_NAME = r`\p{Lu}[\p{L}'’.-]*`;
/** English street types. */
const STREET_TYPE = anyOf(
  `Street St Road Rd Avenue Ave Lane Ln Drive Boulevard Blvd Terrace Crescent Gardens Grove Mews Parkway
  Pkwy Highway Hwy`.split(/\s+/u),
);
/** "221B Baker Street", "12 Elm St.", "4 Church Rd". */
const ENGLISH_STREET = r`${START}\d{1,5}[A-Za-z]?,?\s+(?:${STREET_NAME}\s+){1,3}${STREET_TYPE}\.?${END}`;
/** German compound street types: "Hauptstraße 5", "Goethestr. 7", "Lindenweg 12a". */
const GERMAN_SUFFIX = anyOf(
  'straße strasse str\\. weg allee platz gasse ring damm ufer steig pfad chaussee'.split(' '),
);
const GERMAN_STREET = r`${START}\p{Lu}\p{Ll}+${GERMAN_SUFFIX}\s*\d{1,4}\s?[a-z]?${END}`;
/** German separate street types: "Berliner Straße 12", "Am Weg 3". */
const GERMAN_STREET_WORDS = r`${START}\p{Lu}\p{L}+\s+(?:Straße|Strasse|Str\.|Weg|Allee|Platz|Gasse|Ring|Damm)\s*\d{1,4}\s?[a-z]?${END}`;
/** French: "5 rue de la Paix", "12 bis avenue Victor Hugo". */
const FRENCH_STREET = r`${START}\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:[Rr]ue|[Aa]venue|[Aa]v\.|[Bb]oulevard|[Bb]d|[Cc]hemin|[Aa]llée|[Ii]mpasse|[Qq]uai|[Pp]lace|[Rr]oute)\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])?\p{Lu}`;
/** "Apt 4B", "Flat 2", "Suite 200", "Wohnung 3". */
const APARTMENT = r`${START}(?:[Aa]pt|Apartment|Flat|[Ss]uite|Wohnung|Whg|Appartement|Appt)\.?\s*(?:[Nn]o\.?\s*|#\s*)?\d{1,4}[A-Za-z]?${END}`;
/** "PO Box 123", "P.O. Box 45", "Postfach 12 34". */
const PO_BOX = r`${START}(?:[Pp]\.?\s?[Oo]\.?\s?[Bb]ox|Postfach|[Bb]oîte postale)\s*\d[\d ]*`;
/** A full UK postcode: "SW1A 1AA", "M1 1AE". */
const UK_POSTCODE = r`${START}[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}${END}`;
/** A Canadian postal code: "K1A 0B1". */
const CANADIAN_POSTCODE = r`${START}[ABCEGHJ-NPRSTVXY]\d[A-Z] ?\d[A-Z]\d${END}`;
/** US state codes, for "Springfield, IL 62704". */
const US_STATE = anyOf(
  `AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND
  OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY`.split(/\s+/u),
);
/** "IL 62704", "CA 90210-1234". */
const US_ZIP = r`${START}${US_STATE}\s+\d{5}(?:-\d{4})?(?!\p{N})`;
/** "10115 Berlin", "D-10115 Berlin", ", 75002 Paris": a five-digit postcode before a town. */
const EUROPEAN_POSTCODE = r`(?:^|[,;]\s*|${START}[DFA]-)\d{5}\s+\p{Lu}\p{Ll}+`;

/** Age detectors (over 89 only). */
export const ageDetectors: readonly Detector[] = [
  { name: 'age over 89 with "year old"', pattern: rx(AGE_YEARS_OLD, 'i'), kind: 'age' },
  { name: 'age over 89 after "aged"', pattern: rx(AGE_AFTER_WORD), kind: 'age' },
  { name: 'age over 89 with a unit (95 y/o)', pattern: rx(AGE_WITH_UNIT), kind: 'age' },
  { name: 'age over 89 with sex (92F)', pattern: rx(AGE_WITH_SEX), kind: 'age' },
  { name: 'age over 89 in parentheses', pattern: rx(AGE_IN_PARENTHESES), kind: 'age' },
  { name: 'bare age over 89 after a person (Man, 94)', pattern: rx(AGE_AFTER_PERSON, 'i'), kind: 'age' },
  { name: 'birth year before 1936 (born in 1931)', pattern: rx(EARLY_BIRTH_YEAR, 'i'), kind: 'age' },
  { name: 'decade over 89 (in her 90s)', pattern: rx(AGE_DECADE, 'i'), kind: 'age' },
  { name: 'decade over 89 in words', pattern: rx(AGE_DECADE_WORDS, 'i'), kind: 'age' },
  { name: 'age over 89 in words', pattern: rx(AGE_WORDS, 'i'), kind: 'age' },
];

/** Street address and postcode detectors. */
export const addressDetectors: readonly Detector[] = [
  { name: 'number and street (221B Baker Street)', pattern: rx(ENGLISH_STREET), kind: 'street-address' },
  { name: 'German street and number', pattern: rx(GERMAN_STREET), kind: 'street-address' },
  { name: 'German street words and number', pattern: rx(GERMAN_STREET_WORDS), kind: 'street-address' },
  { name: 'French street (5 rue de la Paix)', pattern: rx(FRENCH_STREET), kind: 'street-address' },
  { name: 'apartment or flat number', pattern: rx(APARTMENT), kind: 'street-address' },
  { name: 'PO box', pattern: rx(PO_BOX), kind: 'street-address' },
  { name: 'UK postcode (SW1A 1AA)', pattern: rx(UK_POSTCODE), kind: 'street-address' },
  { name: 'Canadian postal code (K1A 0B1)', pattern: rx(CANADIAN_POSTCODE), kind: 'street-address' },
  { name: 'US state and ZIP code (IL 62704)', pattern: rx(US_ZIP), kind: 'street-address' },
  { name: 'European postcode and town', pattern: rx(EUROPEAN_POSTCODE), kind: 'street-address' },
];
