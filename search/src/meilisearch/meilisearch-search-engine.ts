import type { Locale } from '@kilde/schemas';
import type {
  DocumentSource,
  EngineStats,
  IndexSettings,
  RankingDetails,
  ReplaceAllOptions,
  SearchDocument,
  SearchEngine,
  SearchHit,
  SearchQuery,
  SearchResult,
} from '../port/types';
import { defaultIndexSettings } from '../settings/default-index-settings';
import { normalizeSearchQuery } from '../settings/normalize-search-query';
import { TextAnalyzer, profileFor, type AnalysisProfile } from '../norwegian/analyzer';
import { Vocabulary } from '../norwegian/vocabulary';
import { planQuery } from '../norwegian/query-plan';
import { suggestQuery } from '../norwegian/suggest';
import { QueryMatcher } from '../highlight/query-matcher';
import { cropText, matchRanges, renderMarked, type MarkRange } from '../highlight/highlight';
import { SearchEngineError } from '../errors/search-engine-error';
import {
  loadMeilisearch,
  type Hit,
  type IndexSwap,
  type MeilisearchClient,
  type SearchParams,
  type SearchResponse,
  type Task,
} from './client';
import { wrapMeilisearchError } from './wrap-meilisearch-error';
import { toFilterExpression } from './filter-expression';
import { toMeilisearchSettings } from './meilisearch-settings';
import {
  DOCUMENT_ATTRIBUTES,
  PRIMARY_KEY,
  fromMeilisearchHit,
  meilisearchUid,
  toMeilisearchDocument,
} from './meilisearch-document';
import { rewriteQueryForMeilisearch } from './rewrite-query';
import { VocabularyStore } from './vocabulary-store';

/** Options for {@link MeilisearchSearchEngine}. */
export interface MeilisearchEngineOptions {
  /** The client (`new Meilisearch({ host, apiKey })`), or anything with the same methods. */
  client: MeilisearchClient;
  /** The index searched; replaced atomically by {@link MeilisearchSearchEngine.replaceAll}. */
  indexUid?: string;
  settings?: IndexSettings;
  /** How long to wait for an indexing task, in ms (Meilisearch processes tasks in order). */
  taskTimeoutMs?: number;
  /** Documents per `addDocuments` call. */
  batchSize?: number;
  /**
   * How many `addDocuments` tasks a rebuild keeps enqueued before waiting for the oldest. Bounds
   * memory (each in flight holds one batch until its request is sent) while Meilisearch, which
   * processes tasks in order, always has the next batch waiting; default 4.
   */
  maxTasksInFlight?: number;
  /** A searching process reloads the shared vocabulary this often (ms). */
  vocabularyRefreshMs?: number;
  /**
   * A writing process saves the vocabulary at most this often (ms); 0 saves after every write.
   * The last changes are saved on {@link MeilisearchSearchEngine.close}.
   */
  vocabularySaveIntervalMs?: number;
}

/** Options for {@link createMeilisearchEngine}. */
export interface MeilisearchConnectionOptions extends Omit<MeilisearchEngineOptions, 'client'> {
  host: string;
  apiKey?: string;
  /** Per-request timeout in ms. */
  requestTimeoutMs?: number;
}

// Private-use characters as highlight tags: they cannot occur in Kilde's text, so the adapter
// can find Meilisearch's marks, escape the text and only then insert `<mark>`.
const PRE_TAG = '\uE000';
const POST_TAG = '\uE001';

/**
 * The search port on Meilisearch, through the official `meilisearch` client.
 *
 * @remarks
 * Meilisearch has no nynorsk, Norwegian stemming or compound splitting, so the adapter feeds it
 * the Norwegian layer's output: documents carry `<attribute>_x` fields with keys and compound
 * parts, queries are rewritten into keys, synonyms are configured in key space. Every call
 * waits for its task, so a resolved write is visible to the next search, and every client
 * error is wrapped ({@link wrapMeilisearchError}).
 */
