import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Locale, TopicDocument } from '@kilde/schemas';
import { ApiErrorCode } from '../http/error-codes';
import { requestIdOf } from '../http/request-id';
import { HttpError } from '../http/http-error';
import { readBody } from '../http/read-body';
import { assertBody, assertParameters } from '../rest/contract';
import { sendJson } from '../http/send';
import { clientAddress, DailyClientHasher } from '../public-search/client-id';
import type { RestContext, RestModule, RestRequest, RestRoute } from '../rest/types';
import { askPageAssets, renderAskPage } from './page';
import { parseQuestionInput, QuestionService } from './question-service';
import { defaultQuestionsOptions, type QuestionsOptions } from './types';

export type { QuestionsOptions } from './types';

const BODY_LIMIT = 16 * 1024;
const LOCALES: readonly Locale[] = ['nb', 'nn', 'en'];

/** Public endpoints: any site may call them (no cookies, no credentials), nothing is cached. */
const PUBLIC_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, body, { ...PUBLIC_HEADERS, ...headers });
}

function preflight(res: ServerResponse, methods: string): void {
  res.writeHead(204, {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': methods,
    'access-control-allow-headers': 'content-type',
    'access-control-max-age': '600',
  });
  res.end();
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type))
    throw new HttpError(
      415,
      ApiErrorCode.UnsupportedMediaType,
      'Send the question as application/json',
    );
  const text = await readBody(req, BODY_LIMIT);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, ApiErrorCode.BadRequest, 'The body is not valid JSON');
  }
}

/** A path segment as typed (`%20` for the spaces people copy along); undecodable ones stay as they are. */
function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function localeParam(value: string | null, where: 'query' | 'body', path = 'locale'): Locale {
  if (value && (LOCALES as readonly string[]).includes(value)) return value as Locale;
  throw new HttpError(
    400,
    ApiErrorCode.BadUserInput,
    `${path} must be one of ${LOCALES.join(', ')}`,
    {
      details: {
        errors: [
          {
            in: where,
            path: where === 'body' ? `/${path}` : path,
            message: `must be one of ${LOCALES.join(', ')}`,
          },
        ],
      },
    },
  );
}

/**
 * The answer service's public side (issue #8):
 * - `POST /v1/questions` — ask anonymously; answers the receipt code once, and the help numbers
 *   and crisis services at once when the question signals a crisis;
 * - `GET /v1/questions/:receipt` — the asker reads the answer (wrong codes: 404 and rate limited);
 * - `GET /v1/questions/similar?q=&locale=` — answered questions and articles like the one being typed;
 * - `POST /v1/questions/deflections` — the form says a suggestion answered the question (counted, nothing else);
 * - `GET /sporsmal` — a small form page for young people (nb, nn, en).
 * @remarks Nothing here stores an address: rate-limit buckets are named by an HMAC of the
 * address under a random secret that lives in memory for one UTC day. Writes go to the CMS over
 * the internal channel.
 */
