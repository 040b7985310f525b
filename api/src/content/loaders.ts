import DataLoader from 'dataloader';
import type { CanonicalDocument, DocumentType, Locale } from '@kilde/schemas';
import { pickVariant, type DocumentRepository } from './document-repository';

/**
 * Per-request DataLoaders: every lookup of an item by id within one request (providers of 20
 * articles, topics, search hits) becomes one query per type.
 */
export class Loaders {
  private readonly byType = new Map<DocumentType, DataLoader<string, CanonicalDocument[]>>();
  /** Variants already loaded in this request, readable without a promise. */
  private readonly loaded = new Map<string, CanonicalDocument[]>();

  constructor(private readonly repo: DocumentRepository) {}

  /**
   * Loads the variants of many items at once (one query) so later `peek`s answer synchronously.
   * @remarks Listing resolvers prefetch the providers of a page: nearly every partner query
   * asks for attribution, and answering 20 `provider` fields from memory instead of through 20
   * promise chains is a measurable part of a request.
   */
  async prefetch(type: DocumentType, ids: Iterable<string>): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !this.loaded.has(`${type}\u0000${id}`));
    if (wanted.length > 0) await Promise.all(wanted.map((id) => this.variants(type, id)));
  }

  /** One variant from what this request already loaded; `undefined` when not loaded yet. */
  peek<T extends CanonicalDocument>(type: T['type'], id: string, locale: Locale | undefined, fallback = false): T | null | undefined {
    const variants = this.loaded.get(`${type}\u0000${id}`);
    return variants ? pickVariant(variants as T[], locale, fallback) : undefined;
  }

  /** Every live language variant of an item. */
  variants(type: DocumentType, id: string): Promise<CanonicalDocument[]> {
    let loader = this.byType.get(type);
    if (!loader) {
      loader = new DataLoader<string, CanonicalDocument[]>(
        async (ids) => {
          const docs = await this.repo.loadVariants(type, ids);
          const byId = new Map<string, CanonicalDocument[]>();
          for (const d of docs) {
            const list = byId.get(d.id);
            if (list) list.push(d);
            else byId.set(d.id, [d]);
          }
          return ids.map((id) => {
            const variants = byId.get(id) ?? [];
            this.loaded.set(`${type}\u0000${id}`, variants);
            return variants;
          });
        },
        { maxBatchSize: 500 },
      );
      this.byType.set(type, loader);
    }
    return loader.load(id);
  }

  /**
   * One variant of an item: the asked locale, or with `fallback` the best other one (nb, nn, en).
   */
  one<T extends CanonicalDocument>(type: T['type'], id: string, locale: Locale | undefined, fallback = false): Promise<T | null> {
    return this.variants(type, id).then((variants) => pickVariant(variants as T[], locale, fallback));
  }
}
