import type { Locale } from '@kilde/schemas';
import type {
  SearchEngine,
  SearchFilters,
  SearchHit,
  SearchableType,
  ServiceChannel,
} from '../port/types';
import { defaultNeedsHelp, type NeedsHelp } from './needs-help';

/** Options for {@link federatedSearch}. */
export interface FederatedSearchOptions {
  /** The words as typed. */
  q: string;
  /** The widget's language; results are in this locale. */
  locale: Locale;
  /** Which groups to search; all three by default. */
  types?: SearchableType[];
  /** A topic id or slug to stay within. */
  topic?: string;
  /** 1-based page of articles and questions. */
  page?: number;
  /** Hits per group: articles 5, questions 5, services 3 by default. */
  hitsPerGroup?: Partial<Record<SearchableType, number>>;
  /**
   * Whether the query signals a need for help (crisis, abuse, self-harm). Pass
   * `@kilde/safety`'s classifier here; a small built-in phrase list is the fallback.
   */
  needsHelp?: NeedsHelp;
  /** Offer a spelling suggestion when fewer results than this were found. Default 3. */
  fewResults?: number;
}

/** One result as the widget shows it. HTML fields are escaped, with `<mark>` highlights. */
export interface FederatedHit {
  id: string;
  documentId: string;
  type: SearchableType;
  locale: Locale;
  title: string;
  titleHtml: string;
  summary: string;
  summaryHtml: string;
  /** A passage around the matches (HTML). */
  snippet: string;
  /** Slug for the URL; `null` for questions, which are addressed by `documentId`. */
  slug: string | null;
  provider: { id: string; name: string | null } | null;
  lastReviewed: string | null;
  crisis: boolean;
  channel: ServiceChannel | null;
  phone: string | null;
  url: string | null;
}

/** Grouped results for the widget. */
export interface FederatedSearchResult {
  query: string;
  articles: FederatedHit[];
  questions: FederatedHit[];
  services: FederatedHit[];
  /** Matches over all searched groups (not only the returned page). */
  total: number;
  totals: Record<SearchableType, number>;
  /** "Did you mean": a corrected query when there were few or no results. */
  suggestion?: string;
  /** The query signalled a need for help: crisis services are included and come first. */
  helpBoosted: boolean;
  /** The order to show the groups in. */
  order: SearchableType[];
}

const DEFAULT_HITS: Record<SearchableType, number> = { article: 5, question: 5, service: 3 };
const ALL_TYPES: SearchableType[] = ['article', 'question', 'service'];

/**
 * Searches articles, answered questions and help services at once and groups the results.
 *
 * @remarks
 * When the query signals a need for help ("vil ikke leve", "blir slått hjemme", "kutter meg"),
 * crisis services in the widget's locale are always included — even when the words match no
 * service and even when the caller did not ask for services — ahead of any other service, and
 * `order` puts services first. A young person in crisis should see where to get help before
 * reading articles.
 */
export async function federatedSearch(
  engine: SearchEngine,
  options: FederatedSearchOptions,
): Promise<FederatedSearchResult> {
  const { q, locale } = options;
  const types = options.types && options.types.length > 0 ? options.types : ALL_TYPES;
  const needsHelp = options.needsHelp ?? defaultNeedsHelp;
  const helpBoosted = q.trim() !== '' && needsHelp(q, locale);
  const hits = (type: SearchableType): number => options.hitsPerGroup?.[type] ?? DEFAULT_HITS[type];
  const base: SearchFilters = { locale, ...(options.topic ? { topics: [options.topic] } : {}) };

  const searchType = async (type: SearchableType) =>
    engine.search({
      q,
      queryLocale: locale,
      filters: { ...base, type },
      page: type === 'service' ? 1 : (options.page ?? 1),
      hitsPerPage: hits(type),
    });
  const [results, crisis] = await Promise.all([
    Promise.all(types.map(async (type) => [type, await searchType(type)] as const)),
    helpBoosted
      ? engine.search({
          filters: { locale, type: 'service', crisis: true },
          hitsPerPage: hits('service'),
        })
      : null,
  ]);

  const grouped: Record<SearchableType, FederatedHit[]> = {
    article: [],
    question: [],
    service: [],
  };
  const totals: Record<SearchableType, number> = { article: 0, question: 0, service: 0 };
  for (const [type, result] of results) {
    grouped[type] = result.hits.map(toFederatedHit);
    totals[type] = result.totalHits;
  }
  if (crisis) {
    const seen = new Set<string>();
    const crisisHits = crisis.hits.map(toFederatedHit);
    const matched = grouped.service.filter((h) => h.crisis);
    const others = grouped.service.filter((h) => !h.crisis);
    grouped.service = [...matched, ...crisisHits, ...others].filter((h) => {
      if (seen.has(h.id)) return false;
      seen.add(h.id);
      return true;
    });
  }
  const total = totals.article + totals.question + totals.service;
  const out: FederatedSearchResult = {
    query: q,
    articles: grouped.article,
    questions: grouped.question,
    services: grouped.service,
    total,
    totals,
    helpBoosted,
    order: helpBoosted ? ['service', 'article', 'question'] : ['article', 'question', 'service'],
  };
  if (q.trim() !== '' && total < (options.fewResults ?? 3)) {
    const suggestion = await engine.suggest(q, { locale });
    if (suggestion && suggestion !== q) out.suggestion = suggestion;
  }
  return out;
}

function toFederatedHit(hit: SearchHit): FederatedHit {
  const d = hit.document;
  return {
    id: d.id,
    documentId: d.documentId,
    type: d.type,
    locale: d.locale,
    title: d.title,
    titleHtml: hit.highlights.title,
    summary: d.summary,
    summaryHtml: hit.highlights.summary,
    snippet: hit.snippet,
    slug: d.slug,
    provider: d.provider ? { id: d.provider, name: d.providerName } : null,
    lastReviewed: d.lastReviewed,
    crisis: d.crisis,
    channel: d.channel,
    phone: d.phone,
    url: d.url,
  };
}
