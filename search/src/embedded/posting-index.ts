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

  /** MiniSearch's serialised form (`toJSON()`) without the index entries. */
  serializedMeta(): Omit<AsPlainObject, 'index'> {
    return {
      documentCount: this._documentCount,
      nextId: this._nextId,
      documentIds: Object.fromEntries(this._documentIds),
      fieldIds: this._fieldIds,
      fieldLength: Object.fromEntries(this._fieldLength),
      averageFieldLength: this._avgFieldLength,
      storedFields: {},
      dirtCount: this._dirtCount,
      serializationVersion: 2,
    };
  }

  /**
   * The index entries of MiniSearch's `toJSON()` (as many as `termCount`) (`[term, {fieldId: {shortId: frequency}}]`),
   * each already as JSON text.
   *
   * @remarks
   * Building `toJSON()`'s whole object for a 100k-document index allocates gigabytes and spends
   * most of a minute in garbage collection; writing entry by entry does not. The caller must
   * keep the index unchanged while iterating.
   */
  *serializedEntries(): Generator<string> {
    for (const [term, fieldIndex] of this._index) {
      let json = `[${JSON.stringify(term)},{`;
      let firstField = true;
      for (const [fieldId, freqs] of fieldIndex) {
        json += `${firstField ? '' : ','}"${fieldId}":{`;
        firstField = false;
        let first = true;
        freqs.forEach((freq, shortId) => {
          json += `${first ? '' : ','}"${shortId}":${freq}`;
          first = false;
        });
        json += '}';
      }
      yield `${json}}]`;
    }
  }

  /** Adds one entry written by {@link serializedEntries} (after {@link PostingIndex.load}). */
  addSerializedEntry(term: string, data: Record<string, Record<string, number>>): void {
    const fields = new Map<number, Map<number, number>>();
    for (const fieldId of Object.keys(data)) {
      const freqs = new Map<number, number>();
      const entry = data[fieldId] ?? {};
      for (const shortId of Object.keys(entry)) freqs.set(Number(shortId), entry[shortId] ?? 0);
      fields.set(Number(fieldId), freqs);
    }
    this._index.set(term, fields);
  }
}
