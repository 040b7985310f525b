import type { Tri } from './catalog';

/**
 * Sentence templates as parallel nb / nn / en text. Slots in braces are filled from the lexicon:
 * `{term}` `{term2}` `{problem}` `{problem2}` `{advice}` `{helper}` `{service}` `{feeling}`
 * `{group}` `{time}` `{compound}` `{place}`, and in questions `{problemMe}` `{problemMe2}` `{helperMe}` `{duration}`
 * `{gender}` `{age}`. A capital first letter (`{Term}`) capitalises the filled-in text.
 * Every variant of a template must use the same slots (checked when the templates are compiled).
 * Lists are ordered roughly by how often the sentence should appear.
 */

/** Body sentences for articles (and the middle of answers). */
export const articleSentences: readonly Tri[] = [
  [
    '{Group} har spørsmål om {term}, og det er helt vanlig.',
    '{Group} har spørsmål om {term}, og det er heilt vanleg.',
    '{Group} have questions about {term}, and that is completely normal.',
  ],
  [
    'Hvis {problem}, kan det være lurt å snakke med {helper}.',
    'Dersom {problem}, kan det vere lurt å snakke med {helper}.',
    'If {problem}, it can be a good idea to talk to {helper}.',
  ],
  [
    'Det er helt normalt å tenke mye på {term} {time}.',
    'Det er heilt normalt å tenkje mykje på {term} {time}.',
    'It is completely normal to think a lot about {term} {time}.',
  ],
  [
    'Mange kjenner på {feeling} når det gjelder {term}.',
    'Mange kjenner på {feeling} når det gjeld {term}.',
    'Many people feel {feeling} when it comes to {term}.',
  ],
  [
    'Det finnes ingen fasit, og alle er forskjellige.',
    'Det finst ingen fasit, og alle er ulike.',
    'There is no single right answer, and everyone is different.',
  ],
  [
    'Du kan også få råd og hjelp hos {service}.',
    'Du kan òg få råd og hjelp hos {service}.',
    'You can also get advice and help from {service}.',
  ],
  [
    'Helsepersonell har taushetsplikt, så du kan snakke fritt.',
    'Helsepersonell har teieplikt, så du kan snakke fritt.',
    'Health workers have a duty of confidentiality, so you can speak freely.',
  ],
  [
    '{Term} kan handle om mer enn kroppen, for det påvirker også hvordan du har det.',
    '{Term} kan handle om meir enn kroppen, for det påverkar òg korleis du har det.',
    '{Term} can be about more than your body, because it can also affect how you feel.',
  ],
  ['Et godt råd: {Advice}.', 'Eit godt råd: {Advice}.', 'A good tip: {Advice}.'],
  [
    'Det kan hjelpe å skrive ned hva du tenker og føler {time}.',
    'Det kan hjelpe å skrive ned kva du tenkjer og kjenner {time}.',
    'It can help to write down what you think and feel {time}.',
  ],
  [
    'Det er ikke din feil hvis {problem}.',
    'Det er ikkje di skuld dersom {problem}.',
    'It is not your fault if {problem}.',
  ],
  [
    'Ingen spørsmål er for dumme, og du trenger ikke å være flau.',
    'Ingen spørsmål er for dumme, og du treng ikkje vere flau.',
    'No question is too silly, and there is no need to feel embarrassed.',
  ],
  [
    '{Group} opplever {feeling} {time}.',
    '{Group} opplever {feeling} {time}.',
    '{Group} experience {feeling} {time}.',
  ],
  [
    'Forskning viser at kunnskap om {term} gjør det lettere å ta gode valg.',
    'Forsking viser at kunnskap om {term} gjer det lettare å ta gode val.',
    'Research shows that knowing about {term} makes it easier to make good choices.',
  ],
  [
    'Husk at du har rett til å få hjelp, også uten at foreldrene dine vet om det.',
    'Hugs at du har rett til å få hjelp, òg utan at foreldra dine veit om det.',
    'Remember that you have the right to get help, even without your parents knowing.',
  ],
  [
    '{Helper} kan mye om {term} og har hørt det meste før.',
    '{Helper} kan mykje om {term} og har høyrt det meste før.',
    '{Helper} will know a lot about {term} and will have heard most things before.',
  ],
  [
    'Mange synes det er vanskelig å snakke om {term}, men det blir ofte lettere når du først har begynt.',
    'Mange synest det er vanskeleg å snakke om {term}, men det blir ofte lettare når du først har byrja.',
    'Many find it hard to talk about {term}, but it often gets easier once you have started.',
  ],
  [
    'Kroppen og hodet henger sammen, så {term} kan påvirke hverdagen din.',
    'Kroppen og hovudet heng saman, så {term} kan påverke kvardagen din.',
    'Body and mind are connected, so {term} can affect your everyday life.',
  ],
  [
    'Søvn, mat og bevegelse gjør det lettere å takle {feeling}.',
    'Søvn, mat og rørsle gjer det lettare å takle {feeling}.',
    'Sleep, food and exercise make it easier to cope with {feeling}.',
  ],
  [
    'Du bestemmer selv hvor mye du vil fortelle.',
    'Du bestemmer sjølv kor mykje du vil fortelje.',
    'You decide how much you want to tell.',
  ],
  [
    'Det er viktig å vite at mange unge har erfaring med {term}.',
    'Det er viktig å vite at mange unge har erfaring med {term}.',
    'It is important to know that many young people have experience with {term}.',
  ],
  [
    'På nettet finnes det mye informasjon om {term}, men ikke alt er riktig.',
    'På nettet finst det mykje informasjon om {term}, men ikkje alt er rett.',
    'There is a lot of information about {term} online, but not all of it is correct.',
  ],
  [
    'Velg kilder du kan stole på, for eksempel helsepersonell eller offentlige nettsider.',
    'Vel kjelder du kan stole på, til dømes helsepersonell eller offentlege nettsider.',
    'Choose sources you can trust, such as health workers or official websites.',
  ],
  [
    'Hvis {problem}, er det lurt å ikke vente for lenge.',
    'Dersom {problem}, er det lurt å ikkje vente for lenge.',
    'If {problem}, it is wise not to wait too long.',
  ],
  [
    'Det er ofte flere grunner til at {problem}.',
    'Det er ofte fleire grunnar til at {problem}.',
    'There are often several reasons why {problem}.',
  ],
  [
    'Noen ganger hjelper det å snakke med en venn, andre ganger trenger du hjelp fra {helper}.',
    'Nokre gonger hjelper det å snakke med ein ven, andre gonger treng du hjelp frå {helper}.',
    'Sometimes it helps to talk to a friend, other times you need help from {helper}.',
  ],
  [
    'Det er gratis å gå til helsesykepleier og helsestasjon for ungdom.',
    'Det er gratis å gå til helsesjukepleiar og helsestasjon for ungdom.',
    'It is free to see the school nurse and to visit the youth health clinic.',
  ],
  [
    '{Term} kan oppleves forskjellig fra person til person.',
    '{Term} kan opplevast ulikt frå person til person.',
    '{Term} can feel different from one person to the next.',
  ],
  [
    'Det er helt i orden å si nei, også når andre presser deg.',
    'Det er heilt i orden å seie nei, òg når andre pressar deg.',
    'It is perfectly fine to say no, even when others pressure you.',
  ],
  [
    'Mange foreldre vil gjerne hjelpe, selv om det kan føles rart å ta opp {term} hjemme.',
    'Mange foreldre vil gjerne hjelpe, sjølv om det kan kjennast rart å ta opp {term} heime.',
    'Many parents want to help, even if it feels strange to bring up {term} at home.',
  ],
  [
    'Gi deg selv tid, og vær snill med deg selv.',
    'Gi deg sjølv tid, og ver snill med deg sjølv.',
    'Give yourself time, and be kind to yourself.',
  ],
  [
    'Du er ikke alene om å kjenne på {feeling}.',
    'Du er ikkje åleine om å kjenne på {feeling}.',
    'You are not alone in feeling {feeling}.',
  ],
  [
    'Faste rutiner for søvn og måltider gjør kroppen tryggere.',
    'Faste rutinar for søvn og måltid gjer kroppen tryggare.',
    'Regular routines for sleep and meals help your body feel safe.',
  ],
  [
    'Det kan være lurt å forberede noen spørsmål før du går til {helper}.',
    'Det kan vere lurt å førebu nokre spørsmål før du går til {helper}.',
    'It can be useful to prepare a few questions before you see {helper}.',
  ],
  [
    'Det er ikke uvanlig at {problem} {time}.',
    'Det er ikkje uvanleg at {problem} {time}.',
    'It is not unusual that {problem} {time}.',
  ],
  [
    '{Term} fortjener mer åpenhet, både hjemme og på skolen.',
    '{Term} fortener meir openheit, både heime og på skulen.',
    '{Term} should be talked about more openly, both at home and at school.',
  ],
  [
    'Det som hjelper for én, hjelper ikke nødvendigvis for en annen.',
    'Det som hjelper for éin, hjelper ikkje naudsynt for ein annan.',
    'What helps one person does not necessarily help another.',
  ],
  [
    'Skolehelsetjenesten er til for deg, og du kan ofte komme uten timeavtale.',
    'Skulehelsetenesta er til for deg, og du kan ofte kome utan timeavtale.',
    'The school health service is there for you, and you can often drop in without an appointment.',
  ],
  [
    'Når {problem}, kan det påvirke både skole, venner og familie.',
    'Når {problem}, kan det påverke både skule, vener og familie.',
    'When {problem}, it can affect school, friends and family.',
  ],
  ['Tips: {Advice}.', 'Tips: {Advice}.', 'Tip: {Advice}.'],
  [
    'Det er lov å be om hjelp flere ganger.',
    'Det er lov å be om hjelp fleire gonger.',
    'It is okay to ask for help more than once.',
  ],
  [
    'Mange opplever at {term} blir lettere å håndtere når de vet mer.',
    'Mange opplever at {term} blir lettare å handtere når dei veit meir.',
    'Many find it easier to handle {term} when they know more.',
  ],
  [
    'Det er din kropp og ditt liv, og du har rett til å bestemme over deg selv.',
    'Det er din kropp og ditt liv, og du har rett til å bestemme over deg sjølv.',
    'It is your body and your life, and you have the right to make your own choices.',
  ],
  [
    'Både {term} og {term2} er vanlige temaer hos helsesykepleier.',
    'Både {term} og {term2} er vanlege tema hos helsesjukepleiaren.',
    'Both {term} and {term2} are common topics at the school nurse.',
  ],
  [
    'Ring 113 hvis det er akutt fare for liv og helse.',
    'Ring 113 dersom det er akutt fare for liv og helse.',
    'Call 113 if there is immediate danger to life and health.',
  ],
  [
    'Det kan ta tid før du merker endring, så ikke gi opp for tidlig.',
    'Det kan ta tid før du merkar endring, så ikkje gi opp for tidleg.',
    'It can take time before you notice a change, so do not give up too soon.',
  ],
  [
    'Mange voksne husker selv hvordan det var å lure på {term}.',
    'Mange vaksne hugsar sjølv korleis det var å lure på {term}.',
    'Many adults remember what it was like to wonder about {term}.',
  ],
  [
    'Du kan også bestille time hos {service} på nett.',
    'Du kan òg bestille time hos {service} på nett.',
    'You can also book an appointment with {service} online.',
  ],
  [
    'Hvordan du har det {time}, kan si noe om hva du trenger.',
    'Korleis du har det {time}, kan seie noko om kva du treng.',
    'How you feel {time} can tell you something about what you need.',
  ],
  ['Prøv dette: {Advice}.', 'Prøv dette: {Advice}.', 'Try this: {Advice}.'],
  [
    'Det er lurt å vite litt om {term} før du trenger det.',
    'Det er lurt å vite litt om {term} før du treng det.',
    'It is smart to know a little about {term} before you need it.',
  ],
  [
    'Både {term} og {feeling} kan gjøre hverdagen tyngre.',
    'Både {term} og {feeling} kan gjere kvardagen tyngre.',
    'Both {term} and {feeling} can make everyday life harder.',
  ],
  [
    'Vi får ofte spørsmål om {compound}.',
    'Vi får ofte spørsmål om {compound}.',
    'We often get questions about {compound}.',
  ],
  [
    'Mange unge forteller om {compound} og {compound2}.',
    'Mange unge fortel om {compound} og {compound2}.',
    'Many young people tell us about {compound} and {compound2}.',
  ],
  [
    'Helsestasjon for ungdom i {place} har åpent for alle mellom 13 og 20 år.',
    'Helsestasjon for ungdom i {place} har ope for alle mellom 13 og 20 år.',
    'The youth health clinic in {place} is open to everyone aged 13 to 20.',
  ],
  [
    'Når det gjelder {term}, handler det ofte om {compound}.',
    'Når det gjeld {term}, handlar det ofte om {compound}.',
    'When it comes to {term}, it is often about {compound}.',
  ],
  [
    'I {place} kan du også snakke med helsesykepleier på skolen.',
    'I {place} kan du òg snakke med helsesjukepleiaren på skulen.',
    'In {place} you can also talk to the school nurse.',
  ],
];

