/**
 * The benchmark corpus generator: realistic, valid canonical articles and questions in
 * bokmål, nynorsk and English, deterministic for a seed, fast enough for millions of documents.
 */
import { generateDocuments, resolveCorpusOptions } from './corpus/generate';
import type { CorpusDocument, CorpusOptions } from './corpus/types';

export type {
  CorpusDocument,
  CorpusFormat,
  CorpusOptions,
  CorpusProgress,
  LocaleShares,
  WriteCorpusOptions,
  WriteCorpusResult,
} from './corpus/types';
export { CorpusWriteError } from './corpus/corpus-write-error';
export { defaultLocaleShares, defaultSeed } from './corpus/generate';
export { writeCorpus } from './corpus/write-corpus';
export { runGenerateCorpus, generateCorpusUsage } from './corpus/cli';

/**
 * Yields the corpus's documents: `articles` article documents (ids `gen-a-000001`…, every fifth
 * item a translation group sharing one id), then `questions` question documents (`gen-q-…`).
 * @remarks Options are checked eagerly, so a bad call throws here rather than on the first
 * `next()`. The same options give the same documents, byte for byte.
 * @throws ValidationError for negative or fractional counts, a bad seed or bad locale shares.
 */
export function generateCorpus(options: CorpusOptions): Generator<CorpusDocument, void, undefined> {
  return generateDocuments(resolveCorpusOptions(options));
}
