/**
 * A random token for this page load only: it lives in memory (never a cookie or storage) and goes
 * with each search as `session`, so the API's analytics can tell a refinement ("klam" →
 * "klamydia") from a new search. A reload makes a new one; nothing links two visits.
 */
export function createSessionToken(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  return Array.from(random(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A click on a result, exactly the four fields `POST /v1/search/events` accepts: which search,
 * which position, which item — nothing about the person (not even the session token).
 */
export interface ClickEvent {
  queryId: string;
  position: number;
  type: 'article' | 'question' | 'service';
  id: string;
}

/** The event for a clicked hit, or `null` when the answer carried no `queryId`/`position`. */
export function clickEvent(
  queryId: string | null | undefined,
  hit: { position?: number | null; type: ClickEvent['type']; id: string },
): ClickEvent | null {
  if (!queryId || typeof hit.position !== 'number' || hit.position < 1) return null;
  return { queryId, position: hit.position, type: hit.type, id: hit.id };
}

/** The events URL (`?key=` because a keepalive request should not need a preflight). */
export function eventsUrl(base: string, key: string | null): string {
  const url = new URL('/v1/search/events', base);
  if (key) url.searchParams.set('key', key);
  return url.toString();
}

/**
 * Sends an event with `fetch(…, { keepalive: true })` so it survives the navigation the click
 * starts. Sent as `text/plain` to stay a CORS-simple request (keepalive requests cannot be
 * preflighted in every browser); errors are swallowed — analytics must never break a click.
 */
export function sendEvent(
  url: string,
  event: ClickEvent,
  fetchFn: typeof fetch = (...a) => fetch(...a),
): void {
  try {
    void fetchFn(url, {
      method: 'POST',
      body: JSON.stringify(event),
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
      keepalive: true,
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      mode: 'cors',
    }).catch(() => undefined);
  } catch {
    /* ignore */
  }
}
