import type { Finding, QualityRule } from '../types';

/** A link needs text to be announced and a target to go to. */
export const emptyLinks: QualityRule = {
  id: 'empty-links',
  run({ body }) {
    const findings: Finding[] = [];
    for (const link of body.links) {
      const href = link.href.trim();
      if (link.text.trim() === '') {
        findings.push({
          severity: 'error',
          message: `A link has no text${href ? ` (${href})` : ''}.`,
          messageNb: `En lenke mangler tekst${href ? ` (${href})` : ''}.`,
          line: link.line,
        });
      }
      if (href === '' || href === '#') {
        findings.push({
          severity: 'error',
          message: `The link "${link.text.trim()}" has no target.`,
          messageNb: `Lenken «${link.text.trim()}» mangler mål.`,
          line: link.line,
        });
      }
    }
    return findings;
  },
};
