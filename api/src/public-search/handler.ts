import type { IncomingMessage, ServerResponse } from 'node:http';
import { SearchEngineUnavailableError, InvalidSearchQueryError } from '@kilde/search';
import { KildeError } from '@kilde/schemas';
import type { PartnerScope } from '@kilde/store';
import type { AuthenticatedPartner } from '../auth/types';
import { ApiErrorCode } from '../http/error-codes';
import { HttpError } from '../http/http-error';
import { readBody } from '../http/read-body';
import { assertBody, assertParameters } from '../rest/contract';
import { sendJson } from '../http/send';
import { rateLimitHeaders } from '../rate-limit/rate-limit-headers';
import type { RateLimitDecision } from '../rate-limit/types';
import type { RestContext, RestRequest } from '../rest/types';
import { clientAddress, DailyClientHasher } from './client-id';
import { parseSearchParams, SEARCH_TYPES, throwIfProblems, type ParameterProblem } from './parse-params';
import { runPublicSearch } from './search-service';
import type { PublicSearchType } from './types';
import { WidgetKeyService } from './widget-key-service';

const WIDGET_KEY_HEADER = 'x-kilde-widget-key';
const EXPOSED = 'retry-after, ratelimit-limit, ratelimit-remaining, ratelimit-reset, ratelimit-policy';
const MAX_EVENT_BODY = 2 * 1024;
/** The beacon's buckets are this many times larger than the search's. */
const EVENT_FACTOR = 4;

/** Who is searching: a partner's server, or a web page through its widget key. */
type Caller =
  | { kind: 'partner'; partner: AuthenticatedPartner }
  | { kind: 'widget'; partner: AuthenticatedPartner; origin: string };

const authMessages = {
  missing: { code: ApiErrorCode.ApiKeyMissing, message: 'Send a widget key (`?key=` or `x-kilde-widget-key`) or a partner key (`Authorization: Bearer <key>`).' },
  invalid: { code: ApiErrorCode.ApiKeyInvalid, message: 'This key is not a valid Kilde key.' },
  revoked: { code: ApiErrorCode.ApiKeyRevoked, message: 'This key has been revoked.' },
  expired: { code: ApiErrorCode.ApiKeyExpired, message: 'This key has expired.' },
} as const;

