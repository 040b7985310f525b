import type { Options } from 'minisearch';
import type { Locale } from '@kilde/schemas';
import type {
  EngineStats,
  IndexSettings,
  RankingDetails,
  SearchableAttribute,
  SearchDocument,
  SearchEngine,
  SearchHit,
  SearchQuery,
  SearchResult,
  SortableAttribute,
  SortExpression,
} from '../port/types';
import { defaultIndexSettings } from '../settings/default-index-settings';
import {
  normalizeSearchQuery,
  type NormalizedSearchQuery,
} from '../settings/normalize-search-query';
import {
  TextAnalyzer,
  profileFor,
  type AnalysisProfile,
  type WordAnalysis,
} from '../norwegian/analyzer';
import { Vocabulary } from '../norwegian/vocabulary';
import { planQuery, type QueryPlan } from '../norwegian/query-plan';
import { suggestQuery } from '../norwegian/suggest';
import { QueryMatcher } from '../highlight/query-matcher';
import { cropText, escapeHtml, highlightText, type Matcher } from '../highlight/highlight';
import { SearchSnapshotError } from '../errors/search-snapshot-error';
import { MAX_FIELD_TOKENS, QueryWordMasks, STOP_WORD, TermDictionary } from './forward-index';
import { rankCandidates, type CandidateCompare } from './ranking';
import { LOCALE_BITS, TYPE_BITS, compileFilters, countFacets, splitFilters } from './filters';
import { readSnapshot, snapshotFingerprint, writeSnapshot } from './snapshot';
import { PostingIndex, type IndexedFields } from './posting-index';
import { RetrievalScratch, allDocuments, retrieve, type Candidates } from './retrieval';
import type { StoredDocument } from './stored-document';

/** Options for {@link EmbeddedSearchEngine}. */
export interface EmbeddedEngineOptions {
  settings?: IndexSettings;
  /** Documents indexed between yields to the event loop, so searches keep flowing. */
  batchSize?: number;
  /**
   * Most members of one tie (same words and typos) whose proximity is computed; beyond it the
   * rest keep their attribute/exactness order. Bounds the worst case like Meilisearch's
   * `searchCutoffMs`.
   */
  proximityBudget?: number;
}

/** Everything a search reads; replaced as a whole by `replaceAll`, `configure` and snapshots. */
interface EngineState {
  settings: IndexSettings;
  analyzer: TextAnalyzer;
  index: PostingIndex;
  docs: Map<string, StoredDocument>;
  /** Stored documents by MiniSearch short id (undefined once deleted). */
  byShort: Array<StoredDocument | undefined>;
  /** Locale and type of each short id as bits, so the common filters skip the document. */
  codes: DocumentCodes;
  dictionary: TermDictionary;
  masks: QueryWordMasks;
  scratch: RetrievalScratch;
  /** Word as written → dictionary id (-1: stop word or unknown), per profile; for highlighting. */
  tokenIds: Record<AnalysisProfile, Map<string, number>>;
}

/** Meilisearch searches at most this many query words; the rest are ignored. */
const MAX_QUERY_WORDS = 10;

/**
 * The default, in-process search engine: MiniSearch as the inverted index, the Norwegian layer
 * for analysis, and ranking by Meilisearch's rules (words → typo → proximity → attribute →
 * sort → exactness).
 *
 * @remarks
 * A query is planned by the Norwegian layer into exact index terms: stems and nb/nn variants,
 * synonyms, compound parts, and typo and prefix variants looked up in the vocabulary (so the
 * typo count of every match is known). Retrieval walks MiniSearch's postings for those terms
 * into typed arrays; proximity comes from a forward index and is computed only for the ties
 * that reach the requested page. Restarts load a snapshot ({@link saveSnapshot} /
 * {@link loadSnapshot}) instead of re-indexing.
 */
export class EmbeddedSearchEngine implements SearchEngine {
  readonly name = 'embedded' as const;
  private state: EngineState;
  private readonly batchSize: number;
  private readonly proximityBudget: number;
  private indexing = 0;
  private closed = false;
  /** Writes and snapshots run one at a time, in call order (see {@link exclusive}). */
  private writeQueue: Promise<unknown> = Promise.resolve();

