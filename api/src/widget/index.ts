import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { ArticleDocument, Locale, QuestionDocument, ServiceDocument } from '@kilde/schemas';
import { getDocument } from '@kilde/store';
import { ApiErrorCode } from '../http/error-codes';
import { HttpError } from '../http/http-error';
import { sendJson } from '../http/send';
import { parseSearchParams, runPublicSearch, type PublicSearchResponse } from '../public-search';
import type { RestContext, RestModule, RestRequest } from '../rest/types';
import { renderDemoPage } from './demo-page';
import { HelpService } from './help-service';
import { pageStrings } from './page-strings';
import { pageCss } from './page-styles';
import {
  LOCALES,
  renderArticlePage,
  renderNotFoundPage,
  renderQuestionPage,
  renderResultsPage,
  renderServicePage,
  type PageAssets,
} from './pages';
import { pageSecurityHeaders } from './security-headers';
import { WidgetBundleSource } from './widget-bundle';

export { WidgetBundleSource, defaultWidgetDist } from './widget-bundle';
export { pageSecurityHeaders } from './security-headers';

/** `/widget.js` may change with every deploy: browsers and CDNs revalidate after five minutes. */
const LATEST_CACHE = 'public, max-age=300, stale-while-revalidate=3600';
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';
/** Where "ask a question" leads: the answer service's page (`api/src/questions/`). */
export const ASK_PATH = '/sporsmal';

const cssHash = createHash('sha256').update(pageCss).digest('hex').slice(0, 16);
const cssPath = `/sok/assets/${cssHash}.css`;

function parseLocale(value: string | null | undefined): Locale | null {
  return value === 'nb' || value === 'nn' || value === 'en' ? value : null;
}

/** The locale of a page request: `?locale=`, else the browser's `Accept-Language`, else bokmål. */
function pageLocale(req: IncomingMessage, url: URL): Locale {
  const asked = parseLocale(url.searchParams.get('locale'));
  if (asked) return asked;
  const accept = String(req.headers['accept-language'] ?? '').toLowerCase();
  for (const part of accept.split(',')) {
    const tag = part.trim().split(';')[0]?.split('-')[0];
    if (tag === 'nn') return 'nn';
    if (tag === 'nb' || tag === 'no') return 'nb';
    if (tag === 'en') return 'en';
  }
  return 'nb';
}

function sendHtml(res: ServerResponse, status: number, html: string, cache: string): void {
  const body = Buffer.from(html);
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
    'cache-control': cache,
    ...pageSecurityHeaders,
  });
  res.end(body);
}

function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
}

export interface WidgetModuleOptions {
  /** Where the built widget is (`widget/dist` by default). */
  widgetDist?: string;
}

/**
 * The widget's hosting and its no-JavaScript fallback, all on the API origin:
 * - `GET /widget.js` (latest, short cache) and `GET /widget/<hash>.js` (immutable);
 * - `GET /widget/help.json?locale=` — help services and topics for zero-result searches;
 * - `GET /sok?q=&locale=` — server-rendered results; `/sok/{artikkel,sporsmal,tjeneste}/…` pages;
 * - `GET /demo` — a sample partner page.
 */
