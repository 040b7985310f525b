import type { Tri } from './catalog';

/**
 * The words the corpus is made of, as parallel nb / nn / en phrases so a translation group gets
 * real translations (same sentence plan, three languages).
 *
 * @remarks Lists are ordered by how common the phrase should be: the generator draws from them
 * with Zipf weights, so the first entries dominate as they do in real text.
 * Grammar contracts the templates rely on:
 * - `terms` are noun phrases that read well after "om"/"about" and as a sentence subject
 *   (English templates never put them before a present-tense verb, so number does not matter).
 * - `problems` are second-person clauses in Norwegian *subordinate* word order ("du ikke har …"):
 *   templates only use them after "hvis", "når", "at", "dersom". English ones start with "you"
 *   when "you" is the subject, so `firstPerson` can rewrite them for questions.
 * - `advice` are imperatives without a final full stop.
 */
export interface TopicLexicon {
  terms: readonly Tri[];
  problems: readonly Tri[];
  advice: readonly Tri[];
}

export const topicLexicon: Readonly<Record<string, TopicLexicon>> = {
  kropp: {
    terms: [
      ['kroppen din', 'kroppen din', 'your body'],
      ['hodepine', 'hovudverk', 'headaches'],
      ['kviser', 'kviser', 'acne'],
      ['vondt i magen', 'vondt i magen', 'stomach ache'],
      ['svette og lukt', 'sveitte og lukt', 'sweat and body odour'],
      ['hud og hår', 'hud og hår', 'skin and hair'],
      ['tannhelse', 'tannhelse', 'dental health'],
      ['vekst', 'vekst', 'growth'],
      ['allergi', 'allergi', 'allergies'],
      ['vaksiner', 'vaksinar', 'vaccines'],
      ['sykdom', 'sjukdom', 'illness'],
      ['eksem', 'eksem', 'eczema'],
    ],
    problems: [
      ['du ofte har vondt i hodet', 'du ofte har vondt i hovudet', 'you often have headaches'],
      ['du har mye kviser', 'du har mykje kviser', 'you have a lot of spots'],
      ['du er sliten hele tiden', 'du er sliten heile tida', 'you are tired all the time'],
      [
        'du får vondt i magen før skolen',
        'du får vondt i magen før skulen',
        'you get stomach aches before school',
      ],
      ['du ikke liker kroppen din', 'du ikkje liker kroppen din', 'you do not like your body'],
      ['du svetter mye', 'du sveittar mykje', 'you sweat a lot'],
      ['huden klør og blir rød', 'huda klør og blir raud', 'your skin itches and turns red'],
    ],
    advice: [
      [
        'drikk nok vann gjennom dagen',
        'drikk nok vatn gjennom dagen',
        'drink enough water during the day',
      ],
      ['spis frokost før skolen', 'et frukost før skulen', 'eat breakfast before school'],
      [
        'vask ansiktet morgen og kveld med mild såpe',
        'vask andletet morgon og kveld med mild såpe',
        'wash your face morning and evening with mild soap',
      ],
      [
        'puss tennene to ganger om dagen',
        'puss tennene to gonger om dagen',
        'brush your teeth twice a day',
      ],
      ['vær i bevegelse hver dag', 'ver i rørsle kvar dag', 'move your body every day'],
      [
        'skriv ned når plagene kommer',
        'skriv ned når plagene kjem',
        'write down when the symptoms appear',
      ],
    ],
  },
  pubertet: {
    terms: [
      ['puberteten', 'puberteten', 'puberty'],
      ['mensen', 'mensen', 'periods'],
      ['kroppshår', 'kroppshår', 'body hair'],
      ['stemmeskifte', 'stemmeskifte', 'your voice breaking'],
      ['bryster', 'bryst', 'breasts'],
      ['hormoner', 'hormon', 'hormones'],
      ['vekstspurt', 'vekstspurt', 'growth spurts'],
      ['utflod', 'utflod', 'discharge'],
      ['sædavgang om natta', 'sædavgang om natta', 'wet dreams'],
      ['humørsvingninger', 'humørsvingingar', 'mood swings'],
      ['kjønnsorganer', 'kjønnsorgan', 'genitals'],
    ],
    problems: [
      [
        'du ikke har fått mensen ennå',
        'du ikkje har fått mensen enno',
        'you have not had your first period yet',
      ],
      ['stemmen din knekker', 'stemmen din knekk', 'your voice keeps cracking'],
      ['brystene vokser ulikt', 'brysta veks ulikt', 'your breasts are growing unevenly'],
      [
        'du kommer senere i puberteten enn vennene dine',
        'du kjem seinare i puberteten enn venene dine',
        'you are starting puberty later than your friends',
      ],
      ['humøret svinger mye', 'humøret svingar mykje', 'your mood goes up and down a lot'],
      [
        'du har vondt når du har mensen',
        'du har vondt når du har mensen',
        'you are in pain during your period',
      ],
    ],
    advice: [
      [
        'ha alltid et bind eller en tampong i sekken',
        'ha alltid eit bind eller ein tampong i sekken',
        'always keep a pad or tampon in your bag',
      ],
      [
        'snakk med helsesykepleier om det du lurer på',
        'snakk med helsesjukepleiaren om det du lurer på',
        'talk to the school nurse about what you are wondering',
      ],
      [
        'gi kroppen tid, den har sin egen klokke',
        'gi kroppen tid, han har si eiga klokke',
        'give your body time, it has its own clock',
      ],
      ['bruk deodorant hver dag', 'bruk deodorant kvar dag', 'use deodorant every day'],
      [
        'skriv ned når du har mens i en app eller kalender',
        'skriv ned når du har mens i ein app eller kalender',
        'track your period in an app or calendar',
      ],
      [
        'sov godt, for kroppen vokser mens du sover',
        'sov godt, for kroppen veks medan du søv',
        'get enough sleep, because your body grows while you sleep',
      ],
    ],
  },
  'psykisk-helse': {
    terms: [
      ['psykisk helse', 'psykisk helse', 'mental health'],
      ['følelser', 'kjensler', 'feelings'],
      ['nedstemthet', 'nedstemtheit', 'low mood'],
      ['depresjon', 'depresjon', 'depression'],
      ['stress', 'stress', 'stress'],
      ['ensomhet', 'einsemd', 'loneliness'],
      ['selvfølelse', 'sjølvkjensle', 'self-esteem'],
      ['sorg', 'sorg', 'grief'],
      ['selvskading', 'sjølvskading', 'self-harm'],
      ['tankekjør', 'tankekøyr', 'racing thoughts'],
      ['prestasjonspress', 'prestasjonspress', 'pressure to perform'],
    ],
    problems: [
      ['du føler deg trist hver dag', 'du kjenner deg trist kvar dag', 'you feel sad every day'],
      [
        'du ikke har lyst til noe lenger',
        'du ikkje har lyst til noko lenger',
        'you do not feel like doing anything anymore',
      ],
      [
        'tankene kverner om natta',
        'tankane kvernar om natta',
        'your thoughts keep spinning at night',
      ],
      [
        'du trekker deg unna vennene dine',
        'du trekkjer deg unna venene dine',
        'you pull away from your friends',
      ],
      ['du kjenner deg tom innvendig', 'du kjenner deg tom innvendig', 'you feel empty inside'],
      [
        'du har tanker om å skade deg selv',
        'du har tankar om å skade deg sjølv',
        'you have thoughts about hurting yourself',
      ],
    ],
    advice: [
      [
        'gjør noe du liker hver dag, selv om det er lite',
        'gjer noko du liker kvar dag, sjølv om det er lite',
        'do something you enjoy every day, even something small',
      ],
      ['snakk med noen du stoler på', 'snakk med nokon du stoler på', 'talk to someone you trust'],
      ['gå en tur ute i dagslys', 'gå ein tur ute i dagslys', 'go for a walk outside in daylight'],
      [
        'skriv ned tre ting som gikk bra i dag',
        'skriv ned tre ting som gjekk bra i dag',
        'write down three things that went well today',
      ],
      [
        'hold fast på rutiner for søvn og mat',
        'hald fast på rutinar for søvn og mat',
        'stick to routines for sleep and meals',
      ],
      [
        'ring Mental Helse sin hjelpetelefon på 116 123 hvis du trenger noen å prate med',
        'ring hjelpetelefonen til Mental Helse på 116 123 dersom du treng nokon å prate med',
        'call the Mental Health helpline on 116 123 if you need someone to talk to',
      ],
    ],
  },
  angst: {
    terms: [
      ['angst', 'angst', 'anxiety'],
      ['uro', 'uro', 'worry'],
      ['panikkanfall', 'panikkanfall', 'panic attacks'],
      ['sosial angst', 'sosial angst', 'social anxiety'],
      ['bekymringer', 'bekymringar', 'worries'],
      ['hjertebank', 'hjartebank', 'a racing heart'],
      ['prøveangst', 'prøveangst', 'test anxiety'],
      ['pusten', 'pusten', 'your breathing'],
      ['unngåelse', 'unngåing', 'avoidance'],
      ['frykt', 'frykt', 'fear'],
    ],
    problems: [
      [
        'du får hjertebank før du skal snakke i klassen',
        'du får hjartebank før du skal snakke i klassen',
        'you get a racing heart before speaking in class',
      ],
      [
        'du bekymrer deg for alt mulig',
        'du uroar deg for alt mogleg',
        'you worry about everything',
      ],
      [
        'du unngår steder med mange folk',
        'du unngår stader med mykje folk',
        'you avoid places with lots of people',
      ],
      ['du får panikk uten grunn', 'du får panikk utan grunn', 'you panic for no reason'],
      [
        'du ligger våken og gruer deg til neste dag',
        'du ligg vaken og gruar deg til neste dag',
        'you lie awake dreading the next day',
      ],
      [
        'du blir kvalm når du er nervøs',
        'du blir kvalm når du er nervøs',
        'you feel sick when you are nervous',
      ],
    ],
    advice: [
      [
        'pust rolig inn gjennom nesen og ut gjennom munnen',
        'pust roleg inn gjennom nasen og ut gjennom munnen',
        'breathe in slowly through your nose and out through your mouth',
      ],
      [
        'ta små steg mot det du gruer deg til',
        'ta små steg mot det du gruar deg til',
        'take small steps towards what you dread',
      ],
      [
        'si høyt hva du er redd for',
        'sei høgt kva du er redd for',
        'say out loud what you are afraid of',
      ],
      [
        'kutt ned på energidrikk og koffein',
        'kutt ned på energidrikk og koffein',
        'cut down on energy drinks and caffeine',
      ],
      [
        'minn deg selv på at angsten går over',
        'minn deg sjølv på at angsten går over',
        'remind yourself that the anxiety will pass',
      ],
      [
        'øv på å være til stede i øyeblikket',
        'øv på å vere til stades i augeblinken',
        'practise being present in the moment',
      ],
    ],
  },
  seksualitet: {
    terms: [
      ['sex', 'sex', 'sex'],
      ['samtykke', 'samtykke', 'consent'],
      ['forelskelse', 'forelsking', 'falling in love'],
      ['kjærester', 'kjærastar', 'relationships'],
      ['første gang', 'første gong', 'the first time'],
      ['onani', 'onani', 'masturbation'],
      ['lyst', 'lyst', 'desire'],
      ['grenser', 'grenser', 'boundaries'],
      ['porno', 'porno', 'porn'],
      ['seksuell helse', 'seksuell helse', 'sexual health'],
      ['legning', 'legning', 'sexual orientation'],
    ],
    problems: [
      [
        'du føler deg presset til å ha sex',
        'du kjenner deg pressa til å ha sex',
        'you feel pressured to have sex',
      ],
      [
        'du er usikker på om du er klar',
        'du er usikker på om du er klar',
        'you are not sure if it is the right time',
      ],
      [
        'det gjør vondt når du har sex',
        'det gjer vondt når du har sex',
        'it hurts when you have sex',
      ],
      [
        'du ikke vet hvordan du skal si nei',
        'du ikkje veit korleis du skal seie nei',
        'you do not know how to say no',
      ],
      [
        'du sammenligner deg med det du ser i porno',
        'du samanliknar deg med det du ser i porno',
        'you compare yourself with what you see in porn',
      ],
      ['du er forelsket i en venn', 'du er forelska i ein ven', 'you are in love with a friend'],
    ],
    advice: [
      [
        'snakk med partneren din om hva dere begge vil',
        'snakk med partnaren din om kva de begge vil',
        'talk to your partner about what you both want',
      ],
      [
        'husk at du alltid kan ombestemme deg',
        'hugs at du alltid kan ombestemme deg',
        'remember that you can always change your mind',
      ],
      [
        'bruk kondom for å beskytte deg mot kjønnssykdommer',
        'bruk kondom for å verne deg mot kjønnssjukdommar',
        'use a condom to protect yourself against infections',
      ],
      [
        'ta deg god tid og vent til du er klar',
        'ta deg god tid og vent til du er klar',
        'take your time and wait until you are ready',
      ],
      ['spør alltid om samtykke', 'spør alltid om samtykke', 'always ask for consent'],
      [
        'les om kropp og sex på sider du kan stole på',
        'les om kropp og sex på sider du kan stole på',
        'read about bodies and sex on sites you can trust',
      ],
    ],
  },
  prevensjon: {
    terms: [
      ['prevensjon', 'prevensjon', 'contraception'],
      ['p-piller', 'p-piller', 'the pill'],
      ['kondom', 'kondom', 'condoms'],
      ['p-stav', 'p-stav', 'the implant'],
      ['hormonspiral', 'hormonspiral', 'the hormonal coil'],
      ['angrepille', 'angrepille', 'the morning-after pill'],
      ['p-sprøyte', 'p-sprøyte', 'the contraceptive injection'],
      ['bivirkninger', 'biverknader', 'side effects'],
      ['graviditet', 'graviditet', 'pregnancy'],
      ['graviditetstest', 'graviditetstest', 'pregnancy tests'],
      ['gratis prevensjon', 'gratis prevensjon', 'free contraception'],
    ],
    problems: [
      ['du har glemt en p-pille', 'du har gløymt ei p-pille', 'you have forgotten a pill'],
      ['kondomet sprakk', 'kondomen sprakk', 'the condom broke'],
      ['mensen er forsinket', 'mensen er forseinka', 'your period is late'],
      [
        'du får blødninger av p-staven',
        'du får blødingar av p-staven',
        'you get bleeding from the implant',
      ],
      [
        'du er redd for å bli gravid',
        'du er redd for å bli gravid',
        'you are afraid of getting pregnant',
      ],
      [
        'du ikke vet hvilken prevensjon som passer for deg',
        'du ikkje veit kva prevensjon som passar for deg',
        'you do not know which contraception suits you',
      ],
    ],
    advice: [
      [
        'bruk kondom i tillegg, det beskytter også mot smitte',
        'bruk kondom i tillegg, det vernar òg mot smitte',
        'use a condom as well, it also protects against infection',
      ],
      [
        'ta angrepillen så raskt som mulig',
        'ta angrepilla så raskt som mogleg',
        'take the morning-after pill as soon as possible',
      ],
      [
        'snakk med helsesykepleier om hvilken prevensjon som passer deg',
        'snakk med helsesjukepleiaren om kva prevensjon som passar deg',
        'talk to the school nurse about which contraception suits you',
      ],
      [
        'still en alarm på mobilen så du husker pillen',
        'still ein alarm på mobilen så du hugsar pilla',
        'set an alarm on your phone so you remember the pill',
      ],
      [
        'ta en graviditetstest tre uker etter sex uten beskyttelse',
        'ta ein graviditetstest tre veker etter sex utan vern',
        'take a pregnancy test three weeks after unprotected sex',
      ],
      [
        'les pakningsvedlegget nøye',
        'les pakningsvedlegget nøye',
        'read the package leaflet carefully',
      ],
    ],
  },
  kjonnssykdommer: {
    terms: [
      ['kjønnssykdommer', 'kjønnssjukdommar', 'sexually transmitted infections'],
      ['klamydia', 'klamydia', 'chlamydia'],
      ['gonoré', 'gonoré', 'gonorrhoea'],
      ['herpes', 'herpes', 'herpes'],
      ['kjønnsvorter', 'kjønnsvorter', 'genital warts'],
      ['HPV', 'HPV', 'HPV'],
      ['hiv', 'hiv', 'HIV'],
      ['testing', 'testing', 'testing'],
      ['smitteoppsporing', 'smitteoppsporing', 'contact tracing'],
      ['antibiotika', 'antibiotika', 'antibiotics'],
      ['utflod', 'utflod', 'discharge'],
    ],
    problems: [
      ['det svir når du tisser', 'det svir når du tissar', 'it stings when you pee'],
      [
        'du har hatt sex uten kondom',
        'du har hatt sex utan kondom',
        'you have had sex without a condom',
      ],
      ['du har fått en ny partner', 'du har fått ein ny partnar', 'you have a new partner'],
      [
        'du har fått små blemmer på kjønnsorganet',
        'du har fått små blemmer på kjønnsorganet',
        'you have small blisters on your genitals',
      ],
      [
        'du er usikker på om du er smittet',
        'du er usikker på om du er smitta',
        'you are worried about having an infection',
      ],
      [
        'partneren din har testet positivt',
        'partnaren din har testa positivt',
        'your partner has tested positive',
      ],
    ],
    advice: [
      [
        'test deg når du har fått en ny partner',
        'test deg når du har fått ein ny partnar',
        'get tested when you have a new partner',
      ],
      ['bruk kondom hver gang', 'bruk kondom kvar gong', 'use a condom every time'],
      [
        'ta alle tablettene, selv om du føler deg frisk',
        'ta alle tablettane, sjølv om du kjenner deg frisk',
        'take all the tablets, even if you feel well',
      ],
      [
        'vent en uke etter behandlingen før du har sex igjen',
        'vent ei veke etter behandlinga før du har sex igjen',
        'wait a week after treatment before having sex again',
      ],
      [
        'si fra til de du har hatt sex med',
        'sei frå til dei du har hatt sex med',
        'tell the people you have had sex with',
      ],
      [
        'bestill en hjemmetest hvis det er vanskelig å komme til legen',
        'bestill ein heimetest dersom det er vanskeleg å kome til legen',
        'order a home test if it is hard to get to a doctor',
      ],
    ],
  },
  rus: {
    terms: [
      ['alkohol', 'alkohol', 'alcohol'],
      ['rusmidler', 'rusmiddel', 'drugs'],
      ['cannabis', 'cannabis', 'cannabis'],
      ['snus', 'snus', 'snus'],
      ['e-sigaretter', 'e-sigarettar', 'e-cigarettes'],
      ['fyll', 'fyll', 'getting drunk'],
      ['festing', 'festing', 'partying'],
      ['gruppepress', 'gruppepress', 'peer pressure'],
      ['avhengighet', 'avhengnad', 'addiction'],
      ['blackout', 'blackout', 'blackouts'],
      ['energidrikk', 'energidrikk', 'energy drinks'],
    ],
    problems: [
      [
        'du drikker mer enn du hadde tenkt',
        'du drikk meir enn du hadde tenkt',
        'you drink more than you planned',
      ],
      [
        'vennene dine presser deg til å drikke',
        'venene dine pressar deg til å drikke',
        'your friends pressure you to drink',
      ],
      [
        'du ikke husker hva som skjedde på festen',
        'du ikkje hugsar kva som skjedde på festen',
        'you cannot remember what happened at the party',
      ],
      [
        'du har prøvd cannabis og angrer',
        'du har prøvd cannabis og angrar',
        'you have tried cannabis and regret it',
      ],
      [
        'du ikke klarer å slutte med snus',
        'du ikkje klarer å slutte med snus',
        'you cannot manage to quit snus',
      ],
      [
        'noen i familien drikker for mye',
        'nokon i familien drikk for mykje',
        'someone in your family drinks too much',
      ],
    ],
    advice: [
      [
        'bestem deg på forhånd for hvor mye du vil drikke',
        'bestem deg på førehand for kor mykje du vil drikke',
        'decide in advance how much you want to drink',
      ],
      [
        'pass på hverandre på fest',
        'pass på kvarandre på fest',
        'look out for each other at parties',
      ],
      [
        'ring 113 hvis noen ikke er kontaktbare',
        'ring 113 dersom nokon ikkje er kontaktbare',
        'call 113 if someone cannot be woken',
      ],
      [
        'ha en unnskyldning klar hvis du vil si nei',
        'ha ei orsaking klar dersom du vil seie nei',
        'have an excuse ready if you want to say no',
      ],
      [
        'drikk vann mellom hver enhet',
        'drikk vatn mellom kvar eining',
        'drink water between each drink',
      ],
      [
        'snakk med noen om det som skjedde',
        'snakk med nokon om det som skjedde',
        'talk to someone about what happened',
      ],
    ],
  },
  skole: {
    terms: [
      ['skolen', 'skulen', 'school'],
      ['lekser', 'lekser', 'homework'],
      ['prøver og eksamen', 'prøver og eksamen', 'tests and exams'],
      ['skolefravær', 'skulefråvær', 'school absence'],
      ['karakterer', 'karakterar', 'grades'],
      ['konsentrasjon', 'konsentrasjon', 'concentration'],
      ['lærevansker', 'lærevanskar', 'learning difficulties'],
      ['skolemiljøet', 'skulemiljøet', 'the school environment'],
      ['videregående', 'vidaregåande', 'upper secondary school'],
      ['skolehelsetjenesten', 'skulehelsetenesta', 'the school health service'],
      ['utdanningsvalg', 'utdanningsval', 'education choices'],
    ],
    problems: [
      [
        'du gruer deg til å gå på skolen',
        'du gruar deg til å gå på skulen',
        'you dread going to school',
      ],
      [
        'du ikke får konsentrert deg i timene',
        'du ikkje får konsentrert deg i timane',
        'you cannot concentrate in class',
      ],
      ['du har mye fravær', 'du har mykje fråvær', 'you have a lot of absence'],
      [
        'du stresser med karakterene',
        'du stressar med karakterane',
        'you stress about your grades',
      ],
      [
        'du vurderer å slutte på skolen',
        'du vurderer å slutte på skulen',
        'you are thinking about dropping out',
      ],
      [
        'du ikke vet hva du skal velge etter ungdomsskolen',
        'du ikkje veit kva du skal velje etter ungdomsskulen',
        'you do not know what to choose after lower secondary',
      ],
    ],
    advice: [
      [
        'lag en plan for leksene hver uke',
        'lag ein plan for leksene kvar veke',
        'make a plan for your homework every week',
      ],
      [
        'snakk med kontaktlæreren tidlig',
        'snakk med kontaktlæraren tidleg',
        'talk to your form teacher early',
      ],
      ['ta pauser når du leser', 'ta pausar når du les', 'take breaks when you study'],
      [
        'spør rådgiveren om valgene dine',
        'spør rådgivaren om vala dine',
        'ask the school counsellor about your choices',
      ],
      [
        'husk at karakterer ikke sier alt om hvem du er',
        'hugs at karakterar ikkje seier alt om kven du er',
        'remember that grades do not say everything about who you are',
      ],
      [
        'legg bort mobilen når du gjør lekser',
        'legg vekk mobilen når du gjer lekser',
        'put your phone away while doing homework',
      ],
    ],
  },
  familie: {
    terms: [
      ['familien', 'familien', 'your family'],
      ['foreldre', 'foreldre', 'parents'],
      ['søsken', 'sysken', 'siblings'],
      ['samlivsbrudd', 'samlivsbrot', 'separation'],
      ['krangling hjemme', 'krangling heime', 'arguments at home'],
      ['bonusfamilie', 'bonusfamilie', 'stepfamilies'],
      ['regler hjemme', 'reglar heime', 'house rules'],
      ['foreldre som drikker', 'foreldre som drikk', 'parents who drink'],
      ['sykdom i familien', 'sjukdom i familien', 'illness in the family'],
      ['barnevernet', 'barnevernet', 'child welfare services'],
    ],
    problems: [
      ['foreldrene dine krangler mye', 'foreldra dine kranglar mykje', 'your parents argue a lot'],
      [
        'foreldrene dine skal skille seg',
        'foreldra dine skal skilje seg',
        'your parents are getting divorced',
      ],
      [
        'du føler at ingen hører på deg hjemme',
        'du kjenner at ingen høyrer på deg heime',
        'you feel that nobody listens to you at home',
      ],
      [
        'du har ansvar for mye hjemme',
        'du har ansvar for mykje heime',
        'you have a lot of responsibility at home',
      ],
      [
        'du ikke kommer overens med steforelderen din',
        'du ikkje kjem overeins med steforelderen din',
        'you do not get along with your step-parent',
      ],
      [
        'du bekymrer deg for en i familien',
        'du uroar deg for ein i familien',
        'you worry about someone in your family',
      ],
    ],
    advice: [
      [
        'velg et rolig tidspunkt for å ta opp vanskelige ting',
        'vel eit roleg tidspunkt for å ta opp vanskelege ting',
        'choose a calm moment to bring up difficult things',
      ],
      [
        'skriv et brev hvis det er vanskelig å si det',
        'skriv eit brev dersom det er vanskeleg å seie det',
        'write a letter if it is hard to say it',
      ],
      [
        'husk at det ikke er ditt ansvar å løse foreldrenes problemer',
        'hugs at det ikkje er ditt ansvar å løyse problema til foreldra',
        "remember that it is not your job to solve your parents' problems",
      ],
      [
        'finn en voksen utenfor familien å snakke med',
        'finn ein vaksen utanfor familien å snakke med',
        'find an adult outside the family to talk to',
      ],
      [
        'be om en samtale med helsesykepleier',
        'be om ein samtale med helsesjukepleiaren',
        'ask for a talk with the school nurse',
      ],
      ['ta vare på tid med venner', 'ta vare på tid med vener', 'make time for your friends'],
    ],
  },
  rettigheter: {
    terms: [
      ['rettighetene dine', 'rettane dine', 'your rights'],
      ['taushetsplikt', 'teieplikt', 'confidentiality'],
      ['samtykkealder', 'samtykkealder', 'the age of consent'],
      ['pasientrettigheter', 'pasientrettar', 'patient rights'],
      ['helsehjelp', 'helsehjelp', 'health care'],
      ['medbestemmelse', 'medråderett', 'having a say'],
      ['journalen din', 'journalen din', 'your medical records'],
      ['klage', 'klage', 'complaints'],
      ['helserettslig myndighetsalder', 'helserettsleg myndigheitsalder', 'medical consent at 16'],
      ['personvern', 'personvern', 'privacy'],
    ],
    problems: [
      [
        'du vil gå til legen uten at foreldrene dine vet det',
        'du vil gå til legen utan at foreldra dine veit det',
        'you want to see a doctor without your parents knowing',
      ],
      [
        'du lurer på hvem som kan lese journalen din',
        'du lurer på kven som kan lese journalen din',
        'you wonder who can read your medical records',
      ],
      [
        'du føler at du ikke ble tatt på alvor',
        'du kjenner at du ikkje vart teken på alvor',
        'you feel that nobody took you seriously',
      ],
      [
        'du er under 16 og trenger helsehjelp',
        'du er under 16 og treng helsehjelp',
        'you are under 16 and need health care',
      ],
      [
        'noen har delt informasjon om deg uten lov',
        'nokon har delt informasjon om deg utan lov',
        'someone has shared information about you without permission',
      ],
      [
        'du vil klage på behandlingen du fikk',
        'du vil klage på behandlinga du fekk',
        'you want to complain about the treatment',
      ],
    ],
    advice: [
      [
        'spør om taushetsplikt før du forteller noe',
        'spør om teieplikt før du fortel noko',
        'ask about confidentiality before you tell anything',
      ],
      [
        'be om å få lese journalen din',
        'be om å få lese journalen din',
        'ask to read your medical records',
      ],
      [
        'ta med en du stoler på til timen',
        'ta med ein du stoler på til timen',
        'bring someone you trust to the appointment',
      ],
      ['skriv ned hva som ble sagt', 'skriv ned kva som vart sagt', 'write down what was said'],
      [
        'kontakt pasient- og brukerombudet hvis du vil klage',
        'kontakt pasient- og brukarombodet dersom du vil klage',
        'contact the patient ombudsman if you want to complain',
      ],
      [
        'husk at du har rett til å si din mening',
        'hugs at du har rett til å seie meininga di',
        'remember that you have the right to give your opinion',
      ],
    ],
  },
  'vold-og-overgrep': {
    terms: [
      ['vold', 'vald', 'violence'],
      ['overgrep', 'overgrep', 'abuse'],
      ['seksuelle overgrep', 'seksuelle overgrep', 'sexual abuse'],
      ['trusler', 'truslar', 'threats'],
      ['vold i nære relasjoner', 'vald i nære relasjonar', 'domestic violence'],
      ['kontroll og sjalusi', 'kontroll og sjalusi', 'control and jealousy'],
      ['deling av nakenbilder', 'deling av nakenbilete', 'sharing of nude images'],
      ['grenser', 'grenser', 'boundaries'],
      ['anmeldelse', 'melding til politiet', 'reporting to the police'],
      ['overgrepsmottak', 'overgrepsmottak', 'sexual assault centres'],
    ],
    problems: [
      [
        'noen har tatt på deg uten at du ville',
        'nokon har teke på deg utan at du ville',
        'someone touched you when you did not want it',
      ],
      [
        'en kjæreste kontrollerer mobilen din',
        'ein kjærast kontrollerer mobilen din',
        'a partner checks your phone',
      ],
      ['du blir slått hjemme', 'du blir slegen heime', 'you are being hit at home'],
      [
        'noen truer med å dele bilder av deg',
        'nokon trugar med å dele bilete av deg',
        'someone is threatening to share pictures of you',
      ],
      ['du er redd for en voksen', 'du er redd for ein vaksen', 'you are afraid of an adult'],
      [
        'du har opplevd noe du ikke har fortalt til noen',
        'du har opplevd noko du ikkje har fortalt til nokon',
        'you have been through something you have not told anyone',
      ],
    ],
    advice: [
      [
        'fortell det til en voksen du stoler på',
        'fortel det til ein vaksen du stoler på',
        'tell an adult you trust',
      ],
      [
        'ring Alarmtelefonen for barn og unge på 116 111',
        'ring Alarmtelefonen for barn og unge på 116 111',
        'call the child and youth helpline on 116 111',
      ],
      [
        'ta vare på meldinger og bilder som bevis',
        'ta vare på meldingar og bilete som prov',
        'keep messages and pictures as evidence',
      ],
      [
        'husk at det aldri er din skyld',
        'hugs at det aldri er di skuld',
        'remember that it is never your fault',
      ],
      [
        'kontakt overgrepsmottaket selv om det har gått noen dager',
        'kontakt overgrepsmottaket sjølv om det har gått nokre dagar',
        'contact a sexual assault centre even if a few days have passed',
      ],
      [
        'ring politiet på 112 hvis du er i fare',
        'ring politiet på 112 dersom du er i fare',
        'call the police on 112 if you are in danger',
      ],
    ],
  },
  'mat-og-trening': {
    terms: [
      ['søvn', 'søvn', 'sleep'],
      ['trening', 'trening', 'exercise'],
      ['kosthold', 'kosthald', 'diet'],
      ['døgnrytmen', 'døgnrytmen', 'your body clock'],
      ['måltider', 'måltid', 'meals'],
      ['frokost', 'frukost', 'breakfast'],
      ['kroppspress', 'kroppspress', 'body image pressure'],
      ['spiseforstyrrelser', 'eteforstyrringar', 'eating disorders'],
      ['skjerm før leggetid', 'skjerm før leggetid', 'screens before bedtime'],
      ['kosttilskudd', 'kosttilskot', 'supplements'],
      ['energi', 'energi', 'energy'],
      ['hvile', 'kvile', 'rest'],
    ],
    problems: [
      [
        'du sliter med å sovne om kvelden',
        'du slit med å sovne om kvelden',
        'you struggle to fall asleep at night',
      ],
      ['du hopper over måltider', 'du hoppar over måltid', 'you skip meals'],
      [
        'du trener selv om du er skadet',
        'du trenar sjølv om du er skadd',
        'you train even when you are injured',
      ],
      [
        'du tenker på mat hele tiden',
        'du tenkjer på mat heile tida',
        'you think about food all the time',
      ],
      ['du er trøtt i timene', 'du er trøytt i timane', 'you are sleepy in class'],
      [
        'du føler deg skyldig etter at du har spist',
        'du kjenner deg skuldig etter at du har ete',
        'you feel guilty after eating',
      ],
    ],
    advice: [
      [
        'legg deg og stå opp til samme tid hver dag',
        'legg deg og stå opp til same tid kvar dag',
        'go to bed and get up at the same time every day',
      ],
      [
        'legg bort mobilen en time før du skal sove',
        'legg vekk mobilen ein time før du skal sove',
        'put your phone away an hour before bed',
      ],
      [
        'spis regelmessig, gjerne fem måltider om dagen',
        'et regelmessig, gjerne fem måltid om dagen',
        'eat regularly, ideally five meals a day',
      ],
      [
        'finn en aktivitet du synes er gøy',
        'finn ein aktivitet du synest er kjekk',
        'find an activity you enjoy',
      ],
      [
        'lytt til kroppen og hvil når du trenger det',
        'lytt til kroppen og kvil når du treng det',
        'listen to your body and rest when you need to',
      ],
      [
        'drikk vann i stedet for energidrikk',
        'drikk vatn i staden for energidrikk',
        'drink water instead of energy drinks',
      ],
    ],
  },
  'venner-og-mobbing': {
    terms: [
      ['vennskap', 'venskap', 'friendship'],
      ['mobbing', 'mobbing', 'bullying'],
      ['nettmobbing', 'nettmobbing', 'cyberbullying'],
      ['utenforskap', 'utanforskap', 'exclusion'],
      ['ensomhet', 'einsemd', 'loneliness'],
      ['klassemiljøet', 'klassemiljøet', 'the class environment'],
      ['konflikter', 'konfliktar', 'conflicts'],
      ['nye venner', 'nye vener', 'new friends'],
      ['aktivitetsplikten', 'aktivitetsplikta', "the school's duty to act"],
      ['gruppepress', 'gruppepress', 'peer pressure'],
    ],
    problems: [
      [
        'du blir holdt utenfor i friminuttene',
        'du blir halden utanfor i friminutta',
        'you are left out during breaks',
      ],
      [
        'noen sier stygge ting om deg på nett',
        'nokon seier stygge ting om deg på nett',
        'someone says nasty things about you online',
      ],
      [
        'du ikke har noen å være sammen med',
        'du ikkje har nokon å vere saman med',
        'you have nobody to hang out with',
      ],
      [
        'bestevennen din har funnet nye venner',
        'bestevenen din har funne nye vener',
        'your best friend has found new friends',
      ],
      [
        'du ser at noen andre blir mobbet',
        'du ser at nokon andre blir mobba',
        'you see someone else being bullied',
      ],
      [
        'du gruer deg til å gå ut i friminuttet',
        'du gruar deg til å gå ut i friminuttet',
        'you dread going out at break time',
      ],
    ],
    advice: [
      [
        'si fra til en voksen på skolen',
        'sei frå til ein vaksen på skulen',
        'tell an adult at school',
      ],
      [
        'ta skjermbilder av det som skjer på nett',
        'ta skjermbilete av det som skjer på nett',
        'take screenshots of what happens online',
      ],
      [
        'bli med på en fritidsaktivitet for å møte nye folk',
        'bli med på ein fritidsaktivitet for å møte nye folk',
        'join a leisure activity to meet new people',
      ],
      [
        'vær en god venn for noen som er alene',
        'ver ein god ven for nokon som er åleine',
        'be a good friend to someone who is alone',
      ],
      [
        'husk at skolen har plikt til å gripe inn',
        'hugs at skulen har plikt til å gripe inn',
        'remember that the school has a duty to step in',
      ],
      [
        'blokker og rapporter den som plager deg',
        'blokker og rapporter den som plagar deg',
        'block and report whoever is harassing you',
      ],
    ],
  },
  'kjonn-og-identitet': {
    terms: [
      ['kjønnsidentitet', 'kjønnsidentitet', 'gender identity'],
      ['legning', 'legning', 'sexual orientation'],
      ['å komme ut', 'å kome ut', 'coming out'],
      ['å være skeiv', 'å vere skeiv', 'being queer'],
      ['kjønnsinkongruens', 'kjønnsinkongruens', 'gender incongruence'],
      ['å være ikke-binær', 'å vere ikkje-binær', 'being non-binary'],
      ['kroppsbilde', 'kroppsbilete', 'body image'],
      ['fordommer', 'fordommar', 'prejudice'],
      ['tilhørighet', 'tilhøyrsle', 'belonging'],
      ['pronomen', 'pronomen', 'pronouns'],
    ],
    problems: [
      [
        'du er usikker på hvem du er forelsket i',
        'du er usikker på kven du er forelska i',
        'you are unsure who you are in love with',
      ],
      [
        'du ikke kjenner deg hjemme i kroppen din',
        'du ikkje kjenner deg heime i kroppen din',
        'you do not feel at home in your body',
      ],
      [
        'du gruer deg til å fortelle familien hvem du er',
        'du gruar deg til å fortelje familien kven du er',
        'you dread telling your family who you are',
      ],
      [
        'noen bruker feil pronomen om deg',
        'nokon brukar feil pronomen om deg',
        'people use the wrong pronouns for you',
      ],
      [
        'du blir kalt stygge ord fordi du er skeiv',
        'du blir kalla stygge ord fordi du er skeiv',
        'you get called names because you are queer',
      ],
      [
        'du føler deg annerledes enn de andre',
        'du kjenner deg annleis enn dei andre',
        'you feel different from the others',
      ],
    ],
    advice: [
      [
        'ta den tiden du trenger, det haster ikke',
        'ta den tida du treng, det hastar ikkje',
        'take the time you need, there is no rush',
      ],
      [
        'finn fellesskap med andre som har det som deg',
        'finn fellesskap med andre som har det som deg',
        'find community with others who feel like you',
      ],
      [
        'fortell det først til en du stoler på',
        'fortel det først til ein du stoler på',
        'tell someone you trust first',
      ],
      [
        'snakk med fastlegen om du vurderer utredning',
        'snakk med fastlegen dersom du vurderer utgreiing',
        'talk to your GP if you are considering an assessment',
      ],
      [
        'husk at du selv bestemmer når du vil komme ut',
        'hugs at du sjølv bestemmer når du vil kome ut',
        'remember that you decide when to come out',
      ],
      [
        'les erfaringer fra andre unge',
        'les erfaringar frå andre unge',
        "read about other young people's experiences",
      ],
    ],
  },
  'digitalt-liv': {
    terms: [
      ['skjermtid', 'skjermtid', 'screen time'],
      ['sosiale medier', 'sosiale medium', 'social media'],
      ['gaming', 'gaming', 'gaming'],
      ['nettvett', 'nettvett', 'online safety'],
      ['nakenbilder', 'nakenbilete', 'nude images'],
      ['personvern på nett', 'personvern på nett', 'online privacy'],
      ['kroppspress på nett', 'kroppspress på nett', 'body pressure online'],
      ['falske nyheter', 'falske nyheiter', 'fake news'],
      ['nettdating', 'nettdating', 'online dating'],
      ['varsler på mobilen', 'varsel på mobilen', 'phone notifications'],
    ],
    problems: [
      [
        'du bruker mobilen langt utover natta',
        'du brukar mobilen langt utover natta',
        'you use your phone late into the night',
      ],
      [
        'du sammenligner deg med andre på sosiale medier',
        'du samanliknar deg med andre på sosiale medium',
        'you compare yourself with others on social media',
      ],
      [
        'noen har spurt deg om nakenbilder',
        'nokon har spurt deg om nakenbilete',
        'someone has asked you for nude pictures',
      ],
      [
        'du gamer så mye at skolen blir skadelidende',
        'du gamar så mykje at skulen lid under det',
        'you game so much that school suffers',
      ],
      [
        'du får meldinger fra en fremmed',
        'du får meldingar frå ein framand',
        'you get messages from a stranger',
      ],
      [
        'et bilde av deg er blitt delt uten lov',
        'eit bilete av deg er blitt delt utan lov',
        'a picture of you has been shared without permission',
      ],
    ],
    advice: [
      [
        'skru av varsler om kvelden',
        'skru av varsel om kvelden',
        'turn off notifications in the evening',
      ],
      [
        'tenk deg om før du deler bilder',
        'tenk deg om før du deler bilete',
        'think before you share pictures',
      ],
      [
        'sett deg et mål for skjermtid',
        'set deg eit mål for skjermtid',
        'set yourself a screen time goal',
      ],
      [
        'følg kontoer som får deg til å føle deg bra',
        'følg kontoar som får deg til å kjenne deg bra',
        'follow accounts that make you feel good',
      ],
      [
        'meld fra til Slettmeg.no hvis bilder er delt',
        'meld frå til Slettmeg.no dersom bilete er delte',
        'report it to Slettmeg.no if images have been shared',
      ],
      ['ha mobilfrie soner hjemme', 'ha mobilfrie soner heime', 'have phone-free zones at home'],
    ],
  },
};