  constructor(options: EmbeddedEngineOptions = {}) {
    this.batchSize = options.batchSize ?? 500;
    this.proximityBudget = options.proximityBudget ?? 100;
    this.state = createState(options.settings ?? defaultIndexSettings, new Vocabulary());
  }

  /** The settings in effect. */
  get settings(): IndexSettings {
    return this.state.settings;
  }

  configure(settings: IndexSettings): Promise<void> {
    return this.exclusive(() => this.configureNow(settings));
  }

  private async configureNow(settings: IndexSettings): Promise<void> {
    this.assertOpen();
    const current = this.state.settings;
    const reindex =
      JSON.stringify(current.searchableAttributes) !==
        JSON.stringify(settings.searchableAttributes) ||
      JSON.stringify(current.stopWords) !== JSON.stringify(settings.stopWords);
    if (reindex) {
      const docs = [...this.state.docs.values()].map((s) => s.doc);
      await this.track(async () => {
        this.state = await this.buildState(settings, docs);
      });
      return;
    }
    // Synonyms, typo tolerance and ranking rules act at query time: swap the analyzer only.
    this.state = {
      ...this.state,
      settings,
      analyzer: TextAnalyzer.fromSettings(settings, this.state.analyzer.vocabulary),
    };
  }

  upsert(docs: SearchDocument[]): Promise<void> {
    return this.exclusive(() => this.upsertNow(docs));
  }

  private async upsertNow(docs: SearchDocument[]): Promise<void> {
    this.assertOpen();
    const unique = [...new Map(docs.map((d) => [d.id, d])).values()];
    await this.track(async () => {
      for (let i = 0; i < unique.length; i += this.batchSize) {
        indexBatch(this.state, unique.slice(i, i + this.batchSize));
        if (i + this.batchSize < unique.length) await yieldToEventLoop();
      }
      await maybeVacuum(this.state.index);
    });
  }

  delete(ids: string[]): Promise<void> {
    return this.exclusive(() => this.deleteNow(ids));
  }

  private async deleteNow(ids: string[]): Promise<void> {
    this.assertOpen();
    const state = this.state;
    for (const id of ids) {
      const stored = state.docs.get(id);
      if (!stored) continue;
      removeDocument(state, stored);
    }
    await maybeVacuum(state.index);
  }

  async replaceAll(docs: Iterable<SearchDocument> | AsyncIterable<SearchDocument>): Promise<void> {
    this.assertOpen();
    const all: SearchDocument[] = [];
    for await (const d of docs) all.push(d);
    // Searches keep using the old state until the new one is assigned; writes wait, so none is
    // applied to the old state and lost.
    await this.exclusive(() =>
      this.track(async () => {
        this.state = await this.buildState(this.state.settings, all);
      }),
    );
  }

  clear(): Promise<void> {
    return this.exclusive(() =>
      settle(() => {
        this.assertOpen();
        this.state = createState(this.state.settings, new Vocabulary());
      }),
    );
  }

  async close(): Promise<void> {
    await this.writeQueue;
    this.closed = true;
  }

  stats(): Promise<EngineStats> {
    return settle(() => this.statsNow());
  }

  private statsNow(): EngineStats {
    const byType: Record<string, number> = {};
    const byLocale: Record<string, number> = {};
    for (const { doc } of this.state.docs.values()) {
      byType[doc.type] = (byType[doc.type] ?? 0) + 1;
      byLocale[doc.locale] = (byLocale[doc.locale] ?? 0) + 1;
    }
    return {
      engine: 'embedded',
      numberOfDocuments: this.state.docs.size,
      isIndexing: this.indexing > 0,
      byType,
      byLocale,
    };
  }

  suggest(q: string, options: { locale?: Locale } = {}): Promise<string | null> {
    return settle(() => suggestQuery(q, this.state.analyzer, profileFor(options.locale ?? 'nb')));
  }

  search(query: SearchQuery): Promise<SearchResult> {
    return settle(() => this.searchNow(query));
  }

