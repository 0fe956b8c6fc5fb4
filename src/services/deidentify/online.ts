/**
 * Online and vehicle identifiers: IP addresses (v4, v6), social handles ("@kayla_m04", "insta is
 * jess.rides", "snap: lilmoon"), labelled record, plan, account, licence, device and policy numbers,
 * vehicle plates and VINs.
 */
import { isEnglishWord } from './lexicon.js';
import { type Detector, digitCount, END, type KindOf, r, rx, START } from './detector.js';

/** 192.168.0.1 (each part 0–255, checked below). */
const IPV4 = r`(?<![\p{N}.])(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\p{N}]|\.\p{N})`;
/** 2001:db8::1, fe80::1ff:fe23:4567:890a: hex groups with at least three colons. */
const IPV6 = r`(?<![\p{L}\p{N}:])(?=[0-9a-f:]*:[0-9a-f:]*:[0-9a-f:]*:)(?:[0-9a-f]{1,4}|:)(?::[0-9a-f]{0,4}){2,7}(?![\p{L}\p{N}:])`;

/** An @handle not part of an e-mail address (those are masked before). */
const AT_HANDLE = r`(?<![\p{L}\p{N}_.@])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}`;
/** A Reddit user or a subreddit-style handle: "u/throwaway_anxious88". */
const SLASH_HANDLE = r`(?<![\p{L}\p{N}_\/])\/?u\/[A-Za-z0-9_-]{3,40}(?![\p{L}\p{N}_])`;
/** A Discord tag of the old kind: "voidwalker#4471". */
const DISCORD_TAG = r`(?<![\p{L}\p{N}_.#])[A-Za-z0-9_.]{2,32}#\d{4}(?![\p{L}\p{N}])`;
/** A platform or handle label: "insta", "snap", "TikTok user", "username". */
const PLATFORM = r`(?:insta(?:gram)?|ig|snap(?:chat)?|tik\s?tok|twitter|threads|fb|facebook|reddit|discord|twitch|youtube|yt|tumblr|bereal|telegram|kik|x\.com)`;
const HANDLE_LABEL = r`(?:${PLATFORM}(?![\p{L}\p{N}_])(?:\s+(?:user(?:name)?|handle|account|name|id|is|@|:))*|(?:user\s?name|handle|gamer\s?tag|screen\s?name)(?![\p{L}\p{N}_]))`;
/** "insta is jess.rides", "snap: lilmoon", "TikTok user sadboi99". */
const LABELLED_HANDLE = r`${START}${HANDLE_LABEL}\s*(?:is|=|:|-|\()?\s*@?(?<handle>[A-Za-z0-9_][A-Za-z0-9_.]{2,29})(?![\p{L}\p{N}])`;

/** "games as xXReaperXx", "plays online as dark_lord77": a name someone goes by on a platform. */
const PLAYS_AS = r`${START}(?:games|gamed|gaming|plays|played|playing|streams|streamed|streaming|posts|posted|posting)\s+(?:online\s+)?as\s+(?<handle>[A-Za-z0-9_][A-Za-z0-9_.]{2,29})(?![\p{L}\p{N}])`;
/** "xXReaperXx", "xx_dark_xx": a handle framed with x's, as gamers write them. */
const FRAMED_HANDLE = r`${START}(?:xX|Xx|xx_|XX_)[A-Za-z0-9_]{2,24}(?:Xx|xX|_xx|_XX)${END}`;