/** People to talk to; work after "snakke med", "ta kontakt med", "hjelp fra". */
export const helpers: readonly Tri[] = [
  ['helsesykepleieren på skolen', 'helsesjukepleiaren på skulen', 'the school nurse'],
  ['fastlegen din', 'fastlegen din', 'your GP'],
  ['en voksen du stoler på', 'ein vaksen du stoler på', 'an adult you trust'],
  ['foreldrene dine', 'foreldra dine', 'your parents'],
  ['kontaktlæreren din', 'kontaktlæraren din', 'your form teacher'],
  ['helsesykepleier', 'helsesjukepleiar', 'a school nurse'],
  ['skolelegen', 'skulelegen', 'the school doctor'],
  ['en psykolog', 'ein psykolog', 'a psychologist'],
  ['rådgiveren på skolen', 'rådgivaren på skulen', 'the school counsellor'],
];

/** Places and services; work after "hos", "ta kontakt med", "at"/"from"/"contact". */
export const services: readonly Tri[] = [
  ['helsestasjon for ungdom', 'helsestasjon for ungdom', 'the youth health clinic'],
  ['skolehelsetjenesten', 'skulehelsetenesta', 'the school health service'],
  ['legevakten', 'legevakta', 'the out-of-hours clinic'],
  ['fastlegekontoret', 'fastlegekontoret', "your GP's surgery"],
  ['Kors på halsen', 'Kors på halsen', 'the Red Cross chat service Kors på halsen'],
  [
    'kommunens psykiske helsetjeneste',
    'den psykiske helsetenesta i kommunen',
    "your municipality's mental health service",
  ],
  ['familievernkontoret', 'familievernkontoret', 'the family counselling service'],
  ['en chattetjeneste for unge', 'ei chatteteneste for unge', 'a chat service for young people'],
];

