import { GraphQLError } from 'graphql';
import type {
  ArticleDocument,
  CanonicalDocument,
  Locale,
  OrganisationDocument,
  Professional,
  QuestionDocument,
  Ref,
  ServiceDocument,
  TopicDocument,
} from '@kilde/schemas';
import { ValidationError } from '@kilde/schemas';
import type { Change } from '@kilde/store';
import type { Edge, Page } from '../content/content-service';
import { medicalWebPage, professionTitle } from '../content/json-ld';
import { attributionNotice, termsOf } from '../content/licences';
import { ApiErrorCode } from '../http/error-codes';
import type { SearchableContentType } from '../search/search-provider';
import type { ApiContext } from './context';
import { EPHEMERAL } from './execution/fast-executor';
import { DateScalar, DateTimeScalar, JsonScalar } from './scalars';

type Args<T> = T;

/** A reference together with the locale of the item it was found on. */
interface LocalizedRef extends Ref {
  locale: Locale;
}

interface RichTextSource {
  markdown: string;
  key: string;
}

/** What the `Attribution` type resolves from. */
interface AttributionSource {
  locale: Locale;
  provider: Ref | null;
  licence: string;
  canonicalUrl: string | null;
  professional: (Professional & { locale: Locale }) | null;
  [EPHEMERAL]?: true;
}

type AttributedDoc = ArticleDocument | QuestionDocument;

const typeNames = {
  article: 'Article',
  question: 'Question',
  service: 'Service',
  topic: 'Topic',
  organisation: 'Organisation',
} as const;