/** `##` headings; an article uses each at most once. */
export const headings: readonly Tri[] = [
  ['Hva er {term}?', 'Kva er {term}?', '{Term} explained'],
  ['Dette kan du gjøre selv', 'Dette kan du gjere sjølv', 'What you can do yourself'],
  ['Slik kan du få hjelp', 'Slik kan du få hjelp', 'How to get help'],
  ['Når bør du søke hjelp?', 'Når bør du søkje hjelp?', 'When should you get help?'],
  ['Tegn du bør kjenne til', 'Teikn du bør kjenne til', 'Signs to look out for'],
  ['Vanlige spørsmål om {term}', 'Vanlege spørsmål om {term}', 'Common questions about {term}'],
  ['Hvorfor skjer dette?', 'Kvifor skjer dette?', 'Why does this happen?'],
  ['Når {problem}', 'Når {problem}', 'When {problem}'],
  ['Snakk med noen', 'Snakk med nokon', 'Talk to someone'],
  ['Myter og fakta om {term}', 'Mytar og fakta om {term}', 'Myths and facts about {term}'],
  ['{Term} i hverdagen', '{Term} i kvardagen', '{Term} in everyday life'],
  ['Dine rettigheter', 'Rettane dine', 'Your rights'],
  ['Slik tar du vare på deg selv', 'Slik tek du vare på deg sjølv', 'Looking after yourself'],
  ['Hva sier forskningen?', 'Kva seier forskinga?', 'What does research say?'],
  ['Hvor kan du få hjelp?', 'Kvar kan du få hjelp?', 'Where can you get help?'],
  ['Råd til foreldre', 'Råd til foreldre', 'Advice for parents'],
];

