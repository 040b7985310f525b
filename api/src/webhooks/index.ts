import { ApiErrorCode } from '../http/error-codes';
import { HttpError } from '../http/http-error';
import { readBody } from '../http/read-body';
import { contractError } from '../rest/contract';
import { sendJson } from '../http/send';
import { CmsClientError, type CmsClient } from '../internal/cms-client';
import { requirePartner, sendError } from '../import-export/partner-auth';
import type { RestContext, RestModule, RestRequest, RestRoute } from '../rest/types';

const BODY_LIMIT = 16 * 1024;
const FIELDS = ['url', 'description', 'events', 'locales', 'types', 'topics', 'enabled'];

async function jsonBody(r: RestRequest): Promise<Record<string, unknown>> {
  const { req } = r;
  if (!/^application\/json\b/i.test(String(req.headers['content-type'] ?? '')))
    throw new HttpError(415, ApiErrorCode.UnsupportedMediaType, 'Send application/json');
  let value: unknown;
  try {
    value = JSON.parse(await readBody(req, BODY_LIMIT));
  } catch (err) {
    if (err instanceof HttpError) throw err;
    throw new HttpError(400, ApiErrorCode.BadRequest, 'The body is not valid JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new HttpError(400, ApiErrorCode.BadRequest, 'The body must be a JSON object');
  const unknown = Object.keys(value).filter((k) => !FIELDS.includes(k));
  if (unknown.length)
    throw new HttpError(
      400,
      ApiErrorCode.WebhookInvalid,
      `Unknown field ${unknown.join(', ')}; an endpoint has ${FIELDS.join(', ')}`,
      { details: { errors: unknown.map((k) => ({ path: k, message: 'is not a field' })) } },
    );
  // Then everything else `/openapi.json` says about the body (types, formats, enums), refused
  // with this route's documented code.
  const refusal = contractError(r.contract?.bodyProblems(value) ?? []);
  if (refusal)
    throw new HttpError(400, ApiErrorCode.WebhookInvalid, refusal.message, {
      details: refusal.details,
    });
  return value as Record<string, unknown>;
}

async function call<T>(
  cms: CmsClient | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; data: T }> {
  if (!cms)
    throw new HttpError(
      503,
      ApiErrorCode.ServiceUnavailable,
      'Webhooks need the CMS channel, which this API process has not configured.',
    );
  try {
    const out = await cms.request<{ data: T }>(method, path, body);
    return { status: 200, data: out.data };
  } catch (err) {
    if (!(err instanceof CmsClientError)) throw err;
    if (err.status === 404)
      throw new HttpError(
        404,
        ApiErrorCode.NotFound,
        'No such webhook endpoint (or delivery) for this key',
      );
    if (err.status === 400)
      throw new HttpError(400, ApiErrorCode.WebhookInvalid, err.message, { details: err.details });
    throw new HttpError(
      503,
      ApiErrorCode.ServiceUnavailable,
      'The CMS is not reachable right now; try again shortly.',
    );
  }
}

/**
 * `/v1/webhooks` (scope `webhooks`): a partner registers and manages its own endpoints, reads
 * their delivery log and asks for a redelivery. The CMS owns endpoints (the admin edits the same
 * records), so every call goes over the internal channel.
 */
export const webhooksModule: RestModule = (context: RestContext): RestRoute[] => {
  const route = (
    pattern: RegExp,
    methods: string[],
    fn: (
      r: RestRequest,
      partner: string,
      send: (status: number, body: unknown) => void,
    ) => Promise<void>,
  ): RestRoute => ({
    pattern,
    methods,
    async handle(r) {
      try {
        const { partner, headers } = await requirePartner(context, r.req, 'webhooks');
        const send = (status: number, body: unknown): void =>
          sendJson(r.res, status, body, { ...headers, 'cache-control': 'no-store' });
        await fn(r, partner.partner, send);
      } catch (err) {
        if (!sendError(r.res, err)) throw err;
      }
    },
  });
  const q = (partner: string): string => `partner=${encodeURIComponent(partner)}`;
  const id = (r: RestRequest): string => encodeURIComponent(r.params.id ?? '');
  return [
    route(/^\/v1\/webhooks$/, ['GET', 'POST'], async (r, partner, send) => {
      if (r.req.method === 'POST') {
        const body = await jsonBody(r);
        const { data } = await call(context.cms, 'POST', '/kilde-internal/webhooks', {
          ...body,
          partner,
        });
        send(201, {
          endpoint: data,
          note: 'Store the secret now: it is shown only here (and after a rotation).',
        });
      } else
        send(200, {
          endpoints: (await call(context.cms, 'GET', `/kilde-internal/webhooks?${q(partner)}`))
            .data,
        });
    }),
    route(
      /^\/v1\/webhooks\/(?<id>[A-Za-z0-9_-]{1,64})$/,
      ['GET', 'PATCH', 'DELETE'],
      async (r, partner, send) => {
        const path = `/kilde-internal/webhooks/${id(r)}`;
        if (r.req.method === 'PATCH')
          send(200, {
            endpoint: (
              await call(context.cms, 'PATCH', `${path}?${q(partner)}`, {
                ...(await jsonBody(r)),
                partner,
              })
            ).data,
          });
        else if (r.req.method === 'DELETE')
          send(200, (await call(context.cms, 'DELETE', `${path}?${q(partner)}`)).data);
        else
          send(200, { endpoint: (await call(context.cms, 'GET', `${path}?${q(partner)}`)).data });
      },
    ),
    route(
      /^\/v1\/webhooks\/(?<id>[A-Za-z0-9_-]{1,64})\/rotate-secret$/,
      ['POST'],
      async (r, partner, send) => {
        send(200, {
          endpoint: (
            await call(context.cms, 'POST', `/kilde-internal/webhooks/${id(r)}/rotate-secret`, {
              partner,
            })
          ).data,
          note: 'The previous secret keeps signing for 24 hours.',
        });
      },
    ),
    route(
      /^\/v1\/webhooks\/(?<id>[A-Za-z0-9_-]{1,64})\/deliveries$/,
      ['GET'],
      async (r, partner, send) => {
        const limit = Number(r.url.searchParams.get('limit') ?? 50);
        send(200, {
          deliveries: (
            await call(
              context.cms,
              'GET',
              `/kilde-internal/webhooks/${id(r)}/deliveries?${q(partner)}&limit=${Number.isFinite(limit) ? limit : 50}`,
            )
          ).data,
        });
      },
    ),
    route(
      /^\/v1\/webhooks\/(?<id>[A-Za-z0-9_-]{1,64})\/deliveries\/(?<delivery>\d{1,12})\/redeliver$/,
      ['POST'],
      async (r, partner, send) => {
        send(
          202,
          (
            await call(
              context.cms,
              'POST',
              `/kilde-internal/webhooks/${id(r)}/deliveries/${r.params.delivery ?? ''}/redeliver`,
              { partner },
            )
          ).data,
        );
      },
    ),
  ];
};
