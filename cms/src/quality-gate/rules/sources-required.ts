import { toString } from 'mdast-util-to-string';
import type { GateSource, QualityRule } from '../types';

/**
 * Phrases that present a claim as established fact. Digits and percentages are caught
 * separately; these cover the wording ("studier viser") in nb, nn and en.
 */
const FACT_PHRASES =
  /\b(?:studier|studiar|forskning|undersøkelser|undersøkingar|research|studies|evidence)\s+(?:viser|syner|show|shows|suggests?|indicates?)\b|\b(?:prosent|per\s?cent|percent)\b|%/iu;

/** A source can be checked by a reader when it has a URL or a full bibliographic reference. */
export function isVerifiableSource(source: GateSource): boolean {
  return Boolean(source.url?.trim()) || Boolean(source.reference?.trim());
}

/**
 * Heuristic for "this answer states facts": numbers, percentages or "studies show".
 *
 * @remarks Deliberately loose: it only ever yields a warning, and a professional can add a
 * source in a minute; a missed claim would be worse than a needless nudge.
 */
export function statesFacts(text: string): boolean {
  return /\d/u.test(text) || FACT_PHRASES.test(text);
}

/** Content must be verifiable: articles need a source, fact-stating answers should have one. */
export const sourcesRequired: QualityRule = {
  id: 'sources-required',
  run({ input, body }) {
    if ((input.sources ?? []).some(isVerifiableSource)) return [];
    if (input.type === 'article') {
      return [
        {
          severity: 'error',
          message: 'Add at least one source with a URL or a full reference.',
          messageNb: 'Legg til minst én kilde med lenke eller full referanse.',
        },
      ];
    }
    // Only the prose: a number in a link URL is not a claim.
    if (!statesFacts(toString(body.tree, { includeImageAlt: false }))) return [];
    return [
      {
        severity: 'warning',
        message:
          'The answer states facts (numbers, percentages or "studies show") but has no source with a URL or a full reference.',
        messageNb:
          'Svaret inneholder fakta (tall, prosent eller «studier viser»), men ingen kilde med lenke eller full referanse.',
      },
    ];
  },
};
