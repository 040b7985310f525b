import type { Audience, Licence, Profession } from '@kilde/schemas';

/** Parallel text: the same phrase in bokmål, nynorsk and English (index 0, 1, 2 = nb, nn, en). */
export type Tri = readonly [nb: string, nn: string, en: string];

/**
 * A seed-library topic with what the generator needs to write about it.
 * @remarks Key, parent, titles, slugs and review interval mirror `content/seed/topics.yaml`
 * (a test keeps them in step). They are copied rather than read at run time so the corpus
 * depends only on the generator's code, and a benchmark corpus from seed 42 stays the same
 * corpus however the sample seed content is edited.
 */
export interface CatalogTopic {
  key: string;
  parent: string | null;
  title: Tri;
  slug: Tri;
  reviewIntervalMonths: number;
  /** Relative share of generated items whose main topic this is. */
  weight: number;
  /** Who answers or vouches for content on this topic, most likely first. */
  professions: readonly Profession[];
  /** Providers that write about the topic, most likely first. */
  providers: readonly string[];
  /** Age bands the content is usually written for. */
  audience: readonly Audience[];
}

export const topics: readonly CatalogTopic[] = [
  {
    key: 'kropp',
    parent: null,
    title: ['Kropp og helse', 'Kropp og helse', 'Body and health'],
    slug: ['kropp-og-helse', 'kropp-og-helse', 'body-and-health'],
    reviewIntervalMonths: 12,
    weight: 8,
    professions: ['health-visitor', 'doctor', 'nurse', 'dentist', 'pharmacist'],
    providers: ['kilde', 'ungdomshelse', 'skolehelse-vest', 'eksempel-kommune'],
    audience: ['13-15', '16-17', '18-20'],
  },
  {
    key: 'pubertet',
    parent: 'kropp',
    title: ['Pubertet', 'Pubertet', 'Puberty'],
    slug: ['pubertet', 'pubertet', 'puberty'],
    reviewIntervalMonths: 12,
    weight: 7,
    professions: ['health-visitor', 'doctor', 'nurse'],
    providers: ['kilde', 'skolehelse-vest', 'ungdomshelse'],
    audience: ['13-15', '16-17'],
  },
  {
    key: 'psykisk-helse',
    parent: null,
    title: ['Psykisk helse', 'Psykisk helse', 'Mental health'],
    slug: ['psykisk-helse', 'psykisk-helse', 'mental-health'],
    reviewIntervalMonths: 12,
    weight: 12,
    professions: ['psychologist', 'health-visitor', 'doctor'],
    providers: ['kilde', 'ungdomshelse', 'eksempel-kommune'],
    audience: ['13-15', '16-17', '18-20'],
  },
  {
    key: 'angst',
    parent: 'psykisk-helse',
    title: ['Angst og uro', 'Angst og uro', 'Anxiety and worry'],
    slug: ['angst-og-uro', 'angst-og-uro', 'anxiety-and-worry'],
    reviewIntervalMonths: 12,
    weight: 8,
    professions: ['psychologist', 'health-visitor'],
    providers: ['kilde', 'ungdomshelse'],
    audience: ['13-15', '16-17', '18-20'],
  },
  {
    key: 'seksualitet',
    parent: null,
    title: ['Sex og samliv', 'Sex og samliv', 'Sex and relationships'],
    slug: ['sex-og-samliv', 'sex-og-samliv', 'sex-and-relationships'],
    reviewIntervalMonths: 12,
    weight: 9,
    professions: ['health-visitor', 'midwife', 'doctor', 'psychologist'],
    providers: ['ungdomshelse', 'kilde', 'eksempel-kommune'],
    audience: ['16-17', '18-20', '13-15'],
  },
  {
    key: 'prevensjon',
    parent: 'seksualitet',
    title: ['Prevensjon', 'Prevensjon', 'Contraception'],
    slug: ['prevensjon', 'prevensjon', 'contraception'],
    reviewIntervalMonths: 6,
    weight: 6,
    professions: ['midwife', 'health-visitor', 'doctor', 'pharmacist'],
    providers: ['ungdomshelse', 'kilde', 'eksempel-kommune'],
    audience: ['16-17', '18-20'],
  },
  {
    key: 'kjonnssykdommer',
    parent: 'seksualitet',
    title: ['Kjønnssykdommer', 'Kjønnssjukdommar', 'Sexually transmitted infections'],
    slug: ['kjonnssykdommer', 'kjonnssjukdommar', 'sexually-transmitted-infections'],
    reviewIntervalMonths: 6,
    weight: 5,
    professions: ['doctor', 'nurse', 'health-visitor'],
    providers: ['ungdomshelse', 'kilde'],
    audience: ['16-17', '18-20'],
  },
  {
    key: 'rus',
    parent: null,
    title: ['Alkohol og rusmidler', 'Alkohol og rusmiddel', 'Alcohol and drugs'],
    slug: ['alkohol-og-rusmidler', 'alkohol-og-rusmiddel', 'alcohol-and-drugs'],
    reviewIntervalMonths: 6,
    weight: 6,
    professions: ['doctor', 'social-worker', 'psychologist'],
    providers: ['rusinfo', 'kilde', 'eksempel-kommune'],
    audience: ['16-17', '18-20', '13-15'],
  },
  {
    key: 'skole',
    parent: null,
    title: ['Skole og utdanning', 'Skule og utdanning', 'School and education'],
    slug: ['skole-og-utdanning', 'skule-og-utdanning', 'school-and-education'],
    reviewIntervalMonths: 12,
    weight: 5,
    professions: ['health-visitor', 'social-worker', 'psychologist'],
    providers: ['skolehelse-vest', 'kilde', 'eksempel-kommune'],
    audience: ['13-15', '16-17'],
  },
  {
    key: 'familie',
    parent: null,
    title: ['Familie', 'Familie', 'Family'],
    slug: ['familie', 'familie', 'family'],
    reviewIntervalMonths: 12,
    weight: 5,
    professions: ['social-worker', 'psychologist', 'health-visitor'],
    providers: ['trygg-oppvekst', 'kilde', 'eksempel-kommune'],
    audience: ['13-15', '16-17', '18-20'],
  },
  {
    key: 'rettigheter',
    parent: null,
    title: ['Rettighetene dine', 'Rettane dine', 'Your rights'],
    slug: ['rettighetene-dine', 'rettane-dine', 'your-rights'],
    reviewIntervalMonths: 6,
    weight: 3,
    professions: ['lawyer', 'health-visitor', 'social-worker'],
    providers: ['kilde', 'trygg-oppvekst'],
    audience: ['13-15', '16-17', '18-20'],
  },
  {
    key: 'vold-og-overgrep',
    parent: null,
    title: ['Vold og overgrep', 'Vald og overgrep', 'Violence and abuse'],
    slug: ['vold-og-overgrep', 'vald-og-overgrep', 'violence-and-abuse'],
    reviewIntervalMonths: 12,
    weight: 4,
    professions: ['psychologist', 'social-worker', 'lawyer', 'nurse'],
    providers: ['trygg-oppvekst', 'kilde'],
    audience: ['13-15', '16-17', '18-20'],
  },
  {
    key: 'mat-og-trening',
    parent: null,
    title: ['Mat, søvn og trening', 'Mat, søvn og trening', 'Food, sleep and exercise'],
    slug: ['mat-sovn-og-trening', 'mat-sovn-og-trening', 'food-sleep-and-exercise'],
    reviewIntervalMonths: 12,
    weight: 8,
    professions: ['nutritionist', 'health-visitor', 'physiotherapist', 'doctor'],
    providers: ['kilde', 'skolehelse-vest', 'eksempel-kommune'],
    audience: ['13-15', '16-17', '18-20'],
  },
  {
    key: 'venner-og-mobbing',
    parent: null,
    title: ['Venner og mobbing', 'Vener og mobbing', 'Friends and bullying'],
    slug: ['venner-og-mobbing', 'vener-og-mobbing', 'friends-and-bullying'],
    reviewIntervalMonths: 12,
    weight: 6,
    professions: ['health-visitor', 'psychologist', 'social-worker'],
    providers: ['skolehelse-vest', 'trygg-oppvekst', 'kilde'],
    audience: ['13-15', '16-17'],
  },
  {
    key: 'kjonn-og-identitet',
    parent: null,
    title: ['Kjønn og identitet', 'Kjønn og identitet', 'Gender and identity'],
    slug: ['kjonn-og-identitet', 'kjonn-og-identitet', 'gender-and-identity'],
    reviewIntervalMonths: 12,
    weight: 4,
    professions: ['psychologist', 'doctor', 'health-visitor'],
    providers: ['ungdomshelse', 'kilde'],
    audience: ['13-15', '16-17', '18-20'],
  },
  {
    key: 'digitalt-liv',
    parent: null,
    title: ['Nett og skjerm', 'Nett og skjerm', 'Online life'],
    slug: ['nett-og-skjerm', 'nett-og-skjerm', 'online-life'],
    reviewIntervalMonths: 6,
    weight: 5,
    professions: ['psychologist', 'health-visitor', 'lawyer'],
    providers: ['kilde', 'trygg-oppvekst', 'skolehelse-vest'],
    audience: ['13-15', '16-17', '18-20'],
  },
];

