import { tokenize, type Token } from '../norwegian/tokenize';

/** Opening and closing highlight tags (Meilisearch's `highlightPreTag`/`highlightPostTag`). */
export const MARK_OPEN = '<mark>';
export const MARK_CLOSE = '</mark>';
const ELLIPSIS = '…';

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

/** Ranges of the words in `text` for which `isMatch` is true. */
export function matchRanges(text: string, isMatch: (word: string) => boolean): MarkRange[] {
  return tokenize(text)
    .filter((t) => isMatch(t.text))
    .map((t) => [t.start, t.end] as const);
}

/** Highlights the matching words of a whole text. */
export function highlightText(text: string, isMatch: (word: string) => boolean): string {
  return renderMarked(text, matchRanges(text, isMatch));
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
 */
export function cropText(
  text: string,
  isMatch: (word: string) => boolean,
  cropLength: number,
  extraRanges: readonly MarkRange[] = [],
): Crop {
  const tokens = tokenize(text);
  if (tokens.length === 0) return { html: '', matched: false };
  const extra = mergeRanges(extraRanges, text.length);
  const hits = tokens.map((t) => isMatch(t.text) || overlaps(t, extra));
  const width = Math.max(1, Math.min(cropLength, tokens.length));
  let count = 0;
  for (let i = 0; i < width; i++) if (hits[i]) count++;
  let best = count;
  let bestStart = 0;
  for (let start = 1; start + width <= tokens.length; start++) {
    if (hits[start - 1]) count--;
    if (hits[start + width - 1]) count++;
    if (count > best) {
      best = count;
      bestStart = start;
    }
  }
  // Start a little before the first match in the window so it reads as a sentence fragment.
  const firstHit = hits.indexOf(true, bestStart);
  if (best > 0 && firstHit >= 0) {
    const lead = Math.min(Math.floor(width / 4), firstHit);
    bestStart = Math.max(0, Math.min(firstHit - lead, tokens.length - width));
  }
  const first = tokens[bestStart] as Token;
  const last = tokens[Math.min(bestStart + width, tokens.length) - 1] as Token;
  const from = bestStart === 0 ? 0 : first.start;
  const to = bestStart + width >= tokens.length ? text.length : last.end;
  const ranges: MarkRange[] = [];
  for (let i = bestStart; i < bestStart + width && i < tokens.length; i++) {
    const t = tokens[i];
    if (t && hits[i]) ranges.push([t.start - from, t.end - from]);
  }
  const body = renderMarked(text.slice(from, to), ranges);
  return {
    html: `${from > 0 ? ELLIPSIS : ''}${body}${to < text.length ? ELLIPSIS : ''}`,
    matched: best > 0,
  };
}

function overlaps(token: Token, ranges: readonly MarkRange[]): boolean {
  return ranges.some(([s, e]) => token.start < e && s < token.end);
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
