/**
 * Bokmål ↔ nynorsk spelling variants, as `[nb, nn]` pairs.
 *
 * @remarks
 * Young people write in either norm whatever the widget's locale, so a query in one must find
 * a text in the other. Pairs are normalised through fold + stem before use, so listing one
 * inflected form covers the rest ("skole"/"skule" also joins "skolen"/"skulen"). Pairs whose
 * forms already meet after stemming (regular -er/-ar plurals, -lig/-leg adjectives) are harmless
 * duplicates. Words spelt the same in both norms ("han", "meg", "deg", "mobbing") need no pair.
 * Editors can extend the list; it is data, not code.
 */
export const spellingVariantPairs: ReadonlyArray<readonly [nb: string, nn: string]> = [
  // function words (mostly stop words, kept for crisis-phrase normalisation and highlighting)
  ['ikke', 'ikkje'], ['jeg', 'eg'], ['hva', 'kva'], ['hvordan', 'korleis'], ['hvorfor', 'kvifor'],
  ['hvem', 'kven'], ['hvor', 'kvar'], ['noe', 'noko'], ['noen', 'nokon'], ['hun', 'ho'],
  ['dem', 'dei'], ['vi', 'me'], ['dere', 'dykk'], ['bare', 'berre'], ['mye', 'mykje'],
  ['også', 'òg'], ['selv', 'sjølv'], ['uten', 'utan'], ['fra', 'frå'], ['ennå', 'enno'],
  ['sammen', 'saman'], ['hjemme', 'heime'], ['hjem', 'heim'], ['hjemmet', 'heimen'],
  ['mer', 'meir'], ['flere', 'fleire'], ['hele', 'heile'], ['helt', 'heilt'], ['hel', 'heil'],
  ['egen', 'eigen'], ['eget', 'eige'], ['egne', 'eigne'], ['annen', 'annan'], ['annet', 'anna'],
  ['nå', 'no'], ['hvis', 'viss'],
  // verbs
  ['være', 'vere'], ['vært', 'vore'], ['ble', 'blei'], ['kommer', 'kjem'], ['komme', 'kome'],
  ['gjør', 'gjer'], ['gjøre', 'gjere'], ['sier', 'seier'], ['si', 'seie'], ['tror', 'trur'],
  ['tro', 'tru'], ['vet', 'veit'], ['spørre', 'spørje'], ['tenke', 'tenkje'],
  ['tenker', 'tenkjer'], ['følge', 'følgje'], ['ønske', 'ønskje'], ['ønsker', 'ønskjer'],
  ['høre', 'høyre'], ['hører', 'høyrer'], ['se', 'sjå'], ['bo', 'bu'], ['bor', 'bur'],
  ['bodde', 'budde'], ['dø', 'døy'], ['spise', 'ete'], ['sover', 'søv'],
  ['velge', 'velje'], ['legge', 'leggje'], ['ligge', 'liggje'], ['sitte', 'sitje'],
  ['virke', 'verke'], ['virker', 'verkar'], ['forteller', 'fortel'], ['fortelle', 'fortelje'],
  ['begynne', 'byrje'], ['begynner', 'byrjar'], ['mene', 'meine'], ['mener', 'meiner'],
  ['glemme', 'gløyme'], ['glemt', 'gløymt'], ['huske', 'hugse'], ['fikk', 'fekk'],
  ['gikk', 'gjekk'], ['holde', 'halde'], ['gi', 'gje'], ['gir', 'gjev'], ['ga', 'gav'],
  ['ringe', 'ringje'], ['lyve', 'ljuge'], ['true', 'truge'], ['truer', 'trugar'],
  ['stjele', 'stele'], ['røyke', 'røykje'], ['drikker', 'drikk'],
  ['trenger', 'treng'], ['søke', 'søkje'], ['skjule', 'gøyme'], ['beskytte', 'verne'], ['beskyttelse', 'vern'],
  // people and relationships
  ['gutt', 'gut'], ['gutter', 'gutar'], ['venn', 'ven'], ['venner', 'vener'],
  ['søster', 'syster'], ['søsken', 'sysken'], ['datter', 'dotter'], ['sønn', 'son'],
  ['kjæreste', 'kjærast'], ['voksen', 'vaksen'], ['voksne', 'vaksne'], ['lærer', 'lærar'],
  ['lærere', 'lærarar'], ['elever', 'elevar'], ['ungdommer', 'ungdommar'],
  ['sykepleier', 'sjukepleiar'], ['helsesykepleier', 'helsesjukepleiar'],
  ['fremmed', 'framand'], ['mennesker', 'menneske'], ['nabo', 'granne'],
  // school and everyday life
  ['skole', 'skule'], ['skolen', 'skulen'], ['skoler', 'skular'], ['fravær', 'fråvær'],
  ['uke', 'veke'], ['uker', 'veker'], ['måned', 'månad'], ['måneder', 'månader'],
  ['morgen', 'morgon'], ['søndag', 'sundag'], ['lørdag', 'laurdag'], ['fremtid', 'framtid'],
  ['spill', 'spel'], ['spille', 'spele'], ['penger', 'pengar'], ['bilde', 'bilete'],
  ['bilder', 'bilete'], ['nakenbilde', 'nakenbilete'], ['nakenbilder', 'nakenbilete'],
  ['frokost', 'frukost'], ['kosthold', 'kosthald'], ['drøm', 'draum'], ['drømmer', 'draumar'],
  ['hemmelighet', 'løyndom'], ['valg', 'val'], ['forskjell', 'skilnad'],
  ['rettigheter', 'rettar'], ['taushetsplikt', 'teieplikt'],
  // health and body
  ['sykdom', 'sjukdom'], ['sykdommer', 'sjukdommar'], ['syk', 'sjuk'], ['syke', 'sjuke'],
  ['sykt', 'sjukt'], ['sykehus', 'sjukehus'], ['sykemelding', 'sjukemelding'],
  ['kjønnssykdom', 'kjønnssjukdom'], ['kjønnssykdommer', 'kjønnssjukdommar'],
  ['søvn', 'svevn'], ['søvnproblemer', 'svevnproblem'], ['søvnløshet', 'svevnløyse'],
  ['hode', 'hovud'], ['hodet', 'hovudet'], ['hodepine', 'hovudverk'], ['øye', 'auge'],
  ['øyne', 'auge'], ['ansikt', 'andlet'], ['nese', 'nase'], ['hjerte', 'hjarte'],
  ['føtter', 'føter'], ['ben', 'bein'], ['undersøkelse', 'undersøking'],
  ['medisiner', 'medisinar'], ['tabletter', 'tablettar'], ['rusmidler', 'rusmiddel'],
  ['avhengighet', 'avhengnad'], ['trøtt', 'trøytt'], ['svak', 'veik'], ['høy', 'høg'],
  ['gammel', 'gammal'],
  // feelings and mental health
  ['kjærlighet', 'kjærleik'], ['følelse', 'kjensle'], ['følelser', 'kjensler'],
  ['tanker', 'tankar'], ['ensomhet', 'einsemd'], ['ensom', 'einsam'], ['alene', 'åleine'],
  ['bekymring', 'uro'], ['bekymret', 'uroleg'], ['redsel', 'redsle'], ['stolthet', 'stoltheit'],
  ['trygghet', 'tryggleik'], ['usikkerhet', 'usikkerheit'], ['selvtillit', 'sjølvtillit'],
  ['selvbilde', 'sjølvbilete'], ['selvfølelse', 'sjølvkjensle'], ['selvmord', 'sjølvmord'],
  ['selvmordstanker', 'sjølvmordstankar'], ['selvskading', 'sjølvskading'],
  ['lykkelig', 'lukkeleg'], ['ulykkelig', 'ulukkeleg'], ['mulig', 'mogleg'],
  ['umulig', 'umogleg'], ['virkelig', 'verkeleg'], ['egentlig', 'eigentleg'],
  ['nødvendig', 'naudsynt'], ['hemmelig', 'hemmeleg'],
  // violence and abuse
  ['vold', 'vald'], ['voldtekt', 'valdtekt'], ['voldelig', 'valdeleg'],
];
