/**
 * Personal names (SPEC `name`): titles with a surname, first names, initials in a person context,
 * family names ("the Hendersons'"), names followed by an age ("Kayla, 16"). Ordinary words that are
 * also names ("Grace", "Will") count only when the context says person; theorists, eponyms, drugs,
 * holidays and acronyms never do.
 */
import {
  ACRONYMS,
  AMBIGUOUS_NAMES,
  CAPITALISED_COMMON,
  DRUGS,
  EPONYMS,
  HOLIDAYS,
  METHODS,
  THEORISTS,
} from './allow.js';
import {
  isCommonFirstName,
  isCommonSurname,
  isDemonym,
  isEnglishWord,
  isFirstName,
  isSurname,
} from './lexicon.js';
import { followedByAge, joined, keyAt, type Token } from './tokens.js';

/** Forms of address, lower case without the dot. */
export const TITLES = new Set(
  `mr mrs ms miss mx dr prof professor herr frau mme mlle madame monsieur mister missus sr sra señor
  señora sir dame rev fr father sister`.split(/\s+/u),
);

/** Words after which a word is someone's name: "pt Kayla", "client JT", "son Tyrone". */
const PERSON_BEFORE = new Set(
  `pt pts patient client clt cl resident student pupil child kid boy girl son daughter stepson
  stepdaughter stepdad stepmum stepmom husband wife partner boyfriend girlfriend bf gf fiance fiancé
  fiancee ex mum mom mam mother dad father brother sister sibling twin grandson granddaughter grandma
  grandpa grandad granddad grandmother grandfather granny gran nan nana nanna abuela abuelo oma opa
  nonna nonno auntie aunty nephew niece cousin aunt uncle baby toddler teen teenager supervisee trainee
  colleague coworker co-worker neighbour neighbor friend bestie carer caregiver named called aka
  nicknamed goes by re about with w and for see saw told tell ask asked met meeting seeing treating treat
  nurse doctor officer coach pastor rabbi imam tutor teacher lecturer manager boss`.split(/\s+/u),
);
/** Words for a person that open a chart-like label before an age ("Woman, 72,", "Teen, 16,"). */
const PERSON_NOUNS = new Set(
  `woman women man men lady gentleman male female teen teenager adolescent youth infant widow widower
  veteran vet mother father mum mom dad parent grandmother grandfather elder senior adult minor
  refugee inmate prisoner detainee worker carer caregiver student pupil client patient resident
  survivor victim offender`.split(/\s+/u),
);
/** Only these of {@link PERSON_BEFORE} are strong enough for a word that is also an ordinary word. */
const STRONG_BEFORE = new Set(
  `pt pts patient client clt resident son daughter husband wife partner boyfriend girlfriend named
  called aka nicknamed supervisee brother sister grandma grandpa grandad granddad granny gran nan nana
  abuela abuelo auntie aunty uncle`.split(/\s+/u),
);
/** Verbs after a word that make it a person: "Okafor says", "JT keeps". */
const PERSON_AFTER = new Set(
  `says said tells told wants wanted keeps kept refuses refused asked asks texts texted calls called
  rang phoned emailed cries cried feels felt hit hits cuts threatened disclosed started stopped missed
  misses attends attended came comes left leaves lives lived moved died is was has had won't doesn't
  didn't can't isn't wasn't hasn't thinks thought believes believed admits admitted denies denied
  insists insisted hates loves loved blames blamed screams screamed shouts shouted self-harms relapsed
  turns turned arrived arrives cancelled canceled cancels cancelling ghosted messaged overdosed
  texted`.split(/\s+/u),
);
/** Nouns after "X's" that make X a person: "Frank's daughter", "Wiremu's whānau". */
const KIN_AFTER = new Set(
  `mum mom mam mother mummy dad father daddy son daughter husband wife partner boyfriend girlfriend
  ex family whanau whānau brother sister siblings parents kids children baby carer grandmother
  grandfather grandma grandpa nan gran aunt uncle cousin teacher school friend friends boss mother-in-law
  father-in-law fiance fiancé fiancee stepdad stepmum stepmom`.split(/\s+/u),
);
/** Nouns after a capitalised word that make it a named thing: "Baker Act", "Balint group". */
export const NAMED_THING = new Set(
  `act acts scale scales syndrome disease disorder test tests method model inventory questionnaire
  criteria protocol approach technique effect experiment theory principle group groups therapy index
  score rule rules law laws sign reflex phenomenon paradox complex institute foundation trust prize
  award lecture curve type hypothesis sequence stage stages style guidelines guideline guidance
  competence competency ruling judgment judgement decision case duty warning defence defense standard
  criterion triad hierarchy pyramid cycle wheel chart assessment tool framework programme program
  protocol's paradigm position stance formulation diagnosis palsy`.split(/\s+/u),
);
/** Particles inside a full name ("Gilles de la Tourette", "Bessel van der Kolk"). */
const PARTICLES = new Set(['de', 'la', 'le', 'van', 'von', 'der', 'den', 'da', 'di', 'du', 'del', 'della']);
/** Words that start a sentence in German text, where every noun is capitalised. */
const GERMAN = new Set(
  `der die das den dem des und nicht ist hat sie er es ein eine einen mit vor nach bei wie auch aber
  noch sich mehr will wird kann ich wir ihr zu im vom zum zur jeden jede jeder kein keine nur schon
  sehr immer wieder heute seit seine ihre ihren meine oder wenn weil dass ruft trinkt`.split(/\s+/u),
);

