import type { MatchContext, PatternSpec } from './compile-pattern';
import { foldWord } from './normalize';

/** Whether the word right after the match is one of `words` (folded). */
function nextIs(words: string): (ctx: MatchContext) => boolean {
  const set = new Set(words.split('|').map(foldWord));
  return ({ tokens, end }) => {
    const next = tokens[end];
    const last = tokens[end - 1];
    return (
      next !== undefined &&
      last !== undefined &&
      next.sentence === last.sentence &&
      set.has(next.folded)
    );
  };
}

// "lyset blir slått av" is about a switch; "blir slått av pappa" is violence.
const PERSON_AFTER = new Set(
  (
    'pappa|mamma|far|mor|faren|moren|mora|stefar|stefaren|stemor|foreldrene|foreldra|broren|bror|' +
    'søstera|onkel|onkelen|kjæresten|typen|han|hun|ho|de|dei|dem|noen|gutten|guttene|jenta|mannen|' +
    'him|her|them|my|dad|mom|someone|he|she'
  )
    .split('|')
    .map(foldWord),
);
const AGENT_AFTER = new Set([
  ...PERSON_AFTER,
  ...['noen', 'gjengen', 'gutter', 'jenter', 'flere', 'someone'].map(foldWord),
]);
const ARTICLES = new Set(
  ['en', 'ei', 'et', 'a', 'an', 'some', 'to', 'tre', 'two', 'three'].map(foldWord),
);
const AGENT_NOUNS = new Set(
  'gutt|gutter|jente|jenter|mann|menn|kar|fremmed|person|personer|gjeng|voksen|lærer|guy|guys|man|men|boy|boys|girl|girls|stranger|group|gang|teacher|adult|people'
    .split('|')
    .map(foldWord),
);
const PARTICLES = new Set([
  'av',
  'pa',
  'opp',
  'ut',
  'inn',
  'sammen',
  'ned',
  'by',
  'off',
  'on',
  'up',
  'down',
  'out',
]);
function particleWithoutAgent(ctx: MatchContext): boolean {
  const { tokens, end } = ctx;
  let i = end;
  if (!tokens[i] || !PARTICLES.has(tokens[i]?.folded ?? '')) return false;
  // "slått ned av en gjeng": skip the particles, then look for who did it.
  while (tokens[i] && PARTICLES.has(tokens[i]?.folded ?? '')) i += 1;
  const after = tokens[i];
  if (after && ARTICLES.has(after.folded)) {
    // "by a ball" / "av en ball" is an accident; "by a guy" / "av en gjeng" is violence.
    const noun = tokens[i + 1];
    return !(noun && AGENT_NOUNS.has(noun.folded));
  }
  return !(after && AGENT_AFTER.has(after.folded));
}

// "mamma slår (alltid) av lyset", but "slår mamma av og til" is "sometimes".
function switchesSomething(ctx: MatchContext): boolean {
  const { tokens, end } = ctx;
  const particles = new Set(
    'av|på|pa|opp|seg|til|inn|ut|sammen|an|gjennom|igjennom|tilbake|over|hverandre|off|on|up|out|in|it|ball|ballen|rekord|rekorden|fast|følge|folge|lag|alarm|alarmen|tennis|golf|the|roof|taket|bunnen|jackpot|blinken|gresset|graset|gras|gress|plenen|høy|høyet|lyset|tv|tven|musikken|tida|tiden|hull|spiker|spikeren|teltet|telt|ring|takten|tonen|følgje'
      .split('|')
      .map(foldWord),
  );
  for (let i = end; i < end + 2; i += 1) {
    const t = tokens[i];
    if (!t || t.sentence !== tokens[end - 1]?.sentence) return false;
    if (particles.has(t.folded)) {
      return !(t.folded === 'av' && tokens[i + 1]?.folded === 'og');
    }
  }
  return false;
}

const CONDITIONS = new Set(
  'hvis|om|viss|dersom|if|when|når|nar|fordi|because|for'.split('|').map(foldWord),
);
const EVERYDAY_TROUBLE = new Set(
  (
    'finner|finds|find|found|får|vite|know|knows|oppdager|discover|discovers|ser|sees|see|hører|hears|' +
    'stryker|fail|fails|failed|kommer|late|sent|karakter|karakteren|grade|grades|mister|lose|loses|' +
    'glemmer|forget|knuser|break|breaks|ødelegger|ruin|ruins|røyker|drikker|smoke|drink|tar|catches'
  )
    .split('|')
    .map(foldWord),
);
/** "… hvis hun finner ut", "… if they find out": a condition about everyday trouble. */
function hyperbolicCondition(ctx: MatchContext): boolean {
  const { tokens, end } = ctx;
  const sentence = tokens[end - 1]?.sentence;
  for (let i = end; i < end + 4; i += 1) {
    if (tokens[i]?.sentence !== sentence) return false;
    if (CONDITIONS.has(tokens[i]?.folded ?? '')) {
      for (let k = i + 1; k < i + 6 && tokens[k]?.sentence === sentence; k += 1) {
        if (EVERYDAY_TROUBLE.has(tokens[k]?.folded ?? '')) return true;
      }
      return false;
    }
  }
  return false;
}

const NEGATIONS = new Set(
  'ikke|ikkje|ik|not|never|aldri|dont|doesnt|cant|cannot|no|ingen|nokon'.split('|').map(foldWord),
);
/** Whether a negation stands within `n` words before the match. */
function negationBefore(ctx: MatchContext, n: number): boolean {
  const { tokens, start } = ctx;
  const sentence = tokens[start]?.sentence;
  for (let i = start - 1; i >= Math.max(0, start - n); i -= 1) {
    if (tokens[i]?.sentence !== sentence) return false;
    if (NEGATIONS.has(tokens[i]?.folded ?? '')) return true;
  }
  return false;
}

/** Words between the first and last slot of the match (the gaps). */
function gapHas(words: string): (ctx: MatchContext) => boolean {
  const set = new Set(words.split('|').map(foldWord));
  return ({ tokens, start, end }) => tokens.slice(start, end).some((t) => set.has(t.folded));
}

