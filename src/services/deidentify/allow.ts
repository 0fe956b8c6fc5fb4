/**
 * What is clean although it looks like a name or a place (SPEC "NOT names" / "NOT places"): theorists
 * cited as theory, eponymous conditions and tests, named methods, drugs, holidays, acronyms, states,
 * provinces, countries and regions, and ordinary words that are also first names. Lower case throughout.
 * Kept as data because a gazetteer or a name list cannot tell "Klein" the theorist from a client.
 */

/** A set of lookup keys (lower case, diacritics dropped, as the tokens' keys). */
const words = (text: string): ReadonlySet<string> =>
  new Set(
    text
      .trim()
      .split(/\s+/u)
      .map((word) => word.normalize('NFD').replace(/\p{M}/gu, '')),
  );

/** Theorists, authors and schools of thought: clean when cited as theory. */
export const THEORISTS = words(`
  parkes peplau orem leininger benner nightingale roper
  freud winnicott klein jung beck rogers bion kohut linehan bowlby balint yalom adler lacan ainsworth
  erikson erickson piaget minuchin satir gottman perls ellis seligman maslow skinner pavlov bateson
  kernberg fonagy porges kolk horney sullivan fromm fairbairn guntrip mahler bowen haley madanes
  whitaker ferenczi rank reich lowen hayes kabat-zinn zinn siegel schore stern tronick bateman
  masterson kubler-ross kübler-ross worden frankl may glasser berne harris miller rollnick prochaska
  diclemente hellinger moreno janet charcot breuer abraham ogden levine shapiro padesky
  greenberger burns kabat segal teasdale williams gilbert neff hofmann barlow foa resick ehlers clark
  wells salkovskis meichenbaum lazarus bandura watson thorndike vygotsky kegan gilligan kohlberg
  marcia spitz bettelheim laing szasz goffman foucault bronfenbrenner mentalization mentalisation
  jungian freudian kleinian kohutian lacanian rogerian winnicottian bionian adlerian ericksonian
  gottmans schema stolorow mitchell benjamin aron bollas casement mcwilliams gabbard yalom's hayes'
  hollis hillman eigen symington steiner britton segal's ogden's tavistock anna-freud
  herman kolk courtois briere kluft nijenhuis porges fosha ecker bromberg benjamin searles racker
  heimann bick tustin meltzer rosenfeld milner fraiberg trevarthen beebe lachmann sroufe crittenden
  hesse harlow bowlby's rutter spitz stroebe bonanno doka worden kubler maté csikszentmihalyi dweck
  kahneman tversky festinger kierkegaard nietzsche heidegger sartre camus buber levinas kristeva
  irigaray fanon freire kafka dostoevsky tolstoy shakespeare plato aristotle socrates descartes
  spinoza kant hegel wittgenstein husserl merleau-ponty arendt jaspers kraepelin bleuler schneider
  laing szasz basaglia pinel tuke hippocrates galen osler kleinman epston selvini palazzoli seikkula
  shazer minuchin's satir's yalom's linehan's beck's rogers' ryle ainsworth's kohut's bion's
  winnicott's lacan's jung's klein's freud's maslow's erikson's piaget's vygotsky's assagioli grof
  wilber frankl's skinner's pavlov's ekman damasio panksepp ledoux sapolsky gendlin greenson langs
  kernberg's masterson's mcwilliams' fairbairn's guntrip's bateman's fonagy's gergely target's luyten
  rogers's gestalt ericksonian satir
`);

