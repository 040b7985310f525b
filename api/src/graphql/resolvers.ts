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

function connection<T>(page: Page<T>) {
  return {
    edges: page.edges,
    nodes: page.edges.map((e: Edge<T>) => e.node),
    pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: false, startCursor: page.edges[0]?.cursor ?? null, endCursor: page.endCursor },
  };
}

function serve<T extends CanonicalDocument | null>(ctx: ApiContext, doc: T): T {
  if (doc) ctx.served.add(doc);
  return doc;
}

function hasTopic(refs: readonly Ref[], topic: string): boolean {
  return refs.some((t) => t.id === topic || t.slug === topic);
}

const localized = (refs: readonly Ref[], locale: Locale): LocalizedRef[] => refs.map((r) => ({ ...r, locale }));

function translations(doc: CanonicalDocument) {
  const out: { locale: string; id: string; slug: string | null }[] = [];
  for (const [locale, t] of Object.entries(doc.translations)) if (t) out.push({ locale, id: t.id, slug: t.slug ?? null });
  return out;
}

function attributionOf(doc: AttributedDoc): AttributionSource {
  return {
    locale: doc.locale,
    provider: doc.provider,
    licence: doc.licence,
    canonicalUrl: doc.canonicalUrl ?? null,
    professional: doc.type === 'article' && doc.professionallyResponsible ? { ...doc.professionallyResponsible, locale: doc.locale } : null,
  };
}

const richText = (doc: CanonicalDocument, field: string, markdown: string): RichTextSource => ({
  markdown,
  key: `${doc.id}\u0000${doc.locale}\u0000${doc.version}\u0000${field}`,
});

/** Fields every `Item` resolves the same way. */
const itemFields = {
  translations,
};

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

export const resolvers = {
  DateTime: DateTimeScalar,
  Date: DateScalar,
  JSON: JsonScalar,

  ServiceChannel: { school_nurse: 'school-nurse', in_person: 'in-person' },

  Query: {
    async article(_: unknown, args: Args<{ id?: string | null; slug?: string | null; locale: Locale }>, ctx: ApiContext) {
      if (!args.id === !args.slug) {
        throw new GraphQLError('Give exactly one of `id` or `slug`.', {
          extensions: { code: ApiErrorCode.BadUserInput, argumentName: args.id ? 'slug' : 'id' },
        });
      }
      const doc = args.id
        ? await ctx.content.byId<ArticleDocument>('article', args.id, args.locale)
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
      for (const e of page.edges) ctx.served.add(e.node);
      return connection(page);
    },

    async question(_: unknown, args: Args<{ id: string; locale?: Locale | null }>, ctx: ApiContext) {
      const doc = args.locale
        ? await ctx.content.byId<QuestionDocument>('question', args.id, args.locale)
        : await ctx.loaders.one<QuestionDocument>('question', args.id, undefined, true);
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
      for (const e of page.edges) ctx.served.add(e.node);
      return connection(page);
    },

    async service(_: unknown, args: Args<{ id: string; locale?: Locale | null }>, ctx: ApiContext) {
      const doc = args.locale
        ? await ctx.content.byId<ServiceDocument>('service', args.id, args.locale)
        : await ctx.loaders.one<ServiceDocument>('service', args.id, undefined, true);
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
      for (const e of page.edges) ctx.served.add(e.node);
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
      if (types.length === 0) return { totalHits: 0, hits: [] };
      const result = await ctx.search.search({ query: args.query, locale: args.locale, types, first });
      const hits = await Promise.all(
        result.hits.map(async (h) => {
          if (!types.includes(h.type)) return null;
          const item = await ctx.loaders.one(h.type, h.id, h.locale);
          // The index may lag the read store by a moment: drop hits already withdrawn.
          return item ? { item: serve(ctx, item), snippet: h.snippet ?? null, highlightedTitle: h.highlightedTitle ?? null } : null;
        }),
      );
      return { totalHits: result.totalHits, hits: hits.filter((h) => h !== null) };
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
    body: (a: ArticleDocument) => richText(a, 'body', a.body),
    topics: (a: ArticleDocument) => localized(a.topics, a.locale),
    attribution: attributionOf,
    lastReviewed: (a: ArticleDocument) => a.lastReviewed ?? null,
    nextReviewDue: (a: ArticleDocument) => a.nextReviewDue ?? null,
    async jsonLd(a: ArticleDocument, _: unknown, ctx: ApiContext) {
      const org = a.provider ? await ctx.loaders.one<OrganisationDocument>('organisation', a.provider.id, a.locale, true) : null;
      return medicalWebPage(a, org);
    },
  },

  Question: {
    ...itemFields,
    answer: (q: QuestionDocument) => richText(q, 'answer', q.answer),
    topics: (q: QuestionDocument) => localized(q.topics, q.locale),
    attribution: attributionOf,
    lastReviewed: (q: QuestionDocument) => q.lastReviewed ?? null,
    nextReviewDue: (q: QuestionDocument) => q.nextReviewDue ?? null,
    async jsonLd(q: QuestionDocument, _: unknown, ctx: ApiContext) {
      const org = q.provider ? await ctx.loaders.one<OrganisationDocument>('organisation', q.provider.id, q.locale, true) : null;
      return medicalWebPage(q, org, ctx.markdown.text(`${q.id}\u0000${q.locale}\u0000${q.version}\u0000answer`, q.answer));
    },
  },

  Service: {
    ...itemFields,
    topics: (s: ServiceDocument) => localized(s.topics, s.locale),
    async attribution(s: ServiceDocument, _: unknown, ctx: ApiContext): Promise<AttributionSource> {
      const org = s.provider ? await ctx.loaders.one<OrganisationDocument>('organisation', s.provider.id, s.locale, true) : null;
      return { locale: s.locale, provider: s.provider, licence: org?.defaultLicence ?? 'CC-BY-4.0', canonicalUrl: s.url, professional: null };
    },
    lastReviewed: () => null,
    nextReviewDue: () => null,
  },

  Topic: {
    ...itemFields,
    parent: (t: TopicDocument) => (t.parent ? { ...t.parent, locale: t.locale } : null),
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
    async provider(a: AttributionSource, _: unknown, ctx: ApiContext) {
      if (!a.provider) return null;
      const org = await ctx.loaders.one<OrganisationDocument>('organisation', a.provider.id, a.locale, true);
      return {
        id: a.provider.id,
        name: org?.name ?? a.provider.title ?? a.provider.id,
        url: org?.url ?? null,
        logo: org?.logo ?? null,
        orgNumber: org?.orgNumber ?? null,
      };
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
