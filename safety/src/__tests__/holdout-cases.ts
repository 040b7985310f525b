import type { CrisisCase } from '../crisis/types';

/**
 * Held-out examples, written for issue #8 after the detectors were built and *not* used to tune
 * them: their precision and recall estimate how the detectors do on messages they have not seen.
 * A miss found here is fixed by adding the message to the main tables first (see README).
 */
export const HOLDOUT_CRISIS: readonly CrisisCase[] = [
  // should be flagged: suicide, nb/nn/en, misspellings, slang
  { text: 'jeg tror ikke jeg klarer å leve så mye lenger', crisis: true },
  { text: 'skulle ønske jeg aldri ble født', crisis: true },
  { text: 'jeg har lyst til å dø hver eneste dag', crisis: true },
  { text: 'tenker mye på å ta mitt eget liv', crisis: true },
  { text: 'jeg har bestemt meg for å avslutte livet', crisis: true },
  { text: 'selvmorstanker hele tiden', crisis: true },
  { text: 'vill ikke leve mer', crisis: true },
  { text: 'jeg orker ikkje mer av dette livet', crisis: true },
  { text: 'eg vil ikkje vere her meir', crisis: true, locale: 'nn' },
  { text: 'eg har lyst til å døy', crisis: true, locale: 'nn' },
  { text: 'eg tenkjer på sjølvmord', crisis: true, locale: 'nn' },
  { text: 'i dont want to live anymore', crisis: true, locale: 'en' },
  { text: 'i keep thinking about killing myself', crisis: true, locale: 'en' },
  { text: 'i want to end my life', crisis: true, locale: 'en' },
  { text: 'nobody would care if i died', crisis: true, locale: 'en' },
  // self-harm
  { text: 'jeg har skadet meg selv igjen i natt', crisis: true },
  { text: 'kutter meg på låret så ingen ser det', crisis: true },
  { text: 'eg kuttar meg', crisis: true, locale: 'nn' },
  { text: 'i cut myself last night', crisis: true, locale: 'en' },
  // abuse, violence, acute danger
  { text: 'stefaren min slår meg når mamma er på jobb', crisis: true },
  { text: 'jeg blir mishandlet hjemme', crisis: true },
  { text: 'en voksen har tatt bilder av meg naken og truer meg', crisis: true },
  { text: 'eg vart valdteken i helga', crisis: true, locale: 'nn' },
  { text: 'my mom beats me', crisis: true, locale: 'en' },
  { text: 'jeg har svelget en hel pakke med piller', crisis: true },
  { text: 'noen følger etter meg og jeg er redd nå', crisis: true },
  // should not be flagged: ordinary questions and hyperbole
  { text: 'Jeg dør av kjedsomhet i mattetimen', crisis: false },
  { text: 'Hvor mye paracet kan man ta på en dag?', crisis: false },
  { text: 'Mamma blir sur hvis jeg kommer sent hjem', crisis: false },
  { text: 'Jeg har lyst til å slutte på fotball', crisis: false },
  { text: 'Eg har vondt i magen etter trening', crisis: false, locale: 'nn' },
  { text: 'Kva skal eg gjere med kviser?', crisis: false, locale: 'nn' },
  { text: 'I cut my finger while cooking, should I worry?', crisis: false, locale: 'en' },
  { text: 'How do I tell my parents I am gay?', crisis: false, locale: 'en' },
  { text: 'Er det farlig å sove for lite før en prøve?', crisis: false },
  { text: 'Jeg gleder meg til å leve livet etter videregående', crisis: false },
  { text: 'Vennen min sier han vil dø av latter når han ser meg danse', crisis: false },
  { text: 'Hva gjør jeg hvis en venn forteller om selvmordstanker?', crisis: false },
];

/** Held-out scrubber samples: input and the placeholders (bokmål) the output must contain. */
export const HOLDOUT_SCRUB: readonly (readonly [input: string, expected: string])[] = [
  ['Jeg heter Sara Larsen og lurer på noe', 'Jeg heter [navn] og lurer på noe'],
  ['ring meg på 48 12 34 56 hvis du kan', 'ring meg på [telefon] hvis du kan'],
  ['nummeret mitt er +47 930 12 345', 'nummeret mitt er [telefon]'],
  ['mailen min er sara.larsen99@outlook.com', 'mailen min er [e-post]'],
  ['fødselsnummer 29020456750 står på kortet', 'fødselsnummer [fødselsnummer] står på kortet'],
  ['jeg bor i Kirkeveien 12 i Oslo', 'jeg bor i [adresse] i Oslo'],
  ['Jonas og jeg er kjærester', '[navn] og jeg er kjærester'],
  ['kjæresten min Ali vil ikke bruke kondom', 'kjæresten min [navn] vil ikke bruke kondom'],
  ['snap meg på sara_2009', 'snap meg på [brukernavn]'],
  ['jeg går på Ulsrud videregående skole', 'jeg går på [skole]'],
  ['Mamma heter Ingrid Berg', 'Mamma heter [navn]'],
  ['hei, det er Mohammed her', 'hei, det er [navn] her'],
  ['jeg tok 2 ibux kl 08.00', 'jeg tok 2 ibux kl 08.00'],
  ['jeg er 16 år og 170 cm', 'jeg er 16 år og 170 cm'],
  ['Ring 116 111 hvis du er redd', 'Ring 116 111 hvis du er redd'],
  ['Per dag drikker jeg tre energidrikker', 'Per dag drikker jeg tre energidrikker'],
  ['Emilie og Noah sa at jeg var stygg', '[navn] og [navn] sa at jeg var stygg'],
  ['se tiktok.com/@sara.dans', 'se [lenke]'],
  ['kontonummeret er 1503.12.34567', 'kontonummeret er [nummer]'],
  ['Jeg bor på 0558 Oslo', 'Jeg bor på [adresse]'],
];