/** Feelings as nouns ("kjenner på uro", "feel worry"). */
export const feelings: readonly Tri[] = [
  ['uro', 'uro', 'worry'],
  ['stress', 'stress', 'stress'],
  ['skam', 'skam', 'shame'],
  ['usikkerhet', 'utryggleik', 'insecurity'],
  ['press', 'press', 'pressure'],
  ['ensomhet', 'einsemd', 'loneliness'],
  ['tristhet', 'tristleik', 'sadness'],
  ['sinne', 'sinne', 'anger'],
  ['frustrasjon', 'frustrasjon', 'frustration'],
  ['nervøsitet', 'nervøsitet', 'nervousness'],
  ['sjalusi', 'sjalusi', 'jealousy'],
];

/** Plural sentence subjects. */
export const groups: readonly Tri[] = [
  ['mange unge', 'mange unge', 'many young people'],
  ['de fleste', 'dei fleste', 'most people'],
  ['mange i din alder', 'mange på din alder', 'lots of people your age'],
  ['noen', 'nokre', 'some people'],
  ['både jenter og gutter', 'både jenter og gutar', 'both girls and boys'],
  ['mange ungdommer', 'mange ungdomar', 'many teenagers'],
  ['flere enn du tror', 'fleire enn du trur', 'more people than you think'],
];