export const topicWeights: readonly number[] = topics.map((t) => t.weight);

const topicsByKey = new Map(topics.map((t) => [t.key, t]));

export function topicByKey(key: string): CatalogTopic {
  const topic = topicsByKey.get(key);
  if (!topic) throw new Error(`unknown topic key ${key}`);
  return topic;
}

/** A fictional provider from `content/seed/organisations.yaml` (a test keeps them in step). */
export interface CatalogOrganisation {
  key: string;
  name: Tri;
  defaultLicence: Licence;
  url: string;
}

export const organisations: readonly CatalogOrganisation[] = [
  {
    key: 'kilde',
    name: ['Kilde fagredaksjon', 'Kilde fagredaksjon', 'Kilde editorial team'],
    defaultLicence: 'NLOD-2.0',
    url: 'https://kilde.example.no',
  },
  {
    key: 'ungdomshelse',
    name: ['Ungdomshelse Norge', 'Ungdomshelse Noreg', 'Youth Health Norway'],
    defaultLicence: 'CC-BY-4.0',
    url: 'https://ungdomshelse.example.no',
  },
  {
    key: 'skolehelse-vest',
    name: ['Skolehelse Vest', 'Skulehelse Vest', 'School Health West'],
    defaultLicence: 'CC-BY-SA-4.0',
    url: 'https://skolehelse-vest.example.no',
  },
  {
    key: 'rusinfo',
    name: ['Rusinfo for unge', 'Rusinfo for unge', 'Drug Info for Youth'],
    defaultLicence: 'CC-BY-4.0',
    url: 'https://rusinfo.example.no',
  },
  {
    key: 'trygg-oppvekst',
    name: ['Stiftelsen Trygg oppvekst', 'Stiftinga Trygg oppvekst', 'Safe Childhood Foundation'],
    defaultLicence: 'CC-BY-NC-4.0',
    url: 'https://trygg-oppvekst.example.no',
  },
  {
    key: 'eksempel-kommune',
    name: ['Eksempel kommune', 'Eksempel kommune', 'Eksempel Municipality'],
    defaultLicence: 'NLOD-2.0',
    url: 'https://eksempel-kommune.example.no',
  },
];