/** Article titles; the generator retries until every variant has 3–8 words. */
export const titles: readonly Tri[] = [
  ['{Term} – dette bør du vite', '{Term} – dette bør du vite', '{Term} – what you need to know'],
  ['Alt du lurer på om {term}', 'Alt du lurer på om {term}', 'Everything you wonder about {term}'],
  ['Når {term} blir vanskelig', 'Når {term} blir vanskeleg', 'When {term} gets difficult'],
  ['Fakta om {term} for unge', 'Fakta om {term} for unge', 'Facts about {term} for teenagers'],
  ['{Term} i ungdomstiden', '{Term} i ungdomstida', '{Term} in your teens'],
  [
    'Spørsmål og svar om {term}',
    'Spørsmål og svar om {term}',
    'Questions and answers about {term}',
  ],
  [
    'Dette bør du vite om {term}',
    'Dette bør du vite om {term}',
    'What you should know about {term}',
  ],
  ['{Term} og {term2}', '{Term} og {term2}', '{Term} and {term2}'],
  ['Få hjelp med {term}', 'Få hjelp med {term}', 'Getting help with {term}'],
  ['Hva du kan gjøre med {term}', 'Kva du kan gjere med {term}', 'What you can do about {term}'],
  [
    '{Term}: råd fra helsesykepleieren',
    '{Term}: råd frå helsesjukepleiaren',
    '{Term}: advice from the school nurse',
  ],
  ['Slik kan du forstå {term}', 'Slik kan du forstå {term}', 'Making sense of {term}'],
];