export function createWidgetModule(options: WidgetModuleOptions = {}): RestModule {
  return (context: RestContext) => {
    const bundles = new WidgetBundleSource(options.widgetDist);
    const help = new HelpService(context.services.content);
    const { content, markdown } = context.services;

    const assets = (): PageAssets => {
      const bundle = bundles.current();
      return { css: cssPath, widget: bundle ? `/widget/${bundle.hash}.js` : null };
    };

    function serveBundle({ req, res }: RestRequest, immutable: boolean): void {
      const bundle = bundles.current();
      if (!bundle) {
        throw new HttpError(
          503,
          ApiErrorCode.ServiceUnavailable,
          'The widget has not been built; run `npm run build -w widget`.',
        );
      }
      const headers: Record<string, string | number> = {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': immutable ? IMMUTABLE_CACHE : LATEST_CACHE,
        etag: bundle.etag,
        vary: 'Accept-Encoding',
        // A module script from another origin is fetched with CORS: any partner page may load it.
        'access-control-allow-origin': '*',
        'cross-origin-resource-policy': 'cross-origin',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
      };
      if (req.headers['if-none-match'] === bundle.etag) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      const gzip = acceptsGzip(req);
      const body = gzip ? bundle.gzip : bundle.code;
      if (gzip) headers['content-encoding'] = 'gzip';
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(body);
    }

    async function demoKey(): Promise<string | null> {
      if (!context.dataDir) return null;
      try {
        const key = (await readFile(join(context.dataDir, 'demo-widget-key'), 'utf8')).trim();
        return key || null;
      } catch {
        return null;
      }
    }

    async function searchPage({ req, res, url }: RestRequest): Promise<void> {
      const locale = pageLocale(req, url);
      const q = (url.searchParams.get('q') ?? '').trim();
      const topic = url.searchParams.get('topic') || null;
      const page = url.searchParams.get('page');
      const helpInfo = await help.get(locale);
      const helpContent = {
        services: helpInfo.services,
        topics: helpInfo.topics,
        askUrl: `${ASK_PATH}?locale=${locale}`,
      };
      const render = (status: number, result: PublicSearchResponse | null, error?: string) =>
        sendHtml(
          res,
          status,
          renderResultsPage({
            locale,
            q,
            topic,
            assets: assets(),
            result,
            help: helpContent,
            error,
          }),
          'no-store',
        );
      if (!q) return render(200, null);
      const params = new URLSearchParams({ q, locale });
      if (topic) params.set('topic', topic);
      if (page) params.set('page', page);
      let parsed;
      try {
        parsed = parseSearchParams(params);
      } catch (err) {
        if (err instanceof HttpError) return render(400, null, err.message);
        throw err;
      }
      const engine = context.search?.engine?.();
      if (!engine) return render(503, null, pageStrings[locale].searchUnavailable);
      const result = await runPublicSearch(engine, parsed, ['article', 'question', 'service']);
      return render(200, result);
    }

    const notFound = (res: ServerResponse, locale: Locale) =>
      sendHtml(res, 404, renderNotFoundPage(locale, assets()), 'no-store');
    const DOC_CACHE = 'public, max-age=300';

    async function articlePage({ res, params }: RestRequest): Promise<void> {
      const locale = parseLocale(params.locale);
      if (!locale) return notFound(res, 'nb');
      const doc = await content.bySlug<ArticleDocument>(
        'article',
        decodeURIComponent(params.slug ?? ''),
        locale,
      );
      if (!doc) return notFound(res, locale);
      const html = markdown.html(`${doc.id}:${doc.locale}:${doc.version}:body`, doc.body);
      let providerName = doc.provider?.title ?? null;
      if (doc.provider && !providerName) {
        const row = await getDocument(context.knex, {
          id: doc.provider.id,
          locale,
          type: 'organisation',
        });
        const org = row ? content.repo.fromStored(row) : null;
        providerName = org && 'name' in org ? String(org.name) : null;
      }
      sendHtml(res, 200, renderArticlePage(doc, html, assets(), providerName), DOC_CACHE);
    }

    async function questionPage({ res, params }: RestRequest): Promise<void> {
      const locale = parseLocale(params.locale);
      if (!locale) return notFound(res, 'nb');
      const row = await getDocument(context.knex, {
        id: decodeURIComponent(params.id ?? ''),
        locale,
        type: 'question',
      });
      const doc = row ? (content.repo.fromStored(row) as QuestionDocument | null) : null;
      if (!doc) return notFound(res, locale);
      const questionHtml = markdown.html(
        `${doc.id}:${doc.locale}:${doc.version}:question`,
        doc.question,
      );
      const answerHtml = markdown.html(`${doc.id}:${doc.locale}:${doc.version}:answer`, doc.answer);
      sendHtml(res, 200, renderQuestionPage(doc, questionHtml, answerHtml, assets()), DOC_CACHE);
    }

    async function servicePage({ res, params }: RestRequest): Promise<void> {
      const locale = parseLocale(params.locale);
      if (!locale) return notFound(res, 'nb');
      const doc = await content.bySlug<ServiceDocument>(
        'service',
        decodeURIComponent(params.slug ?? ''),
        locale,
      );
      if (!doc) return notFound(res, locale);
      sendHtml(res, 200, renderServicePage(doc, assets()), DOC_CACHE);
    }

    return [
      { pattern: /^\/widget\.js$/, methods: ['GET'], handle: (r) => serveBundle(r, false) },
      {
        pattern: /^\/widget\/(?<hash>[0-9a-f]{16})\.js$/,
        methods: ['GET'],
        handle(r) {
          const bundle = bundles.current();
          if (bundle && r.params.hash === bundle.hash) return serveBundle(r, true);
          // An old version (a page cached across a deploy): send it to the latest, briefly cached.
          r.res.writeHead(302, {
            location: '/widget.js',
            'cache-control': 'public, max-age=60',
            'access-control-allow-origin': '*',
          });
          r.res.end();
        },
      },
      {
        pattern: /^\/widget\/help\.json$/,
        methods: ['GET'],
        async handle({ res, url }) {
          const raw = url.searchParams.get('locale');
          const locale = parseLocale(raw ?? 'nb');
          if (!locale) {
            throw new HttpError(
              400,
              ApiErrorCode.BadUserInput,
              `Invalid request: locale must be one of ${LOCALES.join(', ')}`,
              {
                details: {
                  errors: [
                    {
                      in: 'query',
                      path: 'locale',
                      message: `must be one of ${LOCALES.join(', ')}`,
                    },
                  ],
                },
              },
            );
          }
          // Public, published data and no key: any page may read it (the widget asks from partners' pages).
          sendJson(res, 200, await help.get(locale), {
            'cache-control': 'public, max-age=300',
            'access-control-allow-origin': '*',
            'x-content-type-options': 'nosniff',
          });
        },
      },
      {
        pattern: /^\/sok\/assets\/(?<hash>[0-9a-f]{16})\.css$/,
        methods: ['GET'],
        handle({ res, params }) {
          const body = Buffer.from(pageCss);
          res.writeHead(200, {
            'content-type': 'text/css; charset=utf-8',
            'content-length': body.length,
            'cache-control': params.hash === cssHash ? IMMUTABLE_CACHE : 'no-cache',
            'x-content-type-options': 'nosniff',
          });
          res.end(body);
        },
      },
      { pattern: /^\/sok\/?$/, methods: ['GET'], handle: searchPage },
      {
        pattern: /^\/sok\/artikkel\/(?<locale>[^/]+)\/(?<slug>[^/]+)\/?$/,
        methods: ['GET'],
        handle: articlePage,
      },
      {
        pattern: /^\/sok\/sporsmal\/(?<locale>[^/]+)\/(?<id>[^/]+)\/?$/,
        methods: ['GET'],
        handle: questionPage,
      },
      {
        pattern: /^\/sok\/tjeneste\/(?<locale>[^/]+)\/(?<slug>[^/]+)\/?$/,
        methods: ['GET'],
        handle: servicePage,
      },
      {
        pattern: /^\/demo\/?$/,
        methods: ['GET'],
        async handle({ req, res }) {
          const host = String(req.headers.host ?? 'localhost');
          const origin = `${(req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http'}://${host}`;
          sendHtml(
            res,
            200,
            renderDemoPage({ assets: assets(), widgetKey: await demoKey(), origin }),
            'no-store',
          );
        },
      },
    ];
  };
}

/** The module as registered in `api/src/rest/index.ts`. */
export const widgetModule: RestModule = createWidgetModule();
