/**
 * Function words ignored in queries and not indexed, bokmål and nynorsk together.
 *
 * @remarks
 * Deliberately short: with Meilisearch's `last` matching strategy the first remaining query
 * word decides which documents can match at all, so "kan eg bli gravid av precum" must reduce
 * to "gravid precum", but content words young people lean on ("vondt", "redd", "alene",
 * "leve") must stay. Crisis detection reads the raw query, never this reduced form.
 */
export const norwegianStopWords: readonly string[] = [
  // pronouns and determiners
  'jeg', 'eg', 'meg', 'deg', 'seg', 'du', 'han', 'hun', 'ho', 'henne', 'den', 'det', 'vi', 'me',
  'oss', 'dere', 'dykk', 'de', 'dei', 'dem', 'min', 'mi', 'mitt', 'mine', 'din', 'di', 'ditt',
  'dine', 'sin', 'si', 'sitt', 'sine', 'hans', 'hennes', 'hennar', 'vår', 'vårt', 'våre',
  'deres', 'dykkar', 'deira', 'denne', 'dette', 'disse', 'desse', 'en', 'ein', 'ei', 'et',
  'eit', 'noe', 'noko', 'noen', 'nokon', 'nokre', 'man',
  // auxiliaries
  'er', 'var', 'være', 'vere', 'vært', 'vore', 'blir', 'bli', 'ble', 'blei', 'vart', 'vert',
  'har', 'ha', 'hadde', 'kan', 'kunne', 'må', 'måtte', 'skal', 'skulle', 'vil', 'ville',
  'bør', 'burde', 'får', 'fikk', 'fekk',
  // adverbs, conjunctions, question words
  'ikke', 'ikkje', 'og', 'òg', 'også', 'eller', 'men', 'så', 'som', 'at', 'om', 'enn', 'da',
  'då', 'når', 'hvis', 'viss', 'dersom', 'fordi', 'hva', 'kva', 'hvem', 'kven', 'hvor',
  'kvar', 'hvordan', 'korleis', 'hvorfor', 'kvifor', 'hvilken', 'hvilket', 'hvilke', 'kva',
  'bare', 'berre', 'jo', 'nå', 'no', 'her', 'der', 'litt', 'mye', 'mykje', 'veldig', 'selv',
  'sjølv', 'sånn', 'slik', 'all', 'alle', 'alt', 'hver', 'kvar', 'kvart', 'hvert',
  // prepositions
  'i', 'på', 'av', 'til', 'med', 'for', 'fra', 'frå', 'inn', 'ut', 'opp', 'ned', 'over',
  'under', 'etter', 'før', 'mot', 'mellom', 'ved', 'hos', 'uten', 'utan', 'gjennom', 'rundt',
];

/** English function words for the `en` locale. */
export const englishStopWords: readonly string[] = [
  'a', 'an', 'the', 'and', 'or', 'but', 'if', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'with',
  'about', 'as', 'from', 'into', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', 'do',
  'does', 'did', 'have', 'has', 'had', 'i', 'me', 'my', 'you', 'your', 'he', 'him', 'his', 'she',
  'her', 'it', 'its', 'we', 'us', 'our', 'they', 'them', 'their', 'this', 'that', 'these',
  'those', 'what', 'which', 'who', 'whom', 'how', 'why', 'when', 'where', 'can', 'could', 'will',
  'would', 'should', 'shall', 'may', 'might', 'must', 'not', 'so', 'than', 'too', 'very', 'just',
  'there', 'here', 'then', 'all', 'any', 'some', 'such', 'also', 'get', 'got',
];