/** Label words of record, plan, account, licence, device and policy numbers. */
const RECORD_WORDS = r`(?:MRN|mrn|[Mm]ember(?:\s+ID)?|[Pp]lan|[Aa]ccount|[Aa]cct|[Pp]olicy|[Ll]icen[cs]e|[Dd]river'?s\s+[Ll]icen[cs]e|DL|NPI|DEA|[Cc]ertificate|[Cc]ert|[Dd]evice|[Ss]erial|S\/N|s\/n|IMEI|[Cc]laim|[Gg]roup|[Ss]ubscriber|[Bb]eneficiary|[Mm]edicaid(?:\s+ID)?|[Mm]edicare(?:\s+(?:ID|number|no\.?))?|[Ii]nsurance(?:\s+ID)?|[Ii]nsurer|[Cc]ase\s+file|[Dd]ocket|[Bb]adge|[Ee]mployee\s+ID|[Ss]tudent\s+ID|[Hh]ealth\s+card|[Ll]ibrary\s+card|[Pp]acemaker|[Ii]mplant|[Pp]ump|[Cc]ard|[Rr]ef(?:erence)?\.?|[Ii]nmate|[Pp]risoner|[Bb]ooking|[Oo]ffender|[Cc]ustody|NOMS|[Dd]etainee)`;
/** "policy AB-99231", "pacemaker serial 88X21", "licence no. D1234567". */
const LABELLED_RECORD = r`${START}${RECORD_WORDS}(?:\s+(?:[Nn]o\.?|[Nn]umber|#|ID|serial|[Nn]r\.?))?\s*[:#]?\s*(?<value>[A-Z]{0,4}[- ]?\d[A-Z0-9-]{2,}|[A-Z]{1,4}\d[A-Z0-9-]*)(?![\p{L}\p{N}])`;

/**
 * A case reference with letters and three digits or more, or two groups of digits: "case 2022-CP-4418",
 * "case ref FD23P00412", "Case 77-0342" (not "case DSM-5", a date or a ZIP+4).
 */
const CASE_REFERENCE = r`${START}(?:[Cc]ase|[Cc]laim|[Dd]ocket)(?:\s+ref(?:erence)?\.?)?\s*[:#]?\s*(?:(?=[A-Z0-9-]*[A-Z])(?=(?:[A-Z-]*\d){3})(?=[A-Z0-9-]{6})[A-Z0-9]+(?:-[A-Z0-9]+)*|\d{2,4}-\d{3,6}(?!-|\d)|\d{7,})${END}`;
/** An Indian plate: state code, district number, series, number: "MH 12 DE 1433", "KA-05-MX-2211". */
const INDIAN_PLATE = r`${START}[A-Z]{2}[ -]?\d{1,2}[ -]?[A-Z]{1,3}[ -]?\d{4}${END}`;
/** A plate label: "plate 7XYZ123", "reg KY19 ABC", "licence plate: ABC-1234". */
const PLATE_LABEL = r`(?:(?:[Ll]icen[cs]e\s+|[Nn]umber\s+|[Rr]egistration\s+)?[Pp]lates?|[Rr]eg(?:istration)?(?:\s+(?:no\.?|number))?|[Rr]ego|[Tt]ags?|[Kk]ennzeichen|[Ii]mmatriculation)`;
const LABELLED_PLATE = r`${START}${PLATE_LABEL}\s*(?:#|:|,|is|no\.?|was)?\s*[(\["“]?\s*(?<plate>[A-Z0-9]{1,4}[ -]?[A-Z0-9]{2,5}(?:[ -][A-Z0-9]{1,4})?)(?![\p{L}\p{N}])`;
/** An Irish plate: year (and half), county code, number: "191-D-12345", "08-KY-4411". */
const IRISH_PLATE = r`${START}\d{2}[12]?[- ](?:C|CE|CN|CW|D|DL|G|KE|KK|KY|L|LD|LH|LK|LM|LS|MH|MN|MO|OY|RN|SO|T|TN|TS|W|WD|WH|WX|WW|NT|LK|WX)[- ]\d{2,6}${END}`;
/** A French or Italian plate: "AB-123-CD", "AB 123 CD". */
const LETTERS_DIGITS_LETTERS_PLATE = r`${START}[A-Z]{2}[- ]\d{3}[- ][A-Z]{2}${END}`;
/** A German plate: "B-MK 1234", "M AB 123" (city code, letters, digits). */
const GERMAN_PLATE = r`${START}[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} \d{1,4}[EH]?${END}`;
/**
 * Professional registration and licence numbers: "NMC PIN 12A3456E", "GMC 7123456", "AHPRA
 * MED0001234567", "HCPC reg PYL12345", "NPI 1234567893", "registration no. 445812".
 */
