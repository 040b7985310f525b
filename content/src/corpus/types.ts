import type { ArticleDocument, QuestionDocument } from '@kilde/schemas';

/** Share of documents per locale; need not sum to 1 (they are normalised). */
export interface LocaleShares {
  nb: number;
  nn: number;
  en: number;
}

/** What to generate. Same options (and seed) always give the same documents, byte for byte. */
export interface CorpusOptions {
  /** Number of article documents (language variants count one each). */
  articles: number;
  /** Number of question documents. */
  questions: number;
  /** Any number or string; `42` and `'42'` are the same seed. Default `'kilde'`. */
  seed?: number | string;
  /** Locale mix; default `{ nb: 0.7, nn: 0.2, en: 0.1 }`. */
  locales?: LocaleShares;
}

/** The documents the generator yields. */
export type CorpusDocument = ArticleDocument | QuestionDocument;

export type CorpusFormat = 'ndjson' | 'markdown';

export interface WriteCorpusOptions extends CorpusOptions {
  /** Output directory; created when missing. */
  out: string;
  /**
   * `ndjson`: `<out>/corpus.ndjson`, one canonical document per line.
   * `markdown`: `<out>/articles/<id>/<locale>.md` in the seed library's front-matter format,
   * plus `<out>/questions.ndjson` with the canonical question documents.
   */
  format: CorpusFormat;
}

export interface WriteCorpusResult {
  format: CorpusFormat;
  out: string;
  articles: number;
  questions: number;
  documents: number;
  files: number;
  /** Bytes of corpus written (the manifest not included). */
  bytes: number;
  elapsedMs: number;
}

/** Called every few thousand documents and once at the end with `done === total`. */
export type CorpusProgress = (done: number, total: number) => void;
