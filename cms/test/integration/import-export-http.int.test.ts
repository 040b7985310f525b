import { createWriteStream, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import pino from 'pino';
import {
  CmsClient,
  ImportBatch,
  ZipWriter,
  createApiServer,
  toMarkdownFile,
  type ApiServer,
} from '@kilde/api';
import { createDatabase, createPartnerKey } from '@kilde/store';
import { startCms, cmsDir, type TestCms } from '../helpers/start-cms';
import type * as ImportService from '../../src/import/import-service';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const service = require(
  join(cmsDir, 'dist', 'src', 'import', 'import-service'),
) as typeof ImportService;

jest.setTimeout(180_000);

const SECRET = 'test-internal-secret-0123456789-abcdef';
const org = {
  type: 'organisation',
  locale: 'nb',
  id: 'org-partner',
  name: 'Partner AS',
  description: 'Fiktiv partner.',
  orgNumber: null,
  url: null,
  logo: null,
  defaultLicence: 'CC-BY-4.0',
};
const topic = {
  type: 'topic',
  locale: 'nb',
  id: 'topic-venner',
  title: 'Venner',
  slug: 'venner',
  description: '',
  parent: null,
  reviewIntervalMonths: 12,
};

function article(
  externalId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'article',
    locale: 'nb',
    externalId,
    title: `Vennskap ${externalId}`,
    slug: `vennskap-${externalId}`,
    summary: 'Hvordan du får og beholder gode venner.',
    body: '## Venner\n\nGode venner lytter til hverandre og stiller opp.\n',
    topics: [{ id: 'topic-venner' }],
    audience: ['13-15'],
    provider: null,
    professionallyResponsible: { name: 'Ola Nordmann', profession: 'psychologist' },
    authors: ['Ola Nordmann'],
    sources: [{ title: 'Vennskap og helse', kind: 'research', url: 'https://example.org/venner' }],
    images: [],
    snomed: [],
    licence: 'CC-BY-4.0',
    lastReviewed: '2026-02-01',
    nextReviewDue: '2027-02-01',
    reviewIntervalMonths: 12,
    ...overrides,
  };
}
const ndjson = (records: unknown[]): string =>
  records.map((r) => JSON.stringify(r)).join('\n') + '\n';

async function zipBuffer(entries: [string, string | Buffer][]): Promise<Buffer> {
  const path = join(mkdtempSync(join(tmpdir(), 'kilde-http-zip-')), 'b.zip');
  const out = createWriteStream(path);
  const zip = new ZipWriter(out);
  for (const [n, d] of entries) await zip.add(n, d);
  await zip.finish();
  out.end();
  await once(out, 'finish');
  return readFileSync(path);
}

