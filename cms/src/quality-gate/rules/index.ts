import type { QualityRule } from '../types';
import { emptyLinks } from './empty-links';
import { headingLevels } from './heading-levels';
import { imageAltText } from './image-alt-text';
import { internalLinks } from './internal-links';
import { linkText } from './link-text';
import { longSentences } from './long-sentences';
import { longWords } from './long-words';
import { outdatedTranslation } from './outdated-translation';
import { professionallyResponsible } from './professionally-responsible';
import { readabilityLix } from './readability-lix';
import { sourcesRequired } from './sources-required';
import { summaryLength } from './summary-length';
import { summaryPlainText } from './summary-plain-text';
import { summaryPresent } from './summary-present';

export {
  emptyLinks,
  headingLevels,
  imageAltText,
  internalLinks,
  linkText,
  longSentences,
  longWords,
  outdatedTranslation,
  professionallyResponsible,
  readabilityLix,
  sourcesRequired,
  summaryLength,
  summaryPlainText,
  summaryPresent,
};
export { isVerifiableSource, statesFacts } from './sources-required';
export { SUMMARY_MAX_CHARS } from './summary-length';
export { isFileNameAlt } from './image-alt-text';
export { VAGUE_LINK_TEXTS, normaliseLinkText } from './link-text';
export { LONG_SENTENCE_SHARE_LIMIT } from './long-sentences';

/**
 * The rules the publish gate runs, in the order their checks are reported: verifiable and
 * knowledge-based first, then accessibility, then readability, then freshness.
 */
export const defaultRules: readonly QualityRule[] = [
  sourcesRequired,
  professionallyResponsible,
  summaryPresent,
  summaryLength,
  summaryPlainText,
  imageAltText,
  headingLevels,
  emptyLinks,
  linkText,
  internalLinks,
  readabilityLix,
  longSentences,
  longWords,
  outdatedTranslation,
];
