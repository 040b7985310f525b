import type { Options } from 'minisearch';
import type { IndexSettings, SearchDocument } from '../port/types';
import {
  TextAnalyzer,
  profileFor,
  type AnalysisProfile,
  type WordAnalysis,
} from '../norwegian/analyzer';
import type { Vocabulary } from '../norwegian/vocabulary';
import { MAX_FIELD_TOKENS, QueryWordMasks, STOP_WORD, TermDictionary } from './forward-index';
import { PostingIndex, type IndexedFields } from './posting-index';
import { RetrievalScratch } from './retrieval';
import { DocumentCodes } from './document-codes';
import type { StoredDocument } from './stored-document';

/** Everything a search reads; replaced as a whole by `replaceAll`, `configure` and snapshots. */
export interface EngineState {
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

/** MiniSearch options for pre-analysed documents. */
export function indexOptions(settings: IndexSettings): Options<IndexedFields> {
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

/** An empty index with the given settings and vocabulary. */
export function createState(settings: IndexSettings, vocabulary: Vocabulary): EngineState {
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

/** Ranking position of each MiniSearch attribute id (title 0, summary 1, …). */
export function fieldRanks(state: EngineState): Map<number, number> {
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
export interface AnalysedDocument {
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

/** Analyses a document's searchable attributes (stop words kept, flagged). */
export function analyseDocument(
  analyzer: TextAnalyzer,
  doc: SearchDocument,
  settings: IndexSettings,
): AnalysedDocument {
  const profile = profileFor(doc.locale);
  return {
    profile,
    fields: settings.searchableAttributes.map((f) =>
      analyzer.analyzeAll(fieldText(doc, f), profile),
    ),
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

/** Counts an analysed document's words in the vocabulary. */
export function addToVocabulary(analyzer: TextAnalyzer, a: AnalysedDocument): void {
  const { surfaces, keys } = distinctWords(a);
  analyzer.vocabulary.addDocument(surfaces.entries(), keys);
}

/** Removes a stored document from the index, the vocabulary and the store. */
export function removeDocument(state: EngineState, stored: StoredDocument): void {
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

/** Indexes a batch, replacing documents with the same id. */
export function indexBatch(state: EngineState, docs: SearchDocument[]): void {
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

/** Adds an analysed document to MiniSearch, the forward index and the store. */
export function insertAnalysed(state: EngineState, doc: SearchDocument, a: AnalysedDocument): void {
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

/** Compacts MiniSearch after many deletions (awaited inside writes, never left on timers). */
export async function maybeVacuum(index: PostingIndex): Promise<void> {
  if (index.dirtCount > 1000 && index.dirtFactor > 0.1) {
    await index.vacuum({ batchSize: 5000, batchWait: 0 });
  }
}
