import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ValidationError, type Locale } from '@kilde/schemas';

export type Localized<T = string> = Partial<Record<Locale, T>>;

export interface SeedTopic {
  key: string;
  parent: string | null;
  title: Localized;
  slug: Localized;
  description: Localized;
  reviewIntervalMonths?: number;
}

export interface SeedOrganisation {
  key: string;
  name: Localized;
  description: Localized;
  orgNumber?: string;
  url?: string;
  defaultLicence?: string;
}

export interface SeedService {
  key: string;
  title: Localized;
  description: Localized;
  channel: string;
  url?: string | null;
  phone?: string | null;
  openingHours?: Localized | null;
  ageMin?: number | null;
  ageMax?: number | null;
  region?: string | null;
  municipality?: string | null;
  level: number;
  crisis?: boolean;
  topics?: string[];
  provider?: string;
}

export interface SeedArticle {
  key: string;
  locale: Locale;
  title: string;
  slug: string;
  summary: string;
  topics: string[];
  audience: string[];
  provider: string;
  professionallyResponsible?: { name: string; profession: string };
  authors?: string[];
  sources?: { title: string; publisher?: string; year?: number; url?: string; reference?: string; kind: string }[];
  snomed?: { code: string; term: string }[];
  licence?: string;
  reviewIntervalMonths?: number;
  lastReviewed?: string;
  body: string;
  /** Where it came from, for error messages. */
  file: string;
}

export interface SeedQuestion {
  key: string;
  locale: Locale;
  question: string;
  answer: string;
  answererProfession: string;
  topics: string[];
  askerAgeBand?: string;
  answeredAt: string;
  file: string;
}

export interface SeedLibrary {
  topics: SeedTopic[];
  organisations: SeedOrganisation[];
  services: SeedService[];
  articles: SeedArticle[];
  questions: SeedQuestion[];
}

/** The seed library shipped in `content/seed`. */
export const defaultSeedDir = join(__dirname, '..', 'seed');

const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Splits a Markdown file into its YAML front matter and body. */
export function parseMarkdownWithFrontMatter(text: string, file: string): { data: Record<string, unknown>; body: string } {
  const match = frontMatter.exec(text);
  if (!match) throw new ValidationError(`${file}: missing YAML front matter`, [{ path: file, message: 'must start with a --- front matter block' }]);
  const data = parseYaml(match[1] ?? '') as unknown;
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new ValidationError(`${file}: front matter must be a mapping`, [{ path: file, message: 'front matter must be a YAML mapping' }]);
  }
  return { data: data as Record<string, unknown>, body: (match[2] ?? '').trim() + '\n' };
}

function readYamlList<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  const data = parseYaml(readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(data)) throw new ValidationError(`${file}: expected a list`, [{ path: file, message: 'must be a YAML list' }]);
  return data as T[];
}

/** Derives a short title from a question: its first sentence, cut at a word boundary. */
export function questionTitle(question: string, max = 90): string {
  const first = question.trim().split(/(?<=[.?!])\s+/)[0] ?? question;
  const clean = first.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 40 ? cut.lastIndexOf(' ') : max).trim()}…`;
}

/**
 * Reads the whole seed library from disk, in dependency order.
 * @throws ValidationError for a file that cannot be parsed, naming the file.
 */
export function loadSeedLibrary(dir: string = defaultSeedDir): SeedLibrary {
  const articles: SeedArticle[] = [];
  const articleDir = join(dir, 'articles');
  if (existsSync(articleDir)) {
    for (const key of readdirSync(articleDir).sort()) {
      for (const name of readdirSync(join(articleDir, key)).filter((f) => f.endsWith('.md')).sort()) {
        const file = join(articleDir, key, name);
        const { data, body } = parseMarkdownWithFrontMatter(readFileSync(file, 'utf8'), file);
        const lastReviewed = data.lastReviewed instanceof Date ? data.lastReviewed.toISOString().slice(0, 10) : data.lastReviewed;
        articles.push({ ...(data as unknown as SeedArticle), key: typeof data.key === 'string' ? data.key : key, lastReviewed: lastReviewed as string | undefined, body, file });
      }
    }
  }
  const questions: SeedQuestion[] = [];
  const questionDir = join(dir, 'questions');
  if (existsSync(questionDir)) {
    for (const name of readdirSync(questionDir).filter((f) => f.endsWith('.yaml')).sort()) {
      const file = join(questionDir, name);
      for (const q of readYamlList<SeedQuestion>(file)) {
        const answeredAt = (q.answeredAt as unknown) instanceof Date ? (q.answeredAt as unknown as Date).toISOString().slice(0, 10) : String(q.answeredAt);
        questions.push({ ...q, answeredAt, question: q.question.trim(), answer: q.answer.trim() + '\n', file });
      }
    }
  }
  return {
    topics: readYamlList<SeedTopic>(join(dir, 'topics.yaml')),
    organisations: readYamlList<SeedOrganisation>(join(dir, 'organisations.yaml')),
    services: readYamlList<SeedService>(join(dir, 'services.yaml')),
    articles,
    questions,
  };
}
