import type { Finding, QualityRule } from '../types';

/**
 * Headings must form an outline screen-reader users can navigate: the title is the H1, the
 * body starts at H2, and no level is skipped on the way down.
 */
export const headingLevels: QualityRule = {
  id: 'heading-levels',
  run({ body }) {
    const findings: Finding[] = [];
    let previous = 1; // the title
    for (const heading of body.headings) {
      if (heading.text === '') {
        findings.push({
          severity: 'error',
          message: 'A heading is empty.',
          messageNb: 'En overskrift er tom.',
          line: heading.line,
        });
      }
      if (heading.depth === 1) {
        // A warning, not an error: the outline still works, there are just two H1s.
        findings.push({
          severity: 'warning',
          message:
            'Do not use a level-1 heading (#) in the text: the title is the level-1 heading. Start at ##.',
          messageNb:
            'Ikke bruk overskrift på nivå 1 (#) i teksten: tittelen er nivå 1. Start med ##.',
          line: heading.line,
        });
      } else if (heading.depth > previous + 1) {
        findings.push({
          severity: 'error',
          message: `Heading level skipped: level ${heading.depth} follows level ${previous}. Use level ${previous + 1}.`,
          messageNb: `Hopp i overskriftsnivå: nivå ${heading.depth} kommer etter nivå ${previous}. Bruk nivå ${previous + 1}.`,
          line: heading.line,
        });
      }
      previous = heading.depth;
    }
    return findings;
  },
};
