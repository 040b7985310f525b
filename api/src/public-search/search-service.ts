import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Locale } from '@kilde/schemas';
import { crisisHelp, detectCrisis } from '@kilde/safety';
import {
  defaultNeedsHelp,
  federatedSearch,
  type FederatedHit,
  type SearchEngine,
  type SearchHit,
} from '@kilde/search';
import type { PublicGroup, PublicHit, PublicSearchResponse, PublicSearchType, SearchParams } from './types';

/** Fewer hits than this in the requested locale brings in another locale's (page 1 only). */
export const FALLBACK_BELOW = 3;

/** Which locale to borrow from when the requested one has too few hits. */
export const FALLBACK_LOCALE: Record<Locale, Locale> = { nn: 'nb', nb: 'nn', en: 'nb' };

const PATH_SEGMENT: Record<PublicSearchType, string> = { article: 'artikkel', question: 'sporsmal', service: 'tjeneste' };

/** A random id for one search: `q_` + 16 base64url characters (96 bits), derived from nothing. */
export function newQueryId(): string {
  return `q_${randomBytes(12).toString('base64url')}`;
}

/** Crisis classifier for the search: `@kilde/safety` first, the search package's phrases second. */
function crisisOf(q: string, locale: Locale): { crisis: boolean; severity: 'concern' | 'acute' } {
  const result = detectCrisis(q, locale);
  if (result.crisis) return { crisis: true, severity: result.severity === 'acute' ? 'acute' : 'concern' };
  return { crisis: defaultNeedsHelp(q, locale), severity: 'concern' };
}

interface HitFields {
  documentId: string;
  type: PublicSearchType;
  locale: Locale;
  slug: string | null;
  title: string;
  titleHtml: string;
  summary: string;
  summaryHtml: string;
  snippet: string;
  provider: { id: string; name: string | null } | null;
  lastReviewed: string | null;
  crisis: boolean;
  channel: string | null;
  phone: string | null;
  url: string | null;
}

function fromSearchHit(h: SearchHit): HitFields {
  const d = h.document;
  return {
    documentId: d.documentId,
    type: d.type,
    locale: d.locale,
    slug: d.slug,
    title: d.title,
    titleHtml: h.highlights.title,
    summary: d.summary,
    summaryHtml: h.highlights.summary,
    snippet: h.snippet,
    provider: d.provider ? { id: d.provider, name: d.providerName } : null,
    lastReviewed: d.lastReviewed,
    crisis: d.crisis,
    channel: d.channel,
    phone: d.phone,
    url: d.url,
  };
}

const fromFederated = (h: FederatedHit): HitFields => h;

function toPublicHit(h: HitFields, position: number, fallbackLocale: boolean): PublicHit {
  const address = h.type === 'question' ? h.documentId : (h.slug ?? h.documentId);
  const hit: PublicHit = {
    position,
    id: h.documentId,
    type: h.type,
    locale: h.locale,
    slug: h.type === 'question' ? null : h.slug,
    title: h.title,
    titleHtml: h.titleHtml,
    summary: h.summary,
    summaryHtml: h.summaryHtml,
    snippetHtml: h.snippet,
    provider: h.provider,
    lastReviewed: h.lastReviewed,
    fallbackLocale,
    url: `/sok/${PATH_SEGMENT[h.type]}/${h.locale}/${encodeURIComponent(address)}`,
  };
  if (h.type === 'service') {
    hit.phone = h.phone;
    hit.website = h.url;
    hit.crisis = h.crisis;
    hit.channel = h.channel;
  }
  return hit;
}

/**
 * Runs one public search: federated over the requested types, crisis services first when the
 * query signals a need for help, another locale's hits when the requested one has too few, and
 * the response shape of docs/search-api.md.
 */
export async function runPublicSearch(engine: SearchEngine, params: SearchParams, types: PublicSearchType[]): Promise<PublicSearchResponse> {
  const started = performance.now();
  const { q, locale, page, pageSize } = params;
  const crisis = crisisOf(q, locale);
  const result = await federatedSearch(engine, {
    q,
    locale,
    types,
    topic: params.topic ?? undefined,
    page,
    hitsPerGroup: { article: pageSize, question: pageSize, service: pageSize },
    needsHelp: () => crisis.crisis,
  });

  const byType: Record<PublicSearchType, FederatedHit[]> = { article: result.articles, question: result.questions, service: result.services };
  const wanted = new Set<PublicSearchType>(types);
  // Crisis services are shown even when services were not asked for.
  if (result.helpBoosted) wanted.add('service');
  const order = result.order.filter((t) => wanted.has(t));

  const groups: PublicGroup[] = await Promise.all(
    order.map(async (type): Promise<PublicGroup> => {
      // Services are few and not paged: page 1 holds the best ones.
      const own = type === 'service' && page > 1 ? [] : byType[type];
      const offset = type === 'service' ? 0 : (page - 1) * pageSize;
      const hits = own.slice(0, pageSize).map((h, i) => toPublicHit(fromFederated(h), offset + i + 1, false));
      if (page === 1 && hits.length < FALLBACK_BELOW && hits.length < pageSize) {
        const seen = new Set(hits.map((h) => h.id));
        const borrowed = await engine.search({
          q,
          queryLocale: locale,
          filters: { locale: FALLBACK_LOCALE[locale], type, ...(params.topic ? { topics: [params.topic] } : {}) },
          hitsPerPage: pageSize,
        });
        for (const h of borrowed.hits) {
          if (hits.length >= pageSize) break;
          if (seen.has(h.document.documentId)) continue;
          seen.add(h.document.documentId);
          hits.push(toPublicHit(fromSearchHit(h), hits.length + 1, true));
        }
      }
      return { type, totalHits: result.totals[type], hits };
    }),
  );

  return {
    queryId: newQueryId(),
    query: q,
    locale,
    page,
    pageSize,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
    totalHits: groups.reduce((n, g) => n + g.totalHits, 0),
    needsHelp: result.helpBoosted,
    help: result.helpBoosted
      ? {
          crisis: true,
          severity: crisis.severity,
          numbers: crisisHelp(locale).map((l) => ({ id: l.id, name: l.name, phone: l.number, tel: l.tel, description: l.description, emergency: l.emergency })),
        }
      : null,
    suggestion: result.suggestion ?? null,
    order,
    groups,
  };
}
