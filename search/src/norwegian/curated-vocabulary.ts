/**
 * Health and youth words that compound splitting may always use as parts, in nb and nn.
 *
 * @remarks
 * The splitter's main vocabulary is built from the indexed corpus; this list makes splitting
 * work from the first document on and for words a small corpus never uses on their own
 * ("skoleangst" needs "skole" and "angst"). Base forms are enough: parts are compared by stem.
 */
export const curatedHealthWords: readonly string[] = [
  // body
  'kropp', 'hode', 'hovud', 'mage', 'rygg', 'bryst', 'hud', 'hår', 'tann', 'tenner', 'øye', 'auge',
  'øre', 'hjerte', 'hjarte', 'hjerne', 'lunge', 'blod', 'muskel', 'ledd', 'skjelett', 'penis',
  'skjede', 'livmor', 'eggstokk', 'testikkel', 'pung', 'vekt', 'høyde', 'kvise', 'akne', 'svette',
  'lukt', 'syn', 'hørsel', 'stemme', 'puls', 'feber', 'hoste', 'kvalme', 'smerte', 'verk', 'pine',
  'sår', 'skade', 'brudd', 'allergi', 'astma', 'eksem', 'migrene', 'diabetes', 'epilepsi',
  'kreft', 'infeksjon', 'virus', 'bakterie', 'sopp', 'betennelse', 'vaksine',
  // sex, contraception, STIs
  'sex', 'seksualitet', 'samleie', 'kjønn', 'pubertet', 'mens', 'menstruasjon', 'syklus',
  'blødning', 'utflod', 'sæd', 'celle', 'egg', 'graviditet', 'gravid', 'test', 'abort',
  'prevensjon', 'pille', 'spiral', 'stav', 'plaster', 'ring', 'sprøyte', 'kondom', 'angre', 'nød',
  'klamydia', 'gonoré', 'herpes', 'hiv', 'syfilis', 'kjønnsvorter', 'vorte', 'lus', 'samtykke',
  'naken', 'bilde', 'bilete', 'deling', 'porno', 'onani', 'orgasme', 'jomfru', 'hinne',
  // mental health
  'psykisk', 'helse', 'angst', 'uro', 'panikk', 'anfall', 'fobi', 'tvang', 'depresjon', 'tanke',
  'tanker', 'tankar', 'følelse', 'kjensle', 'sorg', 'krise', 'stress', 'press', 'skam', 'skyld',
  'sinne', 'frykt', 'redsel', 'ensomhet', 'einsemd', 'mobbing', 'mobber', 'selvmord',
  'sjølvmord', 'skading', 'selvskading', 'sjølvskading', 'spising', 'forstyrrelse', 'lidelse',
  'diagnose', 'terapi', 'behandling', 'samtale', 'søvn', 'svevn', 'mareritt', 'traume',
  'selvbilde', 'selvtillit', 'identitet', 'legning', 'homofil', 'lesbisk', 'bifil', 'skeiv',
  'trans', 'kjønnsidentitet',
  // drugs
  'rus', 'rusmiddel', 'alkohol', 'fyll', 'snus', 'røyk', 'røyking', 'sigarett', 'nikotin',
  'hasj', 'cannabis', 'narkotika', 'dop', 'piller', 'tablett', 'medisin', 'overdose',
  'avhengighet', 'energidrikk', 'koffein', 'doping', 'steroider',
  // violence and safety
  'vold', 'vald', 'overgrep', 'voldtekt', 'valdtekt', 'trussel', 'trusler', 'slag', 'kjærlighet',
  'kjærleik', 'kjæreste', 'grooming', 'utpressing', 'hets', 'trakassering', 'æres',
  // places, people and services
  'skole', 'skule', 'klasse', 'lærer', 'lærar', 'elev', 'lekse', 'prøve', 'eksamen', 'fravær',
  'jobb', 'arbeid', 'familie', 'foreldre', 'mor', 'far', 'søsken', 'sysken', 'venn', 'ven',
  'venner', 'vener', 'ungdom', 'barn', 'vern', 'barnevern', 'stasjon', 'helsestasjon', 'lege',
  'fastlege', 'sykepleier', 'sjukepleiar', 'helsesykepleier', 'psykolog', 'tannlege', 'apotek',
  'sykehus', 'sjukehus', 'legevakt', 'telefon', 'chat', 'linje', 'hjelp', 'tjeneste', 'teneste',
  'time', 'resept', 'hjem', 'heim', 'nett', 'skjerm', 'spill', 'spel', 'mobil', 'sosiale',
  'medier', 'dag', 'natt', 'kveld', 'morgen', 'helg', 'fest', 'trening', 'idrett', 'mat',
  'kosthold', 'måltid', 'sult', 'tørst', 'sukker', 'diett', 'slanking', 'overvekt', 'undervekt',
  'sykdom', 'sjukdom', 'syk', 'sjuk', 'lov', 'rett', 'rettighet', 'plikt', 'taushet', 'teie',
];