const organisationsByKey = new Map(organisations.map((o) => [o.key, o]));

export function organisationByKey(key: string): CatalogOrganisation {
  const organisation = organisationsByKey.get(key);
  if (!organisation) throw new Error(`unknown organisation key ${key}`);
  return organisation;
}

/** Licences an item may carry instead of its provider's default. */
export const otherLicences: readonly Licence[] = [
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'NLOD-2.0',
  'CC-BY-NC-4.0',
  'LicenseRef-All-Rights-Reserved',
];

/** Common Norwegian first names (SSB's most frequent, plus names of newer Norwegians). */
export const firstNames: readonly string[] = [
  'Nora',
  'Emma',
  'Ingrid',
  'Sara',
  'Ida',
  'Maja',
  'Thea',
  'Sofie',
  'Hanna',
  'Emilie',
  'Julie',
  'Marte',
  'Kari',
  'Silje',
  'Ane',
  'Live',
  'Tuva',
  'Frida',
  'Astrid',
  'Ingvild',
  'Synne',
  'Guro',
  'Sanna',
  'Fatima',
  'Yasmin',
  'Amina',
  'Jakob',
  'Emil',
  'Noah',
  'Filip',
  'William',
  'Lucas',
  'Oskar',
  'Magnus',
  'Henrik',
  'Sander',
  'Jonas',
  'Mathias',
  'Elias',
  'Tobias',
  'Ola',
  'Håkon',
  'Sindre',
  'Eirik',
  'Aksel',
  'Vetle',
  'Torstein',
  'Amir',
  'Ali',
  'Mohammed',
];

