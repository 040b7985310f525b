import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ids = new WeakMap<IncomingMessage, string>();
/** A caller's id is kept only when it looks like an id (no header injection, no personal data). */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * The request's id: the caller's `X-Request-Id` when plausible (a partner's or a load balancer's),
 * otherwise a new UUID. Echoed in the response, written in error logs and forwarded to the CMS on
 * the internal channel, which stores it on the outbox rows the request causes.
 */
export function assignRequestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  const id = typeof given === 'string' && ACCEPTABLE_ID.test(given) ? given : randomUUID();
  ids.set(req, id);
  return id;
}

/** The id `assignRequestId` gave this request. */
export function requestIdOf(req: IncomingMessage): string | undefined {
  return ids.get(req);
}
