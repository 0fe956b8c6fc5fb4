/**
 * Word lists of the place rules: words before a place, words that close an institution name, generic
 * words that name no place.
 */

/** Words before a place: "in Leeds", "moved to Cork", "near Harrow". */
export const PLACE_BEFORE = new Set(
  'in from near to at outside around toward towards via into across between of past beyond'.split(' '),
);

/** Capitalised words after "in" or "to" that are no place ("in Year 9", "in Recovery", "to God"). */
export const NOT_PLACE_AFTER_IN = new Set(
  `year reception form grade class section part phase stage level step module session week month
  recovery crisis therapy treatment remission care custody foster detox rehab respite psychiatry psychology
  paediatrics pediatrics neurology oncology medicine surgery emergency maternity outpatients ward
  heaven hell god church mass chapel prayer love denial shock tears pain bed hospice hospital
  court prison school college work home theory practice person general private public spring summer
  autumn fall winter the a an my his her their our english french spanish jan feb mar apr jun jul aug
  sep sept oct nov dec`.split(/\s+/u),
);

/** Words that make what precedes them an institution: "Lincoln High", "St Brigid's Hospital". */
export const INSTITUTION = new Set(
  `high school academy college university hospital infirmary clinic church cathedral chapel mosque
  synagogue temple parish prison jail gaol penitentiary club centre center elementary primary middle
  secondary prep grammar comprehensive gymnasium lyceum lycée mall hall manor library station
  county borough township district village heights estate council ns hs ms es jhs uni poly hostel
  refuge shelter surgery practice barracks base camp court park bridge beach bay lake lough loch
  river falls tower towers castle abbey pier harbour harbor airport stadium arena market square
  gardens flats house mills mill springs creek valley woods forest island isle point cove quay
  common green road street avenue lane reservation rancheria pueblo kibbutz moshav`.split(/\s+/u),
);

/** Institution words that also close a name written in lower case: "Tower Hamlets council". */
export const LOWER_INSTITUTION = new Set(
  `school academy college hospital clinic church mosque synagogue temple parish prison jail council
  estate hostel refuge shelter high elementary primary`.split(/\s+/u),
);

/** Nouns after a school's or employer's own name: "McGill student", "Tesco cashier". */
export const MEMBER_AFTER = new Set(
  `student students grad graduate graduates alum alumna alumnus alumni undergrad undergraduate
  postgrad fresher freshman sophomore dropout pupil pupils professor lecturer staffer employee
  employees cashier porter inmate inmates prisoner detainee resident intern`.split(/\s+/u),
);

/** Nouns after a school's initials that make them a school: "UCLA sophomore". */
export const SCHOOL_MEMBER_AFTER = new Set(
  `student students grad graduate alum alumna alumnus undergrad undergraduate postgrad fresher freshman
  sophomore junior senior dropout campus dorm`.split(/\s+/u),
);

/** "Lagos-born", "Texas-raised": where someone comes from. */
export const ORIGIN = /^(\p{L}[\p{L}-]*)-(?:born|raised|bred|based)$/u;

/** Prefixes of a prison's name (UK, US federal and state). */
export const PRISON_PREFIX = new Set([
  'hmp',
  'hmyoi',
  'hmpyoi',
  'hmip',
  'hm',
  'fci',
  'usp',
  'fcc',
  'fdc',
  'mdc',
  'sci',
  'cdcr',
]);

/** Landmark nouns before "of": "the Cliffs of Moher", "Rock of Cashel", "Isle of Wight". */
export const LANDMARK_OF = new Set(
  'cliffs cliff rock ring isle island bay lake lough loch mount vale valley port bridge falls'.split(' '),
);

/** Capitalised words that name no place after "at the" ("at the Trust", "at the Board"). */
export const NOT_A_PLACE = new Set(
  `trust board council department dept unit ward team service services office court tribunal
  clinic hospital practice surgery centre center home house group meeting party end start time
  moment weekend beginning hearing inquest funeral wedding christening service`.split(/\s+/u),
);

/** Capitalised words that do not name an institution by themselves ("Community Mental Health Centre"). */
export const GENERIC = new Set(
  `community general memorial children's childrens women's mental health state county city royal
  university public private primary secondary high middle elementary catholic methodist baptist
  anglican sunday local district regional national federal medical psychiatric behavioral
  behavioural care nursing day youth family the a an our my his her their this that special
  independent free charter grammar comprehensive junior senior infant nursery sixth form rehab
  recovery crisis treatment veterans va nhs trust foundation teaching main new old gender identity
  eating disorder disorders addiction addictions memory pain sleep fertility sexual trauma perinatal
  maternity early intervention psychosis dementia autism learning disability disabilities liaison
  assessment adolescent adult adults child specialist integrated outpatient inpatient walk-in urgent
  emergency student students counselling counseling wellbeing well-being health-care healthcare
  primary-care secure forensic salvation army barnardo's barnardos ymca ywca`.split(/\s+/u),
);

/** Words after which a proper name is an employer or school: "works at Costco". */
export const EMPLOYER_BEFORE =
  /\b(?:works?|working|worked|job|jobs|employed|shifts?|manager|teacher|teaches|teaching|nurse|nursing|doctor|gp|consultant|registrar|student|pupil|studies|studying|studied|goes|attends|attending|attended|enrolled|fired|sacked|volunteers?|volunteering|placement|cleaner|cashier|carer|porter|intern|trainee|staff|admitted|inpatient|sectioned|detained)(?:\s+(?:nights|days|shifts|part-time|full-time|weekends))?\s+(?:at|for|in)\s+(?:the\s+)?$|\b(?:released|paroled|discharged|transferred|moved|escaped|absconded|remanded|incarcerated|jailed|imprisoned|locked\s+up|banged\s+up|inside|serving|served|time|sentence|seen|assessed|treated|admitted|sectioned|detained|stayed|stay|spell|stint|years?|months?|weeks?|graduated|dropped\s+out|expelled|excluded|suspended|kicked\s+out)(?:\s+(?:back|again|later|early|overnight))?\s+(?:at|in|from|to|into|out\s+of)\s+(?:the\s+)?$/iu;

/** Words in the gazetteer that also describe a kind of town ("college town", "boom town"). */
export const NOT_TOWN_BEFORE_TOWN = new Set(
  'college university boom home hope market ghost company mining mill port border garden new old big small inner'.split(
    ' ',
  ),
);
