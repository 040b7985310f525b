import { detectCrisis } from './detect-crisis';
import type { CrisisCase, CrisisResult } from './types';

/** Confusion counts and rates of {@link detectCrisis} over labelled cases. */
export interface CrisisEvaluation {
  truePositives: number;
  falsePositives: number;
  trueNegatives: number;
  falseNegatives: number;
  /** Flagged cases that should be flagged; 1 when nothing was flagged. */
  precision: number;
  /** Cases that should be flagged and were; 1 when there were none. */
  recall: number;
  /** Every case the detector got wrong, with what it returned. */
  errors: { case: CrisisCase; result: CrisisResult }[];
}

/**
 * Runs {@link detectCrisis} over labelled cases and reports precision and recall of `crisis`.
 * @remarks For tests and for tuning patterns against new examples; it prints nothing.
 */
export function evaluateCrisisDetector(cases: readonly CrisisCase[]): CrisisEvaluation {
  const e: CrisisEvaluation = {
    truePositives: 0,
    falsePositives: 0,
    trueNegatives: 0,
    falseNegatives: 0,
    precision: 1,
    recall: 1,
    errors: [],
  };
  for (const c of cases) {
    const result = detectCrisis(c.text, c.locale);
    if (result.crisis && c.crisis) e.truePositives += 1;
    else if (result.crisis) e.falsePositives += 1;
    else if (c.crisis) e.falseNegatives += 1;
    else e.trueNegatives += 1;
    if (result.crisis !== c.crisis) e.errors.push({ case: c, result });
  }
  const flagged = e.truePositives + e.falsePositives;
  const positives = e.truePositives + e.falseNegatives;
  e.precision = flagged === 0 ? 1 : e.truePositives / flagged;
  e.recall = positives === 0 ? 1 : e.truePositives / positives;
  return e;
}