export class MeilisearchSearchEngine implements SearchEngine {
  readonly name = 'meilisearch' as const;
  private readonly client: MeilisearchClient;
  private readonly indexUid: string;
  private settings: IndexSettings;
  private analyzer: TextAnalyzer;
  private readonly taskTimeoutMs: number;
  private readonly batchSize: number;
  private readonly maxTasksInFlight: number;
  private readonly vocabularyRefreshMs: number;
  private readonly vocabularySaveIntervalMs: number;
  private readonly vocabularyStore: VocabularyStore;
  private vocabularyLoadedAt = -Infinity;
  /** The saved revision this process's vocabulary corresponds to (null: none seen yet). */
  private vocabularyRevision: string | null = null;
  /** Counts changes to the in-memory vocabulary; `savedChanges` is where the last save was. */
  private vocabularyChanges = 0;
  private savedChanges = 0;
  private lastVocabularySave = -Infinity;
  private vocabularySaveTimer: NodeJS.Timeout | undefined;
  private indexing = 0;

  constructor(options: MeilisearchEngineOptions) {
    this.client = options.client;
    this.indexUid = options.indexUid ?? 'kilde';
    this.settings = options.settings ?? defaultIndexSettings;
    this.taskTimeoutMs = options.taskTimeoutMs ?? 120_000;
    this.batchSize = options.batchSize ?? 1000;
    this.maxTasksInFlight = Math.max(1, options.maxTasksInFlight ?? 4);
    this.vocabularyRefreshMs = options.vocabularyRefreshMs ?? 5 * 60_000;
    this.vocabularySaveIntervalMs = options.vocabularySaveIntervalMs ?? 0;
    this.analyzer = TextAnalyzer.fromSettings(this.settings, new Vocabulary());
    this.vocabularyStore = new VocabularyStore(
      this.client,
      `${this.indexUid}__vocabulary`,
      (task) => this.expectSuccess(task, 'vocabulary save'),
    );
  }

  async configure(settings: IndexSettings): Promise<void> {
    this.settings = settings;
    this.analyzer = TextAnalyzer.fromSettings(settings, this.analyzer.vocabulary);
    await this.call('configure', async () => {
      await this.ensureIndex(this.indexUid);
      await this.expectSuccess(
        this.client.index(this.indexUid).updateSettings(this.meiliSettings()).waitTask(this.wait()),
        'settings update',
      );
    });
  }

  async upsert(docs: SearchDocument[]): Promise<void> {
    if (docs.length === 0) return;
    await this.track(() =>
      this.call('upsert', async () => {
        await this.syncVocabularyForWrite();
        this.countWords(this.analyzer, docs);
        this.vocabularyChanges++;
        await this.addDocuments(this.indexUid, docs);
        await this.saveVocabularySoon();
      }),
    );
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    // The vocabulary keeps counting deleted documents' words until the next replaceAll: it
    // only feeds compound splitting and suggestions, and un-counting would mean fetching every
    // deleted document first.
    await this.call('delete', () =>
      this.expectSuccess(
        this.client
          .index(this.indexUid)
          .deleteDocuments(ids.map(meilisearchUid))
          .waitTask(this.wait()),
        'document deletion',
      ),
    );
  }

