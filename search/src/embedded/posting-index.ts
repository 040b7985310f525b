import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';

/** MiniSearch's view of a document: pre-analysed, space-separated index terms per attribute. */
export type IndexedFields = { id: string } & Record<string, string>;

/** Term frequencies of one term in one attribute, by MiniSearch's short document id. */
export type Postings = ReadonlyMap<number, number>;

/**
 * MiniSearch with read access to its posting lists.
 *
 * @remarks
 * MiniSearch's public `search()` builds an object per matching document, scores every posting
 * with BM25 and sorts the lot; on 100k documents a common word costs tens of milliseconds.
 * Kilde ranks by Meilisearch's rules instead, so the embedded engine walks the postings itself
 * into typed arrays. MiniSearch remains the inverted index (radix tree, postings, add, discard,
 * vacuum, serialisation); this subclass only reads its `protected` members, which MiniSearch
 * declares for subclasses. The version is pinned in package.json.
 */
export class PostingIndex extends MiniSearch<IndexedFields> {
  /** Loads a serialised index (MiniSearch's `loadJS`) as a {@link PostingIndex}. */
  static load(js: AsPlainObject, options: Options<IndexedFields>): PostingIndex {
    const loaded = MiniSearch.loadJS<IndexedFields>(js, options);
    // loadJS always constructs the base class; this subclass adds methods only, no state.
    return Object.setPrototypeOf(loaded, PostingIndex.prototype) as PostingIndex;
  }

  /** Postings of a term per attribute id, or undefined when the term is not indexed. */
  postings(term: string): ReadonlyMap<number, Postings> | undefined {
    return this._index.get(term);
  }

  /** The attribute id MiniSearch uses for an attribute name. */
  fieldId(field: string): number | undefined {
    return this._fieldIds[field];
  }

  /** The short id of a document id, if indexed. */
  shortId(id: string): number | undefined {
    return this._idToShortId.get(id);
  }

  /** One more than the largest short id ever assigned: the size of per-document arrays. */
  get shortIdLimit(): number {
    return this._nextId;
  }
}
