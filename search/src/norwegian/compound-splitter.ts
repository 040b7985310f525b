/** What the splitter needs to know about a candidate part. */
export interface PartLexicon {
  /** Frequency of a folded word as a part (0 = unknown; curated words count as frequent). */
  partFrequency(folded: string): number;
  /** Whether a folded word must never be a part (stop words: "som"+"mer" is not a compound). */
  isStopWord(folded: string): boolean;
}

/** Tuning for {@link splitCompound}. */
export interface CompoundSplitOptions {
  /** Shortest part, in letters. */
  minPart: number;
  /** Shortest word worth trying. */
  minWord: number;
  /** Most parts in one word. */
  maxParts: number;
}

export const defaultCompoundSplitOptions: CompoundSplitOptions = {
  minPart: 3,
  minWord: 7,
  maxParts: 3,
};

// Norwegian joins compound parts with a linking -s- ("kjønn-s-sykdom") or -e- ("barn-e-vern").
const LINKING_LETTERS = new Set(['s', 'e']);

/**
 * Splits a folded compound into its folded parts using a vocabulary, or returns `null`.
 *
 * @remarks
 * Koehn & Knight's frequency criterion: among all ways to cut the word into known parts
 * (dropping a linking -s- or -e- after a part), take the one with the highest geometric mean of
 * part frequencies; the unsplit word competes with its own frequency, so a split only wins when
 * its parts are more common than the whole. "skoleangst" → ["skole", "angst"],
 * "kjonnssikdom" → ["kjonn", "sikdom"], while "kjeresten" stays whole because "kjere" + "sten"
 * is rarer than the word itself.
 *
 * Searches cuts left to right and only recurses after a known head, memoising by position,
 * so a word with no known prefix costs one look-up per letter.
 */
export function splitCompound(
  folded: string,
  lexicon: PartLexicon,
  options: CompoundSplitOptions = defaultCompoundSplitOptions,
): string[] | null {
  const n = folded.length;
  if (n < options.minWord || !/^[a-z]+$/.test(folded)) return null;
  const { minPart, maxParts } = options;
  const freq = (part: string): number =>
    part.length < minPart || lexicon.isStopWord(part) ? 0 : lexicon.partFrequency(part);

  // A cover of folded[i..]: the sum of log frequencies and the parts, for geometric means.
  type Cover = { logSum: number; parts: string[] };
  const memo = new Map<number, Cover | null>();
  const better = (a: Cover, b: Cover | null): boolean => {
    if (!b) return true;
    const ma = a.logSum / a.parts.length;
    const mb = b.logSum / b.parts.length;
    // Ties go to fewer parts: the whole word wins against an equally common split.
    return ma > mb + 1e-12 || (Math.abs(ma - mb) <= 1e-12 && a.parts.length < b.parts.length);
  };
  const cover = (i: number, partsLeft: number): Cover | null => {
    const memoKey = i * (maxParts + 1) + partsLeft;
    if (memo.has(memoKey)) return memo.get(memoKey) ?? null;
    let best: Cover | null = null;
    const whole = folded.slice(i);
    const fw = freq(whole);
    if (fw > 0) best = { logSum: Math.log(fw), parts: [whole] };
    if (partsLeft > 1) {
      for (let j = i + minPart; j <= n - minPart; j++) {
        const head = folded.slice(i, j);
        // The form without a linking letter first, so it wins ties ("selvmord" + "tanker").
        const linked = LINKING_LETTERS.has(head[head.length - 1] ?? '') && head.length > minPart;
        const bare = linked ? head.slice(0, -1) : head;
        let headFreq = linked ? freq(bare) : 0;
        let headPart = bare;
        if (headFreq === 0) {
          headFreq = freq(head);
          headPart = head;
        }
        if (headFreq === 0) continue;
        const rest = cover(j, partsLeft - 1);
        if (!rest) continue;
        const candidate = {
          logSum: Math.log(headFreq) + rest.logSum,
          parts: [headPart, ...rest.parts],
        };
        if (better(candidate, best)) best = candidate;
      }
    }
    memo.set(memoKey, best);
    return best;
  };
  const best = cover(0, maxParts);
  return best && best.parts.length >= 2 ? best.parts : null;
}