/**
 * Short forms of specialties, services and roles that open a clinical sentence like a name would
 * ("Endo says no", "Neuro thinks functional", "Psych liaison won't come").
 */
export const CLINICAL_SHORT = new Set(
  `endo neuro psych psychs cardio gastro derm derms rheum rheumy onc onco haem heme obs gynae gyn
  paeds peds ortho orthos uro renal resp ent ophthal ophtho optom physio physios neurosurg neurol
  gen surg med meds ed a&e icu itu rehab pharm pharmacy micro path rads radiology anaesth anaesthetics
  anesthesia geri geris gerries psychiatry liaison crisis reg regs sho fy consultant consultants
  cons registrar matron sister charge nurse ward team mdt social services safeguarding ot ots salt
  dietetics dietitian dietician nutrition hep hepatology nephro pulm pulmo endocrine endocrinology
  immuno allergy palliative pall hospice peri perinatal neonatal neonates obstetrics midwife midwives
  hv health visitor gp gps locum locums triage`.split(/\s+/u),
);

/** Common short forms and nicknames that no name list carries ("Kev", "Bex", "Gaz", "Shaz"). */
export const NICKNAMES = new Set(
  `kev bex becks baz gaz daz shaz taz kaz jaz jez jonno robbo macca sully davo stevo mikey jonny
  tommo dicko gav kez tash tasha sas saz maz liz lizzie benji benno danno fitzy smithy jacko jono
  nico rafa pepe paco chucho lupe lalo memo nacho beto quique tito chela dani fer santi
  shaq dre tay tee jojo kiki lulu bibi mimi didi gigi nene kofi yaw kwabena ama abena obi emeka
  chidi tunde bayo dayo femi funmi seun tobi kemi wura siya thabo sipho lwazi bongi nomsa
  raju bablu pinky bunty chintu guddu munna sonu monu golu rinku tinku bittu pappu dolly
  wiremu hemi mere tama aroha rangi nikau manaia kiri wai pita rewi tui moana
  paddy seamus shay shea shane sean siobhan tadhg oisin cian niamh aoife saoirse caoimhe
  dai dafydd iolo gethin bryn rhys huw geraint lowri cerys bethan ffion sian
  hamish jock ally eck wullie morag jeanie kirsty catriona ailsa
  sasha misha pasha grisha dima vova zhenya lyosha tolya kolya vanya olya katya masha dasha
  gosia kasia basia zosia jurek wojtek bartek kuba tomek marek
  ahmo hamo moe mustafa abdi hodan ayaan faisal xasan cali
  lin mei xiao jun wei bao ming hui ling ying kai jin hoa linh thanh tuan duc anh
  `
    .split(/\s+/u)
    .filter((word) => word.length > 0),
);