/** Used when no title template fits: 2 words plus a term of at most 4 words. */
export const fallbackTitle: Tri = ['Fakta om {term}', 'Fakta om {term}', 'Facts about {term}'];

export const summaries: readonly Tri[] = [
  [
    'Her får du vite mer om {term}, {term2} og hvor du kan få hjelp.',
    'Her får du vite meir om {term}, {term2} og kvar du kan få hjelp.',
    'Here you can read more about {term}, {term2} and where to get help.',
  ],
  [
    'Hva er {term}, og hva kan du gjøre hvis {problem}?',
    'Kva er {term}, og kva kan du gjere dersom {problem}?',
    'What is {term}, and what can you do if {problem}?',
  ],
  [
    '{Group} har spørsmål om {term}. Vi forklarer hva som er vanlig, og når det er lurt å søke hjelp.',
    '{Group} har spørsmål om {term}. Vi forklarer kva som er vanleg, og når det er lurt å søkje hjelp.',
    '{Group} have questions about {term}. We explain what is normal and when it is wise to get help.',
  ],
  [
    'Råd og fakta om {term} for deg som er ung.',
    'Råd og fakta om {term} for deg som er ung.',
    'Advice and facts about {term} for young people.',
  ],
  [
    'Om {term}, {feeling} og hva som kan hjelpe når {problem}.',
    'Om {term}, {feeling} og kva som kan hjelpe når {problem}.',
    'About {term}, {feeling} and what can help when {problem}.',
  ],
];

