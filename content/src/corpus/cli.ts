import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ValidationError, type ValidationIssue } from '@kilde/schemas';
import type { CorpusFormat } from './types';
import { corpusFormats, writeCorpus } from './write-corpus';

export const generateCorpusUsage =
  'Usage: kilde generate-corpus --articles N --questions M [--seed S] [--out DIR] [--format ndjson|markdown]';
export const defaultCorpusDir = join('.data', 'corpus');

const options = {
  articles: { type: 'string' },
  questions: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

// Return type inferred: parseArgs derives the typed `values` from `options`.
function parse(args: string[]) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    // parseArgs throws TypeErrors whose message names the offending option.
    const message = err instanceof Error ? err.message : String(err);
    throw new ValidationError(`${message}\n${generateCorpusUsage}`, [{ path: 'args', message }], {
      cause: err,
    });
  }
}

const formatNumber = (n: number): string =>
  Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * `kilde generate-corpus`: parses the flags, writes the corpus and prints one summary line.
 * @throws ValidationError naming each bad or missing flag.
 */
export async function runGenerateCorpus(
  args: string[],
  out: (line: string) => void,
): Promise<void> {
  const values = parse(args);
  if (values.help) {
    out(generateCorpusUsage);
    return;
  }
  const errors: ValidationIssue[] = [];
  const count = (flag: 'articles' | 'questions'): number => {
    const raw = values[flag];
    if (raw === undefined)
      errors.push({
        path: `--${flag}`,
        message: `--${flag} is required (a whole number, 0 or more)`,
      });
    else if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(Number(raw))) {
      errors.push({
        path: `--${flag}`,
        message: `--${flag} must be a whole number, 0 or more (got "${raw}")`,
      });
    } else return Number(raw);
    return 0;
  };
  const articles = count('articles');
  const questions = count('questions');
  const format = values.format ?? 'ndjson';
  if (!corpusFormats.includes(format as CorpusFormat)) {
    errors.push({
      path: '--format',
      message: `--format must be one of ${corpusFormats.join(', ')} (got "${format}")`,
    });
  }
  if (values.seed !== undefined && values.seed.trim() === '')
    errors.push({ path: '--seed', message: '--seed must not be empty' });
  if (values.out !== undefined && values.out.trim() === '')
    errors.push({ path: '--out', message: '--out must not be empty' });
  if (errors.length > 0) {
    throw new ValidationError(
      `${errors.map((e) => e.message).join('; ')}\n${generateCorpusUsage}`,
      errors,
    );
  }

  const result = await writeCorpus({
    articles,
    questions,
    // `--seed 42` and the API's `seed: 42` are the same seed: seeds are hashed as strings.
    seed: values.seed,
    out: values.out ?? defaultCorpusDir,
    format: format as CorpusFormat,
  });
  const seconds = result.elapsedMs / 1000;
  const rate = result.documents / Math.max(seconds, 0.001);
  out(
    `generate-corpus: ${formatNumber(result.documents)} documents (${formatNumber(result.articles)} articles, ` +
      `${formatNumber(result.questions)} questions), ${formatNumber(result.bytes)} bytes ` +
      `(${(result.bytes / 1048576).toFixed(1)} MiB) in ${formatNumber(result.files)} ${result.files === 1 ? 'file' : 'files'} under ${result.out} ` +
      `[${result.format}] in ${seconds.toFixed(2)} s, ${formatNumber(rate)} documents/s`,
  );
}
