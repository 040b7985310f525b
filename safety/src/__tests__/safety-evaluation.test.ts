import { evaluateCrisisDetector, scrubPersonalData } from '..';
import { MUST_FLAG, MUST_NOT_FLAG } from '../crisis/__tests__/crisis-cases';
import { HOLDOUT_CRISIS, HOLDOUT_SCRUB } from './holdout-cases';
import { evaluateScrubber } from './evaluate-scrubber';
import { SCRUB_SAMPLES } from '../scrub/__tests__/scrub-cases';

/**
 * Precision and recall of both detectors, on the main tables (which the detectors were built
 * against) and on held-out examples written afterwards. `node safety/scripts/evaluate.js` prints
 * the same figures; docs/answer-service.md records them.
 */
describe('safety evaluation', () => {
  it('crisis: recall 1.0 on the main table (no missed crisis), precision ≥ 0.9', () => {
    const e = evaluateCrisisDetector([...MUST_FLAG, ...MUST_NOT_FLAG]);
    expect(MUST_FLAG.length).toBeGreaterThanOrEqual(60);
    expect(e.recall).toBe(1);
    expect(e.precision).toBeGreaterThanOrEqual(0.9);
  });

  it('crisis: recall 1.0 on held-out messages too (a missed crisis is the failure that matters)', () => {
    const e = evaluateCrisisDetector(HOLDOUT_CRISIS);
    expect(e.errors.filter((x) => x.case.crisis).map((x) => x.case.text)).toEqual([]);
    expect(e.recall).toBe(1);
    expect(e.precision).toBeGreaterThanOrEqual(0.85);
  });

  it('scrubber: every placeholder right on the main table', () => {
    const e = evaluateScrubber(SCRUB_SAMPLES, (s) => scrubPersonalData(s).text);
    expect(SCRUB_SAMPLES.length).toBeGreaterThanOrEqual(100);
    expect(e.recall).toBe(1);
    expect(e.precision).toBe(1);
  });

  it('scrubber: recall ≥ 0.9 and precision ≥ 0.9 on held-out messages, and nothing identifying left', () => {
    const e = evaluateScrubber(HOLDOUT_SCRUB, (s) => scrubPersonalData(s).text);
    expect(e.recall).toBeGreaterThanOrEqual(0.9);
    expect(e.precision).toBeGreaterThanOrEqual(0.9);
    // Where a placeholder has the wrong type ("tiktok.com/@x" reads as an e-mail address), the
    // personal data is still gone: only placeholders differ from the expected text.
    for (const m of e.mismatches) expect(m.actual.replace(/\[[a-zæøå-]+\]/g, '[]')).toBe(m.expected.replace(/\[[a-zæøå-]+\]/g, '[]'));
  });
});
