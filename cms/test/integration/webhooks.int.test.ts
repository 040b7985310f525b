import { spawnSync } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { startCms, cmsDir, type TestCms } from '../helpers/start-cms';
import type * as Webhooks from '../../src/webhooks';
import type * as CmsIndex from '../../src/index';
import type * as Observability from '../../src/observability';
import type * as Deliveries from '../../src/webhooks/deliveries';

// The modules Strapi loaded (cms/dist), so they share its state.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const webhooks = require(join(cmsDir, 'dist', 'src', 'webhooks')) as typeof Webhooks;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const observability = require(join(cmsDir, 'dist', 'src', 'observability')) as typeof Observability;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cmsIndex = require(join(cmsDir, 'dist', 'src', 'index')) as typeof CmsIndex;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const deliveries = require(
  join(cmsDir, 'dist', 'src', 'webhooks', 'deliveries'),
) as typeof Deliveries;

jest.setTimeout(120_000);

const ENDPOINT = 'api::webhook-endpoint.webhook-endpoint';
const ARTICLE = 'api::article.article';

interface Received {
  headers: Record<string, string>;
  body: string;
  status: number;
}

/** A partner's receiver on loopback: answers from a script of status codes, then 200. */
async function receiver(
  script: number[],
): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const status = script.shift() ?? 200;
      received.push({
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks).toString('utf8'),
        status,
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    server,
  };
}

const article = (slug: string): Record<string, unknown> => ({
  title: 'Søvn og skjerm',
  slug,
  summary: 'Hvorfor skjermen om kvelden gjør det vanskelig å sovne.',
  body: '## Hvorfor\n\nLyset fra skjermen holder deg våken.\n',
  audience: ['13-15'],
  authors: ['Test Forfatter'],
  licence: 'CC-BY-4.0',
  professionallyResponsible: { name: 'Kari Nordmann', profession: 'doctor' },
  sources: [{ title: 'Søvnveileder', kind: 'guideline', url: 'https://example.org/sovn' }],
  lastReviewed: '2026-01-15',
  reviewIntervalMonths: 12,
});

