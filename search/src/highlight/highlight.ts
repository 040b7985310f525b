import { scanWords } from '../norwegian/tokenize';

/** Opening and closing highlight tags (Meilisearch's `highlightPreTag`/`highlightPostTag`). */
export const MARK_OPEN = '<mark>';
export const MARK_CLOSE = '</mark>';
const ELLIPSIS = '…';
const MAX_CROP_SCAN_CHARS = 1500;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** A half-open character range `[start, end)` to wrap in `<mark>`. */
export type MarkRange = readonly [start: number, end: number];

/**
 * Renders `text` as HTML with the given ranges marked. Every piece of text is escaped on its
 * own, so a mark can never split an entity and nothing from the text can open a tag.
 */
export function renderMarked(text: string, ranges: readonly MarkRange[]): string {
  const merged = mergeRanges(ranges, text.length);
  let html = '';
  let at = 0;
  for (const [start, end] of merged) {
    html += escapeHtml(text.slice(at, start));
    html += MARK_OPEN + escapeHtml(text.slice(start, end)) + MARK_CLOSE;
    at = end;
  }
  return html + escapeHtml(text.slice(at));
}

/** Decides whether a word matches, given the word. */
export type WordMatcher = (word: string) => boolean;

/**
 * Decides whether a word matches given its place: the text, its offsets and its index among
 * the text's words. Lets the embedded engine answer from its forward index (the n-th word of an
 * attribute is the n-th term id) without slicing or hashing every word.
 */
export interface TokenMatcher {
  matchToken(text: string, start: number, end: number, index: number): boolean;
}

/** Either kind of matcher. */
export type Matcher = WordMatcher | TokenMatcher;

type MatchAt = (text: string, start: number, end: number, index: number) => boolean;

function matchAt(matcher: Matcher): MatchAt {
  if (typeof matcher === 'function') return (text, start, end) => matcher(text.slice(start, end));
  return (text, start, end, index) => matcher.matchToken(text, start, end, index);
}

/** Ranges of the words in `text` that match. */
export function matchRanges(text: string, matcher: Matcher): MarkRange[] {
  const isMatch = matchAt(matcher);
  const ranges: MarkRange[] = [];
  let index = 0;
  scanWords(text, (start, end) => {
    if (isMatch(text, start, end, index++)) ranges.push([start, end]);
  });
  return ranges;
}

/** Highlights the matching words of a whole text. */
export function highlightText(text: string, matcher: Matcher): string {
  return renderMarked(text, matchRanges(text, matcher));
}

/** A cropped passage around the best cluster of matches, as HTML. */
export interface Crop {
  html: string;
  /** Whether the passage contains at least one match. */
  matched: boolean;
}

/**
 * Crops `text` to `cropLength` words around the window with the most matching words
 * (Meilisearch's `attributesToCrop`), marks the matches and adds `…` where text was cut.
 * `extraRanges` are marked too (matches an engine reported itself).
 */
export function cropText(
  text: string,
  matcher: Matcher,
  cropLength: number,
  extraRanges: readonly MarkRange[] = [],
): Crop {
  const isMatch = matchAt(matcher);
  // Passages are looked for in the first few hundred words: a snippet is a preview, and long
  // articles would otherwise cost a match test per word on every hit.
  const scanned = text.length > MAX_CROP_SCAN_CHARS ? text.slice(0, MAX_CROP_SCAN_CHARS) : text;
  const starts: number[] = [];
  const ends: number[] = [];
  const hits: boolean[] = [];
  const extra = mergeRanges(extraRanges, text.length);
  scanWords(scanned, (start, end) => {
    hits.push(
      isMatch(text, start, end, starts.length) || extra.some(([s, e]) => start < e && s < end),
    );
    starts.push(start);
    ends.push(end);
  });
  const count = starts.length;
  if (count === 0) return { html: '', matched: false };
  const width = Math.max(1, Math.min(cropLength, count));
  let inWindow = 0;
  for (let i = 0; i < width; i++) if (hits[i]) inWindow++;
  let best = inWindow;
  let bestStart = 0;
  for (let start = 1; start + width <= count; start++) {
    if (hits[start - 1]) inWindow--;
    if (hits[start + width - 1]) inWindow++;
    if (inWindow > best) {
      best = inWindow;
      bestStart = start;
    }
  }
  // Start a little before the first match in the window so it reads as a sentence fragment.
  const firstHit = hits.indexOf(true, bestStart);
  if (best > 0 && firstHit >= 0) {
    const lead = Math.min(Math.floor(width / 4), firstHit);
    bestStart = Math.max(0, Math.min(firstHit - lead, count - width));
  }
  const stop = Math.min(bestStart + width, count);
  const from = bestStart === 0 ? 0 : (starts[bestStart] ?? 0);
  const cutEnd = stop >= count && scanned.length === text.length;
  const to = cutEnd ? text.length : (ends[stop - 1] ?? text.length);
  const ranges: MarkRange[] = [];
  for (let i = bestStart; i < stop; i++) {
    if (hits[i]) ranges.push([(starts[i] ?? 0) - from, (ends[i] ?? 0) - from]);
  }
  const body = renderMarked(text.slice(from, to), ranges);
  return {
    html: `${from > 0 ? ELLIPSIS : ''}${body}${to < text.length ? ELLIPSIS : ''}`,
    matched: best > 0,
  };
}

function mergeRanges(ranges: readonly MarkRange[], length: number): MarkRange[] {
  const sorted = ranges
    .map(([s, e]) => [Math.max(0, s), Math.min(length, e)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [s, e] of sorted) {
    const prev = out[out.length - 1];
    if (prev && s <= prev[1]) prev[1] = Math.max(prev[1], e);
    else out.push([s, e]);
  }
  return out;
}
