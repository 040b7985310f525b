import { ValidationError, type ValidationIssue } from '@kilde/schemas';
import { buildArticleGroup } from './build-article';
import { buildQuestion } from './build-question';
import type { LocaleIndex } from './composer';
import { deriveSeed, hashString, Random } from './prng';
import type { CorpusDocument, CorpusOptions } from './types';

export const defaultSeed = 'kilde';
export const defaultLocaleShares = { nb: 0.7, nn: 0.2, en: 0.1 } as const;

/** Every `translationEvery`-th article item is published in more than one locale. */
const translationEvery = 5;
const articleStream = 1;
const questionStream = 2;

/** Options after validation: counts, a 32-bit seed and normalised shares (nb, nn, en). */
export interface ResolvedCorpusOptions {
  articles: number;
  questions: number;
  seed: number;
  shares: readonly [number, number, number];
}

/**
 * Checks and normalises generator options.
 * @throws ValidationError listing every bad option by path (`/articles`, `/locales/nn`).
 */
export function resolveCorpusOptions(options: CorpusOptions): ResolvedCorpusOptions {
  const errors: ValidationIssue[] = [];
  const count = (name: 'articles' | 'questions'): number => {
    const value = options[name] as unknown;
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
    errors.push({ path: `/${name}`, message: 'must be a whole number, 0 or more' });
    return 0;
  };
  const articles = count('articles');
  const questions = count('questions');
  const seed = options.seed ?? defaultSeed;
  if (!(typeof seed === 'string' || (typeof seed === 'number' && Number.isFinite(seed)))) {
    errors.push({ path: '/seed', message: 'must be a string or a finite number' });
  }
  const given = options.locales ?? defaultLocaleShares;
  const shares = (['nb', 'nn', 'en'] as const).map((locale) => {
    const share = given[locale] as unknown;
    if (typeof share === 'number' && Number.isFinite(share) && share >= 0) return share;
    errors.push({ path: `/locales/${locale}`, message: 'must be a number, 0 or more' });
    return 0;
  });
  const total = shares.reduce((a, b) => a + b, 0);
  if (errors.length === 0 && total <= 0)
    errors.push({ path: '/locales', message: 'at least one locale needs a share above 0' });
  if (errors.length > 0) {
    throw new ValidationError(
      `Invalid corpus options: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
      errors,
    );
  }
  return {
    articles,
    questions,
    seed: hashString(String(seed)),
    shares: [(shares[0] ?? 0) / total, (shares[1] ?? 0) / total, (shares[2] ?? 0) / total],
  };
}

/**
 * Hands out locales so every prefix of the corpus stays within about one document of the
 * requested shares (largest-deficit apportionment), translation groups included.
 */
class LocaleAllocator {
  private readonly counts = [0, 0, 0];
  private total = 0;

  constructor(private readonly shares: readonly [number, number, number]) {}

  private deficit(locale: LocaleIndex, extra: number): number {
    return this.shares[locale] * (this.total + extra) - (this.counts[locale] ?? 0);
  }

  private behindMost(exclude: readonly LocaleIndex[], extra: number): LocaleIndex | undefined {
    let best: LocaleIndex | undefined;
    for (const l of [0, 1, 2] as const) {
      if (this.shares[l] <= 0 || exclude.includes(l)) continue;
      if (best === undefined || this.deficit(l, extra) > this.deficit(best, extra)) best = l;
    }
    return best;
  }

  /**
   * Locales for one item: up to `size`, in nb, nn, en order. A group includes nb (the source
   * language, as in the seed library) unless nb is ahead of its share; other locales join only
   * while they are behind theirs, so groups never skew the mix.
   */
  take(size: number): LocaleIndex[] {
    const first = size > 1 && this.deficit(0, size) > 0 ? 0 : this.behindMost([], 1);
    if (first === undefined) throw new Error('no locale has a share');
    const chosen: LocaleIndex[] = [first];
    while (chosen.length < size) {
      const next = this.behindMost(chosen, chosen.length + 1);
      if (next === undefined || this.deficit(next, chosen.length + 1) <= 0) break;
      chosen.push(next);
    }
    for (const l of chosen) this.counts[l] = (this.counts[l] ?? 0) + 1;
    this.total += chosen.length;
    return chosen.sort((a, b) => a - b);
  }
}

const padded = (n: number): string => String(n).padStart(6, '0');
export const articleId = (item: number): string => `gen-a-${padded(item)}`;
export const questionId = (item: number): string => `gen-q-${padded(item)}`;

/**
 * The documents of a corpus: all articles, then all questions.
 * @remarks Each item draws from its own PRNG seeded by (seed, item number), and locales depend
 * only on earlier items, so a smaller corpus is a prefix of a larger one with the same seed
 * (except that the last translation group may be cut short).
 */
export function* generateDocuments(
  options: ResolvedCorpusOptions,
): Generator<CorpusDocument, void, undefined> {
  const articleLocales = new LocaleAllocator(options.shares);
  let emitted = 0;
  for (let item = 1; emitted < options.articles; item++) {
    const rng = new Random(deriveSeed(options.seed, articleStream, item));
    const remaining = options.articles - emitted;
    const size = item % translationEvery === 0 ? Math.min(remaining, rng.chance(0.35) ? 3 : 2) : 1;
    for (const doc of buildArticleGroup(articleId(item), item, articleLocales.take(size), rng)) {
      emitted++;
      yield doc;
    }
  }
  const questionLocales = new LocaleAllocator(options.shares);
  for (let item = 1; item <= options.questions; item++) {
    const rng = new Random(deriveSeed(options.seed, questionStream, item));
    yield buildQuestion(questionId(item), questionLocales.take(1)[0] ?? 0, rng);
  }
}