/** Adverbials of time or place that end a clause. */
export const times: readonly Tri[] = [
  ['i perioder', 'i periodar', 'at times'],
  ['i puberteten', 'i puberteten', 'during puberty'],
  ['om kvelden', 'om kvelden', 'in the evening'],
  ['på skolen', 'på skulen', 'at school'],
  ['i ungdomstiden', 'i ungdomstida', 'during the teenage years'],
  ['i helgene', 'i helgane', 'at weekends'],
  ['etter en lang dag', 'etter ein lang dag', 'after a long day'],
  ['før en prøve', 'før ei prøve', 'before a test'],
  ['når det er mye som skjer', 'når det er mykje som skjer', 'when a lot is going on'],
  [
    'i overgangen til videregående',
    'i overgangen til vidaregåande',
    'when starting upper secondary',
  ],
  ['i sommerferien', 'i sommarferien', 'during the summer holidays'],
];

export const durations: readonly Tri[] = [
  ['noen uker', 'nokre veker', 'a few weeks'],
  ['flere måneder', 'fleire månader', 'several months'],
  ['et halvt år', 'eit halvt år', 'six months'],
  ['nesten et år', 'nesten eitt år', 'almost a year'],
  ['over ett år', 'over eitt år', 'more than a year'],
  ['to måneder', 'to månader', 'two months'],
  ['et par dager', 'eit par dagar', 'a couple of days'],
];

