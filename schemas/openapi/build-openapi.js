#!/usr/bin/env node
// Writes schemas/json/openapi.json: Kilde's REST endpoints as an OpenAPI 3.1 document.
// The canonical document schemas are referenced by their $id, never copied: `bundleOpenApi()`
// (schemas/src/openapi.ts) embeds them when the API serves /openapi.json.
'use strict';
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ref = (name) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
const error = (description) => json(ref('Error'), description);
const errors = (...codes) =>
  Object.fromEntries(codes.map((c) => [String(c), { $ref: `#/components/responses/E${c}` }]));
const q = (name, schema, description, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema,
});
const p = (name, schema, description) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema,
});
const LOCALE = { type: 'string', enum: ['nb', 'nn', 'en'] };

/** The fields a partner sets on a webhook endpoint (create and update). */
const WEBHOOK_ENDPOINT_FIELDS = {
  url: { type: 'string', format: 'uri' },
  description: { type: 'string' },
  events: {
    type: 'array',
    items: {
      type: 'string',
      enum: ['content.published', 'content.updated', 'content.unpublished', 'content.deleted'],
    },
  },
  locales: { type: 'array', items: LOCALE },
  types: { type: 'array', items: { type: 'string' } },
  topics: { type: 'array', items: { type: 'string' } },
};

