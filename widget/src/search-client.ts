import type { Locale, SearchResponse } from './types';

export interface SearchParams {
  q: string;
  locale: Locale;
  /** The partner's public widget key (`partner` attribute). */
  key: string | null;
  /** Topic slugs to stay within (`topics` attribute). */
  topics: readonly string[];
  pageSize: number;
  /** The in-memory per-page-load token (see `createSessionToken`). */
  session?: string;
}

/** Shortest query worth sending; shorter input closes the popup. */
export const MIN_QUERY_LENGTH = 2;
/** Longest query the widget sends (the endpoint refuses longer ones). */
export const MAX_QUERY_LENGTH = 200;

/** The `/v1/search` URL for a query. The key goes in the URL so the request stays CORS-simple. */
export function searchUrl(base: string, p: SearchParams): string {
  const url = new URL('/v1/search', base);
  url.searchParams.set('q', p.q.slice(0, MAX_QUERY_LENGTH));
  url.searchParams.set('locale', p.locale);
  url.searchParams.set('pageSize', String(p.pageSize));
  // The endpoint takes one topic; a widget limited to several topics searches the first.
  if (p.topics[0]) url.searchParams.set('topic', p.topics[0]);
  if (p.session) url.searchParams.set('session', p.session);
  if (p.key) url.searchParams.set('key', p.key);
  return url.toString();
}

/** The server-rendered results page for a query (works without JavaScript). */
export function resultsPageUrl(
  base: string,
  q: string,
  locale: Locale,
  topics: readonly string[] = [],
): string {
  const url = new URL('/sok', base);
  url.searchParams.set('q', q);
  url.searchParams.set('locale', locale);
  if (topics[0]) url.searchParams.set('topic', topics[0]);
  return url.toString();
}

/** Splits the `topics` attribute (`"angst, skole"`) into slugs. */
export function parseTopics(attribute: string | null): string[] {
  return (attribute ?? '')
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter((t) => /^[a-z0-9-]{1,80}$/.test(t));
}

export type SearchState =
  | { kind: 'idle' }
  | { kind: 'loading'; query: string }
  | { kind: 'results'; query: string; response: SearchResponse }
  | { kind: 'error'; query: string; status: number | null };

export interface SearchSchedulerOptions {
  /** Milliseconds of quiet typing before a request goes out. */
  delayMs: number;
  /** Builds the URL of a query (trimmed, at least `MIN_QUERY_LENGTH` characters). */
  url(query: string): string;
  onState(state: SearchState): void;
  fetch?: typeof fetch;
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
}

/**
 * Search as you type: waits for a pause in typing, then sends one request; a newer query aborts
 * the request in flight, so an answer that arrives late can never replace a newer one.
 */
export class SearchScheduler {
  private timer: unknown;
  private inFlight: AbortController | undefined;
  private lastQuery = '';
  private readonly fetchFn: typeof fetch;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly options: SearchSchedulerOptions) {
    this.fetchFn = options.fetch ?? ((...args) => fetch(...args));
    this.setTimer = options.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer =
      options.clearTimeout ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** The input changed. */
  input(raw: string): void {
    const query = raw.trim().replace(/\s+/g, ' ');
    if (query === this.lastQuery && this.timer !== undefined) return;
    this.cancel();
    this.lastQuery = query;
    if (query.length < MIN_QUERY_LENGTH) {
      this.options.onState({ kind: 'idle' });
      return;
    }
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      void this.run(query);
    }, this.options.delayMs);
  }

  /** Searches at once (Enter on a suggestion, a spelling suggestion chosen). */
  now(raw: string): Promise<void> {
    this.cancel();
    const query = raw.trim().replace(/\s+/g, ' ');
    this.lastQuery = query;
    if (query.length < MIN_QUERY_LENGTH) {
      this.options.onState({ kind: 'idle' });
      return Promise.resolve();
    }
    return this.run(query);
  }

  /** Drops the pending timer and aborts the request in flight. */
  cancel(): void {
    if (this.timer !== undefined) this.clearTimer(this.timer);
    this.timer = undefined;
    this.inFlight?.abort();
    this.inFlight = undefined;
  }

  private async run(query: string): Promise<void> {
    const controller = new AbortController();
    this.inFlight = controller;
    this.options.onState({ kind: 'loading', query });
    try {
      const res = await this.fetchFn(this.options.url(query), {
        signal: controller.signal,
        // No cookies, no referrer: the partner page's address is none of Kilde's business.
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
        headers: { accept: 'application/json' },
      });
      if (controller.signal.aborted) return;
      if (!res.ok) {
        this.options.onState({ kind: 'error', query, status: res.status });
        return;
      }
      const response = (await res.json()) as SearchResponse;
      if (controller.signal.aborted) return;
      if (!response || !Array.isArray(response.groups)) {
        this.options.onState({ kind: 'error', query, status: res.status });
        return;
      }
      this.options.onState({ kind: 'results', query, response });
    } catch (err) {
      if (controller.signal.aborted || (err as Error)?.name === 'AbortError') return;
      this.options.onState({ kind: 'error', query, status: null });
    } finally {
      if (this.inFlight === controller) this.inFlight = undefined;
    }
  }
}