  /**
   * Builds a new index (`<uid>_rebuild_<time>`) beside the live one, fills it, and swaps the two
   * (`swapIndexes`, atomic: searches see the old contents until the swap, then the new ones, and
   * never a half-built index); the old contents, now under the temporary name, are deleted.
   * @remarks Meilisearch's swap exchanges documents, settings and task history of the two uids.
   * Writes to the live uid while the new index is being built go into the old contents and go
   * away with them: whoever feeds the index replays them afterwards (`kilde reindex` rewinds the
   * outbox consumer to the seq the rebuild started at).
   *
   * Two passes over the documents: the first only counts words (compound splitting needs the
   * vocabulary of the whole corpus before any document's `_x` fields can be computed), the second
   * converts and adds them batch by batch, with up to `maxTasksInFlight` tasks enqueued at once.
   * Given a {@link DocumentSource} function, both passes stream and memory stays flat (the
   * vocabulary, not the corpus); a one-shot iterable is held in memory between the passes.
   * A rebuild that fails or is aborted deletes its temporary index (best effort; one that dies
   * leaves it for {@link removeLeftoverRebuilds}); the live index is never deleted.
   */
  async replaceAll(docs: DocumentSource, options: ReplaceAllOptions = {}): Promise<void> {
    const { signal } = options;
    let pass: () => Iterable<SearchDocument> | AsyncIterable<SearchDocument>;
    if (typeof docs === 'function') pass = docs;
    else {
      const all: SearchDocument[] = [];
      for await (const d of docs) all.push(d);
      pass = () => all;
    }
    await this.track(() =>
      this.call('replaceAll', async () => {
        // Built on the side: a rebuild that fails leaves this process's vocabulary as it was.
        const analyzer = TextAnalyzer.fromSettings(this.settings, new Vocabulary());
        for await (const batch of batches(pass(), this.batchSize)) {
          signal?.throwIfAborted();
          this.countWords(analyzer, batch);
        }
        const tmp = `${this.indexUid}_rebuild_${Date.now().toString(36)}`;
        let swapped = false;
        try {
          signal?.throwIfAborted();
          await this.ensureIndex(tmp);
          await this.expectSuccess(
            this.client
              .index(tmp)
              .updateSettings(toMeilisearchSettings(this.settings, analyzer))
              .waitTask(this.wait()),
            'settings update',
          );
          await this.streamDocuments(tmp, pass(), analyzer, options);
          await this.ensureIndex(this.indexUid);
          // The last point of no return: an aborted rebuild (its lease lost) must not swap.
          signal?.throwIfAborted();
          await this.expectSuccess(
            this.client
              // `rename` is optional since Meilisearch 1.18 and an unknown field (bad_request)
              // before it; the client's type requires it, so it is left out explicitly.
              .swapIndexes([{ indexes: [this.indexUid, tmp] } as IndexSwap])
              .waitTask(this.wait()),
            'index swap',
          );
          swapped = true;
          this.analyzer = analyzer;
          this.vocabularyChanges++;
          // The old contents; if this fails, the next reindex removes them as a leftover.
          await this.deleteRebuildIndex(tmp).catch(() => undefined);
          await this.saveVocabulary();
        } catch (error) {
          if (!swapped) await this.deleteRebuildIndex(tmp).catch(() => undefined);
          throw error;
        }
      }),
    );
  }

  /**
   * Deletes `<uid>_rebuild_<time>` indexes a rebuild that died left behind, and returns their
   * uids. Only names of exactly that shape are touched: never the live index or its vocabulary.
   * @remarks Run it where no other rebuild of this uid is running (`kilde reindex` holds its lease
   * first), or it deletes that rebuild's index from under it.
   */
  async removeLeftoverRebuilds(): Promise<string[]> {
    return this.call('removeLeftoverRebuilds', async () => {
      const leftover: string[] = [];
      const limit = 200;
      for (let offset = 0; ; offset += limit) {
        const page = await this.client.getRawIndexes({ offset, limit });
        for (const { uid } of page.results) if (isRebuildOf(this.indexUid, uid)) leftover.push(uid);
        if (page.results.length < limit || offset + limit >= page.total) break;
      }
      for (const uid of leftover) await this.deleteRebuildIndex(uid);
      return leftover;
    });
  }

  async clear(): Promise<void> {
    await this.call('clear', async () => {
      await this.expectSuccess(
        this.client.index(this.indexUid).deleteAllDocuments().waitTask(this.wait()),
        'document deletion',
      );
      this.analyzer = TextAnalyzer.fromSettings(this.settings, new Vocabulary());
      this.vocabularyChanges++;
      await this.saveVocabulary();
    });
  }

  /**
   * Saves vocabulary changes not saved yet. The client holds no connections (it uses fetch), so
   * there is nothing else to release.
   */
  async close(): Promise<void> {
    clearTimeout(this.vocabularySaveTimer);
    this.vocabularySaveTimer = undefined;
    // The vocabulary only feeds compound splitting and suggestions; a shutdown while the server
    // is unreachable loses the last few seconds of counts, never documents.
    await this.call('close', () => this.saveVocabulary()).catch(() => undefined);
  }

  /** Asks the server's `/health`; transport failures and 5xx reject as unavailable. */
  async health(): Promise<void> {
    await this.call('health', () => this.client.health());
  }

