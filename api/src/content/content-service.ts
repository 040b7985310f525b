import type { Knex } from 'knex';
import type { CanonicalDocument, Locale } from '@kilde/schemas';
import { getDocumentBySlug } from '@kilde/store';
import type { DocumentRepository } from './document-repository';
import { listingCursor } from './cursor';

/** One item of a page with its cursor. */
export interface Edge<T> {
  readonly node: T;
  readonly cursor: string;
}

/**
 * A listing edge. Its cursor is computed only when asked for, and one edge object serves a
 * document version for as long as it is cached (so its serialized JSON can be reused).
 */
class ListingEdge<T> implements Edge<T> {
  private encoded: string | undefined;

  constructor(
    readonly node: T,
    private readonly updatedAt: string,
    private readonly id: string,
  ) {}

  get cursor(): string {
    this.encoded ??= listingCursor(this.updatedAt, this.id);
    return this.encoded;
  }
}

/** A page of a listing (Relay-style connection data). */
export interface Page<T> {
  edges: Edge<T>[];
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface ListQuery<T extends CanonicalDocument> {
  type: T['type'];
  locale: Locale;
  first: number;
  after?: string | null;
  updatedSince?: string | null;
  /** Keeps only matching items; the listing then scans the read store in batches. */
  filter?: (doc: T) => boolean;
}

/** Most rows a filtered listing inspects per request before it returns a shorter page. */
export const MAX_FILTER_SCAN = 2_000;
const SCAN_BATCH = 200;

/**
 * Reads published content from the read store (never from Strapi's tables).
 * @remarks Listings are keyset-paginated by (updatedAt, id), oldest change first, so a partner
 * paging through while editors publish never skips or repeats an item. Filters the read store
 * has no column for (topic, audience, provider, region…) are applied while scanning: a filtered
 * page inspects at most `MAX_FILTER_SCAN` rows and may come back shorter than `first` with
 * `hasNextPage: true` and an `endCursor` that resumes the scan — valid Relay, bounded work.
 */
export class ContentService {
  private readonly edges = new WeakMap<CanonicalDocument, ListingEdge<CanonicalDocument>>();

  constructor(
    private readonly knex: Knex,
    readonly repo: DocumentRepository,
  ) {}

  private edge<T extends CanonicalDocument>(doc: T, updatedAt: string, id: string): Edge<T> {
    let edge = this.edges.get(doc);
    if (!edge) {
      edge = new ListingEdge<CanonicalDocument>(doc, updatedAt, id);
      this.edges.set(doc, edge);
    }
    return edge as unknown as Edge<T>;
  }

  async bySlug<T extends CanonicalDocument>(type: T['type'], slug: string, locale: Locale): Promise<T | null> {
    const row = await getDocumentBySlug(this.knex, { type, slug, locale });
    return row ? (this.repo.fromStored(row) as T | null) : null;
  }

  async list<T extends CanonicalDocument>(q: ListQuery<T>): Promise<Page<T>> {
    const base = { type: q.type, locale: q.locale, updatedSince: q.updatedSince };
    if (!q.filter) {
      const page = await this.repo.list({ ...base, after: q.after, limit: q.first });
      const edges = page.items.map((it) => this.edge(it.doc as T, it.updatedAt, it.id));
      return { edges, hasNextPage: page.hasMore, endCursor: edges[edges.length - 1]?.cursor ?? q.after ?? null };
    }
    const edges: Edge<T>[] = [];
    let after = q.after ?? null;
    let scanned = 0;
    for (;;) {
      const page = await this.repo.list({ ...base, after, limit: SCAN_BATCH });
      for (const it of page.items) {
        scanned += 1;
        after = listingCursor(it.updatedAt, it.id);
        const node = it.doc as T;
        if (!q.filter(node)) continue;
        if (edges.length === q.first) {
          // One more match exists: the page is full and there is a next one.
          return { edges, hasNextPage: true, endCursor: edges[edges.length - 1]?.cursor ?? null };
        }
        edges.push(this.edge(node, it.updatedAt, it.id));
      }
      if (!page.hasMore) return { edges, hasNextPage: false, endCursor: edges[edges.length - 1]?.cursor ?? q.after ?? null };
      if (scanned >= MAX_FILTER_SCAN) {
        // Out of budget: hand back where the scan stopped so the next page continues from there.
        return { edges, hasNextPage: true, endCursor: after };
      }
    }
  }
}
