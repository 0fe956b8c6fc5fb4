/**
 * Street address and postcode detectors: numbered streets in any case and abbreviation ("17 rosewood
 * ct"), flats, PO boxes, street corners; UK, Canadian, US (ZIP, ZIP+4) and European postcodes.
 */
import { anyOf, type Detector, END, type KindOf, r, rx, START } from './detector.js';
import { keyOf, placePopulation } from './lexicon.js';

/** A capitalised word in a street name: "Baker", "Elm", "St. John's". */
const STREET_NAME = r`\p{Lu}[\p{L}'’.-]*`;
/** English street types. */
const STREET_TYPE = anyOf(
  `Street St Road Rd Avenue Ave Av Lane Ln Drive Dr Boulevard Blvd Terrace Terr Tce Crescent Cres Gardens
  Gdns Grove Gr Mews Parkway Pkwy Highway Hwy Court Ct Close Cl Place Pl Way Square Sq Circle Cir Row
  Walk Hill Rise View Park Green Trail Trl Loop Alley Pike Turnpike Expressway Parade Pde Esplanade
  Quay Wharf Broadway Cottages Villas Mansions Buildings`.split(/\s+/u),
);
/** "221B Baker Street", "12 Elm St.", "4 Church Rd", "3/27 Beach Rd" (unit 3 of number 27). */
const ENGLISH_STREET = r`${START}(?:\d{1,4}\s?\/\s?)?\d{1,5}[A-Za-z]?,?\s+(?:${STREET_NAME}\s+){1,3}${STREET_TYPE}\.?${END}`;
/** Street types that are no everyday word, for text in lower case. */
const LOWER_TYPE = r`(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|court|ct|crescent|cres|terrace|tce|pl|parkway|pkwy|highway|hwy|cir|gardens|gdns|mews)`;
/** Words that show the number counts something ("2 days in court", "3 weeks with dr"). */
const NOT_STREET_WORD = r`(?:in|at|on|of|to|the|a|an|and|or|for|with|from|by|per|x|times|weeks?|days?|years?|months?|hours?|mins?|minutes?|sessions?|mg|kids|children|people|visits?|calls?|patients?|clients?)(?![\p{L}])`;
/** The same in lower case: "17 rosewood ct", "4 mill lane" (case-insensitive street type, one to three words). */
const LOWER_STREET = r`${START}\d{1,5}[a-z]?,?\s+(?:(?!${NOT_STREET_WORD})\p{L}[\p{L}'’.-]*\s+){1,3}${LOWER_TYPE}\.?${END}`;
/** A street named without a number after a word of going or living: "followed me home to Bramble Close". */
const NAMED_STREET = r`(?<=(?:^|\s)(?:to|on|in|off|along|down|up|near|onto|into)\s)(?:\p{Lu}\p{Ll}+\s){1,2}(?:Close|Road|Rd|Street|Avenue|Ave|Lane|Ln|Drive|Crescent|Cres|Terrace|Boulevard|Blvd|Grove|Mews|Parade|Way)${END}`;
/** Street types written before the name, in Portuguese, Spanish, Catalan and Italian. */
const ROMANCE_TYPE = r`(?:[Rr]ua|[Aa]venida|[Aa]vda\.?|[Cc]alle|[Cc]\/|[Cc]arrer|Via|Viale|Piazza|Corso|[Tt]ravessa|Largo|[Pp]raça|Plaza|[Pp]aseo|[Cc]amino|[Cc]arretera|[Rr]onda)`;
/** "Rua das Flores 42", "c/ San Bernardo 88", "Via Roma, 12": a type, a name, then the number. */
const ROMANCE_NAME = r`(?:(?:de|da|das|do|dos|del|de la|de las|de los|di|della|dei|delle)\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:de|da|do|del|di)\s+)?\p{Lu}[\p{L}'’.-]*){0,3}`;
const ROMANCE_STREET = anyOf([
  r`${START}${ROMANCE_TYPE}\s*${ROMANCE_NAME},?\s+(?:n[º°o]\.?\s*)?\d{1,4}${END}`,
  // "7 Rua das Flores", "3520 Calle Ocho": the number first, as in the United States.
  r`${START}\d{1,5},?\s+${ROMANCE_TYPE}\s+${ROMANCE_NAME}${END}`,
]);
/** The town after a street address: "14 Nkrumah St, Osu", "4 Harmony Ln, Gary IN" (kept for the street). */
const TOWN_AFTER_STREET = r`(?<=\d{1,5}[A-Za-z]?\s+(?:${STREET_NAME}\s+){1,3}${STREET_TYPE}\.?,\s?)\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?(?=\s*(?:[,;.)—–\u2588-]|\s[A-Z]{2}\s+\d|$)|\s+\p{Ll})`;
/** "corner of Elm and 5th", "Elm & Main". */
const CORNER = r`${START}(?:[Cc]orner\s+of|[Cc]nr\.?\s+(?:of\s+)?)\s*\p{L}[\p{L}\p{N}]*(?:\s+${STREET_TYPE})?\s+(?:and|&)\s+\p{L}?[\p{L}\p{N}]+`;
/** A numbered US street: "on 5th Ave", "W 42nd St" (handled by the types above), "apt 4B" below. */
/** German compound street types: "Hauptstraße 5", "Goethestr. 7", "Lindenweg 12a". */
const GERMAN_SUFFIX = anyOf(
  'straße strasse str\\. weg allee platz gasse ring damm ufer steig pfad chaussee'.split(' '),
);
const GERMAN_STREET = r`${START}\p{Lu}\p{Ll}+${GERMAN_SUFFIX}\s*\d{1,4}\s?[a-z]?${END}`;
/** Dutch streets: "Kerkstraat 16", "16 Kerkstraat", "Prinsengracht 263". */
const DUTCH_SUFFIX = r`(?:straat|str\.|weg|laan|plein|gracht|kade|singel|dijk|steeg|hof|markt)`;
const DUTCH_STREET = anyOf([
  r`${START}\p{Lu}\p{Ll}+${DUTCH_SUFFIX}\s*\d{1,4}\s?[a-z]?${END}`,
  r`${START}\d{1,4}[a-z]?\s+\p{Lu}\p{Ll}+${DUTCH_SUFFIX}${END}`,
]);
/** A hyphenated German street: "Kaiser-Friedrich-Str. 55", "Konrad-Adenauer-Allee 3". */
const GERMAN_HYPHEN_STREET = r`${START}(?:\p{Lu}\p{Ll}+-){1,3}(?:Str\.|Straße|Strasse|Weg|Allee|Platz|Gasse|Ring|Damm|Ufer)\s*\d{1,4}\s?[a-z]?${END}`;
/** German separate street types: "Berliner Straße 12", "Am Weg 3". */
const GERMAN_STREET_WORDS = r`${START}\p{Lu}\p{L}+\s+(?:Straße|Strasse|Str\.|Weg|Allee|Platz|Gasse|Ring|Damm)\s*\d{1,4}\s?[a-z]?${END}`;
/** French: "5 rue de la Paix", "12 bis avenue Victor Hugo". */
const FRENCH_STREET = r`${START}\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:[Rr]ue|[Aa]venue|[Aa]v\.|[Bb]oulevard|[Bb]d|[Cc]hemin|[Aa]llée|[Ii]mpasse|[Qq]uai|[Pp]lace|[Rr]oute)\s+(?:de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’])?\p{Lu}`;
/** "Apt 4B", "Flat 2", "Suite 200", "Wohnung 3". */
const APARTMENT = r`${START}(?:[Aa]pt|[Aa]partment|[Ff]lat|[Ss]uite|[Uu]nit|Wohnung|Whg|Appartement|Appt)\.?\s*(?:[Nn]o\.?\s*|#\s*)?\d{1,4}[A-Za-z]?${END}`;
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
/** "zip 90210", "ZIP code: 02139", "postcode 3000", "CP 75011". */
/** An Indian PIN code: "PIN 560034", "pincode 110 001" (six digits; a bank PIN has four). */
const INDIAN_PIN = r`${START}(?:PIN|[Pp]in\s?[Cc]ode)\s*[:#-]?\s*[1-9]\d{2}\s?\d{3}(?!\p{N})`;
const LABELLED_ZIP = r`${START}(?:[Zz][Ii][Pp](?:\s*[Cc]ode)?|[Pp]ost\s?[Cc]ode|[Pp]ostal\s+[Cc]ode|PLZ|CP|[Pp]\/?[Cc])\s*[:#]?\s*\d{4,5}(?:-\d{4})?(?!\p{N})`;
/** ZIP+4: "02139-4307". */
const ZIP_PLUS_4 = r`(?<![\p{N}\/.-])\d{5}-\d{4}(?![\p{N}\/-])`;
/** "in 02139", "near 90210": five digits after a place word (years have four). */
const ZIP_AFTER_PLACE = r`${START}(?:in|near|from|to|around|area)\s+\d{5}(?![\p{N}]|\s*[-/.]?\s*\d|\s*(?:mg|kg|%|people|patients|words|steps|miles|km|calls|visits))`;
/** "10115 Berlin", "D-10115 Berlin", ", 75002 Paris": a five-digit postcode before a town. */
const EUROPEAN_POSTCODE = r`(?:(?<=^|[,;]\s*)|${START}[DFA]-|(?<=\s))\d{5}(?=\s+\p{Lu}\p{Ll}+)`;

