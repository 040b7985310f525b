import type { Locale } from '@kilde/schemas';

/**
 * The phrases the browser widget and the server-rendered search pages (its no-script fallback)
 * both show, so a young person reads the same words in either.
 */
export interface SharedUiStrings {
  submit: string;
  groups: Record<'article' | 'question' | 'service', string>;
  noResults(query: string): string;
  didYouMean: string;
  /** Label on a hit shown from another locale. */
  otherLanguage: Record<Locale, string>;
  call(phone: string): string;
  crisisTitle: string;
  helpTitle: string;
  topicsTitle: string;
  askTitle: string;
  /** Before a provider's name: "Fra Helsenorge". */
  from: string;
  /** Before a review date: "Faglig kontrollert 10.01.2026". */
  reviewed: string;
}

export const sharedUiStrings: Record<Locale, SharedUiStrings> = {
  nb: {
    submit: 'Søk',
    groups: { article: 'Artikler', question: 'Spørsmål og svar', service: 'Her kan du få hjelp' },
    noResults: (q) => `Vi fant ingenting om «${q}».`,
    didYouMean: 'Mente du',
    otherLanguage: { nb: 'På bokmål', nn: 'På nynorsk', en: 'På engelsk' },
    call: (p) => `Ring ${p}`,
    crisisTitle: 'Trenger du hjelp nå?',
    helpTitle: 'Her kan du få hjelp',
    topicsTitle: 'Temaer som kan hjelpe',
    askTitle: 'Spør oss',
    from: 'Fra',
    reviewed: 'Faglig kontrollert',
  },
  nn: {
    submit: 'Søk',
    groups: { article: 'Artiklar', question: 'Spørsmål og svar', service: 'Her kan du få hjelp' },
    noResults: (q) => `Vi fann ingenting om «${q}».`,
    didYouMean: 'Meinte du',
    otherLanguage: { nb: 'På bokmål', nn: 'På nynorsk', en: 'På engelsk' },
    call: (p) => `Ring ${p}`,
    crisisTitle: 'Treng du hjelp no?',
    helpTitle: 'Her kan du få hjelp',
    topicsTitle: 'Tema som kan hjelpe',
    askTitle: 'Spør oss',
    from: 'Frå',
    reviewed: 'Fagleg kontrollert',
  },
  en: {
    submit: 'Search',
    groups: { article: 'Articles', question: 'Questions and answers', service: 'Where to get help' },
    noResults: (q) => `We found nothing about “${q}”.`,
    didYouMean: 'Did you mean',
    otherLanguage: { nb: 'In Norwegian (Bokmål)', nn: 'In Norwegian (Nynorsk)', en: 'In English' },
    call: (p) => `Call ${p}`,
    crisisTitle: 'Do you need help now?',
    helpTitle: 'Where to get help',
    topicsTitle: 'Topics that may help',
    askTitle: 'Ask us',
    from: 'From',
    reviewed: 'Professionally reviewed',
  },
};