  /** The search itself: synchronous, so no write can interleave with it. */
  private searchNow(query: SearchQuery): SearchResult {
    this.assertOpen();
    const started = performance.now();
    const state = this.state;
    const nq = normalizeSearchQuery(query, state.settings);
    const filter = splitFilters(query.filters);
    const plan = nq.placeholder
      ? null
      : planQuery(nq.q, state.analyzer, {
          profiles: queryProfiles(query),
          typoTolerance: state.settings.typoTolerance,
          prefixSearch: state.settings.prefixSearch !== 'disabled',
          expand: true,
        });
    if (plan) plan.words = plan.words.slice(0, MAX_QUERY_WORDS);

    let candidates: Candidates;
    if (plan && plan.words.length > 0) {
      const titleField = state.settings.searchableAttributes.indexOf('title');
      candidates = retrieve(
        {
          index: state.index,
          byShort: state.byShort,
          fieldRank: fieldRanks(state),
          titleField,
          queryFolded: plan.words.map((w) => state.dictionary.lookup(w.folded) ?? -2),
          documentCount: state.docs.size,
          scratch: state.scratch,
          localeCodes: state.codes.locale,
          typeCodes: state.codes.type,
        },
        plan,
        nq.matchingStrategy,
        filter,
      );
    } else {
      candidates = allDocuments(state.byShort, compileFilters(query.filters), state.scratch);
    }

    const docOf = (i: number): SearchDocument =>
      (state.byShort[candidates.short[i] ?? -1] as StoredDocument).doc;
    const facetDistribution = countFacets(
      iterate(candidates.count, docOf),
      nq.facets,
      state.settings.faceting.maxValuesPerFacet,
    );
    const reachable = Math.min(candidates.count, state.settings.pagination.maxTotalHits);
    const end = Math.min(nq.offset + nq.limit, reachable);
    // The word masks serve proximity and highlighting: which dictionary words match which
    // query word, through their own form, their key or a compound part.
    if (plan) {
      state.masks.reset(
        plan.words.map((w) => [
          ...w.terms.map((t) => t.term),
          ...w.groups.flatMap((g) => g.terms),
          ...w.keys,
        ]),
      );
    }
    const proximity =
      plan && plan.words.length > 1
        ? { masks: state.masks, byShort: state.byShort, budget: this.proximityBudget }
        : undefined;
    const ranked = rankCandidates(candidates, {
      rules: state.settings.rankingRules,
      sort: compileSort(nq.sort, docOf),
      end,
      proximity,
    });
    const hits: SearchHit[] = [];
    const matchers = new Map<AnalysisProfile, (word: string) => boolean>();
    const matcherFor = (profile: AnalysisProfile): ((word: string) => boolean) => {
      let m = matchers.get(profile);
      if (!m) {
        m = plan && nq.highlight.length > 0 ? createMatcher(state, plan, profile) : () => false;
        matchers.set(profile, m);
      }
      return m;
    };
    const attributes = state.settings.searchableAttributes;
    for (let k = nq.offset; k < ranked.length; k++) {
      const i = ranked[k] ?? 0;
      const stored = state.byShort[candidates.short[i] ?? -1] as StoredDocument;
      const byWord = matcherFor(profileFor(stored.doc.locale));
      const forField = (attribute: SearchableAttribute): Matcher =>
        plan && nq.highlight.length > 0
          ? fieldMatcher(stored, attributes.indexOf(attribute), state.masks, byWord)
          : byWord;
      hits.push(buildHit(stored.doc, forField, nq, candidates, i));
    }
    return {
      hits,
      query: nq.q,
      totalHits: reachable,
      page: nq.page,
      hitsPerPage: nq.hitsPerPage,
      totalPages: nq.hitsPerPage > 0 ? Math.ceil(reachable / nq.hitsPerPage) : 0,
      offset: nq.offset,
      limit: nq.limit,
      facetDistribution,
      processingTimeMs: Math.round(performance.now() - started),
    };
  }