/** Eponymous conditions, signs, syndromes, scales and tests (also with "'s"). */
export const EPONYMS = words(`
  asperger asperger's aspergers alzheimer alzheimer's alzheimers parkinson parkinson's parkinsons
  tourette tourette's tourettes munchausen munchausen's münchhausen capgras korsakoff korsakoff's
  korsakov huntington huntington's down down's cotard cotard's fregoli wernicke wernicke's broca
  broca's crohn crohn's cushing cushing's addison addison's graves graves' hashimoto hashimoto's
  raynaud raynaud's bell's guillain-barre guillain-barré barré tay-sachs rett rett's williams' prader-willi
  angelman ehlers-danlos marfan turner turner's klinefelter klinefelter's lewy pick pick's creutzfeldt-jakob
  ganser de clérambault clerambault othello diogenes cinderella rorschach wechsler
  stanford-binet likert apgar montgomery-åsberg asberg åsberg
  yale-brown conners beck's geriatric mini-mental addenbrooke addenbrooke's
  kübler heimlich heimlich's baker marchman jellinek stevens-johnson tardieu kanner dunning-kruger
  dunning kruger pygmalion rosenhan milgram zimbardo hawthorne oedipus oedipal electra narcissus
  icarus sisyphus cassandra medusa socratic
  tarasoff gillick caldicott bolam bournewood mcnaghten m'naghten naghten marchman baker-act
  beck-depression epworth hamilton-depression young-mania glasgow-blatchford apgar's valsalva
  trendelenburg romberg babinski rinne snellen ishihara heberden dupuytren bouchard osgood schlatter
  legg perthes scheuermann ménière meniere hirschsprung kawasaki duchenne charcot-marie-tooth
  friedreich guillain sjogren sjögren behcet behçet kaposi hodgkin hodgkin's burkitt wilms kaposi's
  addisonian cushingoid graves's tourettes' fragile angelman's dravet lennox-gastaut rett's
  sturge-weber von willebrand willebrand gilbert's ebola zika marburg epstein-barr coxsackie
  munchausen-by-proxy ganser's cotard's capgras' fregoli's bonnet ekbom de clérambault's stendhal
  diogenes' othello's pygmalion's hawthorne's dunning-kruger's barnum forer zeigarnik pratfall
  baader-meinhof streisand
`);

/** Named therapies, methods and programmes (the capitalised words in them). */
export const METHODS = words(`
  gottman maudsley tavistock mindfulness hakomi feldenkrais alexander montessori bobath tidal
  recovery star wellness samaritans alcoholics narcotics anonymous al-anon alateen smart
  headspace calm kooth shout mind rethink sane papyrus nami mhfa aa na ca
`);

/** Drugs: generic and common brand names, lower case (case does not matter for drugs). */
export const DRUGS = words(`
  buvidal suboxone subutex espranor sublocade pabrinex thiamine acamprosate campral antabuse
  sertraline zoloft lustral fluoxetine prozac citalopram celexa cipramil escitalopram lexapro cipralex
  paroxetine paxil seroxat fluvoxamine luvox venlafaxine effexor desvenlafaxine pristiq duloxetine
  cymbalta mirtazapine remeron bupropion wellbutrin zyban trazodone desyrel vortioxetine trintellix
  brintellix agomelatine valdoxan amitriptyline elavil nortriptyline clomipramine anafranil imipramine
  phenelzine nardil tranylcypromine esketamine spravato ketamine lithium priadel camcolit lamotrigine
  lamictal valproate depakote epilim carbamazepine tegretol oxcarbazepine quetiapine seroquel
  olanzapine zyprexa risperidone risperdal aripiprazole abilify abilify-maintena haloperidol haldol
  clozapine clozaril leponex lurasidone latuda paliperidone invega xeplion ziprasidone geodon
  cariprazine vraylar brexpiprazole rexulti chlorpromazine largactil amisulpride solian flupentixol
  zuclopenthixol diazepam valium lorazepam ativan ativan's alprazolam xanax clonazepam klonopin rivotril
  temazepam oxazepam chlordiazepoxide librium zopiclone zolpidem ambien buspirone buspar pregabalin
  lyrica gabapentin neurontin propranolol inderal hydroxyzine atarax promethazine phenergan melatonin
  circadin methylphenidate ritalin concerta medikinet equasym lisdexamfetamine vyvanse elvanse
  dexamfetamine adderall atomoxetine strattera guanfacine intuniv clonidine modafinil naltrexone
  vivitrol acamprosate campral disulfiram antabuse buprenorphine subutex suboxone methadone naloxone
  narcan nicotine varenicline champix chantix morphine oxycodone oxycontin fentanyl tramadol codeine
  hydrocodone vicodin percocet paracetamol acetaminophen tylenol ibuprofen advil nurofen aspirin
  naproxen insulin metformin ozempic wegovy semaglutide mounjaro tirzepatide levothyroxine synthroid
  prednisone prednisolone warfarin apixaban eliquis statin atorvastatin lipitor omeprazole donepezil
  aricept memantine rivastigmine galantamine levodopa sinemet botox viagra sildenafil cialis
  contraceptive depo-provera mirena nexplanon prep truvada antabuse lexapro's prozac's xanax's
`);