const REGISTRATION_LABEL = r`(?:NMC|GMC|GDC|GPhC|HCPC|AHPRA|NPI|NMBI|CORU|IMC|PSI|CPSO|CNO|CRNBC|OIIQ|SCWE|SSSC|NISCC|DEA|[Ll]icen[cs]e|[Pp]rofessional\s+[Rr]egistration|[Rr]egistration|[Rr]egistered|PIN)`;
const REGISTRATION_NUMBER = r`${START}${REGISTRATION_LABEL}(?:\s+(?:PIN|[Rr]eg(?:istration)?\.?|[Nn]umber|[Nn]o\.?|#|ID|[Cc]ode))*\s*[:#]?\s*(?<value>[A-Z]{0,4}[- ]?\d[A-Z0-9-]{3,}|[A-Z]{1,4}\d[A-Z0-9-]{2,})(?![\p{L}\p{N}])`;
/** A registration number needs four digits and is no year ("registered 2019" passes). */
const registrationLike: KindOf = (match) => {
  const value = match.groups?.['value'] ?? '';
  if (/^(?:19|20)\d{2}$/u.test(value)) return undefined;
  // "PIN 560034": six digits alone after "PIN" are an Indian postcode (an NMC PIN has letters).
  if (/^PIN$/u.test(match[0].slice(0, 3)) && /^\d{6}$/u.test(value)) return undefined;
  return digitCount(value) >= 4 ? 'record-number' : undefined;
};
/** Words for a vehicle and common makes and models: a plate in brackets or after a comma follows them. */
const VEHICLE = r`(?:[Cc]ar|[Vv]an|[Tt]ruck|[Uu]te|SUV|[Jj]eep|[Mm]otorbike|[Mm]otorcycle|[Ss]cooter|[Ll]orry|[Tt]axi|[Cc]ab|[Pp]ickup|[Hh]atchback|[Ss]aloon|[Ss]edan|Corolla|Camry|Civic|Accord|Prius|Yaris|RAV4|Hilux|Golf|Polo|Passat|Fiesta|Focus|Transit|Ranger|Mustang|Corsa|Astra|Qashqai|Octavia|Fabia|Clio|Megane|Micra|Altima|Sentra|Impreza|Outback|Silverado|Tacoma|Commodore|Falcon|Tesla|BMW|Audi|Merc|Mercedes|Honda|Toyota|Ford|Nissan|Kia|Hyundai|Mazda|Subaru|Volvo|Skoda|VW|Vauxhall|Peugeot|Renault|Citroen|Fiat|Mini|Dodge|Chevy|Chevrolet|Holden)`;
/** "grey Corolla (WDR 441)", "silver Camry, 8ABC 123": a plate right after a vehicle. */
const VEHICLE_PLATE = r`${START}${VEHICLE}\s*(?:,\s*|\(\s*|\[\s*)(?<plate>[A-Z0-9]{1,4}[ -]?[A-Z0-9]{2,5})(?![\p{L}\p{N}])`;

/** A current UK plate: "KY19 ABC". */
const UK_PLATE = r`${START}[A-Z]{2}\d{2}\s?[A-Z]{3}${END}`;
/** A VIN: 17 characters without I, O or Q. */
const VIN = r`${START}(?:VIN\s*[:#]?\s*)?[A-HJ-NPR-Z0-9]{17}${END}`;

/** Every part of an IPv4 address is at most 255, and "1.2.3.4" style version numbers are rare here. */
const validIpv4: KindOf = (match) =>
  match.slice(1, 5).every((part) => Number(part) <= 255) ? 'ip-address' : undefined;

/** A handle after a label must look like one: a digit, a dot or an underscore, or no English word. */
const handleLike: KindOf = (match) => {
  const handle = match.groups?.['handle'] ?? '';
  const label = match[0].slice(0, match[0].length - handle.length);
  // "how to handle the rupture": a bare label word needs a colon, "=" or "@" to announce a handle.
  const platform =
    /insta|ig|snap|tik|twitter|threads|fb|facebook|reddit|discord|twitch|youtube|yt|tumblr|bereal|telegram|kik|x\.com/iu;
  const explicit =
    /[:=@]/u.test(label) ||
    (platform.test(label) && /(?<!\p{L})(?:user(?:name)?|handle|name|tag)(?!\p{L})/iu.test(label));
  // "how do I handle Mr Haddad", "handle pts who": the verb, unless a colon, "is" or "@" says label.
  if (/^handle/iu.test(label.trim()) && !/[:=@]|\bis\b/iu.test(label)) return undefined;
  if (/[\d._]/u.test(handle)) return 'social-handle';
  return explicit || !isEnglishWord(handle.toLowerCase()) ? 'social-handle' : undefined;
};

