// Shared test inputs: a valid article to vary, and the seed library read the way the seed
// loader reads it (YAML front matter + Markdown body).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Audience } from '@kilde/schemas';
import type { GateInput, GateResult } from '../types';

export const SEED_ARTICLES_DIR = join(__dirname, '../../../../content/seed/articles');

/** A minimal article that passes every rule; override what a test is about. */
export function article(overrides: Partial<GateInput> = {}): GateInput {
  return {
    type: 'article',
    locale: 'nb',
    title: 'Klamydia',
    summary: 'Klamydia er en vanlig kjønnssykdom. Her får du vite hvordan du tester deg.',
    body: '## Hva er klamydia?\n\nKlamydia er en kjønnssykdom. Den smitter ved sex.\n',
    sources: [
      {
        title: 'Smittevernloven',
        url: 'https://lovdata.no/dokument/NL/lov/1994-08-05-55',
        kind: 'law',
      },
    ],
    professionallyResponsible: { name: 'Ingrid Solberg Haugen', profession: 'doctor' },
    images: [],
    audience: ['16-17'],
    translation: null,
    ...overrides,
  };
}

/** A question whose answer is the body. */
export function question(body: string, overrides: Partial<GateInput> = {}): GateInput {
  return { type: 'question', locale: 'nb', title: 'Spørsmål', body, sources: [], ...overrides };
}

/** The checks of one rule. */
export function checksOf(result: GateResult, rule: string): GateResult['checks'] {
  return result.checks.filter((check) => check.rule === rule);
}

interface SeedFrontMatter {
  locale: GateInput['locale'];
  title: string;
  summary: string;
  audience?: Audience[];
  sources?: GateInput['sources'];
  professionallyResponsible?: GateInput['professionallyResponsible'];
  images?: GateInput['images'];
}

/** Splits a seed file into front matter and body; body lines keep their numbering. */
export function readSeedArticle(file: string): { input: GateInput; body: string } {
  const text = readFileSync(file, 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${file}: no front matter`);
  const front = parse(match[1] ?? '') as SeedFrontMatter;
  const body = match[2] ?? '';
  return {
    body,
    input: {
      type: 'article',
      locale: front.locale,
      title: front.title,
      summary: front.summary,
      body,
      sources: front.sources ?? [],
      professionallyResponsible: front.professionallyResponsible ?? null,
      images: front.images ?? [],
      audience: front.audience ?? [],
      translation: null,
    },
  };
}

/** Every seed article file, as `<key>/<locale>.md` and absolute path. */
export function seedArticleFiles(): { name: string; file: string }[] {
  return readdirSync(SEED_ARTICLES_DIR)
    .sort()
    .flatMap((key) =>
      readdirSync(join(SEED_ARTICLES_DIR, key))
        .filter((name) => name.endsWith('.md'))
        .sort()
        .map((name) => ({ name: `${key}/${name}`, file: join(SEED_ARTICLES_DIR, key, name) })),
    );
}