/** Function words of Spanish, French, Italian and Portuguese, to recognise a sentence in one. */
const ROMANCE = new Set(
  `el los las una unos unas que con por para como cómo qué está estar muy pero porque cuando
  sus les del al hay mi tu yo es son ser tiene quiere puedo hago trabajo mucho también sin sobre
  le la les des du une est sont pas je il elle nous vous avec pour dans qui ce cette mais très
  comment aider ne suis ai avons sa ses leur cela patient patiente
  il lo gli della delle con per che non sono mio mia come sua suo questa questo anche molto
  o os um uma não com por para como muito está mas seu sua`.split(/\s+/u),
);

/** True when the text reads as Spanish, French, Italian or Portuguese (three or more function words). */
export function romanceText(tokens: readonly Token[]): boolean {
  const known = romanceCache.get(tokens);
  if (known !== undefined) return known;
  let count = 0;
  for (const token of tokens) if (!token.capital && ROMANCE.has(token.key)) count += 1;
  const romance = count >= 3 && count * 4 >= tokens.length;
  romanceCache.set(tokens, romance);
  return romance;
}
/** One answer per tokenised text (the rules ask for each word). */
const romanceCache = new WeakMap<readonly Token[], boolean>();

/** "IAPT-style", "CAMHS-led", "DBT-informed": a compound made on an acronym or a clinical term. */
export function acronymCompound(text: string): boolean {
  const parts = text.split('-');
  if (parts.length < 2) return false;
  const first = parts[0] ?? '';
  const rest = parts.slice(1).join('-').toLowerCase();
  return (
    /^\p{Lu}{2,}s?$/u.test(first) ||
    ACRONYMS.has(first.toLowerCase()) ||
    /^(?:style|like|ish|informed|based|led|focused|focussed|type|related|induced|friendly|free|only|lite|trained|certified|adjacent|esque|inspired|minded|specific|positive|negative|level)$/u.test(
      rest,
    )
  );
}