async function until(check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('webhooks', () => {
  let cms: TestCms;
  const servers: Server[] = [];

  beforeAll(async () => {
    cms = await startCms();
    webhooks.setWebhookTiming({
      baseDelayMs: 40,
      maxDelayMs: 200,
      pollMs: 20,
      retryWindowMs: 60_000,
    });
  });

  afterAll(async () => {
    webhooks.setWebhookTiming(undefined);
    for (const s of servers) s.close();
    await cms?.stop();
  });

  it('delivers a signed event that a partner verifies with standardwebhooks, retrying after two 500s, once', async () => {
    const ok = await receiver([500, 500]);
    const down = await receiver([500, 500, 500, 500, 500, 500, 500, 500, 500, 500]);
    servers.push(ok.server, down.server);
    const endpoints = cms.strapi.documents(ENDPOINT as never);
    const a = (await endpoints.create({
      data: {
        partner: 'Helsenorge',
        url: ok.url,
        events: ['content.published'],
        locales: ['nb'],
      } as never,
    })) as unknown as { documentId: string };
    // A second partner whose receiver is down must not hold the first one up.
    await endpoints.create({ data: { partner: 'Kommune X', url: down.url } as never });
    const secret = (
      (await cms.strapi.db.query(ENDPOINT).findOne({ where: { documentId: a.documentId } })) as {
        secret: string;
      }
    ).secret;
    expect(secret).toMatch(/^whsec_/);

    const doc = await cms.strapi
      .documents(ARTICLE)
      .create({ locale: 'nb', data: article('sovn-webhook') as never, status: 'published' });
    await until(() => ok.received.some((r) => r.status === 200));

    expect(ok.received.map((r) => r.status)).toEqual([500, 500, 200]);
    const ids = new Set(ok.received.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    const wh = new Webhook(secret);
    for (const r of ok.received) {
      const payload = wh.verify(r.body, r.headers) as {
        type: string;
        data: {
          id: string;
          locale: string;
          version: number;
          document: { title: string; contentHash: string };
        };
      };
      expect(payload).toMatchObject({
        type: 'content.published',
        data: {
          id: doc.documentId,
          locale: 'nb',
          version: 1,
          document: { title: 'Søvn og skjerm' },
        },
      });
    }
    // A tampered body fails verification.
    expect(() =>
      wh.verify(
        (ok.received[2] as Received).body.replace('Søvn', 'Søvnn'),
        (ok.received[2] as Received).headers,
      ),
    ).toThrow();

    // Delivered exactly once more is never sent: wait a little and count again.
    await new Promise((r) => setTimeout(r, 300));
    expect(ok.received).toHaveLength(3);
    const knex = cms.strapi.db.connection;
    const delivery = await knex('kilde_webhook_deliveries')
      .where({ endpoint_id: a.documentId })
      .first();
    expect(delivery).toMatchObject({
      status: 'delivered',
      attempts: 3,
      last_status: 200,
      event: 'content.published',
    });
    const log = await knex('kilde_webhook_attempts')
      .where({ delivery_id: delivery.id })
      .orderBy('id');
    expect(log.map((l: { status: number }) => l.status)).toEqual([500, 500, 200]);
    // Failed attempts are counted for /metrics (this receiver's two, the other partner's too).
    const metrics = await observability
      .cmsMetrics()!
      .registry.getSingleMetricAsString('kilde_webhook_failures_total');
    expect(Number(/reason="http"[^}]*} (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
    for (const l of log) expect(typeof l.response_ms).toBe('number');

    // Operators see the same log on the command line.
    const cli = spawnSync(
      process.execPath,
      [join(cmsDir, 'bin', 'kilde.js'), 'webhooks', 'deliveries', a.documentId],
      {
        env: {
          ...process.env,
          NODE_ENV: 'test',
          DATABASE_URL: cms.db.url,
          KILDE_DATA_DIR: cms.db.dir,
          LOG_LEVEL: 'silent',
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(cli.status).toBe(0);
    expect(cli.stdout).toMatch(/content\.published\s+article\/\S+\/nb v1\s+delivered\s+3\s+200/);
  });

  it('keeps each item in order: a newer version waits while an older one is being retried', async () => {
    const rx = await receiver([500, 500]);
    servers.push(rx.server);
    await cms.strapi.documents(ENDPOINT as never).create({
      data: {
        partner: 'Ordenspartner',
        url: rx.url,
        events: ['content.published', 'content.updated'],
      } as never,
    });
    const docs = cms.strapi.documents(ARTICLE);
    const first = await docs.create({
      locale: 'nb',
      data: article('sovn-rekkefolge') as never,
      status: 'published',
    });
    // Published again at once, while version 1 is failing: version 2 must not overtake it.
    await docs.update({
      documentId: first.documentId,
      locale: 'nb',
      data: { title: 'Søvn og skjerm (oppdatert)' } as never,
      status: 'published',
    });
    const versionsOf = () =>
      rx.received
        .filter((r) => r.status === 200)
        .map((r) => (JSON.parse(r.body) as { data: { id: string; version: number } }).data)
        .filter((d) => d.id === first.documentId)
        .map((d) => d.version);
    await until(() => versionsOf().length === 2);
    expect(versionsOf()).toEqual([1, 2]);
    // Nothing of version 2 was sent before version 1 got through.
    const sent = rx.received.map(
      (r) => `${(JSON.parse(r.body) as { data: { version: number } }).data.version}:${r.status}`,
    );
    expect(sent).toEqual(['1:500', '1:500', '1:200', '2:200']);
  });

  it('signs with both secrets during a rotation, redelivers on request, and filters by locale', async () => {
    const rx = await receiver([]);
    servers.push(rx.server);
    const endpoints = cms.strapi.documents(ENDPOINT as never);
    const e = (await endpoints.create({
      data: { partner: 'NGO', url: rx.url, locales: ['nn'] } as never,
    })) as unknown as { documentId: string };
    const old = (
      (await cms.strapi.db.query(ENDPOINT).findOne({ where: { documentId: e.documentId } })) as {
        secret: string;
      }
    ).secret;
    await endpoints.update({ documentId: e.documentId, data: { secret: '' } as never });
    const row = (await cms.strapi.db
      .query(ENDPOINT)
      .findOne({ where: { documentId: e.documentId } })) as {
      secret: string;
      previousSecret: string;
      previousSecretExpiresAt: string;
    };
    expect(row.secret).not.toBe(old);
    expect(row.previousSecret).toBe(old);

    const nb = await cms.strapi
      .documents(ARTICLE)
      .create({ locale: 'nb', data: article('rotasjon') as never, status: 'published' });
    await cms.strapi.documents(ARTICLE).update({
      documentId: nb.documentId,
      locale: 'nn',
      data: {
        ...article('rotasjon-nn'),
        summary: 'Kvifor skjermen om kvelden gjer det vanskeleg å sovne.',
      } as never,
      status: 'published',
    });
    await until(() => rx.received.length >= 1);
    await new Promise((r) => setTimeout(r, 200));
    // Only nn events reach this endpoint.
    expect(
      rx.received.map((r) => (JSON.parse(r.body) as { data: { locale: string } }).data.locale),
    ).toEqual(['nn']);
    const first = rx.received[0] as Received;
    expect(() => new Webhook(old).verify(first.body, first.headers)).not.toThrow();
    expect(() => new Webhook(row.secret).verify(first.body, first.headers)).not.toThrow();

    const knex = cms.strapi.db.connection;
    const delivery = await knex('kilde_webhook_deliveries')
      .where({ endpoint_id: e.documentId })
      .first();
    expect(await deliveries.redeliver(knex, e.documentId, delivery.id)).toBe(true);
    cmsIndex.getDispatcher()?.wake();
    webhooks.getWebhookWorker()?.wake();
    await until(() => rx.received.length === 2);
    expect((rx.received[1] as Received).headers['webhook-id']).toBe(first.headers['webhook-id']);
  });

  it('disables an endpoint that keeps failing past the retry window, with a notice', async () => {
    webhooks.setWebhookTiming({ baseDelayMs: 20, maxDelayMs: 40, pollMs: 20, retryWindowMs: 250 });
    const rx = await receiver(Array.from({ length: 100 }, () => 503));
    servers.push(rx.server);
    await cms.strapi.db
      .query('api::partner.partner')
      .create({ data: { name: 'Failing partner', contactEmail: 'drift@partner.example' } });
    const e = (await cms.strapi
      .documents(ENDPOINT as never)
      .create({ data: { partner: 'Failing partner', url: rx.url } as never })) as unknown as {
      documentId: string;
    };
    await cms.strapi
      .documents(ARTICLE)
      .create({ locale: 'nb', data: article('feiler') as never, status: 'published' });
    await until(
      async () =>
        (
          (await cms.strapi.db
            .query(ENDPOINT)
            .findOne({ where: { documentId: e.documentId } })) as { enabled: boolean }
        ).enabled === false,
    );
    const row = (await cms.strapi.db
      .query(ENDPOINT)
      .findOne({ where: { documentId: e.documentId } })) as { disabledReason: string };
    expect(row.disabledReason).toMatch(/HTTP 503/);
    const delivery = await cms.strapi.db
      .connection('kilde_webhook_deliveries')
      .where({ endpoint_id: e.documentId })
      .first();
    expect(delivery.status).toBe('abandoned');
    expect(rx.received.length).toBeGreaterThanOrEqual(2);
    const notices = await cms.strapi.db
      .connection('kilde_notifications')
      .where({ kind: 'webhook-disabled' });
    expect(notices).toEqual([
      expect.objectContaining({
        recipient: 'drift@partner.example',
        subject: expect.stringContaining('webhook disabled'),
      }),
    ]);
    expect(notices[0].text).toContain(rx.url);
  });

  it('refuses an endpoint URL that is not http(s)', async () => {
    await expect(
      cms.strapi
        .documents(ENDPOINT as never)
        .create({ data: { partner: 'X', url: 'ftp://example.org/x' } as never }),
    ).rejects.toThrow(/http/);
    await expect(
      cms.strapi.documents(ENDPOINT as never).create({
        data: { partner: 'X', url: 'https://example.org', events: ['content.exploded'] } as never,
      }),
    ).rejects.toThrow(/unknown values/);
  });
});
