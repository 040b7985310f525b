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
  minWord: 6,
  maxParts: 3,
};

interface Split {
  parts: string[];
  score: number;
}

// Norwegian joins compound parts with a linking -s- ("kjønn-s-sykdom") or -e- ("barn-e-vern").
const LINKING_LETTERS = ['s', 'e'];

/**
 * Splits a folded compound into its folded parts using a vocabulary, or returns `null`.
 *
 * @remarks
 * Koehn & Knight's frequency criterion: among all ways to cut the word into known parts
 * (dropping a linking -s- or -e- after a part), take the one with the highest geometric mean of
 * part frequencies, and split only if that beats the frequency of the whole word.
 * "skoleangst" → ["skole", "angst"], "kjonnssikdom" → ["kjonn", "sikdom"], while "kjeresten"
 * stays whole because "kjære" + "sten" is rarer than the word itself.
 */
export function splitCompound(
  folded: string,
  lexicon: PartLexicon,
  options: CompoundSplitOptions = defaultCompoundSplitOptions,
): string[] | null {
  if (folded.length < options.minWord || !/^[a-z]+$/.test(folded)) return null;
  const best = bestSplit(folded, lexicon, options, options.maxParts, new Map());
  return best && best.parts.length >= 2 ? best.parts : null;
}

function bestSplit(
  word: string,
  lexicon: PartLexicon,
  options: CompoundSplitOptions,
  partsLeft: number,
  memo: Map<string, Split | null>,
): Split | null {
  const memoKey = `${partsLeft}:${word}`;
  const cached = memo.get(memoKey);
  if (cached !== undefined) return cached;

  let best: Split | null = null;
  // Scores are geometric means of part frequencies; ties go to fewer parts (the whole word).
  const offer = (parts: string[], product: number): void => {
    const score = Math.pow(product, 1 / parts.length);
    if (!best || score > best.score || (score === best.score && parts.length < best.parts.length)) {
      best = { parts, score };
    }
  };

  const wholeFreq = knownPart(word, lexicon, options);
  if (wholeFreq > 0) offer([word], wholeFreq);

  if (partsLeft >= 2) {
    for (let cut = options.minPart; cut <= word.length - options.minPart; cut++) {
      const tail = bestSplit(word.slice(cut), lexicon, options, partsLeft - 1, memo);
      if (!tail) continue;
      const tailProduct = Math.pow(tail.score, tail.parts.length);
      for (const head of headCandidates(word.slice(0, cut), options)) {
        const headFreq = knownPart(head, lexicon, options);
        if (headFreq > 0) offer([head, ...tail.parts], headFreq * tailProduct);
      }
    }
  }
  memo.set(memoKey, best);
  return best;
}

// The form without the linking letter comes first so it wins ties ("selvmord" + "tanker"
// rather than "selvmords" + "tanker", which stem alike).
function headCandidates(head: string, options: CompoundSplitOptions): string[] {
  const last = head[head.length - 1] ?? '';
  if (LINKING_LETTERS.includes(last) && head.length - 1 >= options.minPart) {
    return [head.slice(0, -1), head];
  }
  return [head];
}

function knownPart(part: string, lexicon: PartLexicon, options: CompoundSplitOptions): number {
  if (part.length < options.minPart || lexicon.isStopWord(part)) return 0;
  return lexicon.partFrequency(part);
}
