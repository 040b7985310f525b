import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  computeContentHash,
  validateCanonicalDocument,
  ValidationError,
  type ArticleDocument,
  type Locale,
  type QuestionDocument,
} from '@kilde/schemas';
import {
  CorpusWriteError,
  generateCorpus,
  runGenerateCorpus,
  writeCorpus,
  type CorpusDocument,
  type CorpusOptions,
} from '../generate-corpus';
import { loadSeedLibrary, parseMarkdownWithFrontMatter } from '../seed-library';

// Counted independently of the generator's own counter: tokens with a letter or digit.
const words = (text: string): number =>
  text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;

const generate = (options: CorpusOptions): CorpusDocument[] => [...generateCorpus(options)];
const articlesOf = (docs: CorpusDocument[]): ArticleDocument[] =>
  docs.filter((d): d is ArticleDocument => d.type === 'article');
const questionsOf = (docs: CorpusDocument[]): QuestionDocument[] =>
  docs.filter((d): d is QuestionDocument => d.type === 'question');
const readLines = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');

const seed = loadSeedLibrary();
const corpus = generate({ articles: 350, questions: 150, seed: 'jest' });
const articles = articlesOf(corpus);
const questions = questionsOf(corpus);

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'kilde-corpus-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('generateCorpus', () => {
  it('yields 500 valid canonical documents with correct content hashes', () => {
    expect(articles).toHaveLength(350);
    expect(questions).toHaveLength(150);
    const invalid = corpus
      .map((doc) => ({ id: `${doc.id}/${doc.locale}`, result: validateCanonicalDocument(doc) }))
      .filter(({ result }) => !result.ok);
    expect(invalid).toEqual([]);
    expect(corpus.filter((d) => d.contentHash !== computeContentHash(d)).map((d) => d.id)).toEqual(
      [],
    );
  });

  it('numbers items and refers to the seed library topics and providers', () => {
    expect(articles[0]?.id).toBe('gen-a-000001');
    expect(questions[0]?.id).toBe('gen-q-000001');
    for (const doc of corpus)
      expect(doc.id).toMatch(doc.type === 'article' ? /^gen-a-\d{6}$/ : /^gen-q-\d{6}$/);
    const topics = new Map(seed.topics.map((t) => [`topic-${t.key}`, t]));
    const organisations = new Map(seed.organisations.map((o) => [`org-${o.key}`, o]));
    for (const doc of corpus) {
      expect(doc.topics.length).toBeGreaterThan(0);
      for (const ref of doc.topics) {
        const topic = topics.get(ref.id);
        expect(topic).toBeDefined();
        expect(ref).toEqual({
          id: ref.id,
          slug: topic?.slug[doc.locale],
          title: topic?.title[doc.locale],
        });
      }
      const organisation = organisations.get(doc.provider?.id ?? '');
      expect(organisation).toBeDefined();
      expect(doc.provider?.title).toBe(organisation?.name[doc.locale]);
    }
  });

  it('writes articles of realistic length and shape', () => {
    for (const a of articles) {
      expect(words(a.title)).toBeGreaterThanOrEqual(3);
      expect(words(a.title)).toBeLessThanOrEqual(8);
      expect(a.summary.length).toBeLessThanOrEqual(300);
      const sections = a.body.match(/^## \S/gm) ?? [];
      expect(sections.length).toBeGreaterThanOrEqual(3);
      expect(sections.length).toBeLessThanOrEqual(6);
      expect(words(a.body)).toBeGreaterThanOrEqual(250);
      expect(words(a.body)).toBeLessThanOrEqual(700);
      expect(a.sources.length).toBeGreaterThan(0);
      for (const s of a.sources) expect(s.url).toMatch(/^https:\/\//);
      expect(a.nextReviewDue! > a.lastReviewed!).toBe(true);
      expect(a.updatedAt >= a.publishedAt).toBe(true);
    }
    // Parallel templates: a Norwegian article reads as Norwegian, an English one as English.
    const sample = (locale: Locale): string =>
      articles
        .filter((a) => a.locale === locale)
        .map((a) => a.body)
        .join(' ');
    expect(sample('nb')).toMatch(/\bikke\b/);
    expect(sample('nb')).not.toMatch(/\bikkje\b/);
    expect(sample('nn')).toMatch(/\bikkje\b/);
    expect(sample('en')).toMatch(/\bthe\b/);
  });

  it('writes questions and answers of realistic length, some with youth spelling', () => {
    for (const q of questions) {
      expect(words(q.question)).toBeGreaterThanOrEqual(20);
      expect(words(q.question)).toBeLessThanOrEqual(120);
      expect(words(q.answer)).toBeGreaterThanOrEqual(60);
      expect(words(q.answer)).toBeLessThanOrEqual(250);
      expect(q.title.length).toBeGreaterThan(0);
      expect(q.answeredAt <= q.publishedAt.slice(0, 10)).toBe(true);
    }
    const lowerCase = questions.filter((q) => q.question === q.question.toLowerCase());
    expect(lowerCase.length).toBeGreaterThan(questions.length * 0.1);
    expect(lowerCase.length).toBeLessThan(questions.length * 0.5);
  });

  it('has a Zipf-like word frequency with a long tail', () => {
    const counts = new Map<string, number>();
    for (const a of articles.filter((d) => d.locale === 'nb')) {
      for (const w of a.body.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
        counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    const ranked = [...counts.values()].sort((a, b) => b - a);
    const at = (rank: number): number => ranked[rank - 1] ?? 1;
    const slope = (Math.log(at(100)) - Math.log(at(10))) / Math.log(10);
    expect(slope).toBeGreaterThan(-1.4);
    expect(slope).toBeLessThan(-0.6);
    expect(counts.size).toBeGreaterThan(800);
  });

  it('is deterministic for a seed, and a different seed gives a different corpus', () => {
    const options = { articles: 40, questions: 20, seed: 7 };
    expect(JSON.stringify(generate(options))).toBe(JSON.stringify(generate(options)));
    expect(JSON.stringify(generate({ ...options, seed: '7' }))).toBe(
      JSON.stringify(generate(options)),
    );
    expect(JSON.stringify(generate({ ...options, seed: 8 }))).not.toBe(
      JSON.stringify(generate(options)),
    );
  });

  it('makes a smaller corpus a prefix of a larger one with the same seed', () => {
    const small = articlesOf(generate({ articles: 100, questions: 0, seed: 'jest' }));
    const lastId = small[small.length - 1]?.id;
    // Only the last translation group may be cut short.
    const whole = (docs: ArticleDocument[]): string =>
      JSON.stringify(docs.filter((d) => d.id !== lastId));
    expect(whole(small)).toBe(whole(articles.slice(0, small.length)));
  });

  it('mixes locales by the requested shares', () => {
    const share = (docs: CorpusDocument[], locale: Locale): number =>
      docs.filter((d) => d.locale === locale).length;
    for (const docs of [articles, questions]) {
      expect(Math.abs(share(docs, 'nb') - docs.length * 0.7)).toBeLessThanOrEqual(2);
      expect(Math.abs(share(docs, 'nn') - docs.length * 0.2)).toBeLessThanOrEqual(2);
      expect(Math.abs(share(docs, 'en') - docs.length * 0.1)).toBeLessThanOrEqual(2);
    }
    const even = generate({ articles: 90, questions: 30, locales: { nb: 1, nn: 1, en: 1 } });
    for (const locale of ['nb', 'nn', 'en'] as const)
      expect(Math.abs(share(even, locale) - 40)).toBeLessThanOrEqual(2);
    const mostlyNynorsk = articlesOf(
      generate({ articles: 200, questions: 0, locales: { nb: 0.02, nn: 0.9, en: 0.08 } }),
    );
    expect(Math.abs(share(mostlyNynorsk, 'nb') - 4)).toBeLessThanOrEqual(2);
    expect(Math.abs(share(mostlyNynorsk, 'en') - 16)).toBeLessThanOrEqual(2);
    const nynorsk = generate({ articles: 30, questions: 10, locales: { nb: 0, nn: 1, en: 0 } });
    expect(
      nynorsk.every((d) => d.locale === 'nn' && Object.keys(d.translations).length === 0),
    ).toBe(true);
  });

  it('links translation groups both ways, by id and slug', () => {
    const byKey = new Map(articles.map((a) => [`${a.id}/${a.locale}`, a]));
    const variants = new Map<string, ArticleDocument[]>();
    for (const a of articles) variants.set(a.id, [...(variants.get(a.id) ?? []), a]);
    const groups = [...variants.values()].filter((v) => v.length > 1);
    // Every fifth item is a translation group.
    expect(groups.length).toBeGreaterThanOrEqual(Math.floor(variants.size / 5) - 1);
    expect(groups.every((g) => g.length <= 3 && g.some((v) => v.locale === 'nb'))).toBe(true);
    for (const a of articles) {
      const siblings = (variants.get(a.id) ?? []).filter((v) => v !== a);
      expect(Object.keys(a.translations).sort()).toEqual(siblings.map((s) => s.locale).sort());
      for (const [locale, link] of Object.entries(a.translations)) {
        const target = byKey.get(`${a.id}/${locale}`);
        expect(link).toEqual({ id: a.id, slug: target?.slug });
        expect(target?.translations[a.locale]).toEqual({ id: a.id, slug: a.slug });
      }
    }
    for (const group of groups) {
      // Real translations: the same structure, different words.
      const shape = (body: string): string =>
        body
          .split('\n')
          .map((line) =>
            line.startsWith('## ')
              ? 'heading'
              : line.startsWith('- ')
                ? 'item'
                : line === ''
                  ? ''
                  : 'text',
          )
          .join();
      expect(new Set(group.map((v) => shape(v.body))).size).toBe(1);
      expect(new Set(group.map((v) => v.body)).size).toBe(group.length);
    }
  });

  it('rejects bad options, naming each one', () => {
    const issues = (options: CorpusOptions): unknown => {
      try {
        generateCorpus(options);
      } catch (err) {
        expect(err).toBeInstanceOf(ValidationError);
        return (err as ValidationError).details.errors.map((e) => e.path);
      }
      throw new Error('expected a ValidationError');
    };
    expect(issues({ articles: -1, questions: 1.5 })).toEqual(['/articles', '/questions']);
    expect(issues({ articles: 1, questions: 1, locales: { nb: 0, nn: 0, en: 0 } })).toEqual([
      '/locales',
    ]);
    expect(
      issues({ articles: 1, questions: 1, locales: { nb: Number.NaN, nn: 1, en: 1 } }),
    ).toEqual(['/locales/nb']);
  });
});

describe('writeCorpus', () => {
  it('streams NDJSON identical to the generator, byte for byte on every run', async () => {
    const options = { articles: 60, questions: 25, seed: 'disk' };
    const progress: [number, number][] = [];
    const first = await writeCorpus(
      { ...options, out: join(scratch, 'nd1'), format: 'ndjson' },
      (done, total) => progress.push([done, total]),
    );
    await writeCorpus({ ...options, out: join(scratch, 'nd2'), format: 'ndjson' });
    const file = join(scratch, 'nd1', 'corpus.ndjson');
    const lines = readLines(file);
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(
      JSON.parse(JSON.stringify(generate(options))),
    );
    expect(readFileSync(file).equals(readFileSync(join(scratch, 'nd2', 'corpus.ndjson')))).toBe(
      true,
    );
    expect(first).toMatchObject({
      format: 'ndjson',
      articles: 60,
      questions: 25,
      documents: 85,
      files: 1,
      bytes: statSync(file).size,
    });
    expect(progress[progress.length - 1]).toEqual([85, 85]);
    expect(existsSync(`${file}.partial`)).toBe(false);
    expect(JSON.parse(readFileSync(join(scratch, 'nd1', 'corpus.json'), 'utf8'))).toMatchObject({
      seed: 'disk',
      documents: 85,
    });
  });

  it('writes articles in the seed front-matter format that loadSeedLibrary reads back', async () => {
    const out = join(scratch, 'md');
    const options = { articles: 60, questions: 20, seed: 'markdown' };
    const docs = generate(options);
    const result = await writeCorpus({ ...options, out, format: 'markdown' });
    expect(result).toMatchObject({ articles: 60, questions: 20, files: 61 });

    const first = articlesOf(docs)[0] as ArticleDocument;
    const { data, body } = parseMarkdownWithFrontMatter(
      readFileSync(join(out, 'articles', first.id, `${first.locale}.md`), 'utf8'),
      'first.md',
    );
    expect(data).toMatchObject({
      key: first.id,
      locale: first.locale,
      title: first.title,
      slug: first.slug,
    });
    expect(body).toBe(first.body);

    const library = loadSeedLibrary(out);
    expect(library.articles).toHaveLength(60);
    for (const doc of articlesOf(docs)) {
      const loaded = library.articles.find((a) => a.key === doc.id && a.locale === doc.locale);
      expect(loaded).toMatchObject({
        title: doc.title,
        slug: doc.slug,
        summary: doc.summary,
        topics: doc.topics.map((t) => t.id.replace(/^topic-/, '')),
        audience: doc.audience,
        provider: doc.provider?.id.replace(/^org-/, ''),
        authors: doc.authors,
        sources: doc.sources,
        licence: doc.licence,
        reviewIntervalMonths: doc.reviewIntervalMonths,
        lastReviewed: doc.lastReviewed,
        body: doc.body,
      });
      if (doc.professionallyResponsible)
        expect(loaded?.professionallyResponsible).toEqual(doc.professionallyResponsible);
    }
    expect(readLines(join(out, 'questions.ndjson')).map((l) => JSON.parse(l) as unknown)).toEqual(
      JSON.parse(JSON.stringify(questionsOf(docs))),
    );

    // A second, smaller run replaces the first instead of leaving stale articles behind.
    await writeCorpus({ articles: 10, questions: 0, seed: 'markdown', out, format: 'markdown' });
    expect(loadSeedLibrary(out).articles).toHaveLength(10);
  });

  it('refuses to clear an articles folder it did not write', async () => {
    const out = join(scratch, 'foreign');
    mkdirSync(join(out, 'articles', 'mine'), { recursive: true });
    writeFileSync(join(out, 'articles', 'mine', 'nb.md'), 'precious');
    await expect(
      writeCorpus({ articles: 1, questions: 0, out, format: 'markdown' }),
    ).rejects.toBeInstanceOf(CorpusWriteError);
    expect(readFileSync(join(out, 'articles', 'mine', 'nb.md'), 'utf8')).toBe('precious');
  });

  it('wraps file-system failures in CorpusWriteError', async () => {
    const blocker = join(scratch, 'a-file');
    writeFileSync(blocker, '');
    const attempt = writeCorpus({
      articles: 1,
      questions: 1,
      out: join(blocker, 'below'),
      format: 'ndjson',
    });
    await expect(attempt).rejects.toBeInstanceOf(CorpusWriteError);
    await expect(attempt).rejects.toMatchObject({ code: 'CORPUS_WRITE_FAILED' });
  });
});

describe('runGenerateCorpus', () => {
  it('writes the corpus and prints one summary line with counts, bytes and rate', async () => {
    const out = join(scratch, 'cli');
    const lines: string[] = [];
    await runGenerateCorpus(
      ['--articles', '30', '--questions', '10', '--seed', '42', '--out', out],
      (l) => lines.push(l),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /40 documents \(30 articles, 10 questions\), [\d,]+ bytes .* documents\/s$/,
    );
    expect(readLines(join(out, 'corpus.ndjson'))).toHaveLength(40);
    // `--seed 42` is the API's `seed: 42`.
    expect(readLines(join(out, 'corpus.ndjson'))).toEqual(
      generate({ articles: 30, questions: 10, seed: 42 }).map((d) => JSON.stringify(d)),
    );
  });

  it.each([
    [['--questions', '1'], /--articles is required/],
    [['--articles', 'many', '--questions', '1'], /--articles must be a whole number.*"many"/],
    [['--articles', '1', '--questions=-3'], /--questions must be a whole number/],
    [['--articles', '1.5', '--questions', '1'], /--articles must be a whole number/],
    [
      ['--articles', '1', '--questions', '1', '--format', 'pdf'],
      /--format must be one of ndjson, markdown/,
    ],
    [['--articles', '1', '--questions', '1', '--bogus', 'x'], /Unknown option '--bogus'/],
    [['--articles'], /--articles/],
  ])('rejects %j with a message naming the flag', async (args, message) => {
    const out = join(scratch, 'never');
    const run = runGenerateCorpus([...args, '--out', out], () => undefined);
    await expect(run).rejects.toBeInstanceOf(ValidationError);
    await expect(run).rejects.toThrow(message);
    expect(existsSync(out)).toBe(false);
  });
});
