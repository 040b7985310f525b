import { wordSet } from '../word-set';
import { EVIDENCE_ONLY, WORD_HOMOGRAPHS } from './names/ambiguous-names';
import { FIRST_NAMES } from './names/first-names';
import { SURNAMES } from './names/surnames';
import { isSentenceStart } from './text-boundaries';
import type { Span } from './text-boundaries';
import type { Candidate } from './types';

const FIRST = new Set(FIRST_NAMES.map((n) => n.toLocaleLowerCase('nb')));
const SURNAME = new Set(SURNAMES.map((n) => n.toLocaleLowerCase('nb')));

/**
 * How much evidence a known name needs: `plain` names are replaced whenever capitalised,
 * `word` names when capitalised mid-sentence or with context, `evidence` names only with context.
 */
type Tier = 'plain' | 'word' | 'evidence';

interface NameInfo {
  tier: Tier;
  first: boolean;
}

interface Token {
  kind: 'word' | 'name-placeholder' | 'blocked';
  start: number;
  end: number;
  text: string;
  lower: string;
  info: NameInfo | null;
  cap: boolean;
  allCaps: boolean;
  sentenceStart: boolean;
}

// A word: letters with inner hyphens/apostrophes, not glued to digits, "@", "/", "." + letter
// (domains, e-mail, URLs, handles) or placeholder brackets.
const WORD =
  /(?<![\p{L}\p{M}\p{N}_@./\\#[\]&-])\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*(?![\p{L}\p{M}\p{N}_@/\\#[\]]|\.[\p{L}\p{N}]|['’-]\p{L})/gu;

// Cues after which the next word is a name: "jeg heter Liv", "navnet hans er Per".
const NAMING_VERBS = wordSet('heter heiter het hette kalles kallast kalt kalla named called');
const NAMING_PHRASES = [
  ['navnet', 'mitt', 'er'],
  ['navnet', 'hans', 'er'],
  ['navnet', 'hennes', 'er'],
  ['namnet', 'mitt', 'er'],
  ['namnet', 'hans', 'er'],
  ['namnet', 'hennar', 'er'],
  ['navnet', 'er'],
  ['namnet', 'er'],
  ['name', 'is'],
  ['names'],
];
// Who can be the subject of "heter": makes an unknown capitalised word after it a name
// ("han heter Zlatan"), where "det heter Paracet" is not.
const PERSON_SUBJECTS = wordSet(
  `jeg eg jg han hun ho hen vi me de dei i im he she they kjæresten vennen venninna
   venninnen venninne bestevennen bestevenninna broren søstera søsteren læreren treneren mi
   min mitt hans hennes hennar friend boyfriend girlfriend brother sister crushen crushet
   eksen gutten jenta`,
);
// "kjæresten min Per", "vennen Liv", "my friend Kim", "fru Berg".
const RELATIONS = wordSet(
  `kjæresten kjæreste vennen venn venninna venninnen venninne kompisen kompis bestevennen
   bestevenn bestevenninna bestevenninnen broren bror lillebror storebror søstera søsteren
   søster lillesøster storesøster fetteren fetter kusina kusinen kusine læreren lærer
   kontaktlæreren treneren trener helsesykepleieren helsesøster naboen sjefen stefaren
   stemora stemoren onkel onkelen tante tanta eksen crushen crushet friend boyfriend
   girlfriend brother sister cousin teacher coach fru herr frk mr mrs ms miss`,
);
const GREETINGS = wordSet('hei hallo heisann hey hi hello dear kjære');
// Verbs that, right after a sentence-initial word, make it the name of a person: "Per sa at".
const REPORTING_VERBS = wordSet(
  `sa sier seier spurte spør skrev skriv skriver fortalte fortalde forteller fortel ringte
   sendte syns synes synest mener meiner meinte mente lurer said says asked told texted
   thinks`,
);
const CONJUNCTIONS = wordSet('og and eller or samt');
// Followers that turn a homograph back into a word: "Per dag", "Per telefon", "Ella One".
const NOT_AFTER: Readonly<Record<string, ReadonlySet<string>>> = {
  per: wordSet(
    `dag døgn uke veke måned månad mnd år time timen gang gong person stk stykk natt kveld
   morgen liter kg kilo mg gram prosent telefon sms post brev mail e-post epost nå no se`,
  ),
  ella: wordSet('one'),
};
// Capitalised words that never continue a name ("Kari Mandag", "Emma I", "Ali Og").
const NOT_SURNAMES = wordSet(
  `i is am the and but so then when if my me you he she we they it its this that jeg eg du
   han hun ho vi dere de dei det den og men så da når hvis om som er var har hadde skal vil
   kan må min mi mitt din sin ikke ikkje ja nei hei takk mandag tirsdag onsdag torsdag
   fredag lørdag søndag måndag tysdag laurdag sundag monday tuesday wednesday thursday
   friday saturday sunday januar februar mars april mai juni juli august september oktober
   november desember skole skule vgs`,
);

function classify(lower: string): NameInfo | null {
  const one = (w: string): NameInfo | null => {
    const first = FIRST.has(w);
    if (!first && !SURNAME.has(w)) return null;
    const tier: Tier = EVIDENCE_ONLY.has(w)
      ? 'evidence'
      : WORD_HOMOGRAPHS.has(w)
        ? 'word'
        : 'plain';
    return { tier, first };
  };
  // Possessive: "Karis", "Kari's", "Hansens".
  const bare = (w: string): NameInfo | null =>
    one(w) ??
    (/['’]s$/u.test(w) ? one(w.slice(0, -2)) : w.endsWith('s') ? one(w.slice(0, -1)) : null);

  const parts = lower.split('-');
  if (parts.length === 1) return bare(lower);
  // Double names ("Anne-Lise", "Ola-Martin", "Hansen-Berg"): known first part, all capitalised.
  const infos = parts.map(bare);
  const head = infos[0];
  if (!head) return null;
  const known = infos.filter((i): i is NameInfo => i !== null);
  const tier: Tier = known.some((i) => i.tier === 'plain')
    ? 'plain'
    : known.some((i) => i.tier === 'word')
      ? 'word'
      : 'evidence';
  return { tier, first: head.first };
}

function isCapitalised(word: string): boolean {
  return word.split('-').every((p) => /^\p{Lu}/u.test(p)) && /\p{Ll}/u.test(word);
}

function isAllCaps(word: string): boolean {
  return word.length >= 2 && !/\p{Ll}/u.test(word) && /\p{Lu}/u.test(word);
}

/**
 * Finds personal names from the shipped lists, one candidate per word (the scrubber joins
 * neighbouring name words into one `[navn]`).
 *
 * The rule:
 * 1. Only capitalised words count (or all caps, for unambiguous names), except right after a
 *    naming cue ("jeg heter kari") or as a lowercase first name + surname pair ("kari hansen").
 * 2. Unambiguous names are replaced anywhere, including at the start of a sentence.
 * 3. Names that are also words ("Per", "Liv", "Bo", "Sol", "Tor", …) are replaced when
 *    capitalised mid-sentence, but at the start of a sentence only with evidence: a name next to
 *    it ("Liv Hansen"), a naming cue ("heter", "kjæresten min", "hei"), a reporting verb after it
 *    ("Per sa at …"), or another name joined with "og"/"eller". So "Liv er vanskelig" stays.
 * 4. Months, places, brands and noun-like surnames ("Mai", "Berg", "Yasmin") always need that
 *    evidence, and "Per dag", "Max 2" are never names.
 * 5. A capitalised unknown word right after a first name is taken as its surname
 *    ("Kari Nordmann"), and so is one after "heter" when a person is the subject.
 *
 * @param blocked spans already claimed by other detectors or placeholders; words inside them are
 * neither names nor evidence, exactly as they will be once replaced.
 * @param namePlaceholders existing `[navn]` placeholders, which count as names for context.
 */
export function findNames(
  text: string,
  blocked: readonly Span[] = [],
  namePlaceholders: readonly Span[] = [],
): Candidate[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const end = start + m[0].length;
    const inBlocked = blocked.some((b) => b.start < end && start < b.end);
    const lower = m[0].toLocaleLowerCase('nb');
    tokens.push({
      kind: inBlocked ? 'blocked' : 'word',
      start,
      end,
      text: m[0],
      lower,
      info: inBlocked ? null : classify(lower),
      cap: isCapitalised(m[0]),
      allCaps: isAllCaps(m[0]),
      sentenceStart: isSentenceStart(text, start),
    });
  }
  for (const p of namePlaceholders) {
    tokens.push({
      kind: 'name-placeholder',
      start: p.start,
      end: p.end,
      text: text.slice(p.start, p.end),
      lower: '',
      info: null,
      cap: false,
      allCaps: false,
      sentenceStart: false,
    });
  }
  for (const b of blocked) {
    if (namePlaceholders.some((p) => p.start === b.start)) continue;
    if (tokens.some((t) => t.kind === 'blocked' && t.start >= b.start && t.end <= b.end)) continue;
    tokens.push({
      kind: 'blocked',
      start: b.start,
      end: b.end,
      text: '',
      lower: '',
      info: null,
      cap: false,
      allCaps: false,
      sentenceStart: false,
    });
  }
  tokens.sort((a, b) => a.start - b.start);

  const isName = new Array<boolean>(tokens.length).fill(false);
  const gapBefore = (i: number): string => {
    const prev = tokens[i - 1];
    const cur = tokens[i];
    return prev && cur ? text.slice(prev.end, cur.start) : '';
  };
  // Same phrase: only spaces between (no punctuation, no line break).
  const joined = (i: number): boolean => /^[ \t\u00a0]+$/u.test(gapBefore(i));
  const wordBefore = (i: number, k = 1): string => {
    // k-th word before i, within the phrase (spaces, or ":" after a naming cue).
    let j = i;
    for (let n = 0; n < k; n += 1) {
      if (j <= 0 || !/^[ \t\u00a0]*:?[ \t\u00a0]+$|^[ \t\u00a0]+$/u.test(gapBefore(j))) return '';
      j -= 1;
    }
    const t = tokens[j];
    return t && t.kind === 'word' ? t.lower : '';
  };
  const nextWord = (i: number): string => {
    const next = tokens[i + 1];
    return next && next.kind === 'word' && joined(i + 1) ? next.lower : '';
  };
  const followedByNumberOrPlaceholder = (i: number): boolean => {
    const t = tokens[i];
    return t ? /^[ \t\u00a0]*[\d[]/u.test(text.slice(t.end)) : false;
  };

  const namingCue = (i: number): boolean => {
    if (NAMING_VERBS.has(wordBefore(i))) return true;
    return NAMING_PHRASES.some((phrase) =>
      phrase.every((w, k) => wordBefore(i, phrase.length - k) === w),
    );
  };
  const personNamingCue = (i: number): boolean => {
    if (NAMING_PHRASES.some((ph) => ph.every((w, k) => wordBefore(i, ph.length - k) === w))) {
      return true;
    }
    if (!NAMING_VERBS.has(wordBefore(i))) return false;
    const subject = wordBefore(i, 2);
    const subjectIndex = i - 2;
    return PERSON_SUBJECTS.has(subject) || (subjectIndex >= 0 && isName[subjectIndex] === true);
  };
  const relationCue = (i: number): boolean => {
    const w1 = wordBefore(i);
    const w2 = wordBefore(i, 2);
    if (RELATIONS.has(w1)) return true;
    const possessive = ['min', 'mi', 'mitt', 'my', 'hans', 'hennes', 'hennar', 'his', 'her'];
    return possessive.includes(w1) && RELATIONS.has(w2);
  };
  const greetingCue = (i: number): boolean => GREETINGS.has(wordBefore(i));
  const blockedByFollower = (i: number): boolean => {
    const t = tokens[i];
    if (!t) return true;
    const base = t.lower.replace(/s$/u, '');
    return (NOT_AFTER[t.lower] ?? NOT_AFTER[base])?.has(nextWord(i)) === true;
  };

  // Pass 1: names that stand on their own.
  tokens.forEach((t, i) => {
    if (t.kind !== 'word') return;
    const info = t.info;
    if (!info) {
      if (t.cap && personNamingCue(i) && !NOT_SURNAMES.has(t.lower)) isName[i] = true;
      return;
    }
    if (blockedByFollower(i)) return;
    const ambiguous = info.tier !== 'plain';
    if (ambiguous && followedByNumberOrPlaceholder(i)) return;
    if (namingCue(i)) {
      isName[i] = true;
    } else if (info.tier === 'plain') {
      isName[i] = t.cap || t.allCaps || relationCue(i);
    } else if (t.cap && (relationCue(i) || greetingCue(i))) {
      isName[i] = true;
    } else if (info.tier === 'word' && t.cap) {
      isName[i] = !t.sentenceStart || REPORTING_VERBS.has(nextWord(i));
    }
  });

  // First name + surname pairs: "Liv Berg" (capitalised, even when both are also words) and
  // lowercase "kari hansen" (only when neither is ambiguous).
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.kind !== 'word' || !next || next.kind !== 'word' || !joined(i + 1)) return;
    const surname = SURNAME.has(next.lower) || SURNAME.has(next.lower.replace(/s$/u, ''));
    if (!t.info?.first || !surname) return;
    if (blockedByFollower(i) || followedByNumberOrPlaceholder(i + 1)) return;
    const capitalisedPair = t.cap && next.cap;
    const lowercasePair =
      t.info.tier === 'plain' && next.info?.tier === 'plain' && !next.info.first;
    if (capitalisedPair || lowercasePair) {
      isName[i] = true;
      isName[i + 1] = true;
    }
  });

  // Pass 2: spread along full names and lists of names until nothing changes.
  const nameAt = (j: number): boolean =>
    tokens[j]?.kind === 'name-placeholder' || isName[j] === true;
  let changed = true;
  while (changed) {
    changed = false;
    tokens.forEach((t, i) => {
      if (t.kind !== 'word' || isName[i]) return;
      const info = t.info;
      const prevJoined = i > 0 && joined(i);
      const nextJoined = i + 1 < tokens.length && joined(i + 1);

      if (
        info &&
        (t.cap || t.allCaps) &&
        !blockedByFollower(i) &&
        !followedByNumberOrPlaceholder(i)
      ) {
        // Next to a name: "Liv Hansen", "Kari Berg", "[navn] Per".
        if ((prevJoined && nameAt(i - 1)) || (nextJoined && nameAt(i + 1))) {
          isName[i] = true;
        } else if (coordinatedWithName(i)) {
          isName[i] = true;
        }
      } else if (!info && t.cap && !t.sentenceStart && prevJoined && t.text.length >= 2) {
        // Unknown capitalised word after a first name: its surname ("Kari Nordmann").
        const prev = tokens[i - 1];
        if (prev?.kind === 'word' && isName[i - 1] && prev.info?.first && prev.cap) {
          if (!NOT_SURNAMES.has(t.lower)) isName[i] = true;
        }
      }
      if (isName[i]) changed = true;
    });
  }

  function coordinatedWithName(i: number): boolean {
    // "Kari og Liv", "Liv og Kari", "Kari, Per og Liv", "Kari & Liv".
    const gap = (a: number, b: number): string =>
      text.slice(tokens[a]?.end ?? 0, tokens[b]?.start ?? 0);
    const direct = (a: number, b: number): boolean =>
      a >= 0 && b < tokens.length && nameAt(a === i ? b : a) && /^\s*[&+/]\s*$/u.test(gap(a, b));
    const viaConjunction = (a: number, c: number, b: number): boolean => {
      const conj = tokens[c];
      return (
        a >= 0 &&
        b < tokens.length &&
        conj?.kind === 'word' &&
        CONJUNCTIONS.has(conj.lower) &&
        nameAt(a === i ? b : a) &&
        /^[ \t\u00a0]*,?[ \t\u00a0]+$/u.test(gap(a, c)) &&
        /^[ \t\u00a0]+$/u.test(gap(c, b))
      );
    };
    return (
      direct(i - 1, i) ||
      direct(i, i + 1) ||
      viaConjunction(i - 2, i - 1, i) ||
      viaConjunction(i, i + 1, i + 2)
    );
  }

  const found: Candidate[] = [];
  tokens.forEach((t, i) => {
    if (t.kind === 'word' && isName[i]) {
      found.push({ type: 'name', start: t.start, end: t.end, joinable: true });
    }
  });
  return found;
}
