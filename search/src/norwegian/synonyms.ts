/**
 * Default youth-language synonyms: what young people type → the words health texts use.
 *
 * @remarks
 * One-way, like Meilisearch's `synonyms` setting: the key is expanded at query time, so
 * "precum" also finds "førsæd", but "førsæd" does not drag in every text that says "precum".
 * Editors maintain the real list (it is `IndexSettings.synonyms`); keys are single words,
 * values may be phrases. Both sides are folded and stemmed before use, so listing "deppa"
 * covers "Deppa" and "deppa's", and nynorsk targets are found through the spelling variants.
 */
export const defaultSynonyms: Readonly<Record<string, readonly string[]>> = {
  // family
  pappa: ['far', 'foreldre'],
  fattern: ['far', 'foreldre'],
  mamma: ['mor', 'foreldre'],
  muttern: ['mor', 'foreldre'],
  stefar: ['foreldre'],
  stemor: ['foreldre'],
  // contraception, pregnancy, sex
  pille: ['p-pille', 'prevensjon'],
  ppille: ['p-pille'],
  precum: ['førsæd', 'sædvæske'],
  forsats: ['førsæd'],
  angrepille: ['nødprevensjon'],
  'dagen derpå-pille': ['nødprevensjon'],
  'birth control': ['contraception', 'contraceptive'],
  'morning after pill': ['emergency contraception'],
  'the pill': ['contraceptive pill'],
  'dick pic': ['nakenbilde'],
  'kaste opp': ['oppkast'],
  dagenetterpille: ['nødprevensjon', 'angrepille'],
  gravtest: ['graviditetstest'],
  mens: ['menstruasjon'],
  menssmerter: ['menstruasjonssmerter'],
  kondis: ['kondom'],
  strikk: ['kondom'],
  knulle: ['sex', 'samleie'],
  nudes: ['nakenbilder', 'nude images'],
  sexting: ['nakenbilder'],
  // sexually transmitted infections
  klamma: ['klamydia'],
  std: ['kjønnssykdom'],
  sti: ['kjønnssykdom'],
  kjønnssykdom: ['klamydia', 'gonoré'],
  // mental health
  deppa: ['depresjon', 'deprimert'],
  depp: ['depresjon'],
  deppe: ['depresjon'],
  anxiety: ['angst'],
  depression: ['depresjon'],
  panikk: ['panikkanfall', 'angst'],
  kms: ['selvmord'],
  suicidal: ['selvmord', 'selvmordstanker'],
  kutte: ['selvskading'],
  kutter: ['selvskading'],
  cutting: ['selvskading'],
  cutte: ['selvskading'],
  selvskade: ['selvskading'],
  spiseforstyrrelse: ['anoreksi', 'bulimi', 'overspising'],
  anoreksi: ['spiseforstyrrelse'],
  // drugs, alcohol, tobacco
  // An identity on purpose: the editors' starter list has it, and texts say "snus" too.
  snus: ['snus'],
  snusing: ['snus'],
  vape: ['e-sigarett'],
  vaping: ['e-sigarett'],
  weed: ['cannabis'],
  gress: ['cannabis'],
  hasj: ['cannabis'],
  joint: ['cannabis'],
  fylla: ['alkohol', 'fyll'],
  drita: ['alkohol'],
  pils: ['alkohol', 'øl'],
  // identity
  gay: ['homofil'],
  homo: ['homofil'],
  lesbe: ['lesbisk'],
  bi: ['bifil'],
  queer: ['skeiv'],
  trans: ['transperson', 'kjønnsinkongruens'],
  // bullying, violence, online life
  cyberbullying: ['nettmobbing'],
  netthets: ['nettmobbing'],
  slått: ['vold'],
  juling: ['vold'],
  voldtatt: ['voldtekt', 'overgrep'],
  misbrukt: ['overgrep'],
  groomer: ['grooming', 'overgrep'],
};
