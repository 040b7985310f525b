import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { KildeError, ValidationError } from '@kilde/schemas';
import { CorpusWriteError } from './corpus-write-error';
import { FileSink } from './file-sink';
import { toSeedMarkdown } from './front-matter';
import { defaultSeed, generateDocuments, resolveCorpusOptions } from './generate';
import type { CorpusFormat, CorpusProgress, WriteCorpusOptions, WriteCorpusResult } from './types';

export const corpusFormats: readonly CorpusFormat[] = ['ndjson', 'markdown'];

/** Written last; its presence marks a directory as generated output we may overwrite. */
const manifestName = 'corpus.json';
const progressEvery = 1000;

const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** Runs a file-system step, turning its failure into a `CorpusWriteError` naming the path. */
async function fsStep<T>(path: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof KildeError) throw err;
    throw new CorpusWriteError(`Could not write ${path}: ${errorMessage(err)}`, path, {
      cause: err,
    });
  }
}

/** Writes many small files with a bounded number in flight. */
class WritePool {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: CorpusWriteError | undefined;

  constructor(private readonly limit = 32) {}

  async add(path: string, data: string): Promise<void> {
    this.check();
    const p: Promise<void> = writeFile(path, data).then(
      () => {
        this.inFlight.delete(p);
      },
      (err: unknown) => {
        this.inFlight.delete(p);
        this.failure ??= new CorpusWriteError(
          `Could not write ${path}: ${errorMessage(err)}`,
          path,
          { cause: err },
        );
      },
    );
    this.inFlight.add(p);
    if (this.inFlight.size >= this.limit) await Promise.race(this.inFlight);
  }

  async drain(): Promise<void> {
    await Promise.all(this.inFlight);
    this.check();
  }

  /** Waits for writes in flight without reporting their failures (we are failing already). */
  async settle(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }
}

/** Creates `out`; for markdown, clears articles from an earlier run but never anyone else's files. */
async function prepare(out: string, format: CorpusFormat): Promise<void> {
  await fsStep(out, () => mkdir(out, { recursive: true }));
  const manifest = join(out, manifestName);
  const articles = join(out, 'articles');
  if (format === 'markdown' && existsSync(articles)) {
    const entries = await fsStep(articles, () => readdir(articles));
    if (entries.length > 0 && !existsSync(manifest)) {
      throw new CorpusWriteError(
        `${articles} already exists and was not written by generate-corpus; choose an empty output directory`,
        articles,
      );
    }
    await fsStep(articles, () => rm(articles, { recursive: true, force: true }));
  }
  await fsStep(manifest, () => rm(manifest, { force: true }));
}

/** Streams NDJSON to `<name>.partial` and renames it into place once complete. */
function openNdjson(
  out: string,
  name: string,
): { sink: FileSink; commit: () => Promise<void>; abandon: () => Promise<void> } {
  const target = join(out, name);
  const partial = `${target}.partial`;
  const sink = new FileSink(partial);
  return {
    sink,
    commit: async () => {
      await fsStep(partial, () => sink.close());
      await fsStep(target, () => rename(partial, target));
    },
    abandon: async () => {
      sink.destroy();
      await rm(partial, { force: true }).catch(() => undefined);
    },
  };
}

/**
 * Generates a corpus straight to disk with flat memory.
 * @remarks Output is byte-identical for the same options. `<out>/corpus.json` records the options
 * and counts; a markdown run refuses to clear an `articles/` folder that has no such manifest.
 * @throws ValidationError for bad options, CorpusWriteError when the file system fails.
 */
export async function writeCorpus(
  options: WriteCorpusOptions,
  onProgress?: CorpusProgress,
): Promise<WriteCorpusResult> {
  const resolved = resolveCorpusOptions(options);
  const format = options.format as unknown;
  if (format !== 'ndjson' && format !== 'markdown') {
    throw new ValidationError(`Invalid corpus format: must be one of ${corpusFormats.join(', ')}`, [
      { path: '/format', message: `must be one of ${corpusFormats.join(', ')}` },
    ]);
  }
  if (typeof options.out !== 'string' || options.out.trim() === '') {
    throw new ValidationError('Invalid corpus output directory', [
      { path: '/out', message: 'must be a directory path' },
    ]);
  }
  const started = performance.now();
  const out = resolve(options.out);
  await prepare(out, format);

  const total = resolved.articles + resolved.questions;
  let done = 0;
  let files = 0;
  let markdownBytes = 0;
  const ndjson = openNdjson(out, format === 'ndjson' ? 'corpus.ndjson' : 'questions.ndjson');
  const pool = new WritePool();
  let lastDir = '';
  try {
    for (const doc of generateDocuments(resolved)) {
      if (format === 'markdown' && doc.type === 'article') {
        const dir = join(out, 'articles', doc.id);
        if (dir !== lastDir) {
          await fsStep(dir, () => mkdir(dir, { recursive: true }));
          lastDir = dir;
        }
        const text = toSeedMarkdown(doc);
        markdownBytes += Buffer.byteLength(text);
        files++;
        await pool.add(join(dir, `${doc.locale}.md`), text);
      } else {
        await fsStep(ndjson.sink.path, () => ndjson.sink.write(`${JSON.stringify(doc)}\n`));
      }
      done++;
      if (onProgress && done % progressEvery === 0 && done !== total) onProgress(done, total);
    }
    await pool.drain();
    await ndjson.commit();
  } catch (err) {
    await pool.settle();
    await ndjson.abandon();
    throw err;
  }
  files++;
  const bytes = markdownBytes + ndjson.sink.bytes;
  const manifest = {
    generator: '@kilde/content generate-corpus',
    format,
    seed: options.seed ?? defaultSeed,
    locales: options.locales ?? null,
    articles: resolved.articles,
    questions: resolved.questions,
    documents: total,
    files,
    bytes,
  };
  const manifestPath = join(out, manifestName);
  await fsStep(manifestPath, () =>
    writeFile(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`),
  );
  onProgress?.(total, total);
  return {
    format,
    out,
    articles: resolved.articles,
    questions: resolved.questions,
    documents: total,
    files,
    bytes,
    elapsedMs: Math.round(performance.now() - started),
  };
}