/**
 * Crisis phrases in bokmål, nynorsk and English. Each says who it is about: `first` (contains
 * "meg", "mitt", "myself"), `third` ("seg", "sitt", "herself") or `neutral` (decided from context
 * by the detector). Severity `concern` marks phrases that are often exhaustion rather than
 * intent ("orker ikke mer").
 */
export const PATTERNS: readonly PatternSpec[] = [
  // ── Suicide ────────────────────────────────────────────────────────────────────────────────
  {
    id: 'suicide-word',
    pattern: 'selvmord*|sjølvmord*|sjelvmord*|sjølmord*|selmord*|suicid*|suisid*|sucid*',
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
    negatable: true,
    // Informational compounds: prevention, statistics, campaigns, research, films.
    notContaining: ['forebyg', 'statist', 'preven', 'kampanj', 'squad', 'rate', 'forsk', 'linje'],
    notAfter:
      'forebygging|prevention|awareness|squad|statistikk|statistics|rate|rates|forskning|research|hotline|helpline',
    window: 1,
  },
  {
    id: 'take-my-life',
    pattern: 'ta|tar|tok|tatt|taa|t livet|live|liv mitt|mit',
    categories: ['suicide'],
    severity: 'acute',
    person: 'first',
    notBefore: '@threatener|truer|truet|trua',
    window: 3,
  },
  {
    id: 'take-life-of-me',
    pattern: 'ta|tar|tok|tatt|taa|t livet|live|liv av|a @me',
    categories: ['suicide'],
    severity: 'acute',
    person: 'first',
    notBefore: '@threatener|truer|truet|trua',
    window: 3,
  },
  {
    id: 'take-my-own-life',
    pattern: 'ta|tar|take|taking|took mitt|my liv|life',
    categories: ['suicide'],
    severity: 'acute',
    person: 'first',
    notBefore: '@threatener|truer|truet|trua|threatens|threatened',
    window: 3,
  },
  {
    id: 'take-own-life-third',
    pattern: 'ta|tar|tok|tatt|take|taking|took livet|life|his|her|their sitt|sit|own|life',
    categories: ['suicide'],
    severity: 'acute',
    person: 'third',
  },
  {
    id: 'take-life-of-self-third',
    pattern: 'ta|tar|tok|tatt livet|live|liv av seg',
    categories: ['suicide'],
    severity: 'acute',
    person: 'third',
  },
  {
    id: 'kill-myself-nb',
    pattern: '@kill @me @self',
    gap: 0,
    categories: ['suicide'],
    severity: 'acute',
    person: 'first',
  },
  {
    id: 'kill-myself-en',
    pattern: 'kill|killing|kil|unalive|unaliving myself|meself|mself|myslef|myselfe|me',
    gap: 0,
    categories: ['suicide'],
    severity: 'acute',
    person: 'first',
    reject: (ctx) =>
      ctx.tokens[ctx.end - 1]?.folded === 'me' && ctx.tokens[ctx.start]?.folded !== 'unalive',
  },
  {
    id: 'kill-my-self-en',
    pattern: 'kill|killing my self',
    gap: 0,
    categories: ['suicide'],
    severity: 'acute',
    person: 'first',
  },
  {
    id: 'kms',
    pattern: '=kms|=kmsl|unalive*',
    categories: ['suicide'],
    severity: 'acute',
    person: 'first',
  },
  {
    id: 'kill-self-third',
    pattern: '@kill himself|herself|themselves|seg',
    gap: 0,
    categories: ['suicide'],
    severity: 'acute',
    person: 'third',
  },
  {
    id: 'want-to-die',
    pattern: '@want @die',
    gap: 3,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
    negatable: true,
    // Hyperbole: "vil dø av flauhet", "want to die of embarrassment", "want it to die down".
    notAfter:
      'latter|flauhet|flauheit|skam|kjedsomhet|kjedsemd|glede|embarrassment|laughter|cringe|boredom|down|out|av|of',
    window: 1,
    // "vi skal alle dø en dag" is a fact of life, not a wish; "die my hair" is dye.
    reject: (ctx) =>
      gapHas('alle|all|everyone|everybody|someday')(ctx) ||
      ['hair', 'haret', 'har'].some((w) =>
        ctx.tokens.slice(ctx.end, ctx.end + 2).some((t) => t.folded === w),
      ),
  },
  {
    id: 'better-if-i-did-not-exist',
    pattern:
      'bedre|better|beste|best|lettere|easier fantes|fanst|eksisterte|existed|exist|født|fodd|born|levde|lived|lever|levde',
    gap: 5,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
    negationInGap: true,
  },
  {
    id: 'never-born',
    pattern: 'ønske*|onske*|ynskj*|wish aldri|never født|fodd|fodt|born',
    gap: 3,
    categories: ['suicide'],
    severity: 'concern',
    person: 'neutral',
  },
  {
    id: 'do-not-deserve-to-live',
    pattern: 'fortjener|fortener|fortjente|deserve|deserves @neg @live',
    gap: 2,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'do-not-deserve-to-live-en',
    pattern: 'dont|not|never deserve|deserves live|exist|alive',
    gap: 2,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'want-everything-to-end',
    pattern: '@want alt|livet skal|må|ma ta slutt',
    gap: 2,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'want-everything-to-end-en',
    pattern: 'want|wish everything|it|all|life to end|stop',
    gap: 2,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'want-to-jump',
    pattern: '@want|tenker|thinking hoppe|jump',
    gap: 2,
    categories: ['suicide'],
    severity: 'concern',
    person: 'neutral',
    notAfter:
      'over|i|på|pa|med|inn|into|in|on|fallskjerm|strikk|tau|trampoline|trampolinen|paraglider|ut|rope|høyde|lengde|opp|up|ned|tilbake|back|around|rundt',
    window: 1,
  },
  {
    id: 'no-wish-to-live',
    pattern: '@neg lyst|lust|ønske|onske|ynskje|hug til|å|a|to @live',
    gap: 2,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
    negationInGap: true,
  },
  {
    // Rhetorical: "hva er vitsen med å leve" is not a question about a topic.
    id: 'no-point-living',
    pattern: 'vitsen|poenget|point|hensikten med|of|i|in @live',
    gap: 2,
    categories: ['suicide'],
    severity: 'concern',
    person: 'first',
  },
  {
    id: 'deserve-to-die',
    pattern: 'fortjener|fortener|deserve|deserves|burde|bør|should @die',
    gap: 2,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
    notAfter: 'av|of|ung|young',
    window: 1,
  },
  {
    id: 'sleep-forever',
    pattern: '@want sove|sovne|sleep for|alltid|forever',
    gap: 2,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
    reject: (ctx) => ctx.tokens[ctx.end - 1]?.folded === 'for' && !nextIs('alltid|ever|evig')(ctx),
  },
  {
    id: 'nobody-would-care',
    pattern:
      'ingen|nobody|noone|no care|cares|notice|bry|brydd|merke|merket|savne|savna if|om|hvis|when @die|died|døde|dode|borte|gone',
    gap: 3,
    categories: ['suicide'],
    severity: 'concern',
    person: 'first',
  },
  {
    id: 'going-to-end-it',
    pattern: 'gonna|going|will|wanna|want|ready end it',
    gap: 2,
    categories: ['suicide'],
    severity: 'concern',
    person: 'neutral',
    notAfter: 'with|between|for|og|and',
    window: 1,
  },
  {
    id: 'i-will-die',
    pattern: 'jeg|eg|jg skal|ska dø|døy|do',
    gap: 0,
    categories: ['suicide'],
    severity: 'acute',
    person: 'first',
    notAfter: 'av|hvis|om|viss|if|snart|en|ein',
    window: 1,
  },
  {
    id: 'want-to-be-dead',
    pattern: '@want være|vere|vera|vaere|be død|daud|dod|dead',
    gap: 2,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
    negatable: true,
  },
  {
    id: 'wish-i-was-dead',
    pattern:
      'ønske*|onske*|ynskj*|wish|wished jeg|eg|i var|vore|ver|vere|was|were død|daud|dod|dead',
    gap: 1,
    categories: ['suicide'],
    severity: 'acute',
    person: 'first',
  },
  {
    id: 'not-want-to-live',
    pattern: '@want|@can @neg @live',
    gap: 2,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
    // "kan ikke leve uten mobilen" is not about dying: plain "kan" needs "lenger" (pattern below).
    reject: (ctx) =>
      ctx.tokens[ctx.start]?.folded === 'kan' || nextIs('uten|utan|without|med|sånn|sann')(ctx),
  },
  {
    // "tror ikke jeg klarer å leve så mye lenger".
    id: 'not-able-to-live-anymore',
    pattern: '@neg @can|vil|ville @live @more',
    gap: 2,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'cannot-live-anymore',
    pattern: '@can @neg @live @more',
    gap: 1,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'no-longer-live',
    pattern: '@neg @more @live',
    gap: 1,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'dont-want-to-live-en',
    pattern: 'dont|not|never want|wanna|wish live|exist|alive|be',
    gap: 2,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
    reject: (ctx) => {
      const last = ctx.tokens[ctx.end - 1]?.folded;
      if (last === 'be') return !nextIs('alive|here|anymore')(ctx);
      return nextIs('with|in|at|there|near|abroad|alone|together|like')(ctx);
    },
  },
  {
    id: 'not-be-here-anymore',
    pattern: '@want @neg være|vere|vera|be her|here @more',
    gap: 1,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'cannot-take-more',
    pattern:
      'orker|orka|orkar|orke|gidder|gider|makter|maktar|klarer|klarar|takler|orkr @neg @more',
    gap: 1,
    categories: ['suicide'],
    severity: 'concern',
    person: 'neutral',
    notAfter: '@food',
    window: 2,
  },
  {
    id: 'cannot-stand-it',
    pattern: 'holder|holde|held|orker|klarer @neg ut @more',
    gap: 1,
    categories: ['suicide'],
    severity: 'concern',
    person: 'neutral',
  },
  {
    id: 'cannot-take-life',
    pattern: 'orker|orka|orkar|gidder|klarer|makter @neg livet|liv',
    gap: 1,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'cant-go-on',
    pattern: 'cant|cannot go on',
    gap: 0,
    categories: ['suicide'],
    severity: 'concern',
    person: 'neutral',
  },
  {
    id: 'cant-take-it-anymore',
    pattern: 'cant|cannot take|do|handle it|this|life @more',
    gap: 1,
    categories: ['suicide'],
    severity: 'concern',
    person: 'neutral',
  },
  {
    id: 'no-reason-to-live',
    pattern: 'ingen|no grunn|reason|mening|vits|point til|to|a|med|in|i|for @live|livet|leve',
    gap: 2,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    // "I don't see any reason to keep living", "ser ikke noen grunn til å leve".
    id: 'see-no-reason',
    pattern: 'reason|point|purpose|grunn|mening|vits til|to|in|for|med|i @live|livet|keep|going',
    gap: 1,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
    reject: (ctx) =>
      !negationBefore(ctx, 4) ||
      (['keep', 'going'].includes(ctx.tokens[ctx.end - 1]?.folded ?? '') &&
        !nextIs('living|on|leve')(ctx)),
  },
  {
    id: 'nothing-to-live-for',
    pattern: 'nothing|ingenting live|leve for',
    gap: 1,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'life-not-worth-nb',
    pattern: 'livet er|e|ar @neg verdt|verd',
    gap: 1,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
    // "… uten musikk" is a figure of speech.
    notAfter: 'uten|utan|without',
    window: 4,
  },
  {
    id: 'life-not-worth-en',
    pattern: 'life|living isnt|aint|not worth',
    gap: 1,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'better-without-me',
    pattern: 'bedre|better uten|utan|without @me',
    gap: 2,
    categories: ['suicide'],
    severity: 'acute',
    person: 'first',
  },
  {
    id: 'better-dead',
    pattern: 'bedre|better|lettere|easier|enklere død|daud|dod|dead|døde|died',
    gap: 4,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'end-life',
    pattern: 'avslutte|avslutta|avslutter|ende|ender|ending|end livet|liv|alt|life',
    gap: 1,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
    reject: (ctx) => ctx.tokens[ctx.end - 1]?.folded === 'alt' && nextIs('med|with')(ctx),
  },
  {
    id: 'end-it-all',
    pattern: 'end|ending|ended it all',
    gap: 0,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'make-an-end',
    pattern: 'gjøre|gjore|gjør|gjor|gjort|gjere slutt|slut på|pa livet|alt|meg|liv',
    gap: 0,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'hang-myself',
    pattern: 'henge|henger|hengje|hang|hanging @me|myself',
    gap: 0,
    categories: ['suicide'],
    severity: 'acute',
    person: 'first',
    // "henge meg på" = tag along, "hang me out to dry".
    reject: nextIs('på|pa|med|etter|opp|ut|rundt|out|up|on'),
  },
  {
    id: 'hang-self-third',
    pattern: 'henge|henger|hengte|hengde|hang|hanged seg|himself|herself',
    gap: 0,
    categories: ['suicide'],
    severity: 'acute',
    person: 'third',
    reject: nextIs('på|pa|med|etter|opp|rundt'),
  },
  {
    id: 'jump-in-front',
    pattern:
      'hoppe|hopper|hoppa|kaste|kaster|jump|jumping foran|fra|ut|off|front|from|framfor toget|toge|tog|bilen|trikken|banen|brua|broa|bru|broen|taket|blokka|vinduet|train|bridge|roof|building|balkongen|cliff',
    gap: 2,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'sleep-never-wake',
    pattern: 'sove|sovne|sleep og|and aldri|ikke|ikkje|never|not våkne|vakne|vokne|wake',
    gap: 1,
    categories: ['suicide'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'want-overdose',
    pattern: '@want|ta|take overdose*|od',
    gap: 3,
    categories: ['suicide', 'acute-danger'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'overdose',
    pattern: 'overdose*|overdosert|overdosed|overdosing',
    categories: ['acute-danger'],
    severity: 'acute',
    person: 'neutral',
    genericIsTopic: true,
  },
  {
    id: 'took-many-pills',
    pattern:
      'tatt|tok|took|taken|svelget|svelgt|svelgde|svelga|swallowed #8|mange|alle|masse|hele|helt|heile|all|many|lots|whole @pills',
    gap: 2,
    categories: ['acute-danger'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    // Found by the held-out examples of issue #8: "svelget en hel pakke med piller".
    id: 'took-whole-pack',
    pattern:
      'tatt|tok|took|taken|svelget|svelgt|svelgde|svelga|swallowed hel|hele|heil|heile|whole pakke|pakka|pakken|eske|esken|brett|boks|pack|packet|box|bottle @pills',
    gap: 2,
    categories: ['acute-danger'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'method-search',
    pattern:
      'hvordan|korleis|how ta|tar|take|kill|drepe|begå|bega|commit|unalive livet|life|yourself|selvmord*|sjølvmord*|suicide|urself',
    gap: 2,
    categories: ['suicide'],
    severity: 'acute',
    person: 'first',
    method: true,
    reject: nextIs('easy|seriously|slow|slowly|as|one'),
  },
  {
    id: 'method-search-self',
    pattern: 'hvordan|korleis|how drepe|kill|skade|hurt seg|yourself|urself|oneself @self',
    gap: 2,
    categories: ['suicide'],
    severity: 'acute',
    person: 'first',
    method: true,
  },
  {
    id: 'painless-way',
    pattern:
      'smertefri*|smertefritt|painless|raskeste|enkleste|easiest|quickest måte|mate|way|metode|method @die',
    gap: 2,
    categories: ['suicide'],
    severity: 'acute',
    person: 'first',
    method: true,
  },
  {
    id: 'lethal-dose',
    pattern: '=dødelig|=dodelig|lethal dose|mengde|amount',
    gap: 1,
    categories: ['suicide'],
    severity: 'acute',
    person: 'first',
    method: true,
  },
  {
    id: 'how-many-pills-to-die',
    pattern: 'hvor|how mange|many @pills @die',
    gap: 5,
    categories: ['suicide'],
    severity: 'acute',
    person: 'first',
    method: true,
  },
  {
    id: 'want-to-disappear',
    pattern: '@want forsvinne|forsvinn|borte|disappear|vanish',
    gap: 3,
    categories: ['suicide'],
    severity: 'concern',
    person: 'neutral',
    negatable: true,
    notAfter: 'fra|frå|from|herfra|hjemmefra|til|to|på|pa|en|ei|a|into|inn|under|i|in',
    window: 1,
  },
  {
    id: 'nobody-would-miss-me',
    pattern: 'ingen|nobody|noone|no savne|savna|savnet|sakne|sakna|miss|missed @me',
    gap: 3,
    categories: ['suicide'],
    severity: 'concern',
    person: 'first',
  },
  {
    id: 'tired-of-life',
    pattern: 'lei|sliten|tired|sick av|of livet|life|living|leve|leva',
    gap: 1,
    categories: ['suicide'],
    severity: 'concern',
    person: 'neutral',
  },
  {
    id: 'thinking-about-death',
    pattern:
      'tenker|tenkt|tenkte|tenke|tanker|thinking|thought|thoughts om|på|pa|about|of @die|døden|doden|death',
    gap: 2,
    categories: ['suicide'],
    severity: 'concern',
    person: 'neutral',
    negatable: true,
    genericIsTopic: true,
  },

  // ── Self-harm ──────────────────────────────────────────────────────────────────────────────
  {
    id: 'cut-myself',
    pattern:
      'kutter|kutta|kuttet|kuttar|kutte|kutt|=skjærer|=skjærte|=skjære|skar|rispe|risper|rispet|rispa|riper|ripet|snitter @me',
    gap: 0,
    categories: ['self-harm'],
    severity: 'acute',
    person: 'first',
    negatable: true,
    notAfter: '@accident',
    window: 7,
    // "kuttet meg ut" = left me out, "kuttet meg av" = cut me off.
    reject: nextIs('ut|av|off|out|loose|løs'),
  },
  {
    id: 'cut-body',
    pattern:
      'kutter|kutta|kuttet|kutte|=skjærer|=skjære|skar|risper|rispet|rispa|kutting|cut|cutting|cuts i|opp|up|my armen|armene|armane|arma|håndleddet|handleddet|håndleddene|lårene|låra|låret|huden|magen|wrist|wrists|arms|arm|thighs|legs|skin',
    gap: 2,
    categories: ['self-harm'],
    severity: 'acute',
    person: 'neutral',
    negatable: true,
  },
  {
    id: 'cut-self-third',
    pattern:
      'kutter|kutta|kuttet|kutte|=skjærer|skar|risper|skader|skada|skadet|skadar|cuts|harms|hurts seg|herself|himself|themselves',
    gap: 0,
    categories: ['self-harm'],
    severity: 'acute',
    person: 'third',
    notAfter: '@accident|@sport',
    window: 4,
  },
  {
    id: 'harm-myself-nb',
    pattern:
      'skade|skader|skadet|skadar|skada|skad|skadde|skadr|slå|slår|slo|slar|påføre|pafore @me @self',
    gap: 0,
    categories: ['self-harm'],
    severity: 'acute',
    person: 'first',
    negatable: true,
    notAfter: '@sport',
    window: 4,
  },
  {
    id: 'harm-myself-present',
    pattern: 'skader|skadar|skade @me',
    gap: 0,
    categories: ['self-harm'],
    severity: 'acute',
    person: 'first',
    negatable: true,
    notAfter: '@sport|kne|kneet|ankel|ankelen|ryggen|skulderen|hånden|handa|foten',
    window: 4,
  },
  {
    id: 'harm-myself-en',
    pattern:
      'hurt|hurting|harm|harming|harmed|injure|injuring|cut|cuts|cutting|burn|burning|burned|burnt|punish|punishing|starve|starving|scratch|scratching myself|meself',
    gap: 0,
    categories: ['self-harm'],
    severity: 'acute',
    person: 'first',
    negatable: true,
    notAfter: '@sport|@accident',
    window: 4,
  },
  {
    id: 'self-harm-word',
    pattern: 'selvskad*|sjølvskad*|sjelvskad*|selvskadd|selfharm*|kutting',
    categories: ['self-harm'],
    severity: 'acute',
    person: 'neutral',
    negatable: true,
    notContaining: ['forebyg'],
    reject: nextIs('av|of'),
  },
  {
    id: 'self-harm-en',
    pattern: 'self|selv harm*|harming|injury|injuring',
    gap: 0,
    categories: ['self-harm'],
    severity: 'acute',
    person: 'neutral',
    negatable: true,
    notAfter: 'awareness|prevention|forebygging',
    window: 1,
  },
  {
    id: 'cutting',
    pattern: 'cutting|=cutter',
    categories: ['self-harm'],
    severity: 'acute',
    person: 'neutral',
    negatable: true,
    // "cutting my hair", "cutting class", "cutting back on sugar", "cutting the cake".
    notAfter:
      'hair|class|classes|school|back|down|out|off|vegetables|veggies|onion|onions|paper|food|meat|bread|grass|wood|edge|corners|carbs|sugar|ties|it|board|costs|the|a|an|lunch|cake|kake|håret|deg|contact|him|her|them',
    window: 3,
  },
  {
    id: 'burn-myself',
    pattern:
      'brenner|brente|brant|brent|brenne @me med|på|pa|with sigarett*|lighter*|fyrstikk*|røyk*|cigarett*|lighter|cigarettes|strykejern*',
    gap: 1,
    categories: ['self-harm'],
    severity: 'acute',
    person: 'first',
  },
  {
    id: 'hit-head-wall',
    pattern:
      'slår|slo|dunker|dunka|banker|bank|banging|hit|hitting hodet|hode|head|my i|in|against|mot veggen|veggen|wall',
    gap: 2,
    categories: ['self-harm'],
    severity: 'concern',
    person: 'neutral',
  },

  // ── Abuse and violence ─────────────────────────────────────────────────────────────────────
  {
    id: 'family-hits-me',
    pattern: '@family|far @hit @me|oss|us',
    gap: 1,
    categories: ['abuse', 'violence'],
    severity: 'acute',
    person: 'first',
    // Games, and pulling hair while braiding it ("lugger meg når hun fletter håret").
    notAfter: '@game|fletter|flette|fletta|børster|gre|grer|kiler|kile',
    window: 6,
    // "far" also spells "får" once folded: "jeg får slått meg" is not a father.
    reject: (ctx) =>
      nextIs('at')(ctx) ||
      ['jeg', 'eg', 'du', 'vi', 'man'].includes(ctx.tokens[ctx.start - 1]?.folded ?? ''),
  },
  {
    // A parent who hits is a crisis for the writer's home even when the victim is not named
    // ("mamma slår når hun er full"), so this counts as first person.
    id: 'family-hits',
    pattern: '@family @hit',
    gap: 2,
    categories: ['abuse', 'violence'],
    severity: 'acute',
    person: 'first',
    // "mamma slår av TV-en", "pappa slår seg", "far slår opp i boka"; "pappaen hennes" is
    // someone else's father.
    reject: (ctx) =>
      gapHas('hennes|hans|hennar|deres|dykkar|his|her|their')(ctx) || switchesSomething(ctx),
    notAfter: '@game|fletter|flette|fletta|børster|gre|grer|kiler|kile',
    window: 6,
  },
  {
    id: 'partner-hits-me',
    pattern: '@partner @hit @me',
    gap: 1,
    categories: ['violence', 'abuse'],
    severity: 'acute',
    person: 'first',
    notAfter: '@game',
    window: 3,
    reject: nextIs('at'),
  },
  {
    id: 'someone-hits-me',
    pattern: '@others @hit @me',
    gap: 1,
    categories: ['violence'],
    severity: 'acute',
    person: 'first',
    abuseIfHome: true,
    notAfter: '@game',
    window: 3,
    reject: nextIs('at'),
  },
  {
    id: 'gets-beaten',
    pattern: '@become @beaten',
    gap: 1,
    categories: ['violence'],
    severity: 'acute',
    person: 'neutral',
    abuseIfHome: true,
    negatable: true,
    notAfter: 'ball|ballen|bil|car|lyn|lightning|@game',
    window: 2,
    reject: particleWithoutAgent,
  },
  {
    id: 'gets-a-beating',
    pattern: 'får|far|fikk|fekk|get|gets|got juling|bank|deng|beating|beatings',
    gap: 1,
    categories: ['violence'],
    severity: 'acute',
    person: 'neutral',
    abuseIfHome: true,
    // "får bank i hjertet" is a racing heart.
    notAfter: '@game|hjertet|hjerte|brystet|heart|døra|døren|door',
    window: 2,
  },
  {
    id: 'forced-sex',
    pattern:
      'tvunget|tvinga|tvunge|tvingar|tvinger|tvang|presset|pressa|presser|forced|forces|force|pressured|pressures|pressuring @sex',
    gap: 5,
    categories: ['sexual-abuse'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'forced-marriage',
    pattern: 'tvunget|tvinga|tvinger|tvang|forced|presset|pressa gifte|gift|marry|married|ekteskap',
    gap: 3,
    categories: ['abuse'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'forced-marriage-word',
    pattern: 'tvangsgift*|tvangsekteskap*|tvangsekteskab*',
    categories: ['abuse'],
    severity: 'acute',
    person: 'neutral',
    notContaining: ['forebyg'],
  },
  {
    id: 'forced',
    pattern: '@become tvunget|tvinga|tvunge|tvungen|forced|presset|pressa',
    gap: 1,
    categories: ['abuse'],
    severity: 'concern',
    person: 'neutral',
  },
  {
    id: 'rape',
    pattern:
      'voldtatt|voldtok|voldtekt*|valdtatt|valdtok|valdtekt*|voldta|raped|rape|raping|rapist|voldtar',
    categories: ['sexual-abuse'],
    severity: 'acute',
    person: 'neutral',
    negatable: true,
    notContaining: ['forebyg'],
  },
  {
    id: 'sexual-abuse-word',
    pattern:
      'overgrep*|overgriper*|overgripar*|incest|molest*|groomet|grooming|groomer|groomed|sexting',
    categories: ['sexual-abuse'],
    severity: 'acute',
    person: 'neutral',
    negatable: true,
    notContaining: ['forebyg'],
    reject: (ctx) => ctx.tokens[ctx.start]?.folded === 'sexting',
  },
  {
    id: 'abused-nb',
    pattern: 'misbrukt|misbrukte|misbruka|utnyttet|utnytta|misbruker',
    categories: ['sexual-abuse', 'abuse'],
    severity: 'acute',
    person: 'neutral',
    notAfter:
      'tillit|tilliten|rus|alkohol|piller|narkotika|data|informasjon|kortet|bankkort|passord|penger|pengene|stoff|hasj',
    window: 3,
    notBefore: 'rus|alkohol|seg|pengene',
  },
  {
    id: 'sexually-abused',
    pattern:
      'seksuelt|sexually|sexual misbrukt|utnyttet|utnytta|abused|exploited|assaulted|assault|abuse|overgrep',
    gap: 0,
    categories: ['sexual-abuse'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'abused-en',
    pattern: 'abused|abusing|abuses|abusive|abuser|mishandling|mishandler',
    categories: ['abuse'],
    severity: 'acute',
    person: 'neutral',
    notAfter: 'drugs|alcohol|substance|substances|rus',
    window: 2,
  },
  {
    id: 'touches-me',
    pattern:
      '@toucher tafser|tafset|tafsa|beføler|befølte|rører|rørte|klår|klådde|touches|touched|touching|gropes|groped|molests @me|på|pa',
    gap: 2,
    categories: ['sexual-abuse'],
    severity: 'acute',
    person: 'first',
    notAfter: 'ved|hjertet',
    window: 1,
  },
  {
    // "… kommer inn på rommet om natta og tar på meg": the agent is far back in the sentence.
    id: 'touches-me-no-agent',
    pattern: 'og|så|sa|da|når|nar|mens tar|tok|tafser|tafset|klår|klådde|rører|rørte på|pa @me',
    gap: 1,
    categories: ['sexual-abuse'],
    severity: 'acute',
    person: 'first',
    notAfter:
      'jakka|jakken|jakke|klær|klærne|sko|skoene|genser|genseren|buksa|bukse|lue|lua|votter|plaster|sminke|setebeltet|hjelmen|hjelm|refleks|skylda|skylden|ansvaret|ting|noe|mye|for',
    window: 2,
    // "jeg tar på meg jakka", "når jeg tar på meg": the writer dressing.
    reject: gapHas('jeg|eg|jg|i|du'),
  },
  {
    id: 'gets-touched',
    pattern: '@become tatt|befølt|tafset|tafsa|klådd|touched|groped|molested på|pa|by|av',
    gap: 1,
    categories: ['sexual-abuse'],
    severity: 'acute',
    person: 'neutral',
    // "tatt på alvor", "tatt på fersken".
    reject: nextIs('alvor|fersken|senga|sengen|ordet'),
  },
  {
    id: 'sent-nudes',
    pattern:
      'sendt|sender|sent|sendte|sends @me nakenbilder|nakenbilde|nudes|nude|dickpic|dickpics|pikkbilde|pikkbilder|porno',
    gap: 1,
    categories: ['sexual-abuse'],
    severity: 'concern',
    person: 'first',
  },
  {
    id: 'family-throws-things',
    pattern:
      '@family|@partner kaster|kasta|kastet|throws|threw ting|stuff|things|sko|glass på|pa|at @me',
    gap: 1,
    categories: ['abuse', 'violence'],
    severity: 'acute',
    person: 'first',
  },
  {
    id: 'puts-hands-on-me',
    pattern: '@toucher tar|tok|fingrer|fingra|tafser på|pa @me',
    gap: 3,
    categories: ['sexual-abuse'],
    severity: 'acute',
    person: 'first',
    // "han tar på meg jakka" puts a jacket on a small child.
    notAfter:
      'jakka|jakken|jakke|klær|klærne|sko|skoene|genser|genseren|buksa|bukse|lue|lua|votter|plaster|sminke|setebeltet|hjelmen|hjelm|refleks|skylda|skylden|ansvaret|blame|skulderen|skuldra|skuldrene|hånda|hånden|handa|shoulder|hand',
    window: 2,
  },
  {
    id: 'threatens-to-kill',
    pattern:
      'truer|truet|trua|truga|truar|trugar|threatens|threatened|threatening @kill|skade|skada|hurt|stikke|skyte|shoot|stab',
    gap: 3,
    categories: ['acute-danger', 'violence'],
    severity: 'acute',
    // The third person here is the one threatening; whoever is threatened, the writer is in it.
    person: 'first',
  },
  {
    id: 'threatens-to-take-life',
    pattern: 'truer|truet|trua|truga|threatens|threatened ta|take livet|life',
    gap: 2,
    categories: ['acute-danger', 'violence'],
    severity: 'acute',
    person: 'first',
  },
  {
    id: 'threatened-with-weapon',
    pattern:
      'truer|truet|trua|truga|threatens|threatened|threatening med|with kniv|kniven|knife|våpen|vapen|weapon|gun|pistol|gevær',
    gap: 2,
    categories: ['acute-danger', 'violence'],
    severity: 'acute',
    person: 'first',
  },
  {
    id: 'gets-threatened',
    pattern: '@become truet|trua|truga|threatened',
    gap: 1,
    categories: ['violence'],
    severity: 'concern',
    person: 'neutral',
    abuseIfHome: true,
  },
  {
    id: 'threatens-me',
    pattern: 'truer|truet|trua|truga|threatens|threatened|threatening @me',
    gap: 0,
    categories: ['violence'],
    severity: 'concern',
    person: 'first',
  },
  {
    id: 'going-to-kill-me',
    pattern: '@threatener @future @kill|ta @me|livet',
    gap: 2,
    categories: ['acute-danger', 'violence'],
    severity: 'acute',
    person: 'first',
    // "mamma dreper meg hvis hun finner ut" is teenage hyperbole; "… hvis jeg går fra ham" is not.
    // "hun skal ta livet sitt" is about her own life.
    reject: (ctx) =>
      hyperbolicCondition(ctx) ||
      nextIs('sitt|sit|sin|sine')(ctx) ||
      (nextIs('av')(ctx) && ctx.tokens[ctx.end + 1]?.folded === 'seg'),
  },
  {
    id: 'tried-to-kill-me',
    pattern: '@threatener prøvde|provde|prøvd|forsøkte|tried @kill|kvele|choke|strangle @me',
    gap: 2,
    categories: ['acute-danger', 'violence'],
    severity: 'acute',
    person: 'first',
  },
  {
    id: 'afraid-they-kill-me',
    pattern:
      'redd|red|scared|afraid|frykter|fear|terrified @threatener|hell|shell|theyll @kill @me',
    gap: 2,
    categories: ['acute-danger', 'violence'],
    severity: 'acute',
    person: 'first',
  },
  {
    id: 'afraid-for-my-life',
    pattern:
      'redd|red|scared|afraid|fear|frykter|frykt|terrified for|of livet|life|my mitt|mit|life',
    gap: 0,
    categories: ['acute-danger'],
    severity: 'acute',
    person: 'first',
  },
  {
    id: 'in-danger-now',
    pattern: 'i|in fare|danger nå|na|no|now|right',
    gap: 0,
    categories: ['acute-danger'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'in-danger',
    pattern: 'er|e|am|is|im i|in fare|danger|livsfare',
    gap: 0,
    categories: ['acute-danger'],
    severity: 'acute',
    person: 'neutral',
    // "i fare for å bli gravid" is about risk, not danger.
    reject: nextIs('for|of'),
  },
  {
    id: 'life-danger',
    pattern: 'livsfare|livsfarlig',
    categories: ['acute-danger'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'not-safe-at-home',
    pattern: '@neg trygg|trygt|safe hjemme|heime|home',
    gap: 3,
    categories: ['abuse'],
    severity: 'concern',
    person: 'neutral',
  },
  {
    id: 'stalked',
    pattern: 'forfølger|forfulgt|stalker|stalka|stalket|stalking @me',
    gap: 1,
    categories: ['violence'],
    severity: 'concern',
    person: 'first',
  },
  {
    id: 'followed',
    pattern: 'følger|fulgte|følgde etter @me',
    gap: 0,
    categories: ['violence'],
    severity: 'concern',
    person: 'first',
  },
  {
    id: 'bleeding-heavily',
    pattern:
      'blør|bloder|bløder|bleeding|bleed|blodet mye|masse|kraftig|lot|heavily|veldig|stopper|slutter|stop|stops',
    gap: 1,
    categories: ['acute-danger'],
    severity: 'acute',
    person: 'neutral',
    notAfter:
      'mensen|menstruasjon|mens|period|periode|nesen|neseblod|nose|tannkjøttet|gums|samleie|sex',
    notBefore: 'mensen|menstruasjon|mens|period|nese|nesen|neseblod|nose|tannkjøttet|gums',
    window: 5,
  },

  // ── Eating disorders (acute physical danger) ───────────────────────────────────────────────
  {
    id: 'not-eaten-for-days',
    pattern:
      '@neg|havent|hasnt spist|ete|eaten|ett|eten|eat|et dager|dagar|døgn|dogn|uke|uker|veke|veker|days|week|weeks',
    gap: 4,
    categories: ['eating-disorder-acute'],
    severity: 'acute',
    person: 'neutral',
    reject: gapHas(
      'kjøtt|godteri|sukker|snop|gluten|meat|sugar|candy|fisk|brød|pasta|melk|sjokolade',
    ),
  },
  {
    id: 'stopped-eating',
    pattern:
      'sluttet|slutta|stoppet|stoppa|stopped|quit|nekter|nektar|refuse|refusing å|a|to? spise|ete|eat|eating',
    gap: 1,
    categories: ['eating-disorder-acute'],
    severity: 'concern',
    person: 'neutral',
    notAfter:
      'kjøtt|godteri|sukker|snop|gluten|meat|sugar|candy|fisk|brød|pasta|melk|sjokolade|junk|fastfood',
    window: 2,
  },
  {
    id: 'eats-nothing',
    pattern: 'spiser|spis|et|eter|eats|eat|eating ingenting|nothing|nada',
    gap: 2,
    categories: ['eating-disorder-acute'],
    severity: 'concern',
    person: 'neutral',
    notAfter:
      'til|frokost|lunsj|middag|breakfast|lunch|dinner|before|etter|after|før|for|på|pa|i|med|with',
    window: 1,
  },
  {
    id: 'fainting-not-eating',
    pattern:
      'besvim*|besvimer|besvimte|fainted|fainting|faint|svimmel|dizzy spis*|ete|mat|eaten|eating|food|sulter|sulte*|starving',
    gap: 6,
    categories: ['eating-disorder-acute'],
    severity: 'acute',
    person: 'neutral',
    // "besvimer fordi jeg ikke spiser": here the negation is the point.
    negationInGap: true,
  },
  {
    id: 'not-eating-fainting',
    pattern:
      'spist|spiser|ete|eaten|eating|sulter|sulte*|starving besvim*|besvimer|besvimte|fainted|fainting|faint',
    gap: 6,
    categories: ['eating-disorder-acute'],
    severity: 'acute',
    person: 'neutral',
    negationInGap: true,
  },
  {
    id: 'vomiting-blood',
    pattern:
      'kaster|kastet|kasta|kaste|spyr|spydde|spy|throwing|threw|throw|vomiting|vomit|puking blod|blood',
    gap: 2,
    categories: ['acute-danger'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'vomiting-then-blood',
    pattern: 'kaster|kastet|kasta|spyr|spydde|vomiting|vomit|throwing|puking opp|up blod|blood',
    gap: 8,
    categories: ['acute-danger', 'eating-disorder-acute'],
    severity: 'acute',
    person: 'neutral',
    negationInGap: true,
  },
  {
    id: 'force-vomit',
    pattern:
      'tvinger|tvinga|tvang|force|forcing|make|making|made @me|myself kaste|spy|throw|vomit|purge',
    gap: 3,
    categories: ['eating-disorder-acute'],
    severity: 'concern',
    person: 'first',
  },
  {
    id: 'purging',
    pattern: 'purging|purge|purger',
    categories: ['eating-disorder-acute'],
    severity: 'concern',
    person: 'neutral',
  },

  // ── Signs that it is happening now (only upgrade other signals) ───────────────────────────
  {
    id: 'tonight',
    pattern: 'i|in @imminent',
    gap: 0,
    categories: ['acute-danger'],
    severity: 'acute',
    person: 'neutral',
    imminence: true,
  },
  {
    id: 'tonight-word',
    pattern: 'tonight|ikveld|inatt',
    categories: ['acute-danger'],
    severity: 'acute',
    person: 'neutral',
    imminence: true,
  },
  {
    id: 'right-now',
    pattern: 'right|akkurat now|nå|na|no',
    gap: 0,
    categories: ['acute-danger'],
    severity: 'acute',
    person: 'neutral',
    imminence: true,
  },
  {
    id: 'goodbye-letter',
    pattern: 'avskjedsbrev*|avskilsbrev*|farvelbrev*|avskjedsmelding*',
    categories: ['acute-danger'],
    severity: 'acute',
    person: 'neutral',
    imminence: true,
  },
  // A goodbye letter is also a signal on its own, not only a sign of urgency.
  {
    id: 'goodbye-letter-signal',
    pattern: 'avskjedsbrev*|avskilsbrev*|farvelbrev*|avskjedsmelding*',
    categories: ['suicide', 'acute-danger'],
    severity: 'acute',
    person: 'neutral',
  },
  {
    id: 'suicide-note',
    pattern: 'suicide|goodbye note|letter',
    gap: 0,
    categories: ['acute-danger'],
    severity: 'acute',
    person: 'neutral',
    imminence: true,
  },
  {
    id: 'has-a-plan',
    pattern: 'har|have|got en|ein|a plan',
    gap: 0,
    categories: ['acute-danger'],
    severity: 'acute',
    person: 'neutral',
    imminence: true,
  },
  {
    id: 'has-planned',
    pattern: 'har|have|hev planlagt|planlagd|planned|bestemt|decided',
    gap: 1,
    categories: ['acute-danger'],
    severity: 'acute',
    person: 'neutral',
    imminence: true,
  },
  {
    id: 'has-means',
    pattern:
      'skaffet|skaffa|kjøpt|kjopt|samlet|samla|spart|bought|collected|saved|got @pills|tau|rope|kniv|knife|piller',
    gap: 2,
    categories: ['acute-danger'],
    severity: 'acute',
    person: 'neutral',
    imminence: true,
  },
  {
    id: 'on-the-edge',
    pattern:
      'står|star|sitter|standing|sitting|stand på|pa|on|ved kanten|brua|broa|bru|taket|bridge|roof|edge|ledge',
    gap: 2,
    categories: ['acute-danger'],
    severity: 'acute',
    person: 'neutral',
    imminence: true,
  },
];
