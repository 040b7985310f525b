import type { Locale } from '@kilde/schemas';
import type {
  EngineStats,
  IndexSettings,
  DocumentSource,
  ReplaceAllOptions,
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
import { normalizeSearchQuery } from '../settings/normalize-search-query';
import { TextAnalyzer, profileFor, type AnalysisProfile } from '../norwegian/analyzer';
import { Vocabulary } from '../norwegian/vocabulary';
import { planQuery } from '../norwegian/query-plan';
import { suggestQuery } from '../norwegian/suggest';
import type { Matcher } from '../highlight/highlight';
import { SearchSnapshotError } from '../errors/search-snapshot-error';
import { SearchEngineUnavailableError } from '../errors/search-engine-unavailable-error';
import { QueryWordMasks, TermDictionary } from './forward-index';
import { rankCandidates, type CandidateCompare } from './ranking';
import { compileFilters, countFacets, splitFilters } from './filters';
import { readSnapshot, snapshotFingerprint, writeSnapshot } from './snapshot';
import { RetrievalScratch, allDocuments, retrieve, type Candidates } from './retrieval';
import { DocumentCodes } from './document-codes';
import {
  addToVocabulary,
  analyseDocument,
  createState,
  fieldRanks,
  indexBatch,
  indexOptions,
  insertAnalysed,
  maybeVacuum,
  removeDocument,
  type EngineState,
} from './engine-state';
import { buildHit, createMatcher, fieldMatcher } from './hits';
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

  async replaceAll(docs: DocumentSource, options: ReplaceAllOptions = {}): Promise<void> {
    this.assertOpen();
    // The in-process index holds every document anyway, so one pass is read into memory.
    const all: SearchDocument[] = [];
    for await (const d of typeof docs === 'function' ? docs() : docs) all.push(d);
    options.signal?.throwIfAborted();
    // Searches keep using the old state until the new one is assigned; writes wait, so none is
    // applied to the old state and lost.
    await this.exclusive(() =>
      this.track(async () => {
        this.assertOpen();
        const next = await this.buildState(this.state.settings, all, options.onProgress);
        options.signal?.throwIfAborted();
        this.state = next;
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

  /** In-process: healthy until closed. */
  health(): Promise<void> {
    return settle(() => this.assertOpen());
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

  private async buildState(
    settings: IndexSettings,
    docs: SearchDocument[],
    onProgress?: (indexed: number) => void,
  ): Promise<EngineState> {
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
      if ((i + 1) % this.batchSize === 0) {
        onProgress?.(i + 1);
        await yieldToEventLoop();
      }
    }
    onProgress?.(unique.length);
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
    if (this.closed) {
      throw new SearchEngineUnavailableError('The embedded search engine is closed', {
        details: { engine: 'embedded' },
      });
    }
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