export const summaryExtras: readonly Tri[] = [
  [
    'Du får også tips til hva du kan gjøre selv.',
    'Du får òg tips til kva du kan gjere sjølv.',
    'You also get tips on what you can do yourself.',
  ],
  [
    'Artikkelen er kvalitetssikret av helsepersonell.',
    'Artikkelen er kvalitetssikra av helsepersonell.',
    'This article has been reviewed by health professionals.',
  ],
  [
    'Vi forteller også hvor du kan få hjelp.',
    'Vi fortel òg kvar du kan få hjelp.',
    'We also tell you where to get help.',
  ],
];

/** Lead-ins for a bullet list of advice. */
export const adviceLeads: readonly Tri[] = [
  ['Dette kan hjelpe:', 'Dette kan hjelpe:', 'These things can help:'],
  [
    'Noen råd som kan gjøre det lettere:',
    'Nokre råd som kan gjere det lettare:',
    'Some tips that can make it easier:',
  ],
  ['Prøv gjerne dette:', 'Prøv gjerne dette:', 'Try this:'],
];

/** Lead-ins for a bullet list of problems; they end in a subordinating word. */
export const problemLeads: readonly Tri[] = [
  [
    'Det kan være lurt å be om hjelp hvis',
    'Det kan vere lurt å be om hjelp dersom',
    'It can be a good idea to ask for help if',
  ],
  ['Ta kontakt med {helper} hvis', 'Ta kontakt med {helper} dersom', 'Contact {helper} if'],
  [
    'Du bør ikke vente med å snakke med noen når',
    'Du bør ikkje vente med å snakke med nokon når',
    'Do not wait to talk to someone when',
  ],
];

export const questionOpeners: readonly Tri[] = [
  ['Hei!', 'Hei!', 'Hi!'],
  ['Hei.', 'Hei.', 'Hello.'],
  ['Hei, jeg har et spørsmål.', 'Hei, eg har eit spørsmål.', 'Hey, I have a question.'],
  ['Heisann!', 'Heisann!', 'Hi there!'],
];

/** The first sentence of a question: who is asking and what the trouble is. */
export const questionIntros: readonly Tri[] = [
  [
    'Jeg er {age} år og lurer på hva jeg skal gjøre når {problemMe}.',
    'Eg er {age} år og lurer på kva eg skal gjere når {problemMe}.',
    "I'm {age} and wondering what to do when {problemMe}.",
  ],
  ['Det er sånn at {problemMe}.', 'Det er slik at {problemMe}.', 'The thing is, {problemMe}.'],
  [
    'Jeg er {gender} på {age}, og jeg merker at {problemMe}.',
    'Eg er {gender} på {age}, og eg merkar at {problemMe}.',
    "I'm {gender}, {age} years old, and I notice that {problemMe}.",
  ],
  [
    'Jeg skriver fordi {problemMe}.',
    'Eg skriv fordi {problemMe}.',
    "I'm writing because {problemMe}.",
  ],
  ['Jeg lurer på noe om {term}.', 'Eg lurer på noko om {term}.', 'I have a question about {term}.'],
  [
    'Hva gjør jeg hvis {problemMe}?',
    'Kva gjer eg dersom {problemMe}?',
    'What do I do if {problemMe}?',
  ],
  [
    'Jeg er {age} og har et problem fordi {problemMe}.',
    'Eg er {age} og har eit problem fordi {problemMe}.',
    "I'm {age} and I have a problem because {problemMe}.",
  ],
];