/** Street types that are never ordinary words in a sentence ("Street", "Ave", "Blvd"). */
const PLAIN_STREET_TYPE = anyOf(
  `Street St Road Rd Avenue Ave Boulevard Blvd Lane Ln Drive Crescent Cres Terrace Tce Court Ct Close Way
  Parkway Pkwy Highway Hwy Gardens Gdns Grove Mews`.split(/\s+/u),
);
/** "lives on Kingsbury Ave", "off Mill Lane", "Kingsbury Ave #3B": a named street without a number. */
const STREET_WITHOUT_NUMBER = anyOf([
  r`${START}(?:on|off|along|lives\s+at|living\s+at|moved\s+to)\s+(?:\p{Lu}[\p{L}'’.-]*\s+){1,3}${PLAIN_STREET_TYPE}\.?${END}`,
  r`${START}(?:\p{Lu}[\p{L}'’.-]*\s+){1,3}${STREET_TYPE}\.?,?\s*(?:#|[Aa]pt\.?|[Uu]nit|[Ff]lat)\s*\d{1,4}[A-Za-z]?${END}`,
]);
/** "#3B", "# 12" after an address word: a unit number. */

/** Street address detectors. */
export const addressDetectors: readonly Detector[] = [
  {
    name: 'town after a street address (14 Nkrumah St, Osu)',
    pattern: rx(TOWN_AFTER_STREET),
    kind: 'place',
    keep: true,
  },
  {
    name: 'street in Portuguese, Spanish or Italian (Rua das Flores 42)',
    pattern: rx(ROMANCE_STREET),
    kind: 'street-address',
  },
  {
    name: 'Dutch street (Kerkstraat 16)',
    pattern: rx(DUTCH_STREET),
    kind: 'street-address',
  },
  {
    name: 'hyphenated German street (Kaiser-Friedrich-Str. 55)',
    pattern: rx(GERMAN_HYPHEN_STREET),
    kind: 'street-address',
  },
  {
    name: 'street named without a number (to Bramble Close)',
    pattern: rx(NAMED_STREET),
    kind: 'street-address',
  },
  { name: 'number and street (221B Baker Street)', pattern: rx(ENGLISH_STREET), kind: 'street-address' },
  {
    name: 'number and street in any case (17 rosewood ct)',
    pattern: rx(LOWER_STREET, 'i'),
    kind: 'street-address',
  },
  { name: 'street corner (corner of Elm and 5th)', pattern: rx(CORNER), kind: 'street-address' },
  {
    name: 'named street without a number (on Kingsbury Ave)',
    pattern: rx(STREET_WITHOUT_NUMBER),
    kind: 'street-address',
  },
  { name: 'German street and number', pattern: rx(GERMAN_STREET), kind: 'street-address' },
  { name: 'German street words and number', pattern: rx(GERMAN_STREET_WORDS), kind: 'street-address' },
  { name: 'French street (5 rue de la Paix)', pattern: rx(FRENCH_STREET), kind: 'street-address' },
  { name: 'apartment or flat number', pattern: rx(APARTMENT), kind: 'street-address' },
  { name: 'PO box', pattern: rx(PO_BOX), kind: 'street-address' },
];

