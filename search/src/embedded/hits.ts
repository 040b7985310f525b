import type { RankingDetails, SearchableAttribute, SearchDocument, SearchHit } from '../port/types';
import type { NormalizedSearchQuery } from '../settings/normalize-search-query';
import type { AnalysisProfile } from '../norwegian/analyzer';
import type { QueryPlan } from '../norwegian/query-plan';
import { QueryMatcher } from '../highlight/query-matcher';
import { cropText, escapeHtml, highlightText, type Matcher } from '../highlight/highlight';
import { STOP_WORD, type QueryWordMasks } from './forward-index';
import type { Candidates } from './retrieval';
import type { EngineState } from './engine-state';
import type { StoredDocument } from './stored-document';

/**
 * A highlight matcher for one search. Every word of an indexed document is in the forward
 * index's dictionary, where the query's word masks already say whether it matches (by form,
 * key or compound part), so a match costs two look-ups instead of an analysis.
 */
export function createMatcher(
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
export function fieldMatcher(
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

/** A hit: the document without its body, highlights and a snippet, all escaped HTML. */
export function buildHit(
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