export const questionDetails: readonly Tri[] = [
  [
    'Det har vart i {duration}.',
    'Det har vart i {duration}.',
    'It has been going on for {duration}.',
  ],
  [
    'Jeg tør ikke å si det til foreldrene mine.',
    'Eg tør ikkje seie det til foreldra mine.',
    "I don't dare tell my parents.",
  ],
  [
    'Alle vennene mine virker helt fine med det.',
    'Alle venene mine verkar heilt fine med det.',
    'All my friends seem totally fine with it.',
  ],
  [
    'Jeg har googlet masse, men blir bare mer bekymret.',
    'Eg har googla masse, men blir berre meir uroleg.',
    "I've googled loads but I just get more worried.",
  ],
  [
    'Jeg lurer på om {term} kan ha noe med det å gjøre.',
    'Eg lurer på om {term} kan ha noko med det å gjere.',
    'I wonder if {term} has anything to do with it.',
  ],
  [
    'Det er så flaut å spørre om dette.',
    'Det er så flautt å spørje om dette.',
    "It's so embarrassing to ask about this.",
  ],
  [
    'Jeg føler meg helt alene med det.',
    'Eg kjenner meg heilt åleine med det.',
    'I feel completely alone with it.',
  ],
  [
    'I tillegg er det sånn at {problemMe2}.',
    'I tillegg er det slik at {problemMe2}.',
    'On top of that, {problemMe2}.',
  ],
  [
    'Mamma sier at det bare er en fase.',
    'Mamma seier at det berre er ein fase.',
    "My mum says it's just a phase.",
  ],
  ['Det går utover skolen også.', 'Det går ut over skulen òg.', "It's affecting school too."],
  [
    'Noen ganger blir det bedre, men så kommer det tilbake.',
    'Nokre gonger blir det betre, men så kjem det tilbake.',
    'Sometimes it gets better, but then it comes back.',
  ],
  [
    'Jeg har ikke fortalt det til noen før.',
    'Eg har ikkje fortalt det til nokon før.',
    "I haven't told anyone before.",
  ],
  [
    'Jeg har snakket litt med {helperMe}, men det hjalp ikke så mye.',
    'Eg har snakka litt med {helperMe}, men det hjelpte ikkje så mykje.',
    "I've talked a bit with {helperMe}, but it didn't help much.",
  ],
  ['Det er verst {time}.', 'Det er verst {time}.', "It's worst {time}."],
  [
    'Jeg har lest litt om {term} på nettet.',
    'Eg har lese litt om {term} på nettet.',
    "I've read a bit about {term} online.",
  ],
  [
    'Jeg bor i {place}, så det er langt til helsestasjonen.',
    'Eg bur i {place}, så det er langt til helsestasjonen.',
    'I live in {place}, so the health clinic is far away.',
  ],
  [
    'Jeg har mye {compound} for tiden.',
    'Eg har mykje {compound} for tida.',
    "I've had a lot of {compound} lately.",
  ],
];