export const surnames: readonly string[] = [
  'Hansen',
  'Johansen',
  'Olsen',
  'Larsen',
  'Andersen',
  'Pedersen',
  'Nilsen',
  'Kristiansen',
  'Jensen',
  'Karlsen',
  'Johnsen',
  'Pettersen',
  'Eriksen',
  'Berg',
  'Haugen',
  'Hagen',
  'Johannessen',
  'Andreassen',
  'Jacobsen',
  'Dahl',
  'Jørgensen',
  'Halvorsen',
  'Henriksen',
  'Lund',
  'Sørensen',
  'Moen',
  'Gundersen',
  'Iversen',
  'Strand',
  'Solberg',
  'Svendsen',
  'Eide',
  'Knutsen',
  'Martinsen',
  'Bakken',
  'Mathisen',
  'Lie',
  'Fjeld',
  'Haugland',
  'Rønning',
  'Aas',
  'Nygård',
  'Bjørnstad',
  'Vik',
  'Ahmed',
  'Nguyen',
  'Hussain',
  'Ali',
  'Sandvik',
  'Myklebust',
];

/** How an answer is signed, by the answerer's profession. */
export const signatures: Readonly<Record<Profession, Tri>> = {
  doctor: ['Hilsen legen', 'Helsing legen', 'Best wishes, the doctor'],
  psychologist: ['Hilsen psykologen', 'Helsing psykologen', 'Best wishes, the psychologist'],
  nurse: ['Hilsen sykepleieren', 'Helsing sjukepleiaren', 'Best wishes, the nurse'],
  'health-visitor': [
    'Hilsen helsesykepleieren',
    'Helsing helsesjukepleiaren',
    'Best wishes, the school nurse',
  ],
  midwife: ['Hilsen jordmora', 'Helsing jordmora', 'Best wishes, the midwife'],
  lawyer: ['Hilsen juristen', 'Helsing juristen', 'Best wishes, the lawyer'],
  'social-worker': ['Hilsen sosionomen', 'Helsing sosionomen', 'Best wishes, the social worker'],
  nutritionist: [
    'Hilsen ernæringsfysiologen',
    'Helsing ernæringsfysiologen',
    'Best wishes, the nutritionist',
  ],
  dentist: ['Hilsen tannlegen', 'Helsing tannlegen', 'Best wishes, the dentist'],
  physiotherapist: [
    'Hilsen fysioterapeuten',
    'Helsing fysioterapeuten',
    'Best wishes, the physiotherapist',
  ],
  pharmacist: ['Hilsen farmasøyten', 'Helsing farmasøyten', 'Best wishes, the pharmacist'],
  other: ['Hilsen fagpanelet', 'Helsing fagpanelet', 'Best wishes, the expert panel'],
};

/** Real Norwegian acts with their Lovdata addresses, cited as `law` sources. */
export const laws: readonly {
  title: string;
  year: number;
  url: string;
  topics: readonly string[];
}[] = [
  {
    title: 'Lov om pasient- og brukerrettigheter (pasient- og brukerrettighetsloven)',
    year: 1999,
    url: 'https://lovdata.no/dokument/NL/lov/1999-07-02-63',
    topics: ['rettigheter', 'kropp', 'psykisk-helse', 'prevensjon'],
  },
  {
    title: 'Lov om helsepersonell m.v. (helsepersonelloven)',
    year: 1999,
    url: 'https://lovdata.no/dokument/NL/lov/1999-07-02-64',
    topics: ['rettigheter', 'vold-og-overgrep', 'rus'],
  },
  {
    title: 'Lov om vern mot smittsomme sykdommer (smittevernloven)',
    year: 1994,
    url: 'https://lovdata.no/dokument/NL/lov/1994-08-05-55',
    topics: ['kjonnssykdommer'],
  },
  {
    title: 'Lov om barn og foreldre (barnelova)',
    year: 1981,
    url: 'https://lovdata.no/dokument/NL/lov/1981-04-08-7',
    topics: ['familie', 'rettigheter', 'vold-og-overgrep'],
  },
  {
    title: 'Lov om grunnskoleopplæringa og den vidaregåande opplæringa (opplæringslova)',
    year: 2023,
    url: 'https://lovdata.no/dokument/NL/lov/2023-06-09-30',
    topics: ['skole', 'venner-og-mobbing'],
  },
  {
    title: 'Lov om svangerskapsavbrudd (abortloven)',
    year: 1975,
    url: 'https://lovdata.no/dokument/NL/lov/1975-06-13-50',
    topics: ['prevensjon', 'seksualitet'],
  },
  {
    title: 'Lov om straff (straffeloven)',
    year: 2005,
    url: 'https://lovdata.no/dokument/NL/lov/2005-05-20-28',
    topics: ['vold-og-overgrep', 'digitalt-liv', 'rus'],
  },
  {
    title: 'Lov om omsetning av alkoholholdig drikk m.v. (alkoholloven)',
    year: 1989,
    url: 'https://lovdata.no/dokument/NL/lov/1989-06-02-27',
    topics: ['rus'],
  },
];
