import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import pino from 'pino';
import { createDatabase, createWidgetKey } from '@kilde/store';
import { createApiServer, type ApiServer } from '../../../api/src';
import {
  searchProviderFromEngine,
  type SearchProvider,
} from '../../../api/src/search/search-provider';
import {
  startSearchRuntime,
  type SearchRuntime,
} from '../../../api/src/search-sync/search-runtime';
import { startCms, type TestCms } from '../../../cms/test/helpers/start-cms';

export const widgetDir = join(__dirname, '..', '..');

/** Everything the widget's browser tests run against: the real CMS with the seed, the API, a partner site. */
export interface WidgetStack {
  /** The Kilde API, e.g. `http://127.0.0.1:41234`. */
  api: string;
  /** A partner's site on another origin that embeds the widget (`/?locale=nn`). */
  partner: string;
  /** A widget key valid from both origins. */
  key: string;
  /** The built bundle's size report (`widget/dist/size.json`). */
  size: { hash: string; gzipBytes: number; budgetGzipBytes: number };
  knex: Knex;
  stop(): Promise<void>;
}

/**
 * A partner's page: the documented snippet, nothing else from Kilde. The no-JavaScript fallback
 * form sits inside the element, as docs/widget.md advises.
 */
export function partnerPage(api: string, key: string, locale: string, attributes = ''): string {
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ungdomssida – partner</title>
<script src="${api}/widget.js" type="module"></script></head>
<body><header><a href="/">Ungdomssida</a></header><main><h1>Spør om helse</h1>
<kilde-search locale="${locale}" partner="${key}" ${attributes}>
<form action="${api}/sok" method="get"><label>Søk <input name="q" type="search"></label><input type="hidden" name="locale" value="${locale}"><button>Søk</button></form>
</kilde-search>
<p>Innhald frå partnaren under søket.</p></main></body></html>`;
}

/** Builds the widget (esbuild, well under a second) so the API serves this checkout's code. */
export function buildWidget(): void {
  const r = spawnSync(process.execPath, [join(widgetDir, 'scripts', 'build.js')], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`widget build failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * Boots the CMS on a throwaway database with the seed library published through the real
 * publication path, the embedded search index following its outbox, the API serving the widget,
 * and a partner site on a second origin. One boot serves every widget test (seeding is slow).
 */
export async function startWidgetStack(): Promise<WidgetStack> {
  buildWidget();
  const size = JSON.parse(
    readFileSync(join(widgetDir, 'dist', 'size.json'), 'utf8'),
  ) as WidgetStack['size'];
  const apiDataDir = mkdtempSync(join(tmpdir(), 'kilde-widget-e2e-'));
  let cms: TestCms | undefined;
  let knex: Knex | undefined;
  let runtime: SearchRuntime | undefined;
  let api: ApiServer | undefined;
  let partnerServer: Server | undefined;
  const stop = async (): Promise<void> => {
    try {
      if (partnerServer) await new Promise<void>((r) => partnerServer!.close(() => r()));
      await api?.close();
      await runtime?.close();
      await knex?.destroy();
    } finally {
      await cms?.stop();
      rmSync(apiDataDir, { recursive: true, force: true });
    }
  };
  try {
    cms = await startCms({ seed: true });
    knex = await createDatabase({ url: cms.db.url });
    const logger = pino({ level: 'silent' });
    runtime = await startSearchRuntime({ knex, logger, pollIntervalMs: 100 });
    const engine = runtime.engine;
    const search: SearchProvider = { ...searchProviderFromEngine(engine), engine: () => engine };
    api = await createApiServer({
      knex,
      logger,
      search,
      dataDir: apiDataDir,
      keyCacheSeconds: 0,
      usageFlushSeconds: 3600,
    });
    const apiUrl = await api.listen(0);

    let key = '';
    partnerServer = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://partner.invalid');
      if (url.pathname !== '/') {
        res.writeHead(404).end();
        return;
      }
      const html = partnerPage(
        apiUrl,
        key,
        url.searchParams.get('locale') ?? 'nb',
        url.searchParams.get('attrs') ?? '',
      );
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    });
    await new Promise<void>((r) => partnerServer!.listen(0, '127.0.0.1', () => r()));
    // `localhost` makes the partner a different origin from the API (127.0.0.1) on any port.
    const partner = `http://localhost:${(partnerServer.address() as AddressInfo).port}`;

    // One key for both origins: the partner site, and the API's own /demo page.
    ({ key } = await createWidgetKey(knex, {
      partner: 'Widget e2e',
      allowedOrigins: [partner, apiUrl],
    }));
    writeFileSync(join(apiDataDir, 'demo-widget-key'), `${key}\n`);
    return { api: apiUrl, partner, key, size, knex, stop };
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
}