/** Holidays, religious festivals and seasons named like proper nouns. */
export const HOLIDAYS = words(`
  christmas xmas easter ramadan eid diwali hanukkah chanukah passover pesach yom kippur rosh hashanah
  thanksgiving halloween lent advent pentecost purim sukkot holi vaisakhi navratri lunar new year
  valentine valentine's valentines mother's father's memorial labor labour veterans independence
  juneteenth kwanzaa boxing day remembrance anzac canada australia bonfire guy fawkes hogmanay
  st patrick's patrick's paddy's nye christmastime yuletide shabbat sabbath mardi gras carnival
  ash wednesday good friday whitsun solstice dia muertos los nowruz norooz vesak wesak obon songkran
  tet chuseok onam pongal lohri eid-al-adha eid-al-fitr shavuot simchat tisha kaddish shiva seder
  iftar suhoor hajj umrah
`);

/** Religions, languages, nationalities and other capitalised words that are never an identifier. */
export const CAPITALISED_COMMON = words(`
  god jesus christ allah buddha bible quran koran torah psalm psalms gospel church's catholic catholics
  protestant muslim muslims jewish jew christian christians hindu sikh buddhist mormon lds orthodox
  evangelical baptist methodist anglican pentecostal quaker amish jehovah's witnesses atheist
  english french german spanish italian polish portuguese arabic urdu punjabi hindi bengali somali
  mandarin cantonese chinese japanese korean vietnamese russian ukrainian turkish greek irish scottish
  welsh british american canadian australian mexican indian african european asian latino latina
  latinx hispanic black white indigenous aboriginal maori first nations inuit métis metis roma
  covid covid-19 coronavirus zoom teams skype facetime whatsapp instagram insta tiktok snapchat
  facebook twitter youtube reddit discord google netflix amazon's iphone android ai chatgpt
  medicare medicaid obamacare tricare nhs hmo ppo cobra aca internet wifi bluetooth lego pokemon
  minecraft fortnite roblox xbox playstation ok okay monday tuesday wednesday thursday friday saturday
  sunday january february march april may june july august september october november december
  mum mom dad mama papa nan nana gran granny grandma grandpa auntie aunty uncle sis bro
  ward unit team clinic hospital school office court council trust
  mann frau kind mutter vater tochter sohn eltern jugendliche jugendlicher patientin klientin klient
  hausarzt hausärztin arzt ärztin rentner rentnerin schüler schülerin studentin lehrer lehrerin
  witwe witwer pflegeheim heim klinik reha mitte ende anfang alter woche wochen jahre monate alkohol
  führerschein angst trauer sucht depression psychose therapie sitzung stunde fall frage
  femme homme enfant mère père fille fils patiente médecin deuil séance
  tagalog ilocano filipino yoruba igbo hausa twi akan swahili amharic tigrinya oromo somali zulu xhosa
  afrikaans shona lingala wolof tamil telugu kannada malayalam marathi gujarati sinhala nepali pashto
  dari farsi persian kurdish kurmanji sorani hebrew yiddish armenian georgian albanian romanian
  bulgarian serbian croatian bosnian slovak czech hungarian lithuanian latvian estonian finnish
  swedish norwegian danish dutch flemish icelandic maltese catalan basque galician gaelic irish-speaking
  thai lao khmer burmese malay indonesian hmong mongolian tibetan uyghur kazakh uzbek tajik
  inuk inuit inuktitut cree ojibwe navajo lakota métis mi'kmaq haudenosaunee anishinaabe
  islander islanders aboriginal torres strait pasifika samoan tongan fijian
  ofsted cafcass dwp hmrc pip esa jsa ofcom samaritans shout
  pfizer moderna astrazeneca novavax janssen lilly novo nordisk glaxo gsk woebot wysa talkspace
  betterhelp cerebral calmerry hinge bumble tinder grindr feeld spotify duolingo uber lyft deliveroo
  doordash grubhub ubereats airbnb paypal venmo cashapp klarna onlyfans twitch pinterest linkedin
  bluesky mastodon signal telegram viber wechat weibo line kakaotalk threads vinted depop etsy ebay
  peloton fitbit strava myfitnesspal noom weightwatchers flo clue headspace kooth togetherall
  chatgpt openai gemini copilot claude siri alexa kindle audible wordle candy crush
  eritrean ethiopian sudanese somalilander yemeni afghan syrian iraqi kurdish rohingya congolese
  barnardo barnardos nspcc ymca ywca mencap rethink shelter crisis refuge womens aid
  sami saami sámi kriol yolngu arrernte warlpiri pitjantjatjara oranga tamariki whānau whanau iwi hapū
`);