  async stats(): Promise<EngineStats> {
    return this.call('stats', async () => {
      const index = this.client.index(this.indexUid);
      const stats = await index.getStats();
      const facets = await index.search('', { facets: ['type', 'locale'], limit: 0 });
      return {
        engine: 'meilisearch',
        numberOfDocuments: stats.numberOfDocuments,
        isIndexing: stats.isIndexing || this.indexing > 0,
        byType: { ...(facets.facetDistribution?.['type'] ?? {}) },
        byLocale: { ...(facets.facetDistribution?.['locale'] ?? {}) },
      };
    });
  }

  async suggest(q: string, options: { locale?: Locale } = {}): Promise<string | null> {
    await this.call('suggest', () => this.ensureVocabulary());
    return suggestQuery(q, this.analyzer, profileFor(options.locale ?? 'nb'));
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const nq = normalizeSearchQuery(query, this.settings);
    await this.call('search', () => this.ensureVocabulary());
    const profile = queryProfile(query);
    const plan = nq.placeholder
      ? null
      : planQuery(nq.q, this.analyzer, {
          profiles: [profile],
          typoTolerance: this.settings.typoTolerance,
          prefixSearch: this.settings.prefixSearch !== 'disabled',
          expand: false,
        });
    if (plan) plan.words = plan.words.slice(0, 10);
    const q = plan ? rewriteQueryForMeilisearch(plan) : '';
    const highlight = nq.highlight.length > 0 && plan !== null;
    const params: SearchParams = {
      filter: toFilterExpression(query.filters),
      facets: nq.facets.length > 0 ? [...nq.facets] : undefined,
      sort: nq.sort.length > 0 ? [...nq.sort] : undefined,
      attributesToRetrieve: [...DOCUMENT_ATTRIBUTES],
      attributesToHighlight: highlight ? [...nq.highlight, 'body'] : undefined,
      highlightPreTag: PRE_TAG,
      highlightPostTag: POST_TAG,
      matchingStrategy: nq.matchingStrategy,
      showRankingScoreDetails: nq.showRankingDetails || undefined,
      ...(nq.finitePagination
        ? { page: nq.page, hitsPerPage: nq.hitsPerPage }
        : { offset: nq.offset, limit: nq.limit }),
    };
    // The response carries page totals or offset totals depending on the paging asked for,
    // which the client's types cannot know for a params object built at runtime.
    const response = (await this.call('search', () =>
      this.client.index(this.indexUid).search<Record<string, unknown>>(q, params),
    )) as SearchResponse<Record<string, unknown>> &
      Partial<{
        totalHits: number;
        page: number;
        hitsPerPage: number;
        totalPages: number;
        estimatedTotalHits: number;
      }>;
    const matchers = new Map<AnalysisProfile, QueryMatcher>();
    const matcherFor = (locale: Locale): QueryMatcher | null => {
      if (!plan || !highlight) return null;
      const p = profileFor(locale);
      let m = matchers.get(p);
      if (!m) {
        // Meilisearch marked what it matched; typo-tolerant re-checking adds what it matched
        // through the `_x` fields (inflections, nynorsk spellings, compound parts).
        m = new QueryMatcher(plan, this.analyzer, p, { typoCheck: true });
        matchers.set(p, m);
      }
      return m;
    };
    const hits = response.hits.map((hit) => this.toHit(hit, nq, matcherFor));
    const totalHits = response.totalHits ?? response.estimatedTotalHits ?? hits.length;
    return {
      hits,
      query: nq.q,
      totalHits,
      page: response.page ?? nq.page,
      hitsPerPage: response.hitsPerPage ?? nq.hitsPerPage,
      totalPages:
        response.totalPages ?? (nq.hitsPerPage > 0 ? Math.ceil(totalHits / nq.hitsPerPage) : 0),
      offset: nq.offset,
      limit: nq.limit,
      facetDistribution: response.facetDistribution ?? {},
      processingTimeMs: response.processingTimeMs,
    };
  }