export function createQuestionsModule(overrides: QuestionsOptions = {}): RestModule {
  return (context: RestContext): RestRoute[] => {
    const options = { ...defaultQuestionsOptions, ...context.questions, ...overrides };
    const service = new QuestionService(
      context.knex,
      context.cms,
      context.services.content,
      context.search,
    );
    const hasher = new DailyClientHasher();
    const clientOf = (req: IncomingMessage): string =>
      hasher.hash(clientAddress(req, options.trustProxy));

    const limit = async (
      bucket: string,
      client: string,
      perMinute: number,
      message: string,
    ): Promise<void> => {
      const d = await context.rateLimiter.take(`questions:${bucket}:${client}`, perMinute, 1);
      if (!d.allowed)
        throw new HttpError(429, ApiErrorCode.RateLimited, message, {
          headers: { 'retry-after': String(d.retryAfterSeconds) },
        });
    };

    /** Errors with their details; anything unexpected is logged without the path (it may hold a receipt). */
    const handle =
      (fn: (r: RestRequest) => Promise<void>) =>
      async (r: RestRequest): Promise<void> => {
        try {
          // Parameters against `/openapi.json`, refused with this module's CORS headers.
          assertParameters(r);
          await fn(r);
        } catch (err) {
          if (err instanceof HttpError) {
            send(
              r.res,
              err.status,
              {
                error: {
                  code: err.code,
                  message: err.message,
                  ...(err.details === undefined ? {} : { details: err.details }),
                },
              },
              err.headers,
            );
            return;
          }
          context.logger.error({ err }, 'answer service request failed');
          send(r.res, 500, {
            error: { code: ApiErrorCode.Internal, message: 'Internal server error' },
          });
        }
      };

    const ask = handle(async (r) => {
      const { req, res } = r;
      if (req.method === 'OPTIONS') return preflight(res, 'POST, OPTIONS');
      const body = await readJson(req);
      // A field people do not see: forms filled in by bots fill it in.
      if (
        body &&
        typeof body === 'object' &&
        typeof (body as { website?: unknown }).website === 'string' &&
        (body as { website: string }).website !== ''
      ) {
        throw new HttpError(
          422,
          ApiErrorCode.QuestionRejected,
          'The question looks automated and was not sent.',
        );
      }
      const input = parseQuestionInput(body);
      assertBody(r, body);
      await limit(
        'ask',
        clientOf(req),
        options.askPerMinute,
        'Too many questions from here in a short time; wait a minute and try again.',
      );
      const result = await service.ask(input, requestIdOf(req));
      if (input.sawSuggestions) {
        // Counted after the question is safely in; a failure here must not fail the question.
        await service
          .countDeflection(input.locale, 'asked')
          .catch((err: unknown) =>
            context.logger.warn({ err: (err as Error).message }, 'deflection not counted'),
          );
      }
      const help = result.crisis.crisis
        ? await service.crisisHelp(input.locale, result.crisis.categories)
        : null;
      send(res, 201, {
        data: {
          receipt: result.receipt,
          status: result.status,
          dueAt: result.dueAt,
          crisis: result.crisis.crisis,
          severity: result.crisis.severity,
          help,
        },
      });
    });

    const read = handle(async ({ req, res, params }) => {
      if (req.method === 'OPTIONS') return preflight(res, 'GET, OPTIONS');
      const client = clientOf(req);
      await limit(
        'read',
        client,
        options.readPerMinute,
        'Too many look-ups from here; wait a minute and try again.',
      );
      // Guessing codes: after a few misses every look-up from here is refused for a while.
      const misses = await context.rateLimiter.take(
        `questions:miss:${client}`,
        options.wrongReceiptPerMinute,
        0,
      );
      if (misses.remaining < 1) {
        throw new HttpError(
          429,
          ApiErrorCode.RateLimited,
          'Too many wrong codes from here; wait a minute and try again.',
          {
            headers: {
              'retry-after': String(Math.max(1, Math.ceil(60 / options.wrongReceiptPerMinute))),
            },
          },
        );
      }
      let view;
      try {
        view = await service.read(decodeParam(params.receipt ?? ''));
      } catch (err) {
        if (err instanceof HttpError && err.code === (ApiErrorCode.ReceiptNotFound as string))
          await context.rateLimiter.take(
            `questions:miss:${client}`,
            options.wrongReceiptPerMinute,
            1,
          );
        throw err;
      }
      const help = view.crisis ? await service.crisisHelp(view.locale, []) : null;
      send(res, 200, { data: { ...view, help } });
    });

    const similar = handle(async ({ req, res, url }) => {
      if (req.method === 'OPTIONS') return preflight(res, 'GET, OPTIONS');
      const q = (url.searchParams.get('q') ?? '').trim();
      const locale = localeParam(url.searchParams.get('locale'), 'query');
      if (q.length < 3 || q.length > 2000) {
        throw new HttpError(400, ApiErrorCode.BadUserInput, 'q must be 3 to 2,000 characters', {
          details: {
            errors: [{ in: 'query', path: 'q', message: 'must be 3 to 2,000 characters' }],
          },
        });
      }
      await limit(
        'similar',
        clientOf(req),
        options.similarPerMinute,
        'Too many searches from here; wait a minute.',
      );
      send(res, 200, { data: await service.similar(q, locale) });
    });

    const deflection = handle(async (r) => {
      const { req, res } = r;
      if (req.method === 'OPTIONS') return preflight(res, 'POST, OPTIONS');
      const body = (await readJson(req)) as { locale?: unknown } | null;
      const locale = localeParam(typeof body?.locale === 'string' ? body.locale : null, 'body');
      assertBody(r, body);
      await limit('beacon', clientOf(req), options.beaconPerMinute, 'Too many beacons from here.');
      await service.countDeflection(locale, 'deflected');
      send(res, 202, { data: { counted: true } });
    });

    const page = handle(async ({ req, res, url }: RestRequest): Promise<void> => {
      const requested = url.searchParams.get('locale');
      const accept = String(req.headers['accept-language'] ?? '');
      const locale: Locale = (LOCALES as readonly string[]).includes(requested ?? '')
        ? (requested as Locale)
        : /^\s*(nn)\b/i.test(accept)
          ? 'nn'
          : /^\s*en\b/i.test(accept)
            ? 'en'
            : 'nb';
      const topics = await context.services.content.list<TopicDocument>({
        type: 'topic',
        locale,
        first: 100,
      });
      const top = topics.edges
        .map((e) => e.node)
        .filter((tp) => !tp.parent)
        .sort((a, b) => a.title.localeCompare(b.title, locale));
      const html = renderAskPage(locale, top);
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': Buffer.byteLength(html),
        'cache-control': 'no-store',
        ...askPageAssets.headers,
      });
      res.end(html);
    });
    const asset =
      (body: string, type: string) =>
      ({ res }: RestRequest): void => {
        res.writeHead(200, {
          'content-type': type,
          'content-length': Buffer.byteLength(body),
          'cache-control': 'public, max-age=300',
          'x-content-type-options': 'nosniff',
        });
        res.end(body);
      };

    return [
      {
        pattern: /^\/v1\/questions\/similar\/?$/,
        methods: ['GET', 'OPTIONS'],
        handle: similar,
        checksContract: 'in-handler',
      },
      {
        pattern: /^\/v1\/questions\/deflections\/?$/,
        methods: ['POST', 'OPTIONS'],
        handle: deflection,
        checksContract: 'in-handler',
      },
      {
        pattern: /^\/v1\/questions\/?$/,
        methods: ['POST', 'OPTIONS'],
        handle: ask,
        checksContract: 'in-handler',
      },
      {
        pattern: /^\/v1\/questions\/(?<receipt>[^/]{1,100})\/?$/,
        methods: ['GET', 'OPTIONS'],
        handle: read,
        checksContract: 'in-handler',
      },
      { pattern: /^\/sporsmal\/?$/, methods: ['GET'], handle: page },
      {
        pattern: /^\/sporsmal\/app\.js$/,
        methods: ['GET'],
        handle: asset(askPageAssets.script, 'text/javascript; charset=utf-8'),
      },
      {
        pattern: /^\/sporsmal\/app\.css$/,
        methods: ['GET'],
        handle: asset(askPageAssets.style, 'text/css; charset=utf-8'),
      },
    ];
  };
}

/** The module as registered in `api/src/rest/index.ts`. */
export const questionsModule: RestModule = createQuestionsModule();
