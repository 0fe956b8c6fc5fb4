/**
 * National identifier detectors: US SSN, UK NHS and National Insurance numbers, Canadian SIN,
 * German tax and social insurance numbers, French NIR, and labelled passport or ID card numbers.
 */
import {
  anyOf,
  type Detector,
  digitCount,
  END,
  type KindOf,
  NUM_END,
  NUM_START,
  r,
  rx,
  START,
} from './detector.js';

/** Labels that announce a national identifier. */
const ID_LABEL = anyOf([
  r`SSN#?`,
  r`[Ss]ocial [Ss]ecurity(?:\s+(?:[Nn]o\.?|[Nn]umber|#))?`,
  r`SIN`,
  r`NAS`,
  r`[Ss]ocial [Ii]nsurance(?:\s+(?:[Nn]o\.?|[Nn]umber))?`,
  r`NHS(?:\s*(?:[Nn]o\.?|[Nn]umber|#|[Nn]r\.?))?`,
  r`CHI(?:\s*(?:[Nn]o\.?|[Nn]umber))?`,
  r`NI\s*(?:[Nn]o\.?|[Nn]umber)`,
  r`NINO`,
  r`[Nn]ational [Ii]nsurance(?:\s+(?:[Nn]o\.?|[Nn]umber))?`,
  r`[Ss]teuer-?(?:ID|Id|IdNr\.?)`,
  r`IdNr\.?`,
  r`Steueridentifikationsnummer`,
  r`[Tt]ax\s+(?:ID|[Ii]d|[Ii]dentification)(?:\s+(?:[Nn]o\.?|[Nn]umber))?`,
  r`TIN`,
  r`SV-?(?:Nr\.?|Nummer)`,
  r`(?:Sozial|Renten)versicherungsnummer`,
  r`[Pp]assport(?:\s+(?:[Nn]o\.?|[Nn]umber|#))?`,
  r`Reisepass(?:nummer|-?Nr\.?)?`,
  r`Pass-?Nr\.?`,
  r`[Pp]asseport(?:\s+n°)?`,
  r`Personalausweis(?:nummer|-?Nr\.?)?`,
  r`ID[- ]card(?:\s+(?:[Nn]o\.?|[Nn]umber))?`,
  r`[Nn]uméro de sécurité sociale`,
  r`NIR`,
  r`Aadhaa?r(?:\s+(?:[Nn]o\.?|[Nn]umber|#))?`,
  r`PPSN?(?:\s+(?:[Nn]o\.?|[Nn]umber))?`,
  r`TFN`,
  r`[Tt]ax\s+[Ff]ile(?:\s+(?:[Nn]o\.?|[Nn]umber))?`,
  r`PESEL`,
  r`CURP`,
  r`DNI`,
  r`NIE`,
  r`BSN`,
  r`CNIC`,
  r`NRIC`,
  r`ITIN`,
  r`PAN(?:\s+card)?`,
  r`[Pp]ersonnummer`,
  r`[Nn]ational\s+(?:ID|[Ii]d|[Ii]dentity|[Ii]nsurance|[Hh]ealth)(?:\s+(?:[Cc]ard|[Nn]o\.?|[Nn]umber))?`,
  r`[Ss]ocial(?:\s+(?:[Nn]o\.?|[Nn]umber|#))?(?=\s*[:#]?\s*\d)`,
  r`[Mm]edicare\s+(?:card\s+)?(?:[Nn]o\.?|[Nn]umber)`,
]);