  private toHit(
    hit: Hit<Record<string, unknown>>,
    nq: ReturnType<typeof normalizeSearchQuery>,
    matcherFor: (locale: Locale) => QueryMatcher | null,
  ): SearchHit {
    const doc = fromMeilisearchHit(hit);
    const { body, ...document } = doc;
    const matcher = matcherFor(doc.locale);
    const isMatch = matcher ? matcher.matches : (): boolean => false;
    const formatted = (hit._formatted ?? {}) as Record<string, unknown>;
    const marked = (attribute: 'title' | 'summary' | 'body', text: string): MarkRange[] => {
      const ranges = parseMarks(formatted[attribute], text);
      return matcher ? ranges.concat(matchRanges(text, isMatch)) : ranges;
    };
    const render = (attribute: 'title' | 'summary', text: string): string =>
      renderMarked(text, nq.highlight.includes(attribute) ? marked(attribute, text) : []);
    const fromBody = cropText(
      body,
      isMatch,
      nq.cropLength,
      matcher ? parseMarks(formatted['body'], body) : [],
    );
    const fromSummary = fromBody.matched
      ? fromBody
      : cropText(
          doc.summary,
          isMatch,
          nq.cropLength,
          matcher ? parseMarks(formatted['summary'], doc.summary) : [],
        );
    const result: SearchHit = {
      id: doc.id,
      document,
      highlights: { title: render('title', doc.title), summary: render('summary', doc.summary) },
      // As in the embedded engine: the body passage when it matches, else the summary when it
      // matches or there is no body, else the start of the body.
      snippet: fromBody.matched
        ? fromBody.html
        : fromSummary.matched || !fromBody.html
          ? fromSummary.html
          : fromBody.html,
    };
    if (nq.showRankingDetails && hit._rankingScoreDetails) {
      result.rankingDetails = rankingDetails(hit._rankingScoreDetails);
    }
    return result;
  }

  private get vocabularyDirty(): boolean {
    return this.vocabularyChanges !== this.savedChanges;
  }

  private countWords(analyzer: TextAnalyzer, docs: readonly SearchDocument[]): void {
    const vocabulary = analyzer.vocabulary;
    for (const doc of docs) {
      const profile = profileFor(doc.locale);
      const surfaces = new Map<string, string>();
      const keys = new Set<string>();
      for (const attribute of this.settings.searchableAttributes) {
        const v = doc[attribute];
        const text = Array.isArray(v) ? v.join('\n') : typeof v === 'string' ? v : '';
        for (const w of analyzer.analyzeText(text, profile)) {
          if (!surfaces.has(w.folded) || w.written !== w.folded) surfaces.set(w.folded, w.written);
          keys.add(w.key);
        }
      }
      vocabulary.addDocument(surfaces.entries(), keys);
    }
  }

  private async addDocuments(indexUid: string, docs: readonly SearchDocument[]): Promise<void> {
    const index = this.client.index(indexUid);
    for (let i = 0; i < docs.length; i += this.batchSize) {
      const batch = docs
        .slice(i, i + this.batchSize)
        .map((d) => toMeilisearchDocument(d, this.analyzer, this.settings));
      await this.expectSuccess(
        index.addDocuments(batch, { primaryKey: PRIMARY_KEY }).waitTask(this.wait()),
        'document addition',
      );
    }
  }

  /**
   * Converts and adds the documents batch by batch, keeping up to `maxTasksInFlight` tasks
   * enqueued; progress counts documents whose task succeeded, in order.
   */
  private async streamDocuments(
    indexUid: string,
    docs: Iterable<SearchDocument> | AsyncIterable<SearchDocument>,
    analyzer: TextAnalyzer,
    options: ReplaceAllOptions,
  ): Promise<void> {
    const index = this.client.index(indexUid);
    const inFlight: Array<{ done: Promise<void>; count: number }> = [];
    let indexed = 0;
    const settleOldest = async (): Promise<void> => {
      const oldest = inFlight.shift();
      if (!oldest) return;
      await oldest.done;
      indexed += oldest.count;
      options.onProgress?.(indexed);
    };
    try {
      for await (const batch of batches(docs, this.batchSize)) {
        options.signal?.throwIfAborted();
        const done = this.expectSuccess(
          index
            .addDocuments(
              batch.map((d) => toMeilisearchDocument(d, analyzer, this.settings)),
              { primaryKey: PRIMARY_KEY },
            )
            .waitTask(this.wait()),
          'document addition',
        );
        // Awaited in order below; this only keeps a failure of a later task from going unhandled
        // while an earlier one is awaited.
        done.catch(() => undefined);
        inFlight.push({ done, count: batch.length });
        if (inFlight.length >= this.maxTasksInFlight) await settleOldest();
      }
      while (inFlight.length > 0) await settleOldest();
    } finally {
      // On failure, let the tasks still in flight finish before the index is deleted.
      await Promise.allSettled(inFlight.map((t) => t.done));
    }
  }