function authError(reason: keyof typeof authMessages): HttpError {
  const { code, message } = authMessages[reason];
  return new HttpError(401, code, message, { headers: { 'www-authenticate': 'Bearer realm="kilde"' } });
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** CORS headers for an allowed origin (never `*`, never credentials). */
function corsHeaders(origin: string): Record<string, string> {
  return { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-expose-headers': EXPOSED };
}

/** Sends `{ error: { code, message, details } }` with the given extra headers. */
function sendError(res: ServerResponse, err: HttpError, extra: Record<string, string>): void {
  const body: { code: string; message: string; details?: unknown } = { code: err.code, message: err.message };
  if (err.details !== undefined) body.details = err.details;
  sendJson(res, err.status, { error: body }, { 'cache-control': 'no-store', ...err.headers, ...extra });
}

/**
 * The handlers of `/v1/search` and `/v1/search/events`: keys, origins, CORS, the two rate limits,
 * then the search (or the click) — cheapest refusals first.
 */
export function createPublicSearchHandlers(context: RestContext) {
  const options = context.publicSearch ?? {};
  const widgetKeys = new WidgetKeyService(context.knex, options.widgetKeyCacheMs ?? 10_000);
  const hasher = new DailyClientHasher();
  const clientLimit = options.clientRateLimitPerMinute ?? 120;
  const widgetLimit = options.widgetRateLimitPerMinute ?? 6_000;
  const analytics = options.analytics;

  /** Works out who is calling; throws 401/403 with the headers the caller may see. */
  async function identify(req: IncomingMessage, url: URL): Promise<Caller> {
    const authorization = headerValue(req, 'authorization');
    if (authorization) {
      const result = context.keys.authenticate(authorization);
      const auth = 'then' in result ? await result : result;
      if (!auth.ok) throw authError(auth.reason);
      return { kind: 'partner', partner: auth.partner };
    }
    const key = url.searchParams.get('key') ?? headerValue(req, WIDGET_KEY_HEADER);
    if (!key) throw authError('missing');
    const found = await widgetKeys.lookup(key);
    if (!found) throw authError('invalid');
    if (found.status !== 'active') throw authError(found.status);
    // Browsers send no Origin on a same-origin GET (a page served by this API, such as /demo);
    // they do send `Sec-Fetch-Site: same-origin`, which pages cannot set, so the origin is then
    // this server's own. (A non-browser client could claim either header; widget keys are public
    // anyway and their origin check is about which sites may embed the widget.)
    let origin = headerValue(req, 'origin');
    if (!origin && headerValue(req, 'sec-fetch-site') === 'same-origin') {
      const host = headerValue(req, 'host');
      const forwarded = options.trustProxy ? headerValue(req, 'x-forwarded-proto') : undefined;
      if (host) origin = `${forwarded === 'https' ? 'https' : 'http'}://${host}`;
    }
    if (!origin || !found.record.allowedOrigins.includes(origin)) {
      throw new HttpError(
        403,
        ApiErrorCode.OriginNotAllowed,
        origin
          ? `This widget key is not valid on ${origin}; ask Kilde to add the origin to the key.`
          : 'A widget key works only from a web page on one of its origins (the request has no Origin header); servers use a partner key.',
      );
    }
    const r = found.record;
    return {
      kind: 'widget',
      origin,
      partner: { keyId: r.id, partner: r.partner, scopes: new Set<PartnerScope>(['search']), rateLimitPerMinute: r.rateLimitPerMinute },
    };
  }

  /** Takes tokens from the client's and the key's buckets; throws 429 when either is empty. */
  async function limit(req: IncomingMessage, caller: Caller, factor: number, prefix: string): Promise<RateLimitDecision> {
    const decisions: RateLimitDecision[] = [];
    if (caller.kind === 'widget') {
      const client = hasher.hash(clientAddress(req, options.trustProxy ?? false));
      const d = await context.rateLimiter.take(`${prefix}client:${client}`, clientLimit * factor, 1);
      if (!d.allowed) throw rateLimited(d, 'Too many searches from this browser');
      decisions.push(d);
    }
    const perKey = (caller.partner.rateLimitPerMinute ?? (caller.kind === 'widget' ? widgetLimit : context.defaultRateLimitPerMinute)) * factor;
    const d = await context.rateLimiter.take(`${prefix}${caller.partner.keyId}`, perKey, 1);
    if (!d.allowed) throw rateLimited(d, 'Too many requests for this key');
    decisions.push(d);
    return decisions.reduce((a, b) => (b.remaining / b.limit < a.remaining / a.limit ? b : a));
  }

  function rateLimited(d: RateLimitDecision, what: string): HttpError {
    return new HttpError(429, ApiErrorCode.RateLimited, `${what}; retry in ${d.retryAfterSeconds} s.`, { headers: rateLimitHeaders(d) });
  }

  /** Runs `fn`, and sends any refusal as JSON with CORS headers when the origin may read it. */
  async function guarded(request: RestRequest, fn: (cors: Record<string, string>) => Promise<void>): Promise<void> {
    let cors: Record<string, string> = {};
    try {
      await fn(cors);
    } catch (err) {
      // Refusals before the origin was checked get CORS headers only for an origin some widget
      // key allows, so a browser can read "rate limited" but a foreign page learns nothing.
      const origin = headerValue(request.req, 'origin');
      if (origin && Object.keys(cors).length === 0 && (await widgetKeys.isKnownOrigin(origin).catch(() => false))) {
        if (!(err instanceof HttpError && err.code === (ApiErrorCode.OriginNotAllowed as string))) cors = corsHeaders(origin);
      }
      if (err instanceof HttpError) return sendError(request.res, err, cors);
      if (err instanceof SearchEngineUnavailableError) {
        return sendError(request.res, new HttpError(503, ApiErrorCode.SearchUnavailable, 'Search is unavailable right now; retry shortly.', { headers: { 'retry-after': '2' } }), cors);
      }
      if (err instanceof InvalidSearchQueryError) {
        return sendError(request.res, new HttpError(400, ApiErrorCode.BadUserInput, err.message, { details: err.details }), cors);
      }
      if (err instanceof KildeError && err.status === 503) {
        return sendError(request.res, new HttpError(503, ApiErrorCode.ServiceUnavailable, 'A dependency is unavailable; retry shortly.'), cors);
      }
      context.logger.error({ err, path: request.url.pathname }, 'public search failed');
      return sendError(request.res, new HttpError(500, ApiErrorCode.Internal, 'Internal server error'), cors);
    }
  }

  /** CORS preflight: answered for origins a widget key allows (that key's, when `?key=` is given). */
  async function preflight({ req, res, url }: RestRequest): Promise<void> {
    const origin = headerValue(req, 'origin');
    const method = headerValue(req, 'access-control-request-method');
    const key = url.searchParams.get('key');
    let allowed = false;
    if (origin && (method === 'GET' || method === 'POST')) {
      if (key) {
        const found = await widgetKeys.lookup(key);
        allowed = found?.status === 'active' && found.record.allowedOrigins.includes(origin);
      } else allowed = await widgetKeys.isKnownOrigin(origin);
    }
    if (!origin || !allowed) {
      return sendError(res, new HttpError(403, ApiErrorCode.OriginNotAllowed, origin ? `${origin} may not call this API from a browser.` : 'A CORS preflight needs an Origin header.'), { vary: 'Origin' });
    }
    res.writeHead(204, {
      'access-control-allow-origin': origin,
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': `${WIDGET_KEY_HEADER}, content-type`,
      'access-control-max-age': '600',
      vary: 'Origin',
      'cache-control': 'no-store',
    });
    res.end();
  }

  /** The types a caller may see: partners need `read:questions` for answered questions. */
  function typesFor(caller: Caller, asked: PublicSearchType[] | null): PublicSearchType[] {
    if (caller.kind === 'partner' && !caller.partner.scopes.has('search')) {
      throw new HttpError(403, ApiErrorCode.InsufficientScope, 'This key lacks the `search` scope.', { details: { requiredScopes: ['search'] } });
    }
    const mayQuestions = caller.kind === 'widget' || caller.partner.scopes.has('read:questions');
    if (!asked) return SEARCH_TYPES.filter((t) => t !== 'question' || mayQuestions);
    if (asked.includes('question') && !mayQuestions) {
      throw new HttpError(403, ApiErrorCode.InsufficientScope, 'Answered questions need the `read:questions` scope.', { details: { requiredScopes: ['read:questions'] } });
    }
    return asked;
  }

  async function search(request: RestRequest): Promise<void> {
    if (request.req.method === 'OPTIONS') return preflight(request);
    return guarded(request, async (cors) => {
      const { req, res, url } = request;
      const caller = await identify(req, url);
      if (caller.kind === 'widget') Object.assign(cors, corsHeaders(caller.origin));
      const decision = await limit(req, caller, 1, '');
      const params = parseSearchParams(url.searchParams);
      assertParameters(request);
      const types = typesFor(caller, params.types);
      const engine = context.search?.engine?.();
      if (!engine) throw new HttpError(503, ApiErrorCode.SearchUnavailable, 'Search is starting; retry shortly.', { headers: { 'retry-after': '2' } });
      const body = await runPublicSearch(engine, params, types);
      sendJson(res, 200, body, { 'cache-control': 'no-store', ...rateLimitHeaders(decision), ...cors });

      // After answering: nothing below delays the young person's results.
      const providers = new Map<string, number>();
      for (const g of body.groups) for (const h of g.hits) providers.set(h.provider?.id ?? '', (providers.get(h.provider?.id ?? '') ?? 0) + 1);
      context.usage.record(caller.partner, providers);
      analytics?.recordSearch({
        queryId: body.queryId,
        query: params.q,
        locale: params.locale,
        totalHits: body.totalHits,
        // Positions within a group are consecutive (fallback hits continue the numbering).
        shown: body.groups.map((g) => ({ type: g.type, offset: (g.hits[0]?.position ?? 1) - 1, ids: g.hits.map((h) => h.id) })),
        session: caller.kind === 'widget' ? (params.session ?? undefined) : undefined,
      });
    });
  }

  async function events(request: RestRequest): Promise<void> {
    if (request.req.method === 'OPTIONS') return preflight(request);
    return guarded(request, async (cors) => {
      const { req, res, url } = request;
      const caller = await identify(req, url);
      if (caller.kind === 'widget') Object.assign(cors, corsHeaders(caller.origin));
      await limit(req, caller, EVENT_FACTOR, 'events:');
      const problems: ParameterProblem[] = [];
      for (const name of url.searchParams.keys()) {
        if (name !== 'key' && name !== '_') problems.push({ in: 'query', path: name, message: 'is not a parameter of /v1/search/events (send the event as the JSON body)' });
      }
      throwIfProblems(problems);
      assertParameters(request);
      const text = await readBody(req, MAX_EVENT_BODY);
      const event = parseClickEvent(text);
      assertBody(request, event);
      analytics?.recordClick(event);
      res.writeHead(204, { 'cache-control': 'no-store', ...cors });
      res.end();
    });
  }

  return { search, events };
}

/** Validates the beacon body: exactly `{ queryId, position, type, id }`. */
export function parseClickEvent(text: string): { queryId: string; position: number; type: PublicSearchType; id: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, ApiErrorCode.BadUserInput, 'The event body must be JSON: {"queryId","position","type","id"}', { details: { errors: [{ in: 'body', path: '', message: 'is not JSON' }] } });
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, ApiErrorCode.BadUserInput, 'The event body must be a JSON object', { details: { errors: [{ in: 'body', path: '', message: 'must be an object' }] } });
  }
  const b = body as Record<string, unknown>;
  const problems: ParameterProblem[] = [];
  for (const k of Object.keys(b)) if (!['queryId', 'position', 'type', 'id'].includes(k)) problems.push({ in: 'body', path: `/${k}`, message: 'is not a field of a click event' });
  if (typeof b.queryId !== 'string' || !/^q_[A-Za-z0-9_-]{16}$/.test(b.queryId)) problems.push({ in: 'body', path: '/queryId', message: 'must be the queryId of a search response' });
  if (typeof b.position !== 'number' || !Number.isInteger(b.position) || b.position < 1 || b.position > 1000) problems.push({ in: 'body', path: '/position', message: 'must be a whole number from 1 to 1000' });
  if (typeof b.type !== 'string' || !(SEARCH_TYPES as readonly string[]).includes(b.type)) problems.push({ in: 'body', path: '/type', message: `must be one of ${SEARCH_TYPES.join(', ')}` });
  if (typeof b.id !== 'string' || !/^[A-Za-z0-9_-]{1,100}$/.test(b.id)) problems.push({ in: 'body', path: '/id', message: 'must be the id of a hit' });
  throwIfProblems(problems);
  return { queryId: b.queryId as string, position: b.position as number, type: b.type as PublicSearchType, id: b.id as string };
}
