/**
 * Strings of the "what young people search for" widget in English, bokmål and nynorsk. Strapi's
 * admin has no nynorsk interface language, so the widget speaks nynorsk when a Norwegian admin
 * looks at the nynorsk figures (see SearchAnalyticsWidget).
 */
export const searchAnalyticsEn = {
  title: 'What young people search for and do not find',
  'locale.nb': 'Bokmål',
  'locale.nn': 'Nynorsk',
  'locale.en': 'English',
  period: 'Last {days} days',
  totals: '{searches} searches · {zeroShare} found nothing · {clicks} clicks',
  dropped: '{dropped} searches with personal data were not counted.',
  none: 'No searches in this language in the last {days} days.',
  'zero.title': 'Found nothing – write these next',
  'zero.none': 'Every frequent search found something.',
  'top.title': 'Most searched',
  'ctr.title': 'Click-through by position',
  'ctr.row': '{ctr} of {impressions}',
  'refinements.title': 'Searched again as',
  searches: '{count}×',
  rare: 'Searches made only once are not listed.',
} as const;

export type SearchAnalyticsMessageKey = keyof typeof searchAnalyticsEn;

export const searchAnalyticsNb: Record<SearchAnalyticsMessageKey, string> = {
  title: 'Hva unge søker etter og ikke finner',
  'locale.nb': 'Bokmål',
  'locale.nn': 'Nynorsk',
  'locale.en': 'Engelsk',
  period: 'Siste {days} dager',
  totals: '{searches} søk · {zeroShare} fant ingenting · {clicks} klikk',
  dropped: '{dropped} søk med personopplysninger ble ikke telt.',
  none: 'Ingen søk på dette språket de siste {days} dagene.',
  'zero.title': 'Fant ingenting – skriv disse neste',
  'zero.none': 'Alle vanlige søk fant noe.',
  'top.title': 'Mest søkt',
  'ctr.title': 'Klikkrate per plassering',
  'ctr.row': '{ctr} av {impressions}',
  'refinements.title': 'Søkte på nytt som',
  searches: '{count}×',
  rare: 'Søk som bare er gjort én gang, vises ikke.',
};

export const searchAnalyticsNn: Record<SearchAnalyticsMessageKey, string> = {
  title: 'Kva unge søkjer etter og ikkje finn',
  'locale.nb': 'Bokmål',
  'locale.nn': 'Nynorsk',
  'locale.en': 'Engelsk',
  period: 'Siste {days} dagar',
  totals: '{searches} søk · {zeroShare} fann ingenting · {clicks} klikk',
  dropped: '{dropped} søk med personopplysningar vart ikkje talde.',
  none: 'Ingen søk på dette språket dei siste {days} dagane.',
  'zero.title': 'Fann ingenting – skriv desse neste',
  'zero.none': 'Alle vanlege søk fann noko.',
  'top.title': 'Mest søkt',
  'ctr.title': 'Klikkrate per plassering',
  'ctr.row': '{ctr} av {impressions}',
  'refinements.title': 'Søkte på nytt som',
  searches: '{count}×',
  rare: 'Søk som berre er gjort éin gong, blir ikkje viste.',
};

/** The widget title for Strapi's homepage (its admin languages: `en`, `no`). */
export const searchAnalyticsTranslations: Record<string, Record<string, string>> = {
  en: { 'kilde.widget.search-analytics.title': searchAnalyticsEn.title },
  no: { 'kilde.widget.search-analytics.title': searchAnalyticsNb.title },
};