export const questionAsks: readonly Tri[] = [
  ['Er det normalt?', 'Er det normalt?', 'Is that normal?'],
  ['Hva skal jeg gjøre?', 'Kva skal eg gjere?', 'What should I do?'],
  ['Er det noe galt med meg?', 'Er det noko gale med meg?', 'Is something wrong with me?'],
  ['Bør jeg gå til legen?', 'Bør eg gå til legen?', 'Should I see a doctor?'],
  ['Er det farlig?', 'Er det farleg?', 'Is it dangerous?'],
  [
    'Finnes det noe som faktisk hjelper?',
    'Finst det noko som faktisk hjelper?',
    'Is there anything that actually helps?',
  ],
  [
    'Hvor lang tid tar det før det går over?',
    'Kor lang tid tek det før det går over?',
    'How long does it take before it goes away?',
  ],
  [
    'Kan jeg gå til helsesykepleier uten at foreldrene mine får vite det?',
    'Kan eg gå til helsesjukepleiaren utan at foreldra mine får vite det?',
    'Can I see the school nurse without my parents finding out?',
  ],
  [
    'Hvordan kan jeg vite om {term} er et problem for meg?',
    'Korleis kan eg vite om {term} er eit problem for meg?',
    'How can I tell if {term} is a problem for me?',
  ],
  [
    'Hvem kan jeg snakke med om {term}?',
    'Kven kan eg snakke med om {term}?',
    'Who can I talk to about {term}?',
  ],
];

export const questionClosers: readonly Tri[] = [
  ['Takk for svar!', 'Takk for svar!', 'Thanks for answering!'],
  ['Håper på svar.', 'Håpar på svar.', 'Hope you can answer.'],
  ['Hilsen en som lurer', 'Helsing ein som lurer', "From someone who's wondering"],
  ['Hilsen {age}-åring', 'Helsing {age}-åring', 'From a {age}-year-old'],
];

export const answerOpeners: readonly Tri[] = [
  [
    'Hei, og takk for at du skriver til oss!',
    'Hei, og takk for at du skriv til oss!',
    'Hi, and thank you for writing to us!',
  ],
  [
    'Hei! Så bra at du spør om dette.',
    'Hei! Så bra at du spør om dette.',
    "Hi! It's great that you're asking about this.",
  ],
  [
    'Hei! Det du beskriver, er noe mange i din alder kjenner seg igjen i.',
    'Hei! Det du skildrar, er noko mange på din alder kjenner seg att i.',
    'Hi! What you describe is something many people your age can relate to.',
  ],
  ['Takk for et godt spørsmål.', 'Takk for eit godt spørsmål.', 'Thank you for a good question.'],
  [
    'Hei! Det er modig av deg å skrive om dette.',
    'Hei! Det er modig av deg å skrive om dette.',
    "Hi! It's brave of you to write about this.",
  ],
];

/** Sentences that speak to the asker's situation, used at the start of an answer. */
export const answerSentences: readonly Tri[] = [
  [
    'Det du forteller om at {problem}, høres slitsomt ut.',
    'Det du fortel om at {problem}, høyrest slitsamt ut.',
    'What you say about how {problem} sounds exhausting.',
  ],
  [
    'Det er bra at du tar dette på alvor.',
    'Det er bra at du tek dette på alvor.',
    'It is good that you are taking this seriously.',
  ],
  [
    'Ut fra det du skriver, høres det ikke ut som noe farlig.',
    'Ut frå det du skriv, høyrest det ikkje ut som noko farleg.',
    'From what you write, it does not sound like anything dangerous.',
  ],
  [
    'Jeg vil anbefale deg å snakke med {helper}.',
    'Eg vil tilrå deg å snakke med {helper}.',
    'I would recommend that you talk to {helper}.',
  ],
  [
    'Det kan hende at {term} spiller en rolle her.',
    'Det kan hende at {term} speler ei rolle her.',
    '{Term} may play a part here.',
  ],
  [
    'Mange som skriver til oss, opplever det samme som deg.',
    'Mange som skriv til oss, opplever det same som deg.',
    'Many people who write to us go through the same thing as you.',
  ],
];

export const answerClosers: readonly Tri[] = [
  [
    'Lykke til, og ta gjerne kontakt igjen!',
    'Lukke til, og ta gjerne kontakt att!',
    'Good luck, and feel free to get in touch again!',
  ],
  ['Ta vare på deg selv!', 'Ta vare på deg sjølv!', 'Take care of yourself!'],
  ['Du fortjener å ha det bra.', 'Du fortener å ha det bra.', 'You deserve to feel good.'],
  [
    'Håper dette hjelper litt på veien.',
    'Håpar dette hjelper litt på vegen.',
    'I hope this helps a little along the way.',
  ],
];