export const genders: readonly Tri[] = [
  ['jente', 'jente', 'a girl'],
  ['gutt', 'gut', 'a boy'],
  ['ikke-binær', 'ikkje-binær', 'non-binary'],
];

const enSubjectVerbs = new Set([
  'are',
  'were',
  'have',
  'had',
  'do',
  'did',
  'can',
  'cannot',
  'could',
  'will',
  'would',
  'should',
  'feel',
  'want',
  'get',
  'got',
  'see',
  'think',
  'know',
  'need',
  'worry',
  'often',
  'always',
  'never',
  'pee',
  'drink',
  'avoid',
  'panic',
  'lie',
  'compare',
  'pull',
  'stress',
  'wonder',
  'dread',
  'struggle',
  'sleep',
  'sweat',
  'skip',
  'train',
  'trust',
  'game',
  'use',
  'start',
  'really',
  'just',
]);

const norwegianFirstPerson: Readonly<Record<string, string>> = {
  deg: 'meg',
  din: 'min',
  di: 'mi',
  ditt: 'mitt',
  dine: 'mine',
};

/**
 * Rewrites a second-person phrase to the first person, for questions written by the young
 * person ("du sliter med å sove" → "jeg sliter med å sove", "you are sleepy" → "I am sleepy").
 * @remarks English "you" becomes "I" only as a subject (first word or before a verb), else "me".
 */