/** A labelled identifier: "SSN 078051120", "passport no. C01X00T47", "NHS no: 9434765919". */
const LABELLED_ID = r`${START}${ID_LABEL}\s*(?:\(\s*(?:(?:[Nn]o\.?|[Nn]umber|#)\s*)?)?[:#]?\s*[A-Z0-9](?:[A-Z0-9]|[ -](?=[A-Z0-9])){4,}(?![\p{L}\p{N}])`;
/** US Social Security number: 078-05-1120, 078 05 1120. */
const SSN = r`${NUM_START}\d{3}([- ])\d{2}\1\d{4}${NUM_END}`;
/** UK NHS number: 943 476 5919 or 9434765919 (mod-11 check digit verified). */
const NHS_NUMBER = r`${NUM_START}\d{3}( ?)\d{3}\1\d{4}${NUM_END}`;
/** Brazilian CPF: 381.504.279-63. */
const CPF = r`${NUM_START}\d{3}\.\d{3}\.\d{3}-\d{2}${NUM_END}`;
/** Canadian SIN: 046 454 286, 046-454-286 (Luhn check digit verified). */
const SIN = r`${NUM_START}\d{3}([- ])\d{3}\1\d{3}${NUM_END}`;
/** UK National Insurance number: QQ 12 34 56 C, QQ123456C. */
const NI_NUMBER = r`${START}[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]${END}`;
/** German social insurance number: 12 150780 J 123. */
const SV_NUMBER = r`${START}\d{2} ?[0-3]\d[01]\d{3} ?[A-Z] ?\d{3}${END}`;
/** German tax id in its usual grouping: 12 345 678 901. */
const TAX_ID_GROUPED = r`${NUM_START}\d{2} \d{3} \d{3} \d{3}${NUM_END}`;
/** French NIR (social security number): 1 85 05 78 006 084 36, 13 or 15 digits. */
const FRENCH_NIR = r`${NUM_START}[12] ?\d{2} ?(?:0[1-9]|1[0-2]) ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3}(?: ?\d{2})?${NUM_END}`;

/** A labelled identifier needs at least five digits ("NHS 111" and "NHS 2019" pass). */
const enoughDigits: KindOf = (match) => (digitCount(match[0]) >= 5 ? 'national-id' : undefined);

/** True when the ten digits carry a valid NHS mod-11 check digit. */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/u.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  return expected !== 10 && expected === Number(digits[9]);
}

/** True when the digits pass the Luhn check (Canadian SIN). */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/u.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let value = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) value = value * 2 > 9 ? value * 2 - 9 : value * 2;
    sum += value;
  }
  return sum % 10 === 0;
}

const onlyDigits = (text: string) => text.replace(/\D/gu, '');

/** National identifier detectors, labelled forms first. */
export const nationalIdDetectors: readonly Detector[] = [
  { name: 'labelled national id or passport', pattern: rx(LABELLED_ID), kind: enoughDigits },
  { name: 'US SSN (078-05-1120)', pattern: rx(SSN), kind: 'national-id' },
  { name: 'Brazilian CPF (381.504.279-63)', pattern: rx(CPF), kind: 'national-id' },
  {
    name: 'UK NHS number (943 476 5919)',
    pattern: rx(NHS_NUMBER),
    // "087 555 0134": a number with a trunk 0 is a phone number, whatever its check digit.
    kind: (match) => {
      const digits = onlyDigits(match[0]);
      if (digits.startsWith('0'))
        return /\p{L}$/u.test(match.input?.slice(0, match.index) ?? '') ? undefined : 'phone';
      return isValidNhsNumber(digits) ? 'national-id' : undefined;
    },
  },
  {
    name: 'Canadian SIN (046 454 286)',
    pattern: rx(SIN),
    kind: (match) => (passesLuhn(onlyDigits(match[0])) ? 'national-id' : undefined),
  },
  { name: 'UK National Insurance number (QQ 12 34 56 C)', pattern: rx(NI_NUMBER), kind: 'national-id' },
  { name: 'German social insurance number', pattern: rx(SV_NUMBER), kind: 'national-id' },
  { name: 'German tax id (12 345 678 901)', pattern: rx(TAX_ID_GROUPED), kind: 'national-id' },
  { name: 'French NIR', pattern: rx(FRENCH_NIR), kind: 'national-id' },
];