/** An Irish Eircode: "D08 X2Y4", "F91 K2P8" (routing key and a unique identifier of letters and digits). */
const EIRCODE = r`${START}(?:[Ee]ircode\s*:?\s*)?(?:[AC-FHKNPRTV-Y]\d{2}|D6W)\s?(?<unique>[0-9AC-FHKNPRTV-Y]{4})${END}`;
/** "Portland 97214", "Springfield, 62704": a five-digit ZIP right after a town in the gazetteer. */
const TOWN_ZIP = r`(?<=(?<town>\p{Lu}[\p{L}'’.-]+),?\s)\d{5}(?:-\d{4})?(?![\p{N}]|\s*(?:mg|kg|%|people|patients|steps|miles|km))`;

/** A Dutch postcode before its town: "3011 AB Rotterdam" (four digits, two capitals, a town). */
const DUTCH_POSTCODE = r`${START}[1-9]\d{3} ?(?!AD|BC|AM|PM|MG|ML|KG|UK|US|EU)[A-Z]{2}(?=,?\s+\p{Lu}\p{Ll}+)`;
/** The town after a Dutch postcode, whatever its size: "1102 AB, Bijlmer" (kept for the postcode). */
const TOWN_AFTER_DUTCH_POSTCODE = r`(?<=(?:^|[\s,;(])[1-9]\d{3}\s?[A-Z]{2},?\s)\p{Lu}\p{Ll}+`;
/** The town after a European postcode: "75019 Paris", "3011 AB Rotterdam" (kept for the postcode). */
const TOWN_AFTER_POSTCODE = r`(?<=(?:^|[\s,;(])\d{4,5}\s(?:[A-Z]{2},?\s)?)(?<town>\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?)`;

