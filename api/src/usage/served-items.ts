import type { CanonicalDocument } from '@kilde/schemas';

/** Items served by one HTTP request, counted per provider (organisation id). */
export type ProviderCounts = ReadonlyMap<string, number>;

/**
 * Collects the content items one request serves, for the usage aggregates.
 * @remarks A `Set` of the (cached, shared) document objects, so an item resolved twice in one
 * request — two aliases, or a retried execution — counts once.
 */
export class ServedItems {
  private readonly docs = new Set<CanonicalDocument>();

  add(doc: CanonicalDocument): void {
    if (doc.type === 'article' || doc.type === 'question' || doc.type === 'service') this.docs.add(doc);
  }

  /** Items per provider id (`''` for items without a provider). */
  byProvider(): ProviderCounts {
    const counts = new Map<string, number>();
    for (const doc of this.docs) {
      const provider = 'provider' in doc && doc.provider ? doc.provider.id : '';
      counts.set(provider, (counts.get(provider) ?? 0) + 1);
    }
    return counts;
  }
}
