import DataLoader from 'dataloader';
import type { CanonicalDocument, DocumentType, Locale } from '@kilde/schemas';
import { pickVariant, type DocumentRepository } from './document-repository';

/**
 * Per-request DataLoaders: every lookup of an item by id within one request (providers of 20
 * articles, topics, search hits) becomes one query per type.
 */
export class Loaders {
  private readonly byType = new Map<DocumentType, DataLoader<string, CanonicalDocument[]>>();

  constructor(private readonly repo: DocumentRepository) {}

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
          return ids.map((id) => byId.get(id) ?? []);
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
  async one<T extends CanonicalDocument>(type: T['type'], id: string, locale: Locale | undefined, fallback = false): Promise<T | null> {
    return pickVariant((await this.variants(type, id)) as T[], locale, fallback);
  }
}