/** An Eircode's unique part mixes letters and digits, unless it is labelled. */
const eircodeLike: KindOf = (match) =>
  /eircode/iu.test(match[0]) ||
  (/\d/u.test(match.groups?.['unique'] ?? '') && /[A-Z]/u.test(match.groups?.['unique'] ?? ''))
    ? 'postcode'
    : undefined;

/** A ZIP after a word counts when the word is a town. */
const afterTown: KindOf = (match) =>
  placePopulation(keyOf(match.groups?.['town'] ?? '')) >= 1000 ? 'postcode' : undefined;

/** The word after a postcode counts as a place when the gazetteer knows it as a town. */
const townAfterPostcode: KindOf = (match) =>
  placePopulation(keyOf(match.groups?.['town'] ?? '')) >= 1000 ? 'place' : undefined;

/** "Unit 3/27 Beach Rd", "2/14 Smith St": unit and number with a slash, before the dates read "3/27". */
const UNIT_SLASH_STREET = r`${START}\d{1,4}\s?\/\s?\d{1,5}[A-Za-z]?\s+(?:${STREET_NAME}\s+){1,3}${STREET_TYPE}\.?${END}`;

/** Street addresses that must be read before the date detectors take part of them. */
export const earlyAddressDetectors: readonly Detector[] = [
  { name: 'unit and number (3/27 Beach Rd)', pattern: rx(UNIT_SLASH_STREET), kind: 'street-address' },
];

/** Postcode detectors; they run before the street detectors so that "Apt 4B, IL 62704" is both. */
export const postcodeDetectors: readonly Detector[] = [
  {
    name: 'town after a Dutch postcode (1102 AB, Bijlmer)',
    pattern: rx(TOWN_AFTER_DUTCH_POSTCODE),
    kind: 'place',
    keep: true,
  },
  {
    name: 'town after a postcode (75019 Paris)',
    pattern: rx(TOWN_AFTER_POSTCODE),
    kind: townAfterPostcode,
    keep: true,
  },
  { name: 'Dutch postcode (3011 AB)', pattern: rx(DUTCH_POSTCODE), kind: 'postcode' },
  { name: 'Indian PIN code (PIN 560034)', pattern: rx(INDIAN_PIN), kind: 'postcode' },
  { name: 'UK postcode (SW1A 1AA)', pattern: rx(UK_POSTCODE), kind: 'postcode' },
  { name: 'Canadian postal code (K1A 0B1)', pattern: rx(CANADIAN_POSTCODE), kind: 'postcode' },
  { name: 'US state and ZIP code (IL 62704)', pattern: rx(US_ZIP), kind: 'postcode' },
  { name: 'labelled ZIP or postcode (zip 90210)', pattern: rx(LABELLED_ZIP), kind: 'postcode' },
  { name: 'ZIP+4 (02139-4307)', pattern: rx(ZIP_PLUS_4), kind: 'postcode' },
  { name: 'five digits after a place word (in 02139)', pattern: rx(ZIP_AFTER_PLACE, 'i'), kind: 'postcode' },
  { name: 'European postcode before a town (75011 Paris)', pattern: rx(EUROPEAN_POSTCODE), kind: 'postcode' },
  { name: 'Irish Eircode (D08 X2Y4)', pattern: rx(EIRCODE), kind: eircodeLike },
  { name: 'ZIP after a town (Portland 97214)', pattern: rx(TOWN_ZIP), kind: afterTown },
];