describe('import, export and webhooks over HTTP', () => {
  let cms: TestCms;
  let knex: Knex;
  let api: ApiServer;
  let apiUrl = '';
  let key = '';
  let trustedKey = '';
  let readOnlyKey = '';

  const post = (path: string, body: string | Buffer, type: string | null, k = key) =>
    fetch(`${apiUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${k}`, ...(type ? { 'content-type': type } : {}) },
      body,
    });
  // Response bodies are checked field by field below.
  const json = async (res: Response) => (await res.json()) as Record<string, any>;
  const waitJob = async (id: string, k = key): Promise<Record<string, any>> => {
    for (let i = 0; i < 400; i += 1) {
      const job = await json(
        await fetch(`${apiUrl}/v1/import/jobs/${id}`, {
          headers: { authorization: `Bearer ${k}` },
        }),
      );
      if (['completed', 'failed', 'rolled-back'].includes(job.status)) return job;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('job did not finish');
  };

  beforeAll(async () => {
    cms = await startCms({ listen: true, env: { KILDE_INTERNAL_SECRET: SECRET } });
    knex = await createDatabase({ url: cms.db.url });
    const batchPath = join(mkdtempSync(join(tmpdir(), 'kilde-http-base-')), 'base.ndjson');
    writeFileSync(batchPath, ndjson([org, topic]));
    const batch = await ImportBatch.fromPaths([batchPath]);
    await service.runImport(cms.strapi, batch, {
      mode: 'atomic',
      dryRun: false,
      publish: true,
      provider: null,
      requestedBy: 'cli',
      source: { kind: 'paths', paths: [batchPath] },
    });
    batch.close();
    const orgRow = (await cms.strapi.db
      .query('api::organisation.organisation')
      .findOne({ where: { documentId: 'org-partner' } })) as { id: number };
    await cms.strapi.db
      .query('api::partner.partner')
      .create({ data: { name: 'Partner AS', organisation: orgRow.id, trusted: false } });
    await cms.strapi.db
      .query('api::partner.partner')
      .create({ data: { name: 'Trusted AS', organisation: orgRow.id, trusted: true } });
    api = await createApiServer({
      knex,
      logger: pino({ level: 'silent' }),
      keyCacheSeconds: 0,
      dataDir: cms.db.dir,
      cms: new CmsClient({ baseUrl: cms.url as string, secret: SECRET }),
    });
    apiUrl = await api.listen(0);
    key = (
      await createPartnerKey(knex, {
        partner: 'Partner AS',
        scopes: ['import', 'export', 'webhooks'],
      })
    ).key;
    trustedKey = (
      await createPartnerKey(knex, { partner: 'Trusted AS', scopes: ['import', 'export'] })
    ).key;
    readOnlyKey = (
      await createPartnerKey(knex, { partner: 'Partner AS', scopes: ['read:content'] })
    ).key;
  });

  afterAll(async () => {
    try {
      await api?.close();
      await knex?.destroy();
    } finally {
      await cms?.stop();
    }
  });

  it('imports NDJSON as a job: 202, then progress and outcome at /v1/import/jobs/:id', async () => {
    const res = await post(
      '/v1/import?mode=partial',
      ndjson([article('h1'), article('h2')]),
      'application/x-ndjson',
    );
    expect(res.status).toBe(202);
    const body = await json(res);
    expect(res.headers.get('location')).toBe(`/v1/import/jobs/${body.job.id}`);
    expect(body.validation).toMatchObject({ total: 2, valid: 2, invalid: 0 });
    const job = await waitJob(body.job.id);
    expect(job).toMatchObject({
      status: 'completed',
      created: 2,
      failed: 0,
      progress: { total: 2, processed: 2 },
    });
    const drafts = (await cms.strapi.db
      .query('api::article.article')
      .findMany({ where: { externalId: { $in: ['h1', 'h2'] } }, populate: ['provider'] })) as {
      provider: { documentId: string };
    }[];
    expect(drafts).toHaveLength(2);
    // The partner imports for its own organisation.
    for (const d of drafts) expect(d.provider.documentId).toBe('org-partner');
    // Another partner cannot read the job.
    expect(
      (
        await fetch(`${apiUrl}/v1/import/jobs/${body.job.id}`, {
          headers: { authorization: `Bearer ${trustedKey}` },
        })
      ).status,
    ).toBe(404);

    // The same batch again: nothing changes.
    const again = await json(
      await post('/v1/import', ndjson([article('h1'), article('h2')]), 'application/x-ndjson'),
    );
    expect(await waitJob(again.job.id)).toMatchObject({
      status: 'completed',
      created: 0,
      unchanged: 2,
    });
  });

  it('answers a dry run at once, writing nothing', async () => {
    const res = await post(
      '/v1/import?dryRun=true',
      ndjson([article('h1', { title: 'Endret tittel' }), article('h2'), article('h3')]),
      'application/x-ndjson',
    );
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      dryRun: true,
      total: 3,
      valid: 3,
      created: 1,
      updated: 1,
      unchanged: 1,
      issues: [],
    });
    expect(
      await cms.strapi.db.query('api::article.article').count({ where: { externalId: 'h3' } }),
    ).toBe(0);
  });

  it('imports Markdown and a zip over HTTP', async () => {
    const md = await post(
      '/v1/import',
      toMarkdownFile(article('md1')),
      'text/markdown; charset=utf-8',
    );
    expect(md.status).toBe(202);
    expect(await waitJob((await json(md)).job.id)).toMatchObject({
      status: 'completed',
      created: 1,
    });
    const zip = await post(
      '/v1/import',
      await zipBuffer([
        ['a/nb.md', toMarkdownFile(article('z1'))],
        ['more.ndjson', ndjson([article('z2')])],
      ]),
      'application/zip',
    );
    expect(zip.status).toBe(202);
    expect(await waitJob((await json(zip)).job.id)).toMatchObject({
      status: 'completed',
      created: 2,
    });
  });

  it('refuses bad input with a clear error and code, never a 500', async () => {
    const cases: [string, string | Buffer, string | null, number, string][] = [
      ['empty body', '', 'application/x-ndjson', 422, 'EMPTY_INPUT'],
      [
        'invalid UTF-8',
        Buffer.concat([
          Buffer.from('{"type":"article","title":"'),
          Buffer.from([0xff, 0xfe]),
          Buffer.from('"}\n'),
        ]),
        'application/x-ndjson',
        422,
        'INVALID_UTF8',
      ],
      [
        'truncated NDJSON line',
        ndjson([article('t1')]) + JSON.stringify(article('t2')).slice(0, 60),
        'application/x-ndjson',
        422,
        'TRUNCATED_RECORD',
      ],
      [
        'unknown locale',
        ndjson([article('l1', { locale: 'sv' })]),
        'application/x-ndjson',
        422,
        'UNKNOWN_LOCALE',
      ],
      [
        'duplicate ids in a batch',
        ndjson([article('d1'), article('d1')]),
        'application/x-ndjson',
        422,
        'DUPLICATE_RECORD',
      ],
      [
        'schema violation',
        ndjson([article('s1', { sources: [{ title: 'x', kind: 'other', url: 'not a url' }] })]),
        'application/x-ndjson',
        422,
        'SCHEMA_VIOLATION',
      ],
      ['invalid JSON', '{"type": "article",', 'application/json', 422, 'INVALID_JSON'],
      [
        'Markdown without front matter',
        '# Bare en overskrift\n',
        'text/markdown',
        422,
        'INVALID_FRONT_MATTER',
      ],
    ];
    for (const [what, body, type, status, code] of cases) {
      const res = await post('/v1/import', body, type);
      const b = await json(res);
      expect({
        what,
        status: res.status,
        code: b.error?.code,
        issue: b.error?.details?.issues?.[0]?.code,
      }).toEqual({ what, status, code: 'IMPORT_REJECTED', issue: code });
      expect(b.error.message).toEqual(expect.any(String));
    }
    const truncated = await json(
      await post(
        '/v1/import',
        ndjson([article('t1')]) + JSON.stringify(article('t2')).slice(0, 60),
        'application/x-ndjson',
      ),
    );
    expect(truncated.error.details.issues[0]).toMatchObject({ file: 'upload.ndjson', line: 2 });

    const wrongType = await post('/v1/import', ndjson([article('w1')]), 'text/plain');
    expect(wrongType.status).toBe(415);
    expect((await json(wrongType)).error).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      details: { issues: [{ code: 'UNSUPPORTED_FORMAT' }] },
    });
    expect((await post('/v1/import', ndjson([article('w1')]), null)).status).toBe(415);

    // A 50 MB single field: one record over the record limit, refused without holding it.
    const huge = JSON.stringify(article('big', { body: 'x'.repeat(50 * 1024 * 1024) }));
    const big = await post('/v1/import', `${huge}\n`, 'application/x-ndjson');
    expect(big.status).toBe(422);
    expect((await json(big)).error.details.issues[0]).toMatchObject({
      code: 'RECORD_TOO_LARGE',
      line: 1,
    });

    const bomb = await post(
      '/v1/import',
      await zipBuffer([['bomb.ndjson', Buffer.alloc(40 * 1024 * 1024, 0x20)]]),
      'application/zip',
    );
    expect(bomb.status).toBe(422);
    expect((await json(bomb)).error.details.issues[0]).toMatchObject({ code: 'ZIP_BOMB' });
    const traversal = await post(
      '/v1/import',
      await zipBuffer([['../../../etc/cron.d/evil.md', toMarkdownFile(article('ev'))]]),
      'application/zip',
    );
    expect(traversal.status).toBe(422);
    expect((await json(traversal)).error.details.issues[0]).toMatchObject({
      code: 'ZIP_PATH_TRAVERSAL',
    });
    const notZip = await post('/v1/import', 'this is not a zip', 'application/zip');
    expect((await json(notZip)).error.details.issues[0]).toMatchObject({ code: 'ZIP_INVALID' });

    // Images that are not images fail per image; the rest of the batch lands (partial mode).
    const images = await post(
      '/v1/import?mode=partial',
      await zipBuffer([
        [
          'ok.ndjson',
          ndjson([
            article('img-ok'),
            article('img-bad', { images: [{ url: 'bilde.jpg', alt: 'Et bilde' }] }),
          ]),
        ],
        ['bilde.jpg', 'GIF89a? nei, dette er tekst'],
      ]),
      'application/zip',
    );
    expect(images.status).toBe(202);
    const job = await waitJob((await json(images)).job.id);
    expect(job).toMatchObject({ status: 'completed', created: 1, failed: 1 });
    expect(job.issues).toEqual([
      expect.objectContaining({
        file: 'ok.ndjson',
        line: 2,
        path: '/images/0/url',
        code: 'IMAGE_INVALID',
      }),
    ]);

    // Nothing was staged and left behind. A job's upload is removed just after the job is marked
    // completed (the import queue's clean-up step), so give that step a moment.
    const staging = join(cms.db.dir, 'import-staging');
    const deadline = Date.now() + 10_000;
    while (readdirSync(staging).length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(readdirSync(staging)).toEqual([]);
  });

  it('checks scope, mode and the trusted flag for publishing', async () => {
    const noScope = await post(
      '/v1/import',
      ndjson([article('x')]),
      'application/x-ndjson',
      readOnlyKey,
    );
    expect(noScope.status).toBe(403);
    expect((await json(noScope)).error.code).toBe('INSUFFICIENT_SCOPE');
    expect(
      (await post('/v1/import?mode=sometimes', ndjson([article('x')]), 'application/x-ndjson'))
        .status,
    ).toBe(400);
    const untrusted = await post(
      '/v1/import?publish=true',
      ndjson([article('x')]),
      'application/x-ndjson',
    );
    expect(untrusted.status).toBe(403);
    expect((await json(untrusted)).error.code).toBe('PUBLISH_NOT_ALLOWED');

    const trusted = await post(
      '/v1/import?publish=true&mode=partial',
      ndjson([article('pub1'), article('pub2', { sources: [] })]),
      'application/x-ndjson',
      trustedKey,
    );
    expect(trusted.status).toBe(202);
    const job = await waitJob((await json(trusted)).job.id, trustedKey);
    expect(job).toMatchObject({ status: 'completed', created: 2, published: 1 });
    expect(job.issues).toEqual([expect.objectContaining({ line: 2, code: 'PUBLISH_REFUSED' })]);
  });

  it('exports NDJSON, JSON and a delta from a cursor, streamed', async () => {
    const res = await fetch(`${apiUrl}/v1/export`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; type: string });
    expect(lines.map((d) => d.type)).toEqual(['organisation', 'topic', 'article']);
    const cursor = res.headers.get('x-kilde-changes-cursor') as string;

    const asJson = await fetch(`${apiUrl}/v1/export?format=json&type=topic`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect((JSON.parse(await asJson.text()) as { id: string }[]).map((d) => d.id)).toEqual([
      'topic-venner',
    ]);

    const empty = await fetch(`${apiUrl}/v1/export?since=${cursor}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(await empty.text()).toBe('');
    const trusted = await post(
      '/v1/import?publish=true',
      ndjson([article('delta1')]),
      'application/x-ndjson',
      trustedKey,
    );
    await waitJob((await json(trusted)).job.id, trustedKey);
    const delta = await fetch(`${apiUrl}/v1/export?since=${cursor}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(
      (await delta.text())
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { externalId: string }).externalId),
    ).toEqual(['delta1']);

    const bad = await fetch(`${apiUrl}/v1/export?since=yesterday`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.code).toBe('BAD_USER_INPUT');
    expect(
      (await fetch(`${apiUrl}/v1/export`, { headers: { authorization: `Bearer ${readOnlyKey}` } }))
        .status,
    ).toBe(403);
  });

  it('lets a partner manage its own webhook endpoints and read their delivery log', async () => {
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const created = await fetch(`${apiUrl}/v1/webhooks`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        url: 'https://hooks.partner.example/kilde',
        events: ['content.published'],
        locales: ['nb'],
      }),
    });
    expect(created.status).toBe(201);
    const { endpoint } = await json(created);
    expect(endpoint).toMatchObject({
      url: 'https://hooks.partner.example/kilde',
      events: ['content.published'],
      enabled: true,
      secret: expect.stringMatching(/^whsec_/),
    });
    const list = await json(await fetch(`${apiUrl}/v1/webhooks`, { headers: auth }));
    expect(list.endpoints).toEqual([expect.objectContaining({ id: endpoint.id })]);
    expect(list.endpoints[0].secret).toBeUndefined();

    const rotated = await json(
      await fetch(`${apiUrl}/v1/webhooks/${endpoint.id}/rotate-secret`, {
        method: 'POST',
        headers: auth,
      }),
    );
    expect(rotated.endpoint.secret).not.toBe(endpoint.secret);
    expect(rotated.endpoint.previousSecretValidUntil).toEqual(expect.any(String));

    const invalid = await fetch(`${apiUrl}/v1/webhooks/${endpoint.id}`, {
      method: 'PATCH',
      headers: auth,
      body: JSON.stringify({ events: ['content.exploded'] }),
    });
    expect(invalid.status).toBe(400);
    const refusal = await json(invalid);
    expect(refusal.error.code).toBe('WEBHOOK_INVALID');
    expect(refusal.error.details.errors).toEqual([
      { in: 'body', path: '/events/0', message: expect.stringContaining('content.published') },
    ]);
    expect(
      (
        await fetch(`${apiUrl}/v1/webhooks`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ url: 'gopher://x' }),
        })
      ).status,
    ).toBe(400);

    const deliveries = await json(
      await fetch(`${apiUrl}/v1/webhooks/${endpoint.id}/deliveries`, { headers: auth }),
    );
    expect(Array.isArray(deliveries.deliveries)).toBe(true);
    const other = (await createPartnerKey(knex, { partner: 'Someone else', scopes: ['webhooks'] }))
      .key;
    expect(
      (
        await fetch(`${apiUrl}/v1/webhooks/${endpoint.id}`, {
          headers: { authorization: `Bearer ${other}` },
        })
      ).status,
    ).toBe(404);
    expect(
      (await fetch(`${apiUrl}/v1/webhooks/${endpoint.id}`, { method: 'DELETE', headers: auth }))
        .status,
    ).toBe(200);
    expect((await json(await fetch(`${apiUrl}/v1/webhooks`, { headers: auth }))).endpoints).toEqual(
      [],
    );
  });

  it('leaves an audit trail of imports, exports and webhook changes, without secrets', async () => {
    const rows = async (action: string) =>
      (await knex('kilde_audit_log').where({ action }).orderBy('id')) as {
        actor: string;
        subject_id: string | null;
        details: string | null;
        outcome: string;
      }[];
    // Each finished import job, with its outcome and counts.
    const imports = await rows('import.run');
    expect(imports.length).toBeGreaterThan(0);
    expect(
      imports.some((r) => r.outcome === 'success' && JSON.parse(r.details ?? '{}').total >= 1),
    ).toBe(true);
    // …and counted for /metrics.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { cmsMetrics } = require(join(cmsDir, 'dist', 'src', 'observability')) as {
      cmsMetrics: () =>
        | { registry: { getSingleMetricAsString(n: string): Promise<string> } }
        | undefined;
    };
    const jobs = await cmsMetrics()!.registry.getSingleMetricAsString('kilde_jobs_total');
    expect(
      Number(/kind="import",outcome="completed"[^}]*} (\d+)/.exec(jobs)?.[1]),
    ).toBeGreaterThanOrEqual(1);
    // Exports are recorded by the CMS over the internal channel, after the stream ended.
    let exports: Awaited<ReturnType<typeof rows>> = [];
    for (let i = 0; i < 100 && exports.length === 0; i += 1) {
      exports = await rows('export.run');
      if (exports.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(exports[0]).toMatchObject({ actor: expect.stringMatching(/^partner:/) });
    // Webhook endpoints created, changed and deleted by the partner through the API.
    const hooks = [
      ...(await rows('webhook.create')),
      ...(await rows('webhook.update')),
      ...(await rows('webhook.delete')),
    ];
    expect(hooks.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(await knex('kilde_audit_log').select())).not.toMatch(/whsec_/);
  });
});
