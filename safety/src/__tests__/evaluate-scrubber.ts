/** Placeholder-level confusion counts of a scrubber over (input, expected output) samples. */
export interface ScrubEvaluation {
  samples: number;
  /** Placeholders expected and produced (per type, per sample). */
  truePositives: number;
  /** Placeholders produced that were not expected (something harmless removed). */
  falsePositives: number;
  /** Placeholders expected but not produced (personal data left in the text). */
  falseNegatives: number;
  precision: number;
  recall: number;
  /** Samples whose output differs from the expected text at all. */
  mismatches: { input: string; expected: string; actual: string }[];
}

const placeholders = (text: string): Map<string, number> => {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/\[[a-zæøå-]+\]/g)) out.set(m[0], (out.get(m[0]) ?? 0) + 1);
  return out;
};

/**
 * Compares the placeholders a scrubber writes with the expected ones, per sample and type:
 * a missing placeholder is a false negative (personal data left), an extra one a false positive.
 */
export function evaluateScrubber(samples: readonly (readonly [string, string])[], scrub: (s: string) => string): ScrubEvaluation {
  const e: ScrubEvaluation = { samples: samples.length, truePositives: 0, falsePositives: 0, falseNegatives: 0, precision: 1, recall: 1, mismatches: [] };
  for (const [input, expected] of samples) {
    const actual = scrub(input);
    if (actual !== expected) e.mismatches.push({ input, expected, actual });
    const want = placeholders(expected);
    const got = placeholders(actual);
    for (const type of new Set([...want.keys(), ...got.keys()])) {
      const w = want.get(type) ?? 0;
      const g = got.get(type) ?? 0;
      e.truePositives += Math.min(w, g);
      e.falsePositives += Math.max(0, g - w);
      e.falseNegatives += Math.max(0, w - g);
    }
  }
  const flagged = e.truePositives + e.falsePositives;
  const positives = e.truePositives + e.falseNegatives;
  e.precision = flagged === 0 ? 1 : e.truePositives / flagged;
  e.recall = positives === 0 ? 1 : e.truePositives / positives;
  return e;
}