/** Store validation errors (bad cursor, bad date) are the caller's mistake. */
function userInputError(err: unknown, argumentName?: string): never {
  if (err instanceof ValidationError) {
    const issues = err.details.errors;
    throw new GraphQLError(`${err.message}: ${issues.map((d) => `${d.path.replace(/^\//, '')} ${d.message}`).join('; ')}`, {
      extensions: { code: ApiErrorCode.BadUserInput, argumentName: argumentName ?? issues[0]?.path.replace(/^\//, '') },
    });
  }
  throw err;
}

/** Checks `first` again here so the limit holds however the schema is executed. */
function pageSize(first: number | null | undefined, ctx: ApiContext, fallback = 20): number {
  const n = first ?? fallback;
  if (n > ctx.maxPageSize) {
    throw new GraphQLError(`\`first\` is ${n}; at most ${ctx.maxPageSize} items fit on a page.`, {
      extensions: { code: ApiErrorCode.PageSizeTooLarge, argumentName: 'first', maximum: ctx.maxPageSize },
    });
  }
  if (n < 1) throw new GraphQLError('`first` must be at least 1.', { extensions: { code: ApiErrorCode.BadUserInput, argumentName: 'first' } });
  return n;
}

/** Relay page info of one response. */
class PageInfo {
  readonly [EPHEMERAL] = true;
  readonly hasPreviousPage = false;

  constructor(
    readonly hasNextPage: boolean,
    readonly startCursor: string | null,
    readonly endCursor: string | null,
  ) {}
}

/** A Relay connection over a page; `nodes` is built only when asked for. */
class Connection<T> {
  readonly [EPHEMERAL] = true;
  readonly edges: readonly Edge<T>[];
  readonly pageInfo: PageInfo;

  constructor(page: Page<T>) {
    this.edges = page.edges;
    this.pageInfo = new PageInfo(page.hasNextPage, page.edges[0]?.cursor ?? null, page.endCursor);
  }

  get nodes(): T[] {
    return this.edges.map((e) => e.node);
  }
}

const connection = <T>(page: Page<T>): Connection<T> => new Connection(page);

/**
 * Views derived from a document, computed once per parsed document.
 * @remarks A parsed document is immutable and cached per version, so its views are too; handing
 * out the same view objects lets the fast executor reuse their serialized JSON.
 */
function derived<D extends object, V>(compute: (doc: D) => V): (doc: D) => V {
  const cache = new WeakMap<D, V>();
  return (doc) => {
    let view = cache.get(doc);
    if (view === undefined) {
      view = compute(doc);
      cache.set(doc, view);
    }
    return view;
  };
}

function serve<T extends CanonicalDocument | null>(ctx: ApiContext, doc: T): T {
  if (doc) ctx.served.add(doc);
  return doc;
}

/** Counts a page's items as served and loads their providers in one query (see `Loaders.prefetch`). */
async function servePage(ctx: ApiContext, page: Page<ArticleDocument | QuestionDocument | ServiceDocument>): Promise<void> {
  const providers: string[] = [];
  for (const e of page.edges) {
    ctx.served.add(e.node);
    if (e.node.provider) providers.push(e.node.provider.id);
  }
  if (providers.length > 0) await ctx.loaders.prefetch('organisation', providers);
}

function hasTopic(refs: readonly Ref[], topic: string): boolean {
  return refs.some((t) => t.id === topic || t.slug === topic);
}

/** Topic references with the locale of the item they are on (to resolve `TopicRef.topic`). */
const topicRefs = derived((doc: ArticleDocument | QuestionDocument | ServiceDocument): LocalizedRef[] => doc.topics.map((r) => ({ ...r, locale: doc.locale })));

const translations = derived((doc: CanonicalDocument) => {
  const out: { locale: string; id: string; slug: string | null }[] = [];
  for (const [locale, t] of Object.entries(doc.translations)) if (t) out.push({ locale, id: t.id, slug: t.slug ?? null });
  return out;
});

const attributionOf = derived(
  (doc: AttributedDoc): AttributionSource => ({
    locale: doc.locale,
    provider: doc.provider,
    licence: doc.licence,
    canonicalUrl: doc.canonicalUrl ?? null,
    professional: doc.type === 'article' && doc.professionallyResponsible ? { ...doc.professionallyResponsible, locale: doc.locale } : null,
  }),
);

const richTextKey = (doc: CanonicalDocument, field: string): string => `${doc.id}\u0000${doc.locale}\u0000${doc.version}\u0000${field}`;
const articleBody = derived((a: ArticleDocument): RichTextSource => ({ markdown: a.body, key: richTextKey(a, 'body') }));
const questionAnswer = derived((q: QuestionDocument): RichTextSource => ({ markdown: q.answer, key: richTextKey(q, 'answer') }));
const topicParent = derived((t: TopicDocument): LocalizedRef | null => (t.parent ? { ...t.parent, locale: t.locale } : null));

interface ProviderView {
  id: string;
  name: string;
  url: string | null;
  logo: OrganisationDocument['logo'];
  orgNumber: string | null;
}
const providerOfOrg = derived((org: OrganisationDocument): ProviderView => ({ id: org.id, name: org.name, url: org.url, logo: org.logo, orgNumber: org.orgNumber }));
const providerOfRef = derived((ref: Ref): ProviderView => ({ id: ref.id, name: ref.title ?? ref.id, url: null, logo: null, orgNumber: null }));

/** Fields every `Item` resolves the same way. */
const itemFields = {
  translations: (doc: CanonicalDocument) => translations(doc),
};

/**
 * Fields whose resolvers are pure: synchronous functions of the parent object alone (no
 * DataLoader, no partner, no side effects). The fast executor serializes them once per parent
 * object. Default-resolved fields are pure without being listed. Keep this in step with the
 * resolvers below: listing an impure field here would freeze its first answer.
 */
export const pureFields: ReadonlySet<string> = new Set([
  ...['Article', 'Question', 'Service', 'Topic', 'Organisation'].map((t) => `${t}.translations`),
  'Article.body',
  'Article.topics',
  'Article.attribution',
  'Article.lastReviewed',
  'Article.nextReviewDue',
  'Question.answer',
  'Question.topics',
  'Question.attribution',
  'Question.lastReviewed',
  'Question.nextReviewDue',
  'Service.topics',
  'Service.lastReviewed',
  'Service.nextReviewDue',
  'Topic.parent',
  'Professional.title',
  'RichText.html',
  'RichText.text',
  'Attribution.professionallyResponsible',
  'Attribution.licenceName',
  'Attribution.licenceUrl',
  'Attribution.terms',
  'Attribution.notice',
  'Change.at',
  'Change.deletedAt',
]);

async function listAll<T extends CanonicalDocument>(ctx: ApiContext, type: T['type'], locale: Locale): Promise<T[]> {
  const out: T[] = [];
  let after: string | null = null;
  // Topics and providers number in the tens; the cap only guards against a runaway table.
  for (let i = 0; i < 10; i += 1) {
    const page: Page<T> = await ctx.content.list<T>({ type, locale, first: 1000, after });
    for (const e of page.edges) out.push(e.node);
    if (!page.hasNextPage) break;
    after = page.endCursor;
  }
  return out;
}

/** `url` made absolute against `base` when it is relative; absolute URLs pass unchanged. */
export function absoluteUrl(url: string, base: string | undefined): string {
  if (!base || /^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  return `${base.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
}

export const resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  JSON: JsonScalar,

  ServiceChannel: { school_nurse: 'school-nurse', in_person: 'in-person' },

  // Canonical documents keep media URLs as the CMS wrote them (`/uploads/…`); partners get them
  // absolute, against the public media origin the API is configured with.
  Image: { url: (img: { url: string }, _: unknown, ctx: ApiContext) => absoluteUrl(img.url, ctx.mediaBaseUrl) },
  ImageVariant: { url: (v: { url: string }, _: unknown, ctx: ApiContext) => absoluteUrl(v.url, ctx.mediaBaseUrl) },

  Query: {
    async article(_: unknown, args: Args<{ id?: string | null; slug?: string | null; locale: Locale }>, ctx: ApiContext) {
      if (!args.id === !args.slug) {
        throw new GraphQLError('Give exactly one of `id` or `slug`.', {
          extensions: { code: ApiErrorCode.BadUserInput, argumentName: args.id ? 'slug' : 'id' },
        });
      }
      // By id through the request's DataLoader: several `article(id:)` fields become one query and
      // resolve together, so their providers batch into one query as well.
      const doc = args.id
        ? await ctx.loaders.one<ArticleDocument>('article', args.id, args.locale)
        : await ctx.content.bySlug<ArticleDocument>('article', args.slug ?? '', args.locale);
      return serve(ctx, doc);
    },

    async articles(
      _: unknown,
      args: Args<{ locale: Locale; topic?: string | null; audience?: string | null; provider?: string | null; updatedSince?: string | null; first?: number | null; after?: string | null }>,
      ctx: ApiContext,
    ) {
      const first = pageSize(args.first, ctx);
      const { topic, audience, provider } = args;
      const filter =
        topic || audience || provider
          ? (d: ArticleDocument) =>
              (!topic || hasTopic(d.topics, topic)) &&
              (!audience || (d.audience as string[]).includes(audience)) &&
              (!provider || d.provider?.id === provider)
          : undefined;
      const page = await ctx.content
        .list<ArticleDocument>({ type: 'article', locale: args.locale, first, after: args.after, updatedSince: args.updatedSince, filter })
        .catch((err: unknown) => userInputError(err));
      await servePage(ctx, page);
      return connection(page);
    },

    async question(_: unknown, args: Args<{ id: string; locale?: Locale | null }>, ctx: ApiContext) {
      const doc = await ctx.loaders.one<QuestionDocument>('question', args.id, args.locale ?? undefined, !args.locale);
      return serve(ctx, doc);
    },

    async questions(
      _: unknown,
      args: Args<{ locale: Locale; topic?: string | null; updatedSince?: string | null; first?: number | null; after?: string | null }>,
      ctx: ApiContext,
    ) {
      const first = pageSize(args.first, ctx);
      const { topic } = args;
      const page = await ctx.content
        .list<QuestionDocument>({
          type: 'question',
          locale: args.locale,
          first,
          after: args.after,
          updatedSince: args.updatedSince,
          filter: topic ? (d) => hasTopic(d.topics, topic) : undefined,
        })
        .catch((err: unknown) => userInputError(err));
      await servePage(ctx, page);
      return connection(page);
    },

    async service(_: unknown, args: Args<{ id: string; locale?: Locale | null }>, ctx: ApiContext) {
      const doc = await ctx.loaders.one<ServiceDocument>('service', args.id, args.locale ?? undefined, !args.locale);
      return serve(ctx, doc);
    },

    async services(
      _: unknown,
      args: Args<{ locale: Locale; region?: string | null; channel?: string | null; age?: number | null; first?: number | null; after?: string | null }>,
      ctx: ApiContext,
    ) {
      const first = pageSize(args.first, ctx);
      const region = args.region?.trim().toLowerCase();
      const { channel, age } = args;
      const filter =
        region || channel || (age !== null && age !== undefined)
          ? (d: ServiceDocument) =>
              (!region || !d.region || d.region.toLowerCase() === region) &&
              (!channel || d.channel === channel) &&
              (age === null || age === undefined || ((d.ageMin === null || age >= d.ageMin) && (d.ageMax === null || age <= d.ageMax)))
          : undefined;
      const page = await ctx.content
        .list<ServiceDocument>({ type: 'service', locale: args.locale, first, after: args.after, filter })
        .catch((err: unknown) => userInputError(err));
      await servePage(ctx, page);
      return connection(page);
    },

    topics(_: unknown, args: Args<{ locale: Locale }>, ctx: ApiContext) {
      return listAll<TopicDocument>(ctx, 'topic', args.locale);
    },

    organisations(_: unknown, args: Args<{ locale?: Locale | null }>, ctx: ApiContext) {
      return listAll<OrganisationDocument>(ctx, 'organisation', args.locale ?? 'nb');
    },

    async search(_: unknown, args: Args<{ query: string; locale: Locale; types?: string[] | null; first?: number | null }>, ctx: ApiContext) {
      const first = pageSize(args.first, ctx);
      if (!ctx.search) {
        throw new GraphQLError('Search is not configured on this API server.', { extensions: { code: ApiErrorCode.SearchUnavailable } });
      }
      const allowed: SearchableContentType[] = ctx.partner.scopes.has('read:questions') ? ['article', 'question', 'service'] : ['article', 'service'];
      const types = args.types ? allowed.filter((t) => args.types?.includes(t)) : allowed;
      if (types.length === 0) return { [EPHEMERAL]: true, totalHits: 0, hits: [] };
      const result = await ctx.search.search({ query: args.query, locale: args.locale, types, first });
      const hits = await Promise.all(
        result.hits.map(async (h) => {
          if (!types.includes(h.type)) return null;
          const item = await ctx.loaders.one(h.type, h.id, h.locale);
          // The index may lag the read store by a moment: drop hits already withdrawn.
          return item ? { [EPHEMERAL]: true, item: serve(ctx, item), snippet: h.snippet ?? null, highlightedTitle: h.highlightedTitle ?? null } : null;
        }),
      );
      return { [EPHEMERAL]: true, totalHits: result.totalHits, hits: hits.filter((h) => h !== null) };
    },

    async changes(_: unknown, args: Args<{ since?: string | null; first?: number | null }>, ctx: ApiContext) {
      const first = pageSize(args.first, ctx, 100);
      const page = await ctx.changes.page(args.since, first, ctx.partner.scopes.has('read:questions')).catch((err: unknown) => userInputError(err, 'since'));
      return connection(page);
    },
  },

  Item: { __resolveType: (doc: CanonicalDocument) => typeNames[doc.type] },
  ContentItem: { __resolveType: (doc: CanonicalDocument) => typeNames[doc.type] },

  Article: {
    ...itemFields,
    body: (a: ArticleDocument) => articleBody(a),
    topics: (a: ArticleDocument) => topicRefs(a),
    attribution: (a: ArticleDocument) => attributionOf(a),
    lastReviewed: (a: ArticleDocument) => a.lastReviewed ?? null,
    nextReviewDue: (a: ArticleDocument) => a.nextReviewDue ?? null,
    async jsonLd(a: ArticleDocument, _: unknown, ctx: ApiContext) {
      const org = a.provider ? await ctx.loaders.one<OrganisationDocument>('organisation', a.provider.id, a.locale, true) : null;
      return medicalWebPage(a, org);
    },
  },

  Question: {
    ...itemFields,
    answer: (q: QuestionDocument) => questionAnswer(q),
    topics: (q: QuestionDocument) => topicRefs(q),
    attribution: (q: QuestionDocument) => attributionOf(q),
    lastReviewed: (q: QuestionDocument) => q.lastReviewed ?? null,
    nextReviewDue: (q: QuestionDocument) => q.nextReviewDue ?? null,
    async jsonLd(q: QuestionDocument, _: unknown, ctx: ApiContext) {
      const org = q.provider ? await ctx.loaders.one<OrganisationDocument>('organisation', q.provider.id, q.locale, true) : null;
      return medicalWebPage(q, org, ctx.markdown.text(`${q.id}\u0000${q.locale}\u0000${q.version}\u0000answer`, q.answer));
    },
  },

  Service: {
    ...itemFields,
    topics: (s: ServiceDocument) => topicRefs(s),
    async attribution(s: ServiceDocument, _: unknown, ctx: ApiContext): Promise<AttributionSource> {
      const org = s.provider ? await ctx.loaders.one<OrganisationDocument>('organisation', s.provider.id, s.locale, true) : null;
      return { [EPHEMERAL]: true, locale: s.locale, provider: s.provider, licence: org?.defaultLicence ?? 'CC-BY-4.0', canonicalUrl: s.url, professional: null };
    },
    lastReviewed: () => null,
    nextReviewDue: () => null,
  },

  Topic: {
    ...itemFields,
    parent: (t: TopicDocument) => topicParent(t),
  },

  Organisation: itemFields,

  TopicRef: {
    topic: (r: LocalizedRef, _: unknown, ctx: ApiContext) => ctx.loaders.one<TopicDocument>('topic', r.id, r.locale),
  },

  Professional: {
    title: (p: Professional & { locale: Locale }) => professionTitle(p.profession, p.locale),
  },

  RichText: {
    html: (r: RichTextSource, _: unknown, ctx: ApiContext) => ctx.markdown.html(r.key, r.markdown),
    text: (r: RichTextSource, _: unknown, ctx: ApiContext) => ctx.markdown.text(r.key, r.markdown),
  },

  Attribution: {
    provider(a: AttributionSource, _: unknown, ctx: ApiContext): ProviderView | null | Promise<ProviderView | null> {
      const ref = a.provider;
      if (!ref) return null;
      const known = ctx.loaders.peek<OrganisationDocument>('organisation', ref.id, a.locale, true);
      if (known !== undefined) return known ? providerOfOrg(known) : providerOfRef(ref);
      return ctx.loaders.one<OrganisationDocument>('organisation', ref.id, a.locale, true).then((org) => (org ? providerOfOrg(org) : providerOfRef(ref)));
    },
    professionallyResponsible: (a: AttributionSource) => a.professional,
    licenceName: (a: AttributionSource) => termsOf(a.licence).name,
    licenceUrl: (a: AttributionSource) => termsOf(a.licence).url,
    terms: (a: AttributionSource) => termsOf(a.licence),
    notice: (a: AttributionSource) => attributionNotice(a.locale, a.provider?.title ?? null, a.licence),
  },

  Change: {
    at: (c: Change) => c.createdAt,
    item: (c: Change, _: unknown, ctx: ApiContext) => serve(ctx, ctx.changes.item(c)),
    deletedAt: (c: Change, _: unknown, ctx: ApiContext) => ctx.changes.deletedAt(c),
  },
};