export function firstPerson(text: string, locale: 0 | 1 | 2): string {
  const words = text.split(' ');
  if (locale === 2) {
    let subject = false;
    return words
      .map((w, i) => {
        const next = words[i + 1];
        if (w === 'you') {
          subject = i === 0 || (next !== undefined && enSubjectVerbs.has(next));
          return subject ? 'I' : 'me';
        }
        const wasSubject = subject;
        subject = false;
        if (wasSubject && w === 'are') return 'am';
        if (wasSubject && w === 'were') return 'was';
        if (w === 'your') return 'my';
        if (w === 'yourself') return 'myself';
        return w;
      })
      .join(' ');
  }
  return words
    .map((w) => (w === 'du' ? (locale === 0 ? 'jeg' : 'eg') : (norwegianFirstPerson[w] ?? w)))
    .join(' ');
}

const compoundPrefixes: readonly Tri[] = [
  ['søvn', 'søvn', 'sleep'],
  ['skole', 'skule', 'school'],
  ['kropps', 'kropps', 'body'],
  ['helse', 'helse', 'health'],
  ['venne', 'vene', 'friendship'],
  ['familie', 'familie', 'family'],
  ['nett', 'nett', 'online'],
  ['trenings', 'trenings', 'exercise'],
  ['mat', 'mat', 'food'],
  ['rus', 'rus', 'substance'],
  ['stress', 'stress', 'stress'],
  ['ungdoms', 'ungdoms', 'youth'],
  ['fritids', 'fritids', 'leisure'],
  ['skjerm', 'skjerm', 'screen'],
  ['foreldre', 'foreldre', 'parent'],
  ['klasse', 'klasse', 'class'],
  ['kjæreste', 'kjærast', 'dating'],
  ['mobil', 'mobil', 'phone'],
  ['hverdags', 'kvardags', 'everyday'],
  ['eksamens', 'eksamens', 'exam'],
  ['idretts', 'idretts', 'sports'],
  ['spise', 'ete', 'eating'],
  ['pubertets', 'pubertets', 'puberty'],
  ['følelses', 'kjensle', 'emotional'],
];