  /** Deletes a rebuild index and waits for it; refuses anything that is not one (the live index). */
  private async deleteRebuildIndex(uid: string): Promise<void> {
    if (!isRebuildOf(this.indexUid, uid)) {
      throw new SearchEngineError(
        `Refusing to delete index ${uid}: not a rebuild of ${this.indexUid}`,
        {
          details: { engine: 'meilisearch', index: uid },
        },
      );
    }
    const done = await this.client.deleteIndex(uid).waitTask(this.wait());
    // Gone already is what was wanted.
    if (done.status === 'failed' && done.error?.code === 'index_not_found') return;
    await this.expectSuccess(Promise.resolve(done), 'index deletion');
  }

  private async ensureIndex(uid: string): Promise<void> {
    try {
      await this.client.getRawIndex(uid);
      return;
    } catch (error) {
      if ((error as { cause?: { code?: string } }).cause?.code !== 'index_not_found') throw error;
    }
    await this.expectSuccess(
      this.client.createIndex(uid, { primaryKey: PRIMARY_KEY }).waitTask(this.wait()),
      'index creation',
    );
  }

  private async ensureVocabulary(): Promise<void> {
    // The writing process owns the freshest counts; a searching process checks periodically
    // whether a newer vocabulary was saved (one small read) and only then loads it.
    if (this.vocabularyDirty || Date.now() - this.vocabularyLoadedAt < this.vocabularyRefreshMs)
      return;
    const revision = await this.vocabularyStore.revision();
    this.vocabularyLoadedAt = Date.now();
    if (revision !== null && revision !== this.vocabularyRevision) await this.loadVocabulary();
  }

  /**
   * Before writing, takes over what another process saved since this one last loaded or saved
   * (the outbox lease moved here, or `kilde reindex` saved a rebuilt vocabulary), so this
   * process does not overwrite newer counts with its older ones.
   */
  private async syncVocabularyForWrite(): Promise<void> {
    // Unsaved counts of its own mean this process has been the writer all along.
    if (this.vocabularyDirty) return;
    const revision = await this.vocabularyStore.revision();
    if (revision !== null && revision !== this.vocabularyRevision) await this.loadVocabulary();
  }

  private async loadVocabulary(): Promise<void> {
    const saved = await this.vocabularyStore.load();
    this.vocabularyLoadedAt = Date.now();
    if (!saved) return;
    this.analyzer = TextAnalyzer.fromSettings(this.settings, Vocabulary.fromJSON(saved.vocabulary));
    this.vocabularyRevision = saved.revision;
  }

  /** Saves now, or within `vocabularySaveIntervalMs` of the last save. */
  private async saveVocabularySoon(): Promise<void> {
    const wait = this.lastVocabularySave + this.vocabularySaveIntervalMs - Date.now();
    if (wait <= 0) return this.saveVocabulary();
    this.vocabularySaveTimer ??= setTimeout(() => {
      this.vocabularySaveTimer = undefined;
      // A failed save stays pending: the next write or close() tries again.
      this.saveVocabulary().catch(() => undefined);
    }, wait);
    this.vocabularySaveTimer.unref();
  }

  private async saveVocabulary(): Promise<void> {
    if (!this.vocabularyDirty) return;
    const changes = this.vocabularyChanges;
    const revision = await this.vocabularyStore.save(this.analyzer.vocabulary.toJSON());
    // Counts added while the save ran stay pending for the next one.
    this.savedChanges = changes;
    this.vocabularyRevision = revision;
    this.vocabularyLoadedAt = Date.now();
    this.lastVocabularySave = Date.now();
  }

