import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startCms, cmsDir, type TestCms } from '../helpers/start-cms';
import type * as Webhooks from '../../src/webhooks';
import type { AdminDeliveriesView, AdminEndpointView } from '../../src/webhooks/admin-routes';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const webhooks = require(join(cmsDir, 'dist', 'src', 'webhooks')) as typeof Webhooks;

jest.setTimeout(120_000);

const PASSWORD = 'Kilde-test-Passw0rd';
const ENDPOINT = 'api::webhook-endpoint.webhook-endpoint';
const ARTICLE = 'api::article.article';

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

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The admin's webhook delivery log API (`/kilde/webhooks…`) as the admin page uses it: who may
 * read and who may act, the log of an endpoint whose partner failed until it was switched off,
 * redelivery and switching it on again — against a real receiver on loopback.
 */
describe('webhook delivery log in the admin API', () => {
  let cms: TestCms;
  let url: string;
  let receiver: Server;
  let receiverUrl: string;
  let answer = 503;
  const received: { id: string; status: number }[] = [];
  const tokens: Record<string, string> = {};
  const ids: Record<string, number> = {};

  const call = async (as: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[as]}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  };

  beforeAll(async () => {
    webhooks.setWebhookTiming({ baseDelayMs: 20, maxDelayMs: 40, pollMs: 20, retryWindowMs: 300 });
    cms = await startCms({ listen: true });
    url = cms.url as string;
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received.push({ id: String(req.headers['webhook-id']), status: answer });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

    const users = cms.strapi.service('admin::user') as unknown as {
      create(d: object): Promise<{ id: number }>;
    };
    for (const [who, code] of [
      ['admin', 'strapi-super-admin'],
      ['editor', 'kilde-editor'],
      ['publisher', 'kilde-publisher'],
      ['writer', 'kilde-writer'],
    ] as const) {
      const role = (await cms.strapi.db.query('admin::role').findOne({ where: { code } })) as {
        id: number;
      };
      const email = `${who}@hooks.example.com`;
      ids[who] = (
        await users.create({
          firstname: who,
          lastname: 'Test',
          email,
          password: PASSWORD,
          isActive: true,
          roles: [role.id],
        })
      ).id;
      const login = await fetch(`${url}/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      tokens[who] = ((await login.json()) as { data: { token: string } }).data.token;
    }
  });

  afterAll(async () => {
    webhooks.setWebhookTiming(undefined);
    receiver?.close();
    await cms?.stop();
  });

  it('shows the failed deliveries and why the endpoint is off, and lets editors redeliver and switch it on', async () => {
    const endpoint = (await cms.strapi.documents(ENDPOINT as never).create({
      data: { partner: 'Helsestasjon', url: receiverUrl, description: 'Nyheter' } as never,
    })) as unknown as { documentId: string };
    const id = endpoint.documentId;
    await cms.strapi
      .documents(ARTICLE)
      .create({ locale: 'nb', data: article('leveranselogg') as never, status: 'published' });
    await until('the endpoint to be switched off', async () => {
      const row = (await cms.strapi.db.query(ENDPOINT).findOne({ where: { documentId: id } })) as {
        enabled: boolean;
      };
      return row.enabled === false;
    });
    const failedAttempts = received.length;
    expect(failedAttempts).toBeGreaterThanOrEqual(2);

    // Who may look: administrators, editors, publishers; not writers.
    expect((await call('writer', 'GET', '/kilde/webhooks')).status).toBe(403);
    const asPublisher = await call('publisher', 'GET', '/kilde/webhooks');
    expect(asPublisher.status).toBe(200);
    expect(asPublisher.json.canOperate).toBe(false);
    const list = await call('editor', 'GET', '/kilde/webhooks');
    expect(list.json.canOperate).toBe(true);
    const listed = (list.json.data as AdminEndpointView[]).find((e) => e.id === id);
    expect(listed).toMatchObject({
      partner: 'Helsestasjon',
      url: receiverUrl,
      enabled: false,
      disabledReason: expect.stringContaining('HTTP 503'),
      counts: { pending: 0, retrying: 0, delivered: 0, abandoned: 1 },
    });
    expect(JSON.stringify(list.json)).not.toMatch(/whsec_/);

    // The log: the given-up delivery with its last status, response time and error.
    const log = await call('publisher', 'GET', `/kilde/webhooks/${id}/deliveries?status=abandoned`);
    expect(log.status).toBe(200);
    const view = log.json.data as AdminDeliveriesView;
    expect(view.deliveries).toHaveLength(1);
    const failed = view.deliveries[0];
    expect(failed).toMatchObject({
      event: 'content.published',
      document: { type: 'article', locale: 'nb', version: 1 },
      status: 'abandoned',
      attempts: failedAttempts,
      lastStatus: 503,
      lastError: 'HTTP 503',
      nextAttemptAt: null,
      sendingBy: null,
    });
    expect(typeof failed?.lastResponseMs).toBe('number');
    expect(failed?.log).toHaveLength(failedAttempts);
    expect(failed?.log[0]).toMatchObject({ attempt: 1, status: 503, sent_by: expect.any(String) });
    expect(
      (
        (await call('admin', 'GET', `/kilde/webhooks/${id}/deliveries?status=delivered`)).json
          .data as AdminDeliveriesView
      ).deliveries,
    ).toEqual([]);
    const bad = await call('admin', 'GET', `/kilde/webhooks/${id}/deliveries?status=lost`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('status must be one of pending, retrying');
    expect((await call('admin', 'GET', '/kilde/webhooks/nope/deliveries')).status).toBe(404);

    // Publishers look only; an unknown delivery is a 404.
    const redeliverPath = `/kilde/webhooks/${id}/deliveries/${failed?.id}/redeliver`;
    expect((await call('publisher', 'POST', redeliverPath)).status).toBe(403);
    expect(
      (await call('editor', 'POST', `/kilde/webhooks/${id}/deliveries/999999/redeliver`)).status,
    ).toBe(404);

    // Redelivered while the endpoint is off: queued, not sent.
    answer = 200;
    const queued = await call('editor', 'POST', redeliverPath);
    expect(queued.status).toBe(202);
    expect(queued.json.data).toEqual({ redelivery: 'scheduled', waitsForEnable: true });
    await new Promise((r) => setTimeout(r, 300));
    expect(received).toHaveLength(failedAttempts);

    // Switched on again by an editor: the reason goes, the delivery goes out.
    expect((await call('publisher', 'POST', `/kilde/webhooks/${id}/enable`)).status).toBe(403);
    const enabled = await call('editor', 'POST', `/kilde/webhooks/${id}/enable`);
    expect(enabled.status).toBe(200);
    expect(enabled.json.data).toMatchObject({ enabled: true, disabledReason: null });
    await until('the redelivery to arrive', () => received.some((r) => r.status === 200));
    await until('the log to say delivered', async () => {
      const d = (await call('editor', 'GET', `/kilde/webhooks/${id}/deliveries`)).json
        .data as AdminDeliveriesView;
      return d.deliveries[0]?.status === 'delivered';
    });
    const after = (await call('editor', 'GET', `/kilde/webhooks/${id}/deliveries`)).json
      .data as AdminDeliveriesView;
    expect(after.deliveries[0]).toMatchObject({
      status: 'delivered',
      lastStatus: 200,
      lastError: null,
    });
    expect(after.endpoint.counts).toEqual({ pending: 0, retrying: 0, delivered: 1, abandoned: 0 });
    // Same delivery, same webhook id: a partner can de-duplicate it.
    expect(new Set(received.map((r) => r.id)).size).toBe(1);

    // Both acts are in the audit log under the editor's name.
    const audit = (await cms.strapi.db
      .connection('kilde_audit_log')
      .whereIn('action', ['webhook.redeliver', 'webhook.update'])
      .where('subject_id', id)
      .orderBy('id')) as { actor: string; action: string }[];
    expect(audit.map((a) => `${a.action} ${a.actor}`)).toEqual([
      `webhook.redeliver admin:${ids.editor}`,
      `webhook.update admin:${ids.editor}`,
    ]);

    // Operators redeliver from the command line too; the running CMS sends it, and it is audited.
    const cli = spawnSync(
      process.execPath,
      [join(cmsDir, 'bin', 'kilde.js'), 'webhooks', 'redeliver', id, String(failed?.id)],
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
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain(`delivery ${failed?.id} scheduled again`);
    await until(
      'the CLI redelivery to arrive',
      () => received.filter((r) => r.status === 200).length === 2,
    );
    const cliAudit = await cms.strapi.db
      .connection('kilde_audit_log')
      .where({ action: 'webhook.redeliver', subject_id: id })
      .whereLike('actor', 'cli:%')
      .select<{ details: string }[]>('details');
    expect(cliAudit).toHaveLength(1);
    expect(JSON.parse(cliAudit[0]?.details ?? '{}')).toEqual({ delivery: failed?.id });
    const unknown = spawnSync(
      process.execPath,
      [join(cmsDir, 'bin', 'kilde.js'), 'webhooks', 'redeliver', id, '999999'],
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
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toContain(`No delivery 999999 for endpoint ${id}`);
  });

  it('pages through a long log', async () => {
    const e = (await cms.strapi.documents(ENDPOINT as never).create({
      data: { partner: 'Sidevis', url: receiverUrl } as never,
    })) as unknown as { documentId: string };
    for (let i = 0; i < 3; i += 1)
      await cms.strapi
        .documents(ARTICLE)
        .create({ locale: 'nb', data: article(`sidevis-${i}`) as never, status: 'published' });
    await until('three deliveries', async () => {
      const d = (await call('admin', 'GET', `/kilde/webhooks/${e.documentId}/deliveries`)).json
        .data as AdminDeliveriesView;
      return d.deliveries.length === 3;
    });
    const first = (await call('admin', 'GET', `/kilde/webhooks/${e.documentId}/deliveries?limit=2`))
      .json.data as AdminDeliveriesView;
    expect(first.deliveries).toHaveLength(2);
    expect(first.nextBefore).toBe(first.deliveries[1]?.id);
    const second = (
      await call(
        'admin',
        'GET',
        `/kilde/webhooks/${e.documentId}/deliveries?limit=2&before=${first.nextBefore}`,
      )
    ).json.data as AdminDeliveriesView;
    expect(second.deliveries).toHaveLength(1);
    expect(second.nextBefore).toBeNull();
    expect((second.deliveries[0]?.id ?? 0) < (first.deliveries[1]?.id ?? 0)).toBe(true);
    expect(
      (await call('admin', 'GET', `/kilde/webhooks/${e.documentId}/deliveries?limit=500`)).status,
    ).toBe(400);
  });
});