const compoundHeads: readonly Tri[] = [
  ['problemer', 'problem', 'problems'],
  ['vaner', 'vanar', 'habits'],
  ['spørsmål', 'spørsmål', 'questions'],
  ['tips', 'tips', 'tips'],
  ['plager', 'plager', 'complaints'],
  ['tanker', 'tankar', 'thoughts'],
  ['utfordringer', 'utfordringar', 'challenges'],
  ['erfaringer', 'erfaringar', 'experiences'],
  ['rutiner', 'rutinar', 'routines'],
  ['råd', 'råd', 'advice'],
  ['bekymringer', 'bekymringar', 'worries'],
  ['press', 'press', 'pressure'],
];

/**
 * Norwegian compounds ("søvnvaner", "skulestress"…), English as two words. They give the corpus
 * the long tail of rarer words real Norwegian text has; the order is shuffled once with a fixed
 * seed so the Zipf draw does not favour one prefix.
 */
export const compounds: readonly Tri[] = (() => {
  const all: Tri[] = [];
  for (const p of compoundPrefixes)
    for (const h of compoundHeads) all.push([p[0] + h[0], p[1] + h[1], `${p[2]} ${h[2]}`]);
  let state = 0x2545f491;
  for (let i = all.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [all[i], all[j]] = [all[j] as Tri, all[i] as Tri];
  }
  return all;
})();

