import type { Knex } from 'knex';
import type {
  AgeBand,
  ArticleDocument,
  CanonicalDocument,
  Locale,
  QuestionDocument,
  ServiceDocument,
} from '@kilde/schemas';
import { getDocument } from '@kilde/store';
import { crisisHelp } from '@kilde/safety';
import type { ContentService } from '../content/content-service';
import { ApiErrorCode } from '../http/error-codes';
import { HttpError } from '../http/http-error';
import { CmsClientError, type CmsClient } from '../internal/cms-client';
import type { SearchProvider } from '../search/search-provider';
import type {
  CmsAskerView,
  CmsIntakeResult,
  CrisisHelp,
  CrisisService,
  QuestionInput,
  Suggestion,
} from './types';

export const MIN_LENGTH = 10;
export const MAX_LENGTH = 2000;
const AGE_BANDS: readonly AgeBand[] = ['13-15', '16-17', '18-20'];
const LOCALES: readonly Locale[] = ['nb', 'nn', 'en'];

interface Issue {
  path: string;
  message: string;
}

function badInput(issues: Issue[]): HttpError {
  return new HttpError(
    400,
    ApiErrorCode.BadUserInput,
    `Invalid question: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    {
      details: {
        errors: issues.map((i) => ({
          in: 'body',
          path: i.path === '' ? '' : `/${i.path}`,
          message: i.message,
        })),
      },
    },
  );
}

/** Validates a `POST /v1/questions` body; the CMS checks again (it is the authority). */
export function parseQuestionInput(body: unknown): QuestionInput {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw badInput([{ path: '', message: 'must be a JSON object' }]);
  const b = body as Record<string, unknown>;
  const issues: Issue[] = [];
  const text = typeof b.text === 'string' ? b.text.trim() : '';
  if (typeof b.text !== 'string')
    issues.push({ path: 'text', message: 'is required (the question as text)' });
  else if (text.length < MIN_LENGTH)
    issues.push({ path: 'text', message: `must be at least ${MIN_LENGTH} characters` });
  else if (text.length > MAX_LENGTH)
    issues.push({ path: 'text', message: `must be at most ${MAX_LENGTH} characters` });
  if (!(AGE_BANDS as readonly unknown[]).includes(b.ageBand))
    issues.push({ path: 'ageBand', message: `must be one of ${AGE_BANDS.join(', ')}` });
  if (!(LOCALES as readonly unknown[]).includes(b.locale))
    issues.push({ path: 'locale', message: `must be one of ${LOCALES.join(', ')}` });
  if (
    b.topic !== undefined &&
    b.topic !== null &&
    b.topic !== '' &&
    (typeof b.topic !== 'string' || !/^[a-z0-9-]{1,100}$/.test(b.topic))
  )
    issues.push({ path: 'topic', message: 'must be a topic slug (a-z, 0-9 and -)' });
  if (typeof b.consent !== 'boolean')
    issues.push({ path: 'consent', message: 'must be true or false' });
  if (issues.length > 0) throw badInput(issues);
  return {
    text,
    ageBand: b.ageBand as AgeBand,
    locale: b.locale as Locale,
    topic: typeof b.topic === 'string' && b.topic !== '' ? b.topic : null,
    consent: b.consent as boolean,
    sawSuggestions: b.sawSuggestions === true,
  };
}

/** Turns the CMS's refusal into what the asker sees; the CMS's wording is kept (it is written for them). */
function fromCms(err: unknown): never {
  if (err instanceof CmsClientError) {
    const details = (err.details ?? {}) as { reason?: string; errors?: unknown };
    if (err.status === 400 && details.reason === 'duplicate')
      throw new HttpError(409, ApiErrorCode.QuestionDuplicate, err.message);
    if (err.status === 400 && details.reason === 'spam')
      throw new HttpError(422, ApiErrorCode.QuestionRejected, err.message);
    if (err.status === 400)
      throw new HttpError(400, ApiErrorCode.BadUserInput, err.message, {
        details: { errors: details.errors ?? [] },
      });
    if (err.status === 404)
      throw new HttpError(404, ApiErrorCode.ReceiptNotFound, 'No question matches this code.');
    throw new HttpError(
      503,
      ApiErrorCode.ServiceUnavailable,
      'The answer service is unavailable right now; try again in a little while.',
      {
        headers: { 'retry-after': '30' },
      },
    );
  }
  throw err;
}

const MARKDOWN = /[#*_`>[\]()!|~-]+/g;
const plain = (markdown: string): string =>
  markdown
    .replace(/\]\([^)]*\)/g, ']')
    .replace(MARKDOWN, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const cut = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;

/** Topic slugs of the crisis services that fit a category best. */
const CATEGORY_TOPICS: Record<string, RegExp> = {
  suicide: /psykisk|mental/,
  'self-harm': /psykisk|mental/,
  'eating-disorder-acute': /psykisk|mental|mat|food/,
  abuse: /vold|vald|violence|overgrep/,
  violence: /vold|vald|violence/,
  'sexual-abuse': /overgrep|vold|vald|violence|abuse/,
  'acute-danger': /vold|vald|violence|psykisk|mental/,
};

/**
 * The API's side of the answer service: validation, forwarding to the CMS over the internal
 * channel, the crisis help read from the read store, and "ask before you ask" over search.
 */
export class QuestionService {
  constructor(
    private readonly knex: Knex,
    private readonly cms: CmsClient | undefined,
    private readonly content: ContentService,
    private readonly search: SearchProvider | undefined,
  ) {}

  private async byId<T extends CanonicalDocument>(id: string, locale: Locale): Promise<T | null> {
    const row = await getDocument(this.knex, { id, locale });
    return row && !row.deleted ? (this.content.repo.fromStored(row) as T | null) : null;
  }

  private client(): CmsClient {
    if (!this.cms)
      throw new HttpError(
        503,
        ApiErrorCode.ServiceUnavailable,
        'The answer service is not configured on this API process.',
      );
    return this.cms;
  }

  async ask(input: QuestionInput, requestId?: string): Promise<CmsIntakeResult> {
    const { text, ageBand, locale, topic, consent } = input;
    try {
      const r = await this.client().request<{ data: CmsIntakeResult }>(
        'POST',
        '/kilde-internal/questions',
        { text, ageBand, locale, topic, consent },
        { requestId },
      );
      return r.data;
    } catch (err) {
      return fromCms(err);
    }
  }

  /** The asker's view, or a 404 that says nothing about why. */
  async read(receipt: string): Promise<CmsAskerView> {
    try {
      const r = await this.client().request<{ data: CmsAskerView }>(
        'POST',
        '/kilde-internal/questions/lookup',
        { receipt },
      );
      return r.data;
    } catch (err) {
      return fromCms(err);
    }
  }

  async countDeflection(locale: Locale, event: 'deflected' | 'asked'): Promise<void> {
    try {
      await this.client().request('POST', '/kilde-internal/questions/deflections', {
        locale,
        event,
      });
    } catch (err) {
      fromCms(err);
    }
  }

  /**
   * The help numbers and the crisis services from the service directory, those whose topics fit
   * the signal first (psychological help for suicide and self-harm, violence and abuse services
   * for abuse).
   */
  async crisisHelp(locale: Locale, categories: readonly string[]): Promise<CrisisHelp> {
    const page = await this.content.list<ServiceDocument>({ type: 'service', locale, first: 100 });
    const services = page.edges.map((e) => e.node).filter((s) => s.crisis);
    const fits = (s: ServiceDocument): number => {
      const slugs = s.topics.map((t) => `${t.slug ?? ''} ${t.title ?? ''}`.toLowerCase()).join(' ');
      return categories.filter((c) => CATEGORY_TOPICS[c]?.test(slugs)).length;
    };
    services.sort(
      (a, b) => fits(b) - fits(a) || a.level - b.level || a.title.localeCompare(b.title, locale),
    );
    return {
      lines: crisisHelp(locale),
      services: services.slice(0, 4).map(
        (s): CrisisService => ({
          id: s.id,
          name: s.title,
          description: s.description,
          phone: s.phone,
          tel: s.phone ? `tel:${s.phone.replace(/[^\d+]/g, '')}` : null,
          website: s.url,
          openingHours: s.openingHours,
          url: `/sok/tjeneste/${locale}/${encodeURIComponent(s.slug)}`,
        }),
      ),
    };
  }

  /** Answered questions and articles most like what is being typed (the search engine in this process). */
  async similar(query: string, locale: Locale, first = 5): Promise<Suggestion[]> {
    if (!this.search)
      throw new HttpError(
        503,
        ApiErrorCode.SearchUnavailable,
        'Search is not available on this API process.',
      );
    const result = await this.search.search({
      query,
      locale,
      types: ['question', 'article'],
      first,
    });
    const out: Suggestion[] = [];
    for (const hit of result.hits) {
      if (hit.type === 'question') {
        const doc = await this.byId<QuestionDocument>(hit.id, hit.locale);
        if (!doc) continue;
        const answer = plain(doc.answer);
        out.push({
          type: 'question',
          id: doc.id,
          title: doc.title,
          excerpt: cut(answer, 220),
          answer: cut(answer, 4000),
          url: `/sok/sporsmal/${doc.locale}/${encodeURIComponent(doc.id)}`,
        });
      } else if (hit.type === 'article') {
        const doc = await this.byId<ArticleDocument>(hit.id, hit.locale);
        if (!doc) continue;
        out.push({
          type: 'article',
          id: doc.id,
          title: doc.title,
          excerpt: cut(doc.summary, 220),
          answer: null,
          url: `/sok/artikkel/${doc.locale}/${encodeURIComponent(doc.slug)}`,
        });
      }
    }
    return out;
  }
}