/**
 * Ordinary English words that are also first names or surnames: clean unless the context says person
 * ("Grace, 16", "Mrs Hope", "pt Will", "working with Faith").
 */
export const AMBIGUOUS_NAMES = words(`
  grace hope faith will mark bill joy rose dawn summer pat sue rob don max chase amber harmony jack
  bob frank art ray guy ruby crystal page miles sky autumn april may june august lily ivy iris holly
  heather hunter carter mason cole bishop king young white brown green black wood hill rich drew
  gene jean penny rusty sandy sunny misty destiny charity prudence patience constance honor honour
  justice liberty angel heaven star river storm rain brook brooke bell belle jewel pearl ginger
  cherry candy olive hazel violet daisy poppy jasmine fern willow sage clay reed stone glen dale
  victor norman earl duke baron major lance rod nick kit tank buck chip spike ace sterling cash
  price banks lane marsh ford hall wall ward booker case angel bonnie buddy buster carol chad clay
  clement dale dean fay flora gale garland garnet glen heath homer hyacinth jasmine jasmin kay lacy
  laurel lea lex lin luna marshal marlin madonna mina noel norma pandora patty peg pierce queenie
  regina roman romeo savanna savannah sierra skip spike stew tanner tiara tod tora trey troy wade
  grant foster chuck mack blossom blaze biff emerald genesis rosemary norman drew harper walker
  turner fisher parker cooper miller smith baker carter mason palmer piper warren brooks burke
  freeman goodman fuller howe lang lowe moss murray peters rogers hart holt
`);

/**
 * Acronyms and short capitalised forms used in clinical text; "JT" is an initial pair only if it is
 * not one of these and the context says person.
 */