/** "DNAs", "SSRIs", "GPs": the plural of an acronym. */
export function acronymPlural(text: string): boolean {
  return /^\p{Lu}{2,}['’]?s$/u.test(text);
}

/** Single letters and pairs that look like initials but are not ("U.S.", "e.g."). */
const NOT_INITIALS = new Set(['us', 'uk', 'eu', 'un', 'nb', 'ps', 'aa', 'na', 'dc', 'am', 'pm', 'eg', 'ie']);

/** Never a name, whatever the case or context (except after a title); also in the plural ("Tuesdays"). */
export function isClean(key: string): boolean {
  return isCleanWord(key) || (key.endsWith('s') && key.length > 3 && isCleanWord(key.slice(0, -1)));
}

function isCleanWord(key: string): boolean {
  return (
    THEORISTS.has(key) ||
    EPONYMS.has(key) ||
    METHODS.has(key) ||
    DRUGS.has(key) ||
    HOLIDAYS.has(key) ||
    CAPITALISED_COMMON.has(key) ||
    isDemonym(key)
  );
}

/** The dotted-initials pattern: "J.T.", "J. T.", "K.L.M."; "J. Smith" is caught as a title-like form. */
export const DOTTED_INITIALS = /(?<![\p{L}\p{N}.])\p{Lu}\.\s?\p{Lu}\.(?:\s?\p{Lu}\.)?(?![\p{L}\p{N}])/gu;

/** Initials with an Irish or Scottish prefix: "D.O'S", "K.M'C.", "B. O'N" (apostrophes are folded). */
export const APOSTROPHE_INITIALS = /(?<![\p{L}\p{N}.])\p{Lu}\.\s?\p{Lu}'\p{Lu}\.?(?![\p{L}\p{N}])/u;

/** A lone initial signing off: 'signed "your biggest fan, T."', "love, K.", "— M." (not "A." or "I."). */
export const SIGN_OFF_INITIAL =
  /(?:,|[-–—]|(?<![\p{L}])(?:signed|love|from))\s*["“‘]?[B-HJ-Z]\.\s*["”’]?\s*(?:$|["”’)])/u;

/** Dotted initials in lower case: "j.w. again", "seeing k.m." (checked against {@link LOWER_NOT_INITIALS}). */
export const LOWER_DOTTED_INITIALS =
  /(?<![\p{L}\p{N}.])\p{Ll}\.\s?\p{Ll}\.(?:\s?\p{Ll}\.)?(?![\p{L}\p{N}])/gu;

/** Dotted abbreviations in lower case: Latin, dosing, routes, times ("e.g.", "b.d.", "p.r.n.", "a.m."). */
const LOWER_NOT_INITIALS = new Set(
  `eg ie am pm nb ps bd bid od po iv im sc sl pr ng qd qds tds tid qid prn ad bc ce vs cf aka dob
  us uk eu un mg ml hs ac pc qh qam qpm stat mr sr ir xl er la cr dr ft st nd rd th pt na rip asap
  etc et al op ot wc lhs rhs ok tv fo og`.split(/\s+/u),
);

/** True when a lower-case dotted match is a person's initials, not "e.g." or "b.d.". */
export function isLowerInitials(match: string): boolean {
  return !LOWER_NOT_INITIALS.has(match.replace(/[.\s]/gu, ''));
}

/** True when a dotted-initials match is a person's initials, not "U.S." or "e.g.". */
export function isInitials(match: string): boolean {
  return !NOT_INITIALS.has(match.replace(/[.\s]/gu, '').toLowerCase());
}

/** A word with capitals inside that ends in a capital: "MoCA", "DoLS" (acronyms, not names). */
export function acronymLike(text: string): boolean {
  return (
    /^\p{L}+$/u.test(text) && /\p{Lu}$/u.test(text) && /\p{Ll}/u.test(text) && /^.\p{Ll}*\p{Lu}/u.test(text)
  );
}

/** True when the text reads as German (several German function words), where nouns are capitalised. */
function germanText(tokens: readonly Token[]): boolean {
  const known = germanCache.get(tokens);
  if (known !== undefined) return known;
  let count = 0;
  for (const token of tokens) if (GERMAN.has(token.key)) count += 1;
  const german = count >= 2 || (count >= 1 && tokens.some((t) => GERMAN_NOUN_ENDING.test(t.key)));
  germanCache.set(tokens, german);
  return german;
}
/** One answer per tokenised text. */
const germanCache = new WeakMap<readonly Token[], boolean>();

/** "Glasgow Coma Scale", "Fraser guidelines": a run of capitalised words ending in a named-thing noun. */
export function namedThingAhead(tokens: readonly Token[], i: number): boolean {
  for (let k = i; k < i + 4; k += 1) {
    const token = tokens[k];
    if (token === undefined || !joined(token)) return false;
    const next = tokens[k + 1];
    if (next === undefined) return false;
    if (NAMED_THING.has(next.key)) return true;
    // "Stanford prison experiment", "Glasgow coma scale": one lower-case word before the noun.
    if (!next.capital && joined(next) && EPONYMOUS_THING.has(keyAt(tokens, k + 1, 1))) return true;
    if (!next.capital && !PARTICLES.has(next.key) && next.key !== 'of') return false;
  }
  return false;
}

/** Nouns that follow an eponym even with a word between: "Stanford prison experiment". */
const EPONYMOUS_THING = new Set(
  `experiment effect syndrome scale test inventory criteria protocol method model theory paradox
  principle phenomenon questionnaire technique`.split(/\s+/u),
);

/** "Gilles de la Tourette", "Donald Winnicott": a first name before a theorist or an eponym. */
function beforeCleanSurname(tokens: readonly Token[], i: number): boolean {
  for (let k = i + 1; k < i + 4; k += 1) {
    const token = tokens[k];
    if (token === undefined || !joined(tokens[k - 1])) return false;
    if (PARTICLES.has(token.key)) continue;
    // "Donald Winnicott" but not "Tom Baker" or "Peter Miller": the surname must be no everyday word.
    if (!token.capital || !isClean(token.key) || isEnglishWord(token.key) || AMBIGUOUS_NAMES.has(token.key)) {
      return false;
    }
    // "Melanie Klein on envy" but "LUCAS MORENO keeps": a common surname only in a theory context.
    const person = followedByAge(token) || (joined(token) && PERSON_AFTER.has(keyAt(tokens, k, 1)));
    return !isCommonSurname(token.key) || (!token.allCaps && !person);
  }
  return false;
}

/** "RB — chronic pain", "JT: keeps cancelling": initials that open the text, before a separator. */
function openingInitials(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  return i === 0 && token !== undefined && token.key.length <= 3 && /^\s*[-–—:,(]/u.test(token.after);
}

/** Grandad "Bunny", son ‘Tiny’: a quoted nickname right after a person word. */
function quotedNickname(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  const previous = tokens[i - 1];
  return (
    token !== undefined &&
    previous !== undefined &&
    token.capital &&
    /^\s*[:,]?\s*["“‘']$/u.test(previous.after) &&
    // The closing single quote is read as a possessive ending ("'Tiny'" → Tiny').
    (/^["”’']/u.test(token.after) || (/'$/u.test(token.text) && /'$/u.test(previous.after))) &&
    (PERSON_BEFORE.has(previous.key) || NICKNAME_INTRO.test(`${keyAt(tokens, i, -2)} ${previous.key}`))
  );
}

/** "known as", "goes by", "calls herself": what introduces a nickname in quotes. */
const NICKNAME_INTRO =
  /^(?:known|know|knew|referred|called|go|goes|going|went|gone|calls|call|calling|named|naming|names) (?:as|by|himself|herself|themself|themselves|hisself)$/u;

/**
 * Endings of drugs, conditions and clinical terms ("paliperidone", "melancholia", "hikikomori" aside):
 * an unknown capitalised word with one of them, and on no list of names, is clinical vocabulary.
 */
const CLINICAL_ENDING =
  /(?:ia|osis|itis|ism|pathy|phobia|philia|mania|algia|ectomy|otomy|plasty|scopy|ology|iatry|iatric|apine|azine|idone|azepam|azolam|xetine|opram|olol|pril|sartan|statin|mycin|cillin|barbital|triptyline|amine|afil|prazole|umab|imab|tinib|ivir|glutide|gliptin|formin|zodone|pirone|lamide|oxetine|ipramine|trigine|amate|peridol|pentin|gabalin|codone|morphone|orphine|ezil|antine)$/u;

/** Endings of German nouns ("Schulvermeidung", "Sturzangst"): capitalised in German, never a name here. */
const GERMAN_NOUN_ENDING =
  /(?:ung|ungen|keit|heit|schaft|tat|nis|angst|sucht|storung|ismus|stand|zeit|pflicht|hilfe|amt|arzt|arztin|schule)$/u;

/** "Freud's Mourning and Melancholia": the capitalised title of a work after its author's name. */
function titleOfWork(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 5; k -= 1) {
    const token = tokens[k];
    if (token === undefined || !joined(token)) return false;
    if (token.possessive && token.capital && isClean(token.key)) return true;
    if (!token.capital && !['and', 'of', 'the', 'a', 'in', 'on', 'to'].includes(token.key)) return false;
  }
  return false;
}

/** "Radical Acceptance by Tara Brach", "Attached by Levine and Heller": the author of a cited title. */
function authorCited(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 4; k -= 1) {
    const token = tokens[k];
    if (token === undefined || !joined(token)) return false;
    if (token.key === 'by') {
      const title = tokens[k - 1];
      return title !== undefined && title.capital && !title.sentenceStart && joined(title);
    }
    if (!token.capital && token.key !== 'and') return false;
  }
  return false;
}

/** "client Janet", "Benjamin, 15", "Abraham's mum", "Christian says": a person, not the theorist. */
function cleanNameInContext(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  const previous = tokens[i - 1];
  if (token === undefined) return false;
  const strongBefore =
    STRONG_BEFORE.has(keyAt(tokens, i, -1)) && previous !== undefined && /^\s+$/u.test(previous.after);
  const kinAfter = token.possessive && joined(token) && KIN_AFTER.has(keyAt(tokens, i, 1));
  const verbAfter = !token.possessive && joined(token) && PERSON_AFTER.has(keyAt(tokens, i, 1));
  return strongBefore || followedByAge(token) || kinAfter || verbAfter;
}

/**
 * "client \"Bex\"", "pt Como", "son Lincoln": a capitalised word right after a strong person word is
 * the person's name, even when a gazetteer also knows it as a town.
 */
export function strongPersonContext(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  const previous = tokens[i - 1];
  if (token === undefined || previous === undefined || !token.capital || token.allCaps) return false;
  if (isClean(token.key) || ACRONYMS.has(token.key) || NAMED_THING.has(token.key)) return false;
  if (!STRONG_BEFORE.has(previous.key)) return false;
  return /^\s*["“']?$/u.test(previous.after) && (!isEnglishWord(token.key) || quotedNickname(tokens, i));
}

/**
 * Authors cited by first name and surname, whose surname is also an everyday word or a common name,
 * and eponyms of that shape ("Charles Bonnet").
 */
const AUTHOR_PAIRS = new Set(
  `brene brown|gabor mate|esther perel|tara brach|pema chodron|kristin neff|russ harris|deb dana|
  sue johnson|janina fisher|richard schwartz|dick schwartz|peter levine|pat ogden|judith herman|
  lori gottlieb|johann hari|susie orbach|adam phillips|alice miller|paul gilbert|steven hayes|
  martin seligman|jordan peterson|oliver sacks|irvin yalom|daniel siegel|dan siegel|bessel kolk|
  thich hanh|eckhart tolle|brene browns|gabor mates|julia samuel|viktor frankl|carl rogers|aaron beck|
  judith beck|marsha linehan|john gottman|julie gottman|jon kabat-zinn|mark williams|mark epstein|
  jack kornfield|ram dass|byron katie|louise hay|jay shetty|mel robbins|glennon doyle|wendy mitchell|
  charles bonnet`
    .split('|')
    .map((pair) => pair.trim()),
);

/** "Brené Brown quotes": token `i` is part of a cited author's name. */
function citedAuthor(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  if (token === undefined || !token.capital) return false;
  const next = tokens[i + 1];
  const previous = tokens[i - 1];
  const withNext = next !== undefined && joined(token) && AUTHOR_PAIRS.has(`${token.key} ${next.key}`);
  const withPrevious =
    previous !== undefined && joined(previous) && AUTHOR_PAIRS.has(`${previous.key} ${token.key}`);
  return withNext || withPrevious;
}

/** Initials with an Irish or Scottish prefix in capitals: "KO'B", "DO'S", "MO'C". */
const PREFIX_INITIALS = /^\p{Lu}{1,2}'\p{Lu}{1,2}$/u;

/** Lower-case words that open a text like a name would but are short forms ("tbh, ...", "fyi: ..."). */
const OPENING_NOT_NAME = new Set(
  `tbh fyi btw imo imho idk lol omg ok okay update urgent help quick query question sorry note
  thanks thx pls please also hmm hello hi hey re fwd`.split(/\s+/u),
);

/**
 * "kev – benzos again", "siddharth: wants out", "aroha, 19": a lower-case first name, nickname or
 * unknown word opening the text before a separator or an age.
 */
function lowerOpeningName(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  if (token === undefined || token.capital || !token.sentenceStart || token.possessive) return false;
  const { key } = token;
  if (key.length < 3 || ACRONYMS.has(key) || isClean(key) || OPENING_NOT_NAME.has(key)) return false;
  if (AMBIGUOUS_NAMES.has(key) || CLINICAL_SHORT.has(key) || TITLES.has(key)) return false;
  if (!/^[\p{L}'-]+$/u.test(key) || CLINICAL_ENDING.test(key)) return false;
  const word = isEnglishWord(key);
  // "aroha, 19", "wiremu 16 –": an age after the name, with or without a comma.
  const bareAge = /^\s+(?:[1-9]|[1-8]\d)\s*(?:[,:;–—-]|$)/u.test(token.after);
  if (followedByAge(token) || bareAge) return (isFirstName(key) || NICKNAMES.has(key)) && !ACRONYMS.has(key);
  if (!/^\s*[,:–—-]\s/u.test(token.after) && !/^\s*[:–—]/u.test(token.after)) return false;
  if (word) return false;
  if (isFirstName(key) || NICKNAMES.has(key)) return true;
  // An unknown word ("bongani: wants out"), only when a person's doing follows ("hikikomori – how to" passes).
  const next = keyAt(tokens, i, 1);
  return key.length >= 4 && (PERSON_AFTER.has(next) || SPEECH_AFTER.has(next) || DOING_AFTER.has(next));
}

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

/** Combining forms of nationalities ("Anglo-Irish", "Afro-Caribbean", "Sino-Vietnamese"). */
const DEMONYM_PREFIXES = new Set(
  'anglo franco sino afro indo euro greco italo russo judeo hispano luso austro german americo'.split(' '),
);

/** Months and their short forms ("Jan" is also a name, "Mar" a word). */
const MONTHS =
  /^(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|may|june|july|august|september|october|november|december)$/u;

/** "died in Jan", "since Feb", "till June": a month after a word of time, neither a name nor a town. */
export function monthAfterTimeWord(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  if (token === undefined || !MONTHS.test(token.key) || token.possessive) return false;
  return /^(?:in|since|until|till|til|by|from|last|next|early|late|mid|end|before|after|during|through|thru|or)$/u.test(
    keyAt(tokens, i, -1),
  );
}

/** A pronoun and a verb written as one word ("I'm", "they've"). */
const PRONOUN_CONTRACTION = /^(?:i|you|we|they|he|she|it|who|that|there)'(?:m|d|ve|ll|re|s)$/u;

/** "priya k - AN readmit", "Tomasz W: DNA again": a first name, a lone letter, then a separator or the end. */
function firstNameAndInitial(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  const initial = tokens[i + 1];
  if (token === undefined || initial === undefined || initial.key.length !== 1 || !joined(token))
    return false;
  if (!/^\s*(?:[-–—:,;(]|$)/u.test(initial.after) || ['a', 'i'].includes(initial.key)) return false;
  const { key } = token;
  if (key.length < 3 || ACRONYMS.has(key) || isClean(key) || AMBIGUOUS_NAMES.has(key)) return false;
  return isFirstName(key) && (token.capital || !isEnglishWord(key));
}

/** Verbs that only a person does, strong enough even at a sentence start ("Rose texted", "Will says"). */
const SPEECH_AFTER = new Set(
  `says said tells told texts texted calls rang phoned emailed messaged refuses refused insists
  insisted denies denied admits admitted cancelled canceled cancels ghosted disclosed threatened
  attends attended missed misses died relapsed overdosed screamed shouted wants wanted asks asked`.split(
    /\s+/u,
  ),
);

/** Words after an opening name and a dash that tell what the person does ("kev – again", "raj: still"). */
const DOING_AFTER = new Set(
  `again back still now never always keeps kept won't can't doesn't didn't wants refuses missed
  missing using drinking relapsed discharged readmitted admitted arrested bailed released absconded`.split(
    /\s+/u,
  ),
);

/** Verbs after a word that say nothing about it being a person ("Hope is", "Grace was"). */
const COPULAS = new Set(['is', 'was', 'has', 'had', "isn't", "wasn't", "hasn't"]);

/** "the Hendersons'", "the Smiths": a family name in the plural after "the". */
function familyName(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i];
  if (token === undefined || keyAt(tokens, i, -1) !== 'the' || !token.key.endsWith('s')) return false;
  const stem = token.key.replace(/e?s$/u, '');
  const singular = token.key.slice(0, -1);
  return isSurname(singular) || isSurname(stem) || (!isEnglishWord(token.key) && !isEnglishWord(singular));
}

/** "Kayla Okafor": an unknown word right after or before a known first name is part of the name. */
function nextIsName(tokens: readonly Token[], i: number): boolean {
  const previous = tokens[i - 1];
  const next = tokens[i + 1];
  const firstBefore = previous?.capital === true && joined(previous) && isFirstName(previous.key);
  const firstAfter =
    next?.capital === true && joined(tokens[i]) && isFirstName(next.key) && !isClean(next.key);
  return firstBefore || firstAfter;
}
