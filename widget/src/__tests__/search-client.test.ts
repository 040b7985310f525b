import {
  parseTopics,
  resultsPageUrl,
  SearchScheduler,
  searchUrl,
  type SearchState,
} from '../search-client';
import type { SearchResponse } from '../types';

const answer = (query: string): SearchResponse => ({
  query,
  locale: 'nb',
  totalHits: 1,
  groups: [{ type: 'article', totalHits: 1, hits: [] }],
});

/** Manual timers and a fetch whose answers the test releases one by one. */
function harness(delayMs = 200) {
  const timers: { fn: () => void; at: number; id: number }[] = [];
  let now = 0;
  let nextId = 1;
  const pending: {
    url: string;
    signal: AbortSignal;
    resolve(r: Response): void;
    reject(e: unknown): void;
  }[] = [];
  const states: SearchState[] = [];
  const scheduler = new SearchScheduler({
    delayMs,
    url: (q) => `https://kilde.example/v1/search?q=${encodeURIComponent(q)}`,
    onState: (s) => states.push(s),
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ fn, at: now + ms, id });
      return id;
    },
    clearTimeout: (id) => {
      const i = timers.findIndex((t) => t.id === id);
      if (i >= 0) timers.splice(i, 1);
    },
    fetch: ((url: string, init: RequestInit) =>
      new Promise<Response>((resolve, reject) => {
        const signal = init.signal!;
        signal.addEventListener('abort', () =>
          reject(Object.assign(new Error('aborted'), { name: 'AbortError' })),
        );
        pending.push({ url, signal, resolve, reject });
      })) as unknown as typeof fetch,
  });
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.filter((x) => x.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
  };
  const flush = () => new Promise<void>((r) => setTimeout(r, 0));
  return { scheduler, pending, states, advance, flush };
}

describe('SearchScheduler', () => {
  it('waits for a pause in typing and sends one request for the last text', async () => {
    const h = harness();
    for (const text of ['k', 'kl', 'kla', 'klam']) {
      h.scheduler.input(text);
      h.advance(100);
    }
    expect(h.pending).toHaveLength(0);
    h.advance(200);
    expect(h.pending.map((p) => p.url)).toEqual(['https://kilde.example/v1/search?q=klam']);
    h.pending[0]!.resolve(new Response(JSON.stringify(answer('klam'))));
    await h.flush();
    expect(h.states.at(-1)).toMatchObject({ kind: 'results', query: 'klam' });
  });

  it('aborts the request in flight when newer text arrives, so a late answer never wins', async () => {
    const h = harness();
    h.scheduler.input('angst');
    h.advance(200);
    h.scheduler.input('angst skole');
    h.advance(200);
    expect(h.pending).toHaveLength(2);
    expect(h.pending[0]!.signal.aborted).toBe(true);
    h.pending[1]!.resolve(new Response(JSON.stringify(answer('angst skole'))));
    await h.flush();
    // The stale one answers afterwards: ignored.
    h.pending[0]!.resolve(new Response(JSON.stringify(answer('angst'))));
    await h.flush();
    const results = h.states.filter((s) => s.kind === 'results');
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ query: 'angst skole' });
  });

  it('goes idle below two characters and reports HTTP errors', async () => {
    const h = harness();
    h.scheduler.input(' a ');
    expect(h.states.at(-1)).toEqual({ kind: 'idle' });
    h.scheduler.input('sovn');
    h.advance(200);
    h.pending[0]!.resolve(new Response('{"error":{}}', { status: 429 }));
    await h.flush();
    expect(h.states.at(-1)).toEqual({ kind: 'error', query: 'sovn', status: 429 });
  });

  it('searches at once with now() (a chosen spelling suggestion)', async () => {
    const h = harness();
    const done = h.scheduler.now('klamydia');
    expect(h.pending.map((p) => p.url)).toEqual(['https://kilde.example/v1/search?q=klamydia']);
    h.pending[0]!.resolve(new Response(JSON.stringify(answer('klamydia'))));
    await done;
    expect(h.states.at(-1)).toMatchObject({ kind: 'results', query: 'klamydia' });
  });
});

describe('URLs', () => {
  it('puts the key, locale, topic and session in the search URL', () => {
    const url = new URL(
      searchUrl('https://kilde.example', {
        q: 'kan eg bli gravid',
        locale: 'nn',
        key: 'kwk_a',
        topics: ['prevensjon', 'kropp'],
        pageSize: 5,
        session: 'abcdefabcdefabcdef',
      }),
    );
    expect(url.origin + url.pathname).toBe('https://kilde.example/v1/search');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      q: 'kan eg bli gravid',
      locale: 'nn',
      pageSize: '5',
      topic: 'prevensjon',
      session: 'abcdefabcdefabcdef',
      key: 'kwk_a',
    });
  });

  it('never puts the key in the results page URL', () => {
    expect(resultsPageUrl('https://kilde.example', 'søvn', 'nb')).toBe(
      'https://kilde.example/sok?q=s%C3%B8vn&locale=nb',
    );
  });

  it('parses the topics attribute and drops anything that is not a slug', () => {
    expect(parseTopics(' angst, skole  psykisk-helse,<script>')).toEqual([
      'angst',
      'skole',
      'psykisk-helse',
    ]);
    expect(parseTopics(null)).toEqual([]);
  });
});