  /**
   * Writes the index to `path` atomically (temp file, fsync, rename), so a restart loads it
   * instead of re-indexing. Writes wait while it runs (searches do not), so the snapshot is
   * exactly the index as of the call.
   */
  saveSnapshot(path: string): Promise<void> {
    return this.exclusive(async () => {
      const state = this.state;
      await writeSnapshot(path, {
        settings: state.settings,
        index: state.index,
        docs: state.docs.values(),
        docCount: state.docs.size,
        vocabulary: state.analyzer.vocabulary.toJSON(),
        dictionary: state.dictionary.toJSON(),
      });
    });
  }

  /**
   * Replaces the index with a snapshot written by {@link saveSnapshot}, including the settings
   * it was written with. On failure the engine keeps its current index.
   *
   * @throws SearchSnapshotError `io` when the file cannot be read, `corrupt` when it is
   * truncated or malformed, `incompatible` when it was written by a different analyzer (rebuild
   * from the read store instead).
   */
  loadSnapshot(path: string): Promise<void> {
    return this.exclusive(async () => {
      this.assertOpen();
      const snapshot = await readSnapshot(path, indexOptions);
      if (snapshot.fingerprint !== snapshotFingerprint(snapshot.settings)) {
        throw new SearchSnapshotError(
          'The snapshot was written by a different analyzer version; rebuild the index',
          'incompatible',
          path,
        );
      }
      let state: EngineState;
      try {
        const vocabulary = Vocabulary.fromJSON(snapshot.vocabulary);
        const dictionary = TermDictionary.fromJSON(snapshot.dictionary);
        const index = snapshot.index;
        const docs = new Map(snapshot.docs.map((s) => [s.doc.id, s]));
        const byShort: Array<StoredDocument | undefined> = [];
        for (const stored of docs.values()) {
          const sid = index.shortId(stored.doc.id);
          if (sid === undefined) throw new Error(`document ${stored.doc.id} is not in the index`);
          byShort[sid] = stored;
        }
        state = {
          settings: snapshot.settings,
          analyzer: TextAnalyzer.fromSettings(snapshot.settings, vocabulary),
          index,
          docs,
          byShort,
          codes: DocumentCodes.of(byShort),
          dictionary,
          masks: new QueryWordMasks(dictionary),
          scratch: new RetrievalScratch(),
          tokenIds: { no: new Map(), en: new Map() },
        };
      } catch (cause) {
        throw new SearchSnapshotError('The snapshot is malformed', 'corrupt', path, { cause });
      }
      this.state = state;
    });
  }

  private async buildState(settings: IndexSettings, docs: SearchDocument[]): Promise<EngineState> {
    const state = createState(settings, new Vocabulary());
    const unique = [...new Map(docs.map((d) => [d.id, d])).values()];
    // First count every document's words, so compound splitting sees the whole corpus; then
    // analyse again to index (the analysis is memoised, re-running it is cheaper than holding
    // every document's analysis in memory).
    for (let i = 0; i < unique.length; i++) {
      addToVocabulary(
        state.analyzer,
        analyseDocument(state.analyzer, unique[i] as SearchDocument, settings),
      );
      if ((i + 1) % this.batchSize === 0) await yieldToEventLoop();
    }
    for (let i = 0; i < unique.length; i++) {
      const doc = unique[i] as SearchDocument;
      insertAnalysed(state, doc, analyseDocument(state.analyzer, doc, settings));
      if ((i + 1) % this.batchSize === 0) await yieldToEventLoop();
    }
    return state;
  }