/** Norwegian municipalities, largest first (names are the same in every locale). */
export const places: readonly Tri[] = [
  'Oslo',
  'Bergen',
  'Trondheim',
  'Stavanger',
  'Bærum',
  'Kristiansand',
  'Drammen',
  'Asker',
  'Lillestrøm',
  'Fredrikstad',
  'Sandnes',
  'Tromsø',
  'Sarpsborg',
  'Skien',
  'Ålesund',
  'Bodø',
  'Larvik',
  'Sandefjord',
  'Arendal',
  'Tønsberg',
  'Indre Østfold',
  'Karmøy',
  'Nordre Follo',
  'Porsgrunn',
  'Haugesund',
  'Ringsaker',
  'Moss',
  'Halden',
  'Molde',
  'Hamar',
  'Lørenskog',
  'Ullensaker',
  'Gjøvik',
  'Lillehammer',
  'Harstad',
  'Kongsberg',
  'Ringerike',
  'Steinkjer',
  'Horten',
  'Askøy',
  'Elverum',
  'Stjørdal',
  'Øygarden',
  'Alver',
  'Bjørnafjorden',
  'Kristiansund',
  'Narvik',
  'Alta',
  'Levanger',
  'Grimstad',
  'Namsos',
  'Notodden',
  'Kongsvinger',
  'Rana',
  'Vestby',
  'Ås',
  'Frogn',
  'Nesodden',
  'Eidsvoll',
  'Nannestad',
  'Gran',
  'Lunner',
  'Voss',
  'Stord',
  'Sogndal',
  'Sunnfjord',
  'Kinn',
  'Ørsta',
  'Volda',
  'Ulstein',
  'Sula',
  'Giske',
  'Vestnes',
  'Sunndal',
  'Orkland',
  'Melhus',
  'Malvik',
  'Røros',
  'Oppdal',
  'Verdal',
  'Fauske',
  'Vefsn',
  'Brønnøy',
  'Sortland',
  'Vestvågøy',
  'Senja',
  'Hammerfest',
  'Vadsø',
  'Sør-Varanger',
  'Kautokeino',
  'Karasjok',
  'Tana',
  'Vinje',
  'Tinn',
  'Midt-Telemark',
  'Kragerø',
  'Bamble',
  'Lindesnes',
  'Farsund',
  'Flekkefjord',
  'Vennesla',
  'Lyngdal',
  'Eigersund',
  'Hå',
  'Klepp',
  'Time',
  'Gjesdal',
  'Sola',
  'Randaberg',
  'Strand',
  'Suldal',
  'Sauda',
  'Tysvær',
  'Vindafjord',
  'Kvinnherad',
  'Ullensvang',
  'Hemsedal',
  'Nord-Fron',
  'Tynset',
].map((name) => [name, name, name] as const);
