import { KildeError } from '@kilde/schemas';

/** Writing the corpus to disk failed; `details.path` names the file, `cause` holds the fs error. */
export class CorpusWriteError extends KildeError {
  declare readonly details: { path: string };

  constructor(message: string, path: string, options: { cause?: unknown } = {}) {
    super('CORPUS_WRITE_FAILED', message, { status: 500, details: { path }, cause: options.cause });
  }
}