  /** Runs `fn` after every write queued before it, and before any queued after it. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writeQueue.then(fn, fn);
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  private async track<T>(fn: () => Promise<T>): Promise<T> {
    this.indexing++;
    try {
      return await fn();
    } finally {
      this.indexing--;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('The embedded search engine is closed');
  }
}

/** Creates an embedded engine, loading `snapshotPath` when given and present. */
export async function createEmbeddedSearchEngine(
  options: EmbeddedEngineOptions & { snapshotPath?: string } = {},
): Promise<EmbeddedSearchEngine> {
  const engine = new EmbeddedSearchEngine(options);
  if (options.snapshotPath) {
    try {
      await engine.loadSnapshot(options.snapshotPath);
    } catch (error) {
      const missing =
        error instanceof SearchSnapshotError &&
        error.details.reason === 'io' &&
        (error.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
      if (!missing) throw error;
    }
  }
  return engine;
}

// ---------------------------------------------------------------------------------------------

function indexOptions(settings: IndexSettings): Options<IndexedFields> {
  return {
    fields: [...settings.searchableAttributes],
    idField: 'id',
    storeFields: [],
    // Documents arrive pre-analysed by the Norwegian layer: split on spaces only.
    tokenize: (text: string) => text.split(' '),
    processTerm: (term: string) => term || null,
    // Vacuuming is awaited inside writes (maybeVacuum) rather than left running on timers.
    autoVacuum: false,
  };
}

function createState(settings: IndexSettings, vocabulary: Vocabulary): EngineState {
  const dictionary = new TermDictionary();
  return {
    settings,
    analyzer: TextAnalyzer.fromSettings(settings, vocabulary),
    index: new PostingIndex(indexOptions(settings)),
    docs: new Map(),
    byShort: [],
    codes: new DocumentCodes(),
    dictionary,
    masks: new QueryWordMasks(dictionary),
    scratch: new RetrievalScratch(),
    tokenIds: { no: new Map(), en: new Map() },
  };
}

const fieldRankCache = new WeakMap<EngineState, Map<number, number>>();

function fieldRanks(state: EngineState): Map<number, number> {
  let ranks = fieldRankCache.get(state);
  if (!ranks) {
    ranks = new Map();
    state.settings.searchableAttributes.forEach((f, rank) => {
      const id = state.index.fieldId(f);
      if (id !== undefined) ranks?.set(id, rank);
    });
    fieldRankCache.set(state, ranks);
  }
  return ranks;
}

/** A document's searchable attributes, analysed, in ranking order. */
interface AnalysedDocument {
  fields: WordAnalysis[][];
  profile: AnalysisProfile;
}

function fieldText(doc: SearchDocument, field: string): string {
  const v = (doc as unknown as Record<string, unknown>)[field];
  // Array values (topic titles) are separate phrases: a newline keeps them apart for
  // proximity without joining the last word of one to the first of the next.
  if (Array.isArray(v)) return v.join('\n');
  return typeof v === 'string' ? v : '';
}

function analyseDocument(
  analyzer: TextAnalyzer,
  doc: SearchDocument,
  settings: IndexSettings,
): AnalysedDocument {
  const profile = profileFor(doc.locale);
  return {
    profile,
    fields: settings.searchableAttributes.map((f) => analyzer.analyzeAll(fieldText(doc, f), profile)),
  };
}

function distinctWords(a: AnalysedDocument): { surfaces: Map<string, string>; keys: Set<string> } {
  const surfaces = new Map<string, string>();
  const keys = new Set<string>();
  for (const field of a.fields) {
    for (const w of field) {
      if (w.stop) continue;
      if (!surfaces.has(w.folded) || w.written !== w.folded) surfaces.set(w.folded, w.written);
      keys.add(w.key);
    }
  }
  return { surfaces, keys };
}

function addToVocabulary(analyzer: TextAnalyzer, a: AnalysedDocument): void {
  const { surfaces, keys } = distinctWords(a);
  analyzer.vocabulary.addDocument(surfaces.entries(), keys);
}

function removeDocument(state: EngineState, stored: StoredDocument): void {
  const { analyzer, settings } = state;
  const { surfaces, keys } = distinctWords(analyseDocument(analyzer, stored.doc, settings));
  analyzer.vocabulary.removeDocument(surfaces.keys(), keys);
  const sid = state.index.shortId(stored.doc.id);
  if (sid !== undefined) {
    state.index.discard(stored.doc.id);
    state.byShort[sid] = undefined;
  }
  state.docs.delete(stored.doc.id);
}

function indexBatch(state: EngineState, docs: SearchDocument[]): void {
  const { analyzer, settings } = state;
  for (const doc of docs) {
    const previous = state.docs.get(doc.id);
    if (previous) removeDocument(state, previous);
  }
  const analysed = docs.map((d) => analyseDocument(analyzer, d, settings));
  for (const a of analysed) addToVocabulary(analyzer, a);
  // Parts are decided after the whole batch is counted, so a batch splits consistently.
  docs.forEach((doc, i) => insertAnalysed(state, doc, analysed[i] as AnalysedDocument));
}

function insertAnalysed(state: EngineState, doc: SearchDocument, a: AnalysedDocument): void {
  const fields: IndexedFields = { id: doc.id };
  const seq: number[] = [];
  const fieldEnds = new Int32Array(a.fields.length);
  state.settings.searchableAttributes.forEach((field, i) => {
    const words = a.fields[i] ?? [];
    fields[field] = state.analyzer.indexTerms(words, a.profile);
    const limit = Math.min(words.length, MAX_FIELD_TOKENS);
    for (let j = 0; j < limit; j++) {
      const w = words[j] as WordAnalysis;
      seq.push(
        w.stop
          ? STOP_WORD
          : state.dictionary.registerWord(w.folded, w.key, state.analyzer.partKeys(w, a.profile)),
      );
    }
    fieldEnds[i] = seq.length;
  });
  state.index.add(fields);
  const stored: StoredDocument = { doc, seq: Int32Array.from(seq), fieldEnds };
  state.docs.set(doc.id, stored);
  const sid = state.index.shortId(doc.id);
  if (sid !== undefined) {
    state.byShort[sid] = stored;
    state.codes.set(sid, doc);
  }
}

/** Locale and type bits per short id, grown as documents are added. */
class DocumentCodes {
  locale = new Uint8Array(1024);
  type = new Uint8Array(1024);

  set(sid: number, doc: SearchDocument): void {
    if (sid >= this.locale.length) {
      const size = Math.max(sid + 1, this.locale.length * 2);
      const locale = new Uint8Array(size);
      const type = new Uint8Array(size);
      locale.set(this.locale);
      type.set(this.type);
      this.locale = locale;
      this.type = type;
    }
    this.locale[sid] = LOCALE_BITS[doc.locale];
    this.type[sid] = TYPE_BITS[doc.type];
  }

  static of(byShort: ReadonlyArray<StoredDocument | undefined>): DocumentCodes {
    const codes = new DocumentCodes();
    byShort.forEach((stored, sid) => {
      if (stored) codes.set(sid, stored.doc);
    });
    return codes;
  }
}

async function maybeVacuum(index: PostingIndex): Promise<void> {
  if (index.dirtCount > 1000 && index.dirtFactor > 0.1) {
    await index.vacuum({ batchSize: 5000, batchWait: 0 });
  }
}

/** Runs `fn` and returns its result as a promise, rejecting (not throwing) on error. */
function settle<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => resolve(fn()));
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function queryProfiles(query: SearchQuery): AnalysisProfile[] {
  if (query.queryLocale) return [profileFor(query.queryLocale)];
  const locales = query.filters?.locale;
  const list = locales === undefined ? [] : Array.isArray(locales) ? locales : [locales];
  if (list.length === 0) return ['no', 'en'];
  return [...new Set(list.map(profileFor))];
}

function* iterate<T>(count: number, at: (i: number) => T): Generator<T> {
  for (let i = 0; i < count; i++) yield at(i);
}

function compileSort(
  sort: readonly SortExpression[],
  docOf: (i: number) => SearchDocument,
): CandidateCompare | null {
  if (sort.length === 0) return null;
  const keys = sort.map((s) => {
    const [attr, dir] = s.split(':') as [SortableAttribute, 'asc' | 'desc'];
    return { attr, sign: dir === 'desc' ? -1 : 1 };
  });
  return (a, b) => {
    const da = docOf(a);
    const db = docOf(b);
    for (const { attr, sign } of keys) {
      const x: string | null = da[attr];
      const y: string | null = db[attr];
      if (x === y) continue;
      // Documents without the value go last either way, as in Meilisearch.
      if (x === null) return 1;
      if (y === null) return -1;
      return (x < y ? -1 : 1) * sign;
    }
    return 0;
  };
}

/**
 * A highlight matcher for one search. Every word of an indexed document is in the forward
 * index's dictionary, where the query's word masks already say whether it matches (by form,
 * key or compound part), so a match costs two look-ups instead of an analysis.
 */
function createMatcher(
  state: EngineState,
  plan: QueryPlan,
  profile: AnalysisProfile,
): (word: string) => boolean {
  const { dictionary, masks, analyzer } = state;
  const ids = state.tokenIds[profile];
  // No word shorter than every term and key of the query can match: skip the look-up.
  let minLength = Infinity;
  for (const w of plan.words) {
    for (const t of w.terms) minLength = Math.min(minLength, t.term.length);
    for (const k of w.keys) minLength = Math.min(minLength, k.length);
    for (const g of w.groups) for (const t of g.terms) minLength = Math.min(minLength, t.length);
  }
  let fallback: QueryMatcher | undefined;
  return (word) => {
    if (word.length < minLength) return false;
    let id = ids.get(word);
    if (id === undefined) {
      const a = analyzer.analyze(word, profile);
      id = a.stop ? -1 : (dictionary.lookup(a.folded) ?? -2);
      if (ids.size >= 500_000) ids.clear();
      ids.set(word, id);
    }
    if (id >= 0) return masks.of(id) !== 0;
    if (id === -1) return false;
    // Not in the dictionary (a word past the forward index's cap): analyse it the long way.
    fallback ??= new QueryMatcher(plan, analyzer, profile, { typoCheck: false });
    return fallback.matches(word);
  };
}

/**
 * Matches the words of one attribute of a hit by position: the n-th word is the n-th entry of
 * the attribute's forward-index segment, so no word is sliced or analysed. Words past the
 * segment's cap fall back to matching by word.
 */
function fieldMatcher(
  stored: StoredDocument,
  field: number,
  masks: QueryWordMasks,
  byWord: (word: string) => boolean,
): Matcher {
  if (field < 0) return byWord;
  const start = field === 0 ? 0 : (stored.fieldEnds[field - 1] ?? 0);
  const length = (stored.fieldEnds[field] ?? start) - start;
  const seq = stored.seq;
  return {
    matchToken(text, from, to, index) {
      if (index >= length) return byWord(text.slice(from, to));
      const id = seq[start + index] ?? STOP_WORD;
      return id !== STOP_WORD && masks.of(id) !== 0;
    },
  };
}

function buildHit(
  doc: SearchDocument,
  matcherFor: (attribute: SearchableAttribute) => Matcher,
  nq: NormalizedSearchQuery,
  candidates: Candidates,
  i: number,
): SearchHit {
  const { body, ...document } = doc;
  const never = (): boolean => false;
  const active = (attribute: SearchableAttribute): Matcher =>
    nq.highlight.length > 0 ? matcherFor(attribute) : never;
  const mark = (attr: 'title' | 'summary', text: string): string =>
    nq.highlight.includes(attr) ? highlightText(text, matcherFor(attr)) : escapeHtml(text);
  const hit: SearchHit = {
    id: doc.id,
    document,
    highlights: { title: mark('title', doc.title), summary: mark('summary', doc.summary) },
    snippet: snippet(body, doc.summary, active('body'), active('summary'), nq.cropLength),
  };
  if (nq.showRankingDetails) hit.rankingDetails = rankingDetails(candidates, i);
  return hit;
}

/**
 * The body passage around the matches; the summary when only the summary matches or there is
 * no body (services).
 */
function snippet(
  body: string,
  summary: string,
  bodyMatcher: Matcher,
  summaryMatcher: Matcher,
  cropLength: number,
): string {
  const fromBody = cropText(body, bodyMatcher, cropLength);
  if (fromBody.matched) return fromBody.html;
  const fromSummary = cropText(summary, summaryMatcher, cropLength);
  if (fromSummary.matched || !fromBody.html) return fromSummary.html;
  return fromBody.html;
}

function rankingDetails(c: Candidates, i: number): RankingDetails {
  return {
    words: c.words[i] ?? 0,
    typo: c.typos[i] ?? 0,
    proximity: c.proximity[i] ?? 0,
    attribute: c.attribute[i] ?? 0,
    exactness: (2 - c.exactAttributeOf(i)) * 100 + (c.exactWords[i] ?? 0),
  };
}