  private meiliSettings(): ReturnType<typeof toMeilisearchSettings> {
    return toMeilisearchSettings(this.settings, this.analyzer);
  }

  private wait(): { timeout: number; interval: number } {
    return { timeout: this.taskTimeoutMs, interval: 50 };
  }

  /** Waits for a task and turns a failed or cancelled task into a {@link SearchEngineError}. */
  private async expectSuccess(task: Promise<Task>, what: string): Promise<void> {
    const done = await task;
    if (done.status !== 'succeeded') {
      throw new SearchEngineError(`Meilisearch ${what} task ${done.uid} ${done.status}`, {
        details: { engine: 'meilisearch', task: done.uid, status: done.status, error: done.error },
      });
    }
  }

  private async call<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw wrapMeilisearchError(error, operation);
    }
  }

  private async track<T>(fn: () => Promise<T>): Promise<T> {
    this.indexing++;
    try {
      return await fn();
    } finally {
      this.indexing--;
    }
  }
}

/**
 * Connects to Meilisearch with the official client and returns the adapter. Nothing is sent
 * until the first call; use `configure` to create the index and apply settings.
 */
export async function createMeilisearchEngine(
  options: MeilisearchConnectionOptions,
): Promise<MeilisearchSearchEngine> {
  const { Meilisearch } = await loadMeilisearch();
  const client = new Meilisearch({
    host: options.host,
    apiKey: options.apiKey,
    timeout: options.requestTimeoutMs ?? 10_000,
  });
  return new MeilisearchSearchEngine({ ...options, client });
}

/** Whether `uid` is a rebuild index of `indexUid` (`<indexUid>_rebuild_<base-36 time>`), never the live one. */
export function isRebuildOf(indexUid: string, uid: string): boolean {
  const prefix = `${indexUid}_rebuild_`;
  return uid !== indexUid && uid.startsWith(prefix) && /^[0-9a-z]+$/.test(uid.slice(prefix.length));
}

/** Groups documents into arrays of `size`, pulling from the source only as batches are taken. */
async function* batches(
  docs: Iterable<SearchDocument> | AsyncIterable<SearchDocument>,
  size: number,
): AsyncGenerator<SearchDocument[]> {
  let batch: SearchDocument[] = [];
  for await (const d of docs) {
    batch.push(d);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** Meilisearch analyses one query one way: the typed language, else the filtered one, else nb. */
function queryProfile(query: SearchQuery): AnalysisProfile {
  if (query.queryLocale) return profileFor(query.queryLocale);
  const locales = query.filters?.locale;
  const list = locales === undefined ? [] : Array.isArray(locales) ? locales : [locales];
  return list.length > 0 && list.every((l) => l === 'en') ? 'en' : 'no';
}

/**
 * Ranges Meilisearch marked in a formatted attribute, as offsets into the original text. The
 * formatted value is the original with the private-use tags inserted, so removing the tags
 * while counting gives the offsets.
 */
export function parseMarks(formatted: unknown, original: string): MarkRange[] {
  if (typeof formatted !== 'string' || !formatted.includes(PRE_TAG)) return [];
  const ranges: MarkRange[] = [];
  let offset = 0;
  let open = -1;
  for (const ch of formatted) {
    if (ch === PRE_TAG) open = offset;
    else if (ch === POST_TAG) {
      if (open >= 0) ranges.push([open, offset]);
      open = -1;
    } else offset += ch.length;
  }
  // A cropped or otherwise altered value no longer lines up with the original: ignore it.
  return offset === original.length ? ranges : [];
}

function rankingDetails(details: NonNullable<Hit['_rankingScoreDetails']>): RankingDetails {
  return {
    words: details.words?.matchingWords ?? 0,
    typo: details.typo?.typoCount ?? 0,
    proximity: Math.round((1 - (details.proximity?.score ?? 1)) * 100),
    attribute: Math.round((1 - (details.attribute?.score ?? 1)) * 100),
    exactness: Math.round((details.exactness?.score ?? 0) * 100),
  };
}
