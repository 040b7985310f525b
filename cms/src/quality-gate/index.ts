/**
 * The publish quality gate: checks that content is knowledge-based, verifiable, accessible,
 * readable and up to date before it is published. Pure (no Strapi), so the CMS, the import API
 * and the admin UI share one implementation.
 */
export {
  runQualityGate,
  resolveGateOptions,
  defaultLixTarget,
  YOUTH_LIX_TARGET,
  ADULT_LIX_TARGET,
} from './run-quality-gate';
export { articleToGateInput, questionToGateInput } from './to-gate-input';
export {
  measureReadability,
  measureTree,
  lixLevel,
  DEFAULT_LONG_SENTENCE_WORDS,
  DEFAULT_LONG_WORD_CHARS,
} from './readability';
export type { MeasuredSentence, ReadabilityOptions, ReadabilityReport } from './readability';
export {
  splitSentences,
  wordLengths,
  blankUrls,
  PREFIX_ABBREVIATIONS,
  SUFFIX_ABBREVIATIONS,
} from './tokenize';
export type { TextSentence } from './tokenize';
export { parseBody, parseMarkdown, readAttribute, countNewlines } from './parse-body';
export type { BodyHeading, BodyImage, BodyLink, ParsedBody } from './parse-body';
export {
  parseInternalHref,
  isInternalHref,
  KILDE_LINK_TYPES,
  ARTICLE_PATH_SEGMENTS,
} from './parse-internal-href';
export type { InternalHref, KildeLinkType } from './parse-internal-href';
export * from './rules';
export type * from './types';
