import { clickEvent, createSessionToken, eventsUrl, sendEvent } from '../analytics';

describe('click analytics', () => {
  it('makes a fresh random 128-bit token each time', () => {
    const a = createSessionToken();
    const b = createSessionToken();
    expect(a).toMatch(/^[0-9a-f]{32}$/);
    expect(a).not.toBe(b);
  });

  it('builds an event with exactly queryId, position, type and id', () => {
    const event = clickEvent('q_abc', { position: 2, type: 'article', id: 'doc1' });
    expect(event).toEqual({ queryId: 'q_abc', position: 2, type: 'article', id: 'doc1' });
    expect(clickEvent(null, { position: 2, type: 'article', id: 'doc1' })).toBeNull();
    expect(clickEvent('q_abc', { type: 'article', id: 'doc1' })).toBeNull();
  });

  it('posts with keepalive, no credentials, no referrer, CORS-simple content type', () => {
    const calls: [string, RequestInit][] = [];
    const fake = ((url: string, init: RequestInit) => {
      calls.push([url, init]);
      return Promise.resolve(new Response(null, { status: 204 }));
    }) as unknown as typeof fetch;
    sendEvent(
      eventsUrl('https://kilde.example', 'kwk_x'),
      { queryId: 'q', position: 1, type: 'service', id: 's' },
      fake,
    );
    expect(calls).toHaveLength(1);
    const [url, init] = calls[0]!;
    expect(url).toBe('https://kilde.example/v1/search/events?key=kwk_x');
    expect(init).toMatchObject({
      method: 'POST',
      keepalive: true,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    expect((init.headers as Record<string, string>)['content-type']).toBe(
      'text/plain;charset=UTF-8',
    );
    expect(JSON.parse(init.body as string)).toEqual({
      queryId: 'q',
      position: 1,
      type: 'service',
      id: 's',
    });
  });

  it('never throws, even when fetch does', () => {
    const broken = (() => {
      throw new Error('offline');
    }) as unknown as typeof fetch;
    expect(() =>
      sendEvent(
        'https://kilde.example/v1/search/events',
        { queryId: 'q', position: 1, type: 'article', id: 'a' },
        broken,
      ),
    ).not.toThrow();
  });
});
