/**
 * Word lists of the name rules: forms of address, the words around a person, nicknames, clinical short
 * forms, and words that are never names.
 */

/** Forms of address, lower case without the dot. */
export const TITLES = new Set(
  `mr mrs ms miss mx dr prof professor herr frau mme mlle madame monsieur mister missus sr sra señor
  señora sir dame rev fr father sister`.split(/\s+/u),
);

/** Words after which a word is someone's name: "pt Kayla", "client JT", "son Tyrone". */
export const PERSON_BEFORE = new Set(
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
export const PERSON_NOUNS = new Set(
  `woman women man men lady gentleman male female teen teenager adolescent youth infant widow widower
  veteran vet mother father mum mom dad parent grandmother grandfather elder senior adult minor
  refugee inmate prisoner detainee worker carer caregiver student pupil client patient resident
  survivor victim offender`.split(/\s+/u),
);

/** Only these of {@link PERSON_BEFORE} are strong enough for a word that is also an ordinary word. */
export const STRONG_BEFORE = new Set(
  `pt pts patient client clt resident son daughter husband wife partner boyfriend girlfriend named
  called aka nicknamed supervisee brother sister grandma grandpa grandad granddad granny gran nan nana
  abuela abuelo auntie aunty uncle`.split(/\s+/u),
);

/** Verbs after a word that make it a person: "Okafor says", "JT keeps". */
export const PERSON_AFTER = new Set(
  `says said tells told wants wanted keeps kept refuses refused asked asks texts texted calls called
  rang phoned emailed cries cried feels felt hit hits cuts threatened disclosed started stopped missed
  misses attends attended came comes left leaves lives lived moved died is was has had won't doesn't
  didn't can't isn't wasn't hasn't thinks thought believes believed admits admitted denies denied
  insists insisted hates loves loved blames blamed screams screamed shouts shouted self-harms relapsed
  turns turned arrived arrives cancelled canceled cancels cancelling ghosted messaged overdosed
  texted`.split(/\s+/u),
);

/** Nouns after "X's" that make X a person: "Frank's daughter", "Wiremu's whānau". */
export const KIN_AFTER = new Set(
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
export const PARTICLES = new Set([
  'de',
  'la',
  'le',
  'van',
  'von',
  'der',
  'den',
  'da',
  'di',
  'du',
  'del',
  'della',
]);

/** Words that start a sentence in German text, where every noun is capitalised. */
export const GERMAN = new Set(
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
export const ROMANCE = new Set(
  `el los las una unos unas que con por para como cómo qué está estar muy pero porque cuando
  sus les del al hay mi tu yo es son ser tiene quiere puedo hago trabajo mucho también sin sobre
  le la les des du une est sont pas je il elle nous vous avec pour dans qui ce cette mais très
  comment aider ne suis ai avons sa ses leur cela patient patiente
  il lo gli della delle con per che non sono mio mia come sua suo questa questo anche molto
  o os um uma não com por para como muito está mas seu sua`.split(/\s+/u),
);

/** Single letters and pairs that look like initials but are not ("U.S.", "e.g."). */
export const NOT_INITIALS = new Set([
  'us',
  'uk',
  'eu',
  'un',
  'nb',
  'ps',
  'aa',
  'na',
  'dc',
  'am',
  'pm',
  'eg',
  'ie',
]);

/** Dotted abbreviations in lower case: Latin, dosing, routes, times ("e.g.", "b.d.", "p.r.n.", "a.m."). */
export const LOWER_NOT_INITIALS = new Set(
  `eg ie am pm nb ps bd bid od po iv im sc sl pr ng qd qds tds tid qid prn ad bc ce vs cf aka dob
  us uk eu un mg ml hs ac pc qh qam qpm stat mr sr ir xl er la cr dr ft st nd rd th pt na rip asap
  etc et al op ot wc lhs rhs ok tv fo og`.split(/\s+/u),
);

/** Nouns that follow an eponym even with a word between: "Stanford prison experiment". */
export const EPONYMOUS_THING = new Set(
  `experiment effect syndrome scale test inventory criteria protocol method model theory paradox
  principle phenomenon questionnaire technique`.split(/\s+/u),
);

/** "known as", "goes by", "calls herself": what introduces a nickname in quotes. */
export const NICKNAME_INTRO =
  /^(?:known|know|knew|referred|called|go|goes|going|went|gone|calls|call|calling|named|naming|names) (?:as|by|himself|herself|themself|themselves|hisself)$/u;

/**
 * Endings of drugs, conditions and clinical terms ("paliperidone", "melancholia", "hikikomori" aside):
 * an unknown capitalised word with one of them, and on no list of names, is clinical vocabulary.
 */
export const CLINICAL_ENDING =
  /(?:ia|osis|itis|ism|pathy|phobia|philia|mania|algia|ectomy|otomy|plasty|scopy|ology|iatry|iatric|apine|azine|idone|azepam|azolam|xetine|opram|olol|pril|sartan|statin|mycin|cillin|barbital|triptyline|amine|afil|prazole|umab|imab|tinib|ivir|glutide|gliptin|formin|zodone|pirone|lamide|oxetine|ipramine|trigine|amate|peridol|pentin|gabalin|codone|morphone|orphine|ezil|antine)$/u;

/** Endings of German nouns ("Schulvermeidung", "Sturzangst"): capitalised in German, never a name here. */
export const GERMAN_NOUN_ENDING =
  /(?:ung|ungen|keit|heit|schaft|tat|nis|angst|sucht|storung|ismus|stand|zeit|pflicht|hilfe|amt|arzt|arztin|schule)$/u;

/**
 * Authors cited by first name and surname, whose surname is also an everyday word or a common name,
 * and eponyms of that shape ("Charles Bonnet").
 */
export const AUTHOR_PAIRS = new Set(
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

/** Initials with an Irish or Scottish prefix in capitals: "KO'B", "DO'S", "MO'C". */
export const PREFIX_INITIALS = /^\p{Lu}{1,2}'\p{Lu}{1,2}$/u;

/** Lower-case words that open a text like a name would but are short forms ("tbh, ...", "fyi: ..."). */
export const OPENING_NOT_NAME = new Set(
  `tbh fyi btw imo imho idk lol omg ok okay update urgent help quick query question sorry note
  thanks thx pls please also hmm hello hi hey re fwd`.split(/\s+/u),
);

/** Combining forms of nationalities ("Anglo-Irish", "Afro-Caribbean", "Sino-Vietnamese"). */
export const DEMONYM_PREFIXES = new Set(
  'anglo franco sino afro indo euro greco italo russo judeo hispano luso austro german americo'.split(' '),
);

/** Months and their short forms ("Jan" is also a name, "Mar" a word). */
export const MONTHS =
  /^(?:jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|may|june|july|august|september|october|november|december)$/u;

/** A pronoun and a verb written as one word ("I'm", "they've"). */
export const PRONOUN_CONTRACTION = /^(?:i|you|we|they|he|she|it|who|that|there)'(?:m|d|ve|ll|re|s)$/u;

/** Verbs that only a person does, strong enough even at a sentence start ("Rose texted", "Will says"). */
export const SPEECH_AFTER = new Set(
  `says said tells told texts texted calls rang phoned emailed messaged refuses refused insists
  insisted denies denied admits admitted cancelled canceled cancels ghosted disclosed threatened
  attends attended missed misses died relapsed overdosed screamed shouted wants wanted asks asked`.split(
    /\s+/u,
  ),
);

/** Words after an opening name and a dash that tell what the person does ("kev – again", "raj: still"). */
export const DOING_AFTER = new Set(
  `again back still now never always keeps kept won't can't doesn't didn't wants refuses missed
  missing using drinking relapsed discharged readmitted admitted arrested bailed released absconded`.split(
    /\s+/u,
  ),
);

/** Verbs after a word that say nothing about it being a person ("Hope is", "Grace was"). */
export const COPULAS = new Set(['is', 'was', 'has', 'had', "isn't", "wasn't", "hasn't"]);