function buildOpenApi() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kilde REST API',
      version: '1.0.0',
      summary:
        'Search, answer service, import, export and webhooks of Kilde, the shared library of youth health content.',
      description:
        'The REST side of the partner API (GraphQL is at /graphql, documented in docs/partners.md). Errors always have the shape `{ "error": { "code", "message", "details" } }`; codes are stable.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Kilde' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: 'http://localhost:4000', description: 'development (npm start)' }],
    security: [{ partnerKey: [] }],
    tags: [
      {
        name: 'search',
        description: 'Youth search over published articles, answered questions and help services',
      },
      { name: 'questions', description: 'The anonymous answer service' },
      {
        name: 'import-export',
        description: 'Bulk import as drafts; export of the published library',
      },
      { name: 'webhooks', description: 'Signed change notifications (Standard Webhooks)' },
      { name: 'operations', description: 'Probes, metrics and this document' },
    ],
    paths: {
      '/v1/search': {
        get: {
          tags: ['search'],
          operationId: 'search',
          summary: 'Search the published library (grouped by type)',
          security: [{ partnerKey: [] }, { widgetKeyHeader: [] }, { widgetKeyQuery: [] }],
          parameters: [
            q('q', { type: 'string', minLength: 1, maxLength: 200 }, 'The words as typed', true),
            q('locale', { ...LOCALE, default: 'nb' }, 'Language of the results and of help texts'),
            q(
              'types',
              {
                type: 'string',
                pattern: '^(article|question|service)(,(article|question|service))*$',
              },
              'Comma-separated subset of article,question,service',
            ),
            q(
              'topic',
              { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$' },
              'A topic slug or id',
            ),
            q(
              'page',
              { type: 'integer', minimum: 1, maximum: 50, default: 1 },
              '1-based page of every group',
            ),
            q(
              'pageSize',
              { type: 'integer', minimum: 1, maximum: 20, default: 10 },
              'Hits per group and page',
            ),
            q(
              'session',
              { type: 'string', pattern: '^[A-Za-z0-9_-]{16,64}$' },
              'Widget only: an in-memory random token (never a cookie)',
            ),
            q(
              'key',
              { type: 'string' },
              'A widget key (alternative to the x-kilde-widget-key header)',
            ),
          ],
          responses: { 200: json(ref('SearchResponse')), ...errors(400, 401, 403, 405, 429, 503) },
        },
      },
      '/v1/search/events': {
        post: {
          tags: ['search'],
          operationId: 'searchClick',
          summary: 'Record a click on a search result (anonymous)',
          security: [{ widgetKeyQuery: [] }, { widgetKeyHeader: [] }, { partnerKey: [] }],
          parameters: [
            q('key', { type: 'string' }, 'The widget key (sendBeacon cannot set headers)'),
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref('SearchClick') },
              'text/plain': { schema: ref('SearchClick') },
            },
          },
          responses: {
            204: { description: 'Recorded, or ignored when the query id is unknown' },
            ...errors(400, 401, 403, 413, 429),
          },
        },
      },
      '/v1/questions': {
        post: {
          tags: ['questions'],
          operationId: 'askQuestion',
          summary: 'Ask a question anonymously; the receipt code is shown once',
          security: [{}],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('QuestionInput') } },
          },
          responses: {
            201: json(
              { type: 'object', required: ['data'], properties: { data: ref('QuestionReceipt') } },
              'Received',
            ),
            ...errors(400, 409, 422, 429, 503),
          },
        },
      },
      '/v1/questions/similar': {
        get: {
          tags: ['questions'],
          operationId: 'similarQuestions',
          summary: 'Answered questions and articles like the text being typed',
          security: [{}],
          parameters: [
            q(
              'q',
              { type: 'string', minLength: 1, maxLength: 2000 },
              'The text typed so far',
              true,
            ),
            q('locale', LOCALE, 'Language'),
          ],
          responses: {
            200: json({
              type: 'object',
              required: ['data'],
              properties: { data: { type: 'array', maxItems: 5, items: ref('SimilarItem') } },
            }),
            ...errors(400, 429),
          },
        },
      },
      '/v1/questions/deflections': {
        post: {
          tags: ['questions'],
          operationId: 'countDeflection',
          summary: 'A suggestion answered the question (counted anonymously)',
          security: [{}],
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { type: 'object', required: ['locale'], properties: { locale: LOCALE } },
              },
            },
          },
          responses: { 202: { description: 'Counted' }, ...errors(400, 429) },
        },
      },
      '/v1/questions/{receipt}': {
        get: {
          tags: ['questions'],
          operationId: 'readAnswer',
          summary: 'Read the private answer with the receipt code',
          security: [{}],
          parameters: [
            p(
              'receipt',
              { type: 'string', maxLength: 100 },
              'The receipt code, e.g. 7K2M-QX9P-0A1B-ZZ34-HJ8N',
            ),
          ],
          responses: {
            200: json({
              type: 'object',
              required: ['data'],
              properties: { data: ref('PrivateAnswer') },
            }),
            ...errors(404, 429),
          },
        },
      },
      '/v1/import': {
        post: {
          tags: ['import-export'],
          operationId: 'importDocuments',
          summary: 'Import canonical documents as drafts (JSON, NDJSON, Markdown, zip)',
          description:
            'Scope `import`. The body is streamed to a staging file, validated record by record, and applied by the CMS as a job.',
          parameters: [
            q(
              'mode',
              { type: 'string', enum: ['atomic', 'partial'], default: 'atomic' },
              'All or nothing, or land what is valid',
            ),
            q('dryRun', { type: 'boolean', default: false }, 'Validate and plan, write nothing'),
            q(
              'publish',
              { type: 'boolean', default: false },
              'Trusted partners only: ask to publish (still through the quality gate)',
            ),
            q('provider', { type: 'string' }, 'Organisation id the records belong to'),
          ],
          requestBody: {
            required: true,
            content: {
              'application/x-ndjson': {
                schema: { type: 'string', description: 'One canonical document per line' },
              },
              'application/json': {
                schema: {
                  oneOf: [
                    ref('CanonicalDocument'),
                    { type: 'array', items: ref('CanonicalDocument') },
                  ],
                },
              },
              'text/markdown': {
                schema: { type: 'string', description: 'Markdown with YAML front matter' },
              },
              'application/zip': { schema: { type: 'string', contentEncoding: 'binary' } },
            },
          },
          responses: {
            200: json(ref('ImportPlan'), 'Dry run: what would happen'),
            202: json(
              {
                type: 'object',
                required: ['job'],
                properties: {
                  job: {
                    type: 'object',
                    required: ['id', 'status', 'url'],
                    properties: {
                      id: { type: 'string' },
                      status: { type: 'string' },
                      url: { type: 'string' },
                    },
                  },
                  validation: { type: 'object' },
                },
              },
              'Accepted as a job',
            ),
            ...errors(400, 401, 403, 413, 415, 422, 503),
          },
        },
      },
      '/v1/import/jobs/{id}': {
        get: {
          tags: ['import-export'],
          operationId: 'importJob',
          summary: "An import job's progress and result",
          parameters: [p('id', { type: 'string', maxLength: 64 }, 'Job id')],
          responses: { 200: json(ref('ImportJob')), ...errors(401, 403, 404) },
        },
      },
      '/v1/export': {
        get: {
          tags: ['import-export'],
          operationId: 'exportDocuments',
          summary: 'Export the published library (full or delta), streamed',
          parameters: [
            q(
              'format',
              { type: 'string', enum: ['ndjson', 'json', 'markdown-zip'], default: 'ndjson' },
              'Output format',
            ),
            q(
              'since',
              { type: 'string' },
              'A changes cursor or an ISO timestamp (delta export). A cursor older than the retained change history is answered 410 CURSOR_EXPIRED.',
            ),
            q('locale', { type: 'string' }, 'Comma list of nb, nn, en'),
            q('type', { type: 'string' }, 'Comma list of document types'),
            q('topic', { type: 'string' }, 'Topic id or slug'),
            q('provider', { type: 'string' }, 'Organisation id'),
          ],
          responses: {
            200: {
              description:
                'The documents; `X-Kilde-Changes-Cursor` is the cursor for the next delta',
              headers: { 'X-Kilde-Changes-Cursor': { schema: { type: 'string' } } },
              content: {
                'application/x-ndjson': { schema: { type: 'string' } },
                'application/json': { schema: { type: 'array', items: ref('CanonicalDocument') } },
                'application/zip': { schema: { type: 'string', contentEncoding: 'binary' } },
              },
            },
            ...errors(400, 401, 403, 410),
          },
        },
      },
      '/v1/webhooks': {
        get: {
          tags: ['webhooks'],
          operationId: 'listWebhooks',
          summary: "The partner's endpoints",
          responses: {
            200: json({
              type: 'object',
              required: ['data'],
              properties: { data: { type: 'array', items: ref('WebhookEndpoint') } },
            }),
            ...errors(401, 403),
          },
        },
        post: {
          tags: ['webhooks'],
          operationId: 'createWebhook',
          summary: 'Register an endpoint; the signing secret is shown once',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('WebhookEndpointInput') } },
          },
          responses: {
            201: json(
              {
                type: 'object',
                required: ['data'],
                properties: { data: ref('WebhookEndpointWithSecret') },
              },
              'Created',
            ),
            ...errors(400, 401, 403),
          },
        },
      },
      '/v1/webhooks/{id}': {
        parameters: [p('id', { type: 'string', maxLength: 64 }, 'Endpoint id')],
        get: {
          tags: ['webhooks'],
          operationId: 'getWebhook',
          summary: 'One endpoint',
          responses: {
            200: json({
              type: 'object',
              required: ['data'],
              properties: { data: ref('WebhookEndpoint') },
            }),
            ...errors(401, 403, 404),
          },
        },
        patch: {
          tags: ['webhooks'],
          operationId: 'updateWebhook',
          summary: 'Change an endpoint (url, events, filters, enabled)',
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('WebhookEndpointPatch') } },
          },
          responses: {
            200: json({
              type: 'object',
              required: ['data'],
              properties: { data: ref('WebhookEndpoint') },
            }),
            ...errors(400, 401, 403, 404),
          },
        },
        delete: {
          tags: ['webhooks'],
          operationId: 'deleteWebhook',
          summary: 'Remove an endpoint',
          responses: { 204: { description: 'Deleted' }, ...errors(401, 403, 404) },
        },
      },
      '/v1/webhooks/{id}/rotate-secret': {
        parameters: [p('id', { type: 'string', maxLength: 64 }, 'Endpoint id')],
        post: {
          tags: ['webhooks'],
          operationId: 'rotateWebhookSecret',
          summary: 'New signing secret; the old one keeps signing for 24 hours',
          responses: {
            200: json({
              type: 'object',
              required: ['data'],
              properties: { data: ref('WebhookEndpointWithSecret') },
            }),
            ...errors(401, 403, 404),
          },
        },
      },
      '/v1/webhooks/{id}/deliveries': {
        parameters: [p('id', { type: 'string', maxLength: 64 }, 'Endpoint id')],
        get: {
          tags: ['webhooks'],
          operationId: 'webhookDeliveries',
          summary: 'Delivery log: status and response time per attempt',
          responses: {
            200: json({
              type: 'object',
              required: ['data'],
              properties: { data: { type: 'array', items: { type: 'object' } } },
            }),
            ...errors(401, 403, 404),
          },
        },
      },
      '/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': {
        parameters: [
          p('id', { type: 'string', maxLength: 64 }, 'Endpoint id'),
          p('deliveryId', { type: 'string', pattern: '^\\d{1,12}$' }, 'Delivery id'),
        ],
        post: {
          tags: ['webhooks'],
          operationId: 'redeliverWebhook',
          summary: 'Send a delivery again now',
          responses: {
            202: { description: 'Queued' },
            200: { description: 'Queued' },
            ...errors(401, 403, 404),
          },
        },
      },
      '/healthz': {
        get: {
          tags: ['operations'],
          operationId: 'health',
          security: [{}],
          summary: 'Liveness',
          responses: { 200: json({ type: 'object', properties: { status: { const: 'ok' } } }) },
        },
      },
      '/readyz': {
        get: {
          tags: ['operations'],
          operationId: 'ready',
          security: [{}],
          summary: 'Readiness: database reachable, migrations current; Redis and search reported',
          responses: { 200: json(ref('Readiness')), 503: json(ref('Readiness'), 'Not ready') },
        },
      },
      '/metrics': {
        get: {
          tags: ['operations'],
          operationId: 'metrics',
          security: [{}, { metricsToken: [] }],
          summary: 'Prometheus metrics',
          responses: {
            200: {
              description: 'Prometheus text format',
              content: { 'text/plain': { schema: { type: 'string' } } },
            },
            401: { $ref: '#/components/responses/E401' },
          },
        },
      },
      '/openapi.json': {
        get: {
          tags: ['operations'],
          operationId: 'openapi',
          security: [{}],
          summary: 'This document',
          responses: { 200: json({ type: 'object' }) },
        },
      },
    },
    webhooks: {
      contentChanged: {
        post: {
          summary: 'content.published, content.updated, content.unpublished, content.deleted',
          description:
            'Signed per Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature` (HMAC-SHA256). Verify with the `standardwebhooks` package.',
          requestBody: { content: { 'application/json': { schema: ref('WebhookEvent') } } },
          responses: {
            200: {
              description:
                'Any 2xx acknowledges; anything else is retried with backoff for 25 hours',
            },
          },
        },
      },
    },
    components: {
      securitySchemes: {
        partnerKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'A partner key `kilde_…` with the scopes the route names',
        },
        widgetKeyHeader: {
          type: 'apiKey',
          in: 'header',
          name: 'x-kilde-widget-key',
          description: 'A public widget key `kwk_…`, valid only from its allowed origins',
        },
        widgetKeyQuery: {
          type: 'apiKey',
          in: 'query',
          name: 'key',
          description: 'The widget key as a query parameter',
        },
        metricsToken: {
          type: 'http',
          scheme: 'bearer',
          description: '`KILDE_METRICS_TOKEN`, when set',
        },
      },
      responses: Object.fromEntries(
        [
          [400, 'Bad input: `details` names each wrong parameter or field'],
          [
            401,
            'No usable key (API_KEY_MISSING, API_KEY_INVALID, API_KEY_REVOKED, API_KEY_EXPIRED)',
          ],
          [403, 'INSUFFICIENT_SCOPE, ORIGIN_NOT_ALLOWED or PUBLISH_NOT_ALLOWED'],
          [404, 'NOT_FOUND or RECEIPT_NOT_FOUND'],
          [405, 'METHOD_NOT_ALLOWED (the Allow header lists the methods)'],
          [409, 'QUESTION_DUPLICATE'],
          [
            410,
            'CURSOR_EXPIRED: the `since` cursor is older than the change history Kilde keeps (outbox retention). Take a full export (no `since`) and continue from its `X-Kilde-Changes-Cursor`.',
          ],
          [413, 'PAYLOAD_TOO_LARGE'],
          [415, 'UNSUPPORTED_MEDIA_TYPE'],
          [422, 'IMPORT_REJECTED or QUESTION_REJECTED'],
          [429, 'RATE_LIMITED: wait Retry-After seconds'],
          [503, 'SERVICE_UNAVAILABLE or SEARCH_UNAVAILABLE: retry shortly'],
        ].map(([code, description]) => [`E${code}`, error(description)]),
      ),
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                // For BAD_USER_INPUT: `{ errors: [{ in, path, message }] }`, one entry per problem
                // (`path` is the parameter's name, or a JSON pointer into the body). Other codes
                // carry their own details (`requiredScopes`, import `issues`).
                details: {
                  oneOf: [
                    {
                      type: 'object',
                      required: ['errors'],
                      properties: {
                        errors: {
                          type: 'array',
                          minItems: 1,
                          items: {
                            type: 'object',
                            required: ['path', 'message'],
                            properties: {
                              in: { type: 'string', enum: ['query', 'path', 'body'] },
                              path: { type: 'string' },
                              message: { type: 'string' },
                            },
                          },
                        },
                      },
                    },
                    { type: 'object', not: { required: ['errors'] } },
                  ],
                },
              },
            },
          },
        },
        CanonicalDocument: { $ref: 'https://schemas.kilde.example/canonical-document.schema.json' },
        SearchHit: {
          type: 'object',
          required: [
            'position',
            'id',
            'type',
            'locale',
            'title',
            'titleHtml',
            'fallbackLocale',
            'url',
          ],
          properties: {
            position: { type: 'integer', minimum: 1 },
            id: { type: 'string' },
            type: { type: 'string', enum: ['article', 'question', 'service'] },
            locale: LOCALE,
            slug: { type: ['string', 'null'] },
            title: { type: 'string' },
            titleHtml: { type: 'string' },
            summary: { type: ['string', 'null'] },
            summaryHtml: { type: ['string', 'null'] },
            snippetHtml: { type: ['string', 'null'] },
            provider: {
              type: ['object', 'null'],
              properties: { id: { type: 'string' }, name: { type: 'string' } },
            },
            lastReviewed: { type: ['string', 'null'], format: 'date' },
            fallbackLocale: { type: 'boolean' },
            url: { type: 'string' },
            phone: { type: ['string', 'null'] },
            website: { type: ['string', 'null'] },
            crisis: { type: 'boolean' },
            channel: { type: ['string', 'null'] },
          },
        },
        SearchResponse: {
          type: 'object',
          required: [
            'queryId',
            'query',
            'locale',
            'page',
            'pageSize',
            'tookMs',
            'totalHits',
            'needsHelp',
            'help',
            'suggestion',
            'order',
            'groups',
          ],
          properties: {
            queryId: { type: 'string' },
            query: { type: 'string' },
            locale: LOCALE,
            page: { type: 'integer', minimum: 1 },
            pageSize: { type: 'integer', minimum: 1 },
            tookMs: { type: 'number', minimum: 0 },
            totalHits: { type: 'integer', minimum: 0 },
            needsHelp: { type: 'boolean' },
            help: {
              oneOf: [
                { type: 'null' },
                {
                  type: 'object',
                  required: ['crisis', 'numbers'],
                  properties: {
                    crisis: { type: 'boolean' },
                    severity: { type: 'string' },
                    numbers: {
                      type: 'array',
                      items: {
                        type: 'object',
                        required: ['name', 'phone'],
                        properties: {
                          id: { type: 'string' },
                          name: { type: 'string' },
                          phone: { type: 'string' },
                          tel: { type: 'string' },
                          description: { type: 'string' },
                          emergency: { type: 'boolean' },
                        },
                      },
                    },
                  },
                },
              ],
            },
            suggestion: { type: ['string', 'null'] },
            order: {
              type: 'array',
              items: { type: 'string', enum: ['article', 'question', 'service'] },
            },
            groups: {
              type: 'array',
              items: {
                type: 'object',
                required: ['type', 'totalHits', 'hits'],
                properties: {
                  type: { type: 'string', enum: ['article', 'question', 'service'] },
                  totalHits: { type: 'integer', minimum: 0 },
                  hits: { type: 'array', items: ref('SearchHit') },
                },
              },
            },
          },
        },
        SearchClick: {
          type: 'object',
          additionalProperties: false,
          required: ['queryId', 'position', 'type', 'id'],
          properties: {
            queryId: { type: 'string', maxLength: 64 },
            position: { type: 'integer', minimum: 1, maximum: 1000 },
            type: { type: 'string', enum: ['article', 'question', 'service'] },
            id: { type: 'string', maxLength: 64 },
          },
        },
        QuestionInput: {
          type: 'object',
          required: ['text', 'ageBand', 'locale', 'consent'],
          properties: {
            text: { type: 'string', minLength: 10, maxLength: 2000 },
            ageBand: { type: 'string', enum: ['13-15', '16-17', '18-20'] },
            locale: LOCALE,
            topic: { type: ['string', 'null'], pattern: '^[a-z0-9-]+$' },
            consent: { type: 'boolean' },
            sawSuggestions: { type: 'boolean' },
          },
        },
        QuestionReceipt: {
          type: 'object',
          required: ['receipt', 'status', 'crisis', 'help'],
          properties: {
            receipt: { type: 'string' },
            status: { type: 'string' },
            dueAt: { type: ['string', 'null'] },
            crisis: { type: 'boolean' },
            severity: { type: ['string', 'null'] },
            help: { type: ['object', 'null'] },
          },
        },
        PrivateAnswer: {
          type: 'object',
          required: ['status', 'question'],
          properties: {
            status: { type: 'string' },
            question: { type: 'string' },
            answer: { type: ['string', 'null'] },
            answererProfession: { type: ['string', 'null'] },
            answeredAt: { type: ['string', 'null'] },
            deleteAfter: { type: ['string', 'null'] },
            crisis: { type: 'boolean' },
            help: { type: ['object', 'null'] },
          },
        },
        SimilarItem: {
          type: 'object',
          required: ['type', 'title'],
          properties: {
            type: { type: 'string' },
            id: { type: 'string' },
            title: { type: 'string' },
            url: { type: 'string' },
          },
        },
        ImportPlan: {
          type: 'object',
          required: ['dryRun', 'total', 'valid', 'invalid'],
          properties: {
            dryRun: { const: true },
            total: { type: 'integer' },
            valid: { type: 'integer' },
            invalid: { type: 'integer' },
            created: { type: 'integer' },
            updated: { type: 'integer' },
            unchanged: { type: 'integer' },
            issues: { type: 'array', items: ref('ImportIssue') },
          },
        },
        ImportIssue: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            file: { type: ['string', 'null'] },
            line: { type: ['integer', 'null'] },
            path: { type: ['string', 'null'] },
            message: { type: 'string' },
            code: { type: 'string' },
          },
        },
        ImportJob: {
          type: 'object',
          required: ['id', 'status'],
          properties: {
            id: { type: 'string' },
            status: {
              type: 'string',
              enum: ['queued', 'staging', 'applying', 'completed', 'failed', 'rolled-back'],
            },
            mode: { type: 'string', enum: ['atomic', 'partial'] },
            progress: {
              type: 'object',
              properties: { total: { type: 'integer' }, processed: { type: 'integer' } },
            },
            issues: { type: 'array', items: ref('ImportIssue') },
          },
        },
        WebhookEndpointInput: {
          type: 'object',
          required: ['url'],
          additionalProperties: false,
          properties: WEBHOOK_ENDPOINT_FIELDS,
        },
        // Every field optional (a PATCH names what changes), and `enabled` to switch it back on.
        WebhookEndpointPatch: {
          type: 'object',
          minProperties: 1,
          additionalProperties: false,
          properties: { ...WEBHOOK_ENDPOINT_FIELDS, enabled: { type: 'boolean' } },
        },
        WebhookEndpoint: {
          type: 'object',
          required: ['id', 'url', 'enabled'],
          properties: {
            id: { type: 'string' },
            url: { type: 'string' },
            enabled: { type: 'boolean' },
            events: { type: 'array', items: { type: 'string' } },
          },
        },
        WebhookEndpointWithSecret: {
          allOf: [{ $ref: '#/components/schemas/WebhookEndpoint' }],
          required: ['secret'],
          properties: { secret: { type: 'string', pattern: '^whsec_' } },
        },
        WebhookEvent: {
          type: 'object',
          required: ['type', 'timestamp', 'data'],
          properties: {
            type: {
              type: 'string',
              enum: [
                'content.published',
                'content.updated',
                'content.unpublished',
                'content.deleted',
              ],
            },
            timestamp: { type: 'string', format: 'date-time' },
            data: {
              type: 'object',
              required: ['id', 'type', 'locale'],
              properties: {
                id: { type: 'string' },
                type: { type: 'string' },
                locale: LOCALE,
                version: { type: 'integer' },
                document: ref('CanonicalDocument'),
                deletedAt: { type: 'string' },
              },
            },
          },
        },
        Readiness: {
          type: 'object',
          required: ['status'],
          properties: {
            status: { type: 'string', enum: ['ok', 'unavailable'] },
            database: { type: 'string' },
            migrations: { type: 'object' },
            redis: { type: 'string' },
            search: {
              type: 'string',
              enum: ['ok', 'starting', 'unreachable'],
              description:
                'Reported, never a reason for 503: `unreachable` when Meilisearch does not answer its health check within 2 s',
            },
            searchEngine: { type: 'string', enum: ['embedded', 'meilisearch'] },
          },
        },
      },
    },
  };
}

/** The file's exact text, so a test can tell when the committed document is stale. */
function openApiText() {
  return `${JSON.stringify(buildOpenApi(), null, 2)}\n`;
}

module.exports = { buildOpenApi, openApiText };

if (require.main === module)
  writeFileSync(join(__dirname, '..', 'json', 'openapi.json'), openApiText());