export const ACRONYMS = words(`
  cbt dbt emdr adhd add ocd ed er icu nicu picu hdu ccu gp gps camhs cmht cahms nhs ptsd cptsd
  ssri ssris snri snris tca maoi maois ect tms rtms mdd gad bpd npd apd ocpd odd cd dmdd sad pmdd
  ppd trd asd asc id ld sud aud oud mat iop php ot pt slp salt rn np pa md do mo dr gp's cpn amhp
  dols mha cpa sw cps dcfs iep sen senco send ehcp ace aces ipt act cat dit mbt tfp cft eft ifs
  se net cpt pe ddp pcit aba fbt mi sfbt nvr od hcp mdt lgbt lgbtq lgbtqia nb ftm mtf aa na smart
  va a&e ent ob gyn obgyn hiv aids sti std uti copd chf cva tia dm ckd esrd ibs cfs me fnd nes pnes
  did osdd cptsd ptsd prn bid tid qd qds im iv po dnr dnacpr maid vsed eol poa lpa gal cyp iapt pwp
  phq bdi bai mmse moca core ors srs who dsm icd apa bacp ukcp bps hcpc gmc nmc cqc nice sign rct
  qi ceo hr it ok tv am pm fyi asap ps re aka eta iq eq bmi bp ecg eeg mri ct pet a1c hba1c ldl
  ocd's adhd's usa us uk eu un uae nz sa ie de fr es it nl cv pc mp ssi ssdi snap wic tanf cbt-i
  tf-cbt ipv dv si hi sh nssi lsd mdma thc cbd gbl ghb dts ciwa cows audit c-ssrs cssrs gaf k10
  hads epds gds pcl pcl-5 caps dass ybocs y-bocs aq adi ados wisc wais bsl isl asl esl ell ells
  efl ta tas lsa hca hcas nqt pgce phd msc ma ba bsc mba lcsw lpc lmft lmhc psyd mft rmn rgn hca
  sho fy1 fy2 st1 st2 st3 ct1 ct2 spr reg sas cns aps ap crhtt hth crisis gp-led ucc utc mau amu
  ama mia dna dnr wnl nad sob loc gcs csf ttc tbi abi cp ms mnd als sle ra oa hrt ivf icsi ppi
  ngo lgbtq+ bame bipoc poc bme fgm csa cse ce cpp cin lac cla lado mash dbs crb cpd cpr bls
  usmle mrcpsych mrcgp irl ftf f2f asap tbc tbd n/a na covid sars rsv flu ecg ekg pacu or ops sop
  vs hr rr bpm sats spo2 o2 co2 gi gu cns pns ans hpa ssc tca's irl lol omg wtf idk imo tbh
  nsw qld vic tas nt wa sa act apy
`);

/**
 * US states, Canadian provinces and territories, Australian states, UK nations and broad regions:
 * clean (not smaller than a state). Phrases, matched as whole word sequences before any place rule.
 */
export const STATE_PHRASES: readonly string[] = `
  alabama,alaska,arizona,arkansas,california,colorado,connecticut,delaware,florida,georgia,hawaii,
  idaho,illinois,indiana,iowa,kansas,kentucky,louisiana,maine,maryland,massachusetts,michigan,
  minnesota,mississippi,missouri,montana,nebraska,nevada,new hampshire,new jersey,new mexico,new york,
  new york state,north carolina,north dakota,ohio,oklahoma,oregon,pennsylvania,rhode island,
  south carolina,south dakota,tennessee,texas,utah,vermont,virginia,washington,washington state,
  west virginia,wisconsin,wyoming,puerto rico,alberta,british columbia,manitoba,new brunswick,
  newfoundland,newfoundland and labrador,nova scotia,ontario,prince edward island,quebec,québec,
  saskatchewan,yukon,nunavut,northwest territories,new south wales,queensland,south australia,
  tasmania,victoria,western australia,northern territory,england,scotland,wales,northern ireland,
  ireland,great britain,bavaria,bayern,hesse,saxony,punjab,kerala,the midwest,midwest,new england,
  the south,the north,east coast,west coast,pacific northwest,the deep south,bible belt,sun belt,
  rust belt,the west,the east,the balkans,scandinavia,europe,asia,africa,latin america,
  south america,north america,central america,the middle east,middle east,the caribbean,caribbean,
  oceania,antarctica,the americas,the uk,the us,the usa,the states,gaza,gaza strip,the west bank,
  west bank,kashmir,kurdistan,tibet,crimea,donbas,darfur,catalonia,the basque country,sicily,sardinia,
  torres strait,the gulf,the sahel,siberia,patagonia,the highlands,the outback,the prairies
`
  .split(',')
  .map((phrase) => phrase.trim())
  .filter((phrase) => phrase.length > 0);