/** A plate needs a digit and a letter ("tag 1234" and "reg no" pass). */
const plateLike: KindOf = (match) => {
  const plate = match.groups?.['plate'] ?? '';
  return /\d/u.test(plate) && /[A-Z]/u.test(plate) ? 'vehicle-plate' : undefined;
};

/** A VIN mixes letters and digits. */
const vinLike: KindOf = (match) =>
  /\d.*\d/u.test(match[0]) && /[A-Z].*[A-Z]/u.test(match[0]) ? 'vehicle-plate' : undefined;

/** A labelled record needs at least two digits ("plan B2" and "group 1" pass). */
const recordLike: KindOf = (match) =>
  digitCount(match.groups?.['value'] ?? '') >= 2 ? 'record-number' : undefined;

/** IP address detectors; they run before dates and phone numbers. */
export const ipDetectors: readonly Detector[] = [
  { name: 'IPv4 address', pattern: rx(IPV4), kind: validIpv4 },
  { name: 'IPv6 address', pattern: rx(IPV6, 'i'), kind: 'ip-address' },
];

/** Social handle detectors; they run after e-mail addresses are masked. */
export const handleDetectors: readonly Detector[] = [
  { name: '@handle', pattern: rx(AT_HANDLE), kind: 'social-handle' },
  { name: 'Reddit user (u/name)', pattern: rx(SLASH_HANDLE), kind: 'social-handle' },
  { name: 'handle framed with x (xXReaperXx)', pattern: rx(FRAMED_HANDLE), kind: 'social-handle' },
  { name: 'Discord tag (voidwalker#4471)', pattern: rx(DISCORD_TAG), kind: 'social-handle' },
  { name: 'name played or posted under (games as xXReaperXx)', pattern: rx(PLAYS_AS, 'i'), kind: handleLike },
  { name: 'labelled handle (insta is x)', pattern: rx(LABELLED_HANDLE, 'i'), kind: handleLike },
];

/** Vehicle and labelled record detectors; they run before the plain number detectors. */
export const vehicleAndRecordDetectors: readonly Detector[] = [
  { name: 'VIN', pattern: rx(VIN), kind: vinLike },
  { name: 'case reference (case 2022-CP-4418)', pattern: rx(CASE_REFERENCE), kind: 'record-number' },
  { name: 'Indian plate (MH 12 DE 1433)', pattern: rx(INDIAN_PLATE), kind: 'vehicle-plate' },
  {
    name: 'professional registration number (GMC 7123456)',
    pattern: rx(REGISTRATION_NUMBER),
    kind: registrationLike,
  },
  { name: 'Irish plate (191-D-12345)', pattern: rx(IRISH_PLATE), kind: 'vehicle-plate' },
  {
    name: 'French or Italian plate (AB-123-CD)',
    pattern: rx(LETTERS_DIGITS_LETTERS_PLATE),
    kind: 'vehicle-plate',
  },
  { name: 'German plate (B-MK 1234)', pattern: rx(GERMAN_PLATE), kind: 'vehicle-plate' },
  { name: 'labelled plate (plate 7XYZ123)', pattern: rx(LABELLED_PLATE), kind: plateLike },
  { name: 'plate after a vehicle (Corolla (WDR 441))', pattern: rx(VEHICLE_PLATE), kind: plateLike },
  { name: 'UK plate (KY19 ABC)', pattern: rx(UK_PLATE), kind: 'vehicle-plate' },
  { name: 'labelled record number (policy AB-99231)', pattern: rx(LABELLED_RECORD), kind: recordLike },
];
