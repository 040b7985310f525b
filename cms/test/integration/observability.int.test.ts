import { join } from 'node:path';
import type { Knex } from 'knex';
import { startCms, cmsDir, type TestCms } from '../helpers/start-cms';
import type * as WorkflowModule from '../../src/workflow';
import { lookupPartnerKey, recordPartnerUsage } from '@kilde/store';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const workflow = require(join(cmsDir, 'dist', 'src', 'workflow')) as typeof WorkflowModule;

const PASSWORD = 'Kilde-test-Passw0rd';
const ARTICLE = 'api::article.article';

function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

interface AuditRow {
  actor: string;
  action: string;
  subject_id: string | null;
  outcome: string;
  request_id: string | null;
  details: string | null;
}

describe('CMS observability and audit log', () => {
  let cms: TestCms;
  let url: string;
  let knex: Knex;
  let adminId: number;
  let token: string;

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  };
  const audits = (action: string): Promise<AuditRow[]> => knex('kilde_audit_log').where({ action }).orderBy('id');
  /**
   * Strapi emits its admin events (sign-in, users, roles) without awaiting the listeners, so the
   * audit row lands just after the response: wait for it (up to 10 s) instead of racing it.
   */
  const auditsOf = async (action: string, atLeast = 1): Promise<AuditRow[]> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const rows = await audits(action);
      if (rows.length >= atLeast || Date.now() > deadline) return rows;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };

  beforeAll(async () => {
    cms = await startCms({ listen: true });
    url = cms.url!;
    knex = cms.strapi.db.connection;
    const role = (await cms.strapi.db.query('admin::role').findOne({ where: { code: 'strapi-super-admin' } })) as { id: number };
    const user = await (cms.strapi.service('admin::user') as unknown as { create(d: object): Promise<{ id: number }> }).create({
      firstname: 'Ada',
      lastname: 'Admin',
      email: 'ada@test.example.com',
      password: PASSWORD,
      isActive: true,
      roles: [role.id],
    });
    adminId = user.id;
  });

  afterAll(async () => {
    await cms?.stop();
  });

  it('audits sign-ins and failed sign-ins without recording what was typed', async () => {
    const bad = await fetch(`${url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@test.example.com', password: 'wrong-password-1' }),
    });
    expect(bad.status).toBe(400);
    const login = await fetch(`${url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ada@test.example.com', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    token = ((await login.json()) as { data: { token: string } }).data.token;

    const ok = await auditsOf('auth.login');
    expect(ok).toHaveLength(1);
    expect(ok[0]).toMatchObject({ actor: `admin:${adminId}`, outcome: 'success' });
    const failed = await auditsOf('auth.login-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.outcome).toBe('failure');
    expect(JSON.stringify(failed[0])).not.toContain('ada@test.example.com');
    expect(JSON.stringify(failed[0])).not.toContain('wrong-password-1');
  });

  it('gives every request an id, echoes a caller’s, and carries it to the workflow log, the outbox and the audit log', async () => {
    const own = await call('GET', '/kilde/audit?limit=1');
    expect(own.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // Not an id: replaced rather than echoed.
    expect((await call('GET', '/kilde/audit?limit=1', undefined, { 'x-request-id': 'a b' })).headers.get('x-request-id')).not.toBe('a b');

    const admin = await workflow.adminActor(cms.strapi, adminId);
    const draft = await workflow.runAs(admin, () =>
      cms.strapi.documents(ARTICLE).create({
        locale: 'nb',
        data: {
          title: 'Søvn og skjerm',
          slug: 'sovn-og-skjerm-audit',
          summary: 'Hvorfor skjermen om kvelden gjør det vanskelig å sovne.',
          body: '## Hvorfor\n\nLyset fra skjermen holder deg våken.\n',
          audience: ['13-15'],
          authors: ['Test Forfatter'],
          licence: 'CC-BY-4.0',
          professionallyResponsible: { name: 'Kari Fagansvarlig', profession: 'doctor' },
          sources: [{ title: 'Søvnveileder', kind: 'guideline', url: 'https://example.org/sovn' }],
        } as never,
      }),
    );
    const base = `/kilde/workflow/article/${draft.documentId}/nb/transition`;
    for (const [to, id] of [
      ['professional-review', 'req-transition-0001'],
      ['editorial-review', 'req-transition-0002'],
      ['ready', 'req-transition-0003'],
    ] as const) {
      const res = await call('POST', base, { to }, { 'x-request-id': id });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toBe(id);
    }
    const transitions = await audits('workflow.transition');
    expect(transitions.map((a) => a.request_id)).toEqual(['req-transition-0001', 'req-transition-0002', 'req-transition-0003']);
    expect(transitions[2]).toMatchObject({ actor: `admin:${adminId}`, subject_id: `${draft.documentId}:nb` });

    const published = await call(
      'POST',
      `/content-manager/collection-types/${ARTICLE}/${draft.documentId}/actions/publish?locale=nb`,
      { changeNoteKind: 'content-update', changeNote: 'Første versjon' },
      { 'x-request-id': 'req-publish-00001' },
    );
    expect(published.status).toBe(200);
    const outbox = await knex('kilde_outbox').where({ doc_id: draft.documentId }).orderBy('seq', 'desc').first();
    expect(outbox.request_id).toBe('req-publish-00001');
    const publishes = await audits('content.publish');
    expect(publishes).toHaveLength(1);
    expect(publishes[0]).toMatchObject({ actor: `admin:${adminId}`, request_id: 'req-publish-00001', subject_id: `${draft.documentId}:nb` });
  });

  it('audits role changes with the admin who made them', async () => {
    const role = (await knex('admin_roles').where({ code: 'kilde-writer' }).first()) as { id: number; name: string; description: string };
    const res = await call('PUT', `/admin/roles/${role.id}`, { name: role.name, description: 'Skriver utkast (endret i test)' });
    expect(res.status).toBe(200);
    const updates = await auditsOf('role.update');
    expect(updates.at(-1)).toMatchObject({ actor: `admin:${adminId}`, subject_id: 'kilde-writer' });
  });

  it('lists, filters and exports the log to administrators, refusing bad filters with the parameter named', async () => {
    const list = await call('GET', '/kilde/audit?action=auth.&limit=10');
    expect(list.status).toBe(200);
    const body = JSON.parse(list.text) as { data: { entries: { action: string }[] } };
    expect(body.data.entries.map((e) => e.action).sort()).toEqual(['auth.login', 'auth.login-failed']);

    const bad = await call('GET', '/kilde/audit?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('from must be a date');

    const csv = await call('GET', '/kilde/audit/export?format=csv&action=workflow.transition');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('id,at,actor,actorName,action,subjectType,subjectId,outcome,requestId,details');
    expect(lines).toHaveLength(4);
    expect(await audits('audit.export')).toHaveLength(1);
  });

  it('serves Prometheus metrics: requests per route pattern, outbox lag per consumer, pool, process', async () => {
    const res = await fetch(`${url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(sample(text, 'kilde_http_request_duration_seconds_count', { route: '/kilde/workflow/:type/:documentId/:locale/transition', status: '2xx' })).toBe(3);
    expect(text).not.toMatch(/route="[^"]*sovn-og-skjerm/);
    expect(sample(text, 'kilde_outbox_head_seq')).toBeGreaterThan(0);
    // Per-consumer outbox figures are there on this (the first) scrape, not one scrape late.
    expect(sample(text, 'kilde_outbox_lag_events', { consumer: 'revision-history' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'kilde_outbox_dead_events', { consumer: 'revision-history' })).toBe(0);
    expect(sample(text, 'kilde_db_pool_connections', { state: 'free' })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'kilde_process_resident_memory_bytes')).toBeGreaterThan(0);
    // The dispatcher delivered the publish above to the revision history, and counted it.
    let delivered: number | undefined;
    for (let i = 0; i < 50 && !delivered; i += 1) {
      const now = await (await fetch(`${url}/metrics`)).text();
      delivered = sample(now, 'kilde_outbox_deliveries_total', { consumer: 'revision-history', outcome: 'delivered' });
      if (!delivered) await new Promise((r) => setTimeout(r, 100));
    }
    expect(delivered).toBeGreaterThan(0);
  });

  it('answers liveness and readiness probes', async () => {
    expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', database: 'ok', migrations: { current: true } });
  });

  it('lets administrators create, rotate and revoke partner keys in the admin, editors only look, all audited', async () => {
    const editorRole = (await cms.strapi.db.query('admin::role').findOne({ where: { code: 'kilde-editor' } })) as { id: number };
    await (cms.strapi.service('admin::user') as unknown as { create(d: object): Promise<{ id: number }> }).create({
      firstname: 'Eva',
      lastname: 'Editor',
      email: 'eva@test.example.com',
      password: PASSWORD,
      isActive: true,
      roles: [editorRole.id],
    });
    const login = await fetch(`${url}/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'eva@test.example.com', password: PASSWORD }),
    });
    const editorToken = ((await login.json()) as { data: { token: string } }).data.token;
    const asEditor = { authorization: `Bearer ${editorToken}` };

    const bad = await call('POST', '/kilde/partner-keys', { partner: 'ung.no', scopes: ['read:everything'] });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Unknown scope');

    const created = await call('POST', '/kilde/partner-keys', { partner: 'ung.no', scopes: ['read:content', 'search'], rateLimitPerMinute: 600 });
    expect(created.status).toBe(200);
    const { key, record } = (JSON.parse(created.text) as { data: { key: string; record: { id: string; status: string } } }).data;
    expect(key).toMatch(/^kilde_[\w-]{8}_[\w-]{32}$/);
    expect(record.status).toBe('active');
    expect((await lookupPartnerKey(knex, key)).status).toBe('active');
    // Stored as a hash only.
    expect(JSON.stringify(await knex('kilde_partner_keys').select())).not.toContain(key);

    // Editors may see keys (without secrets) but not create them.
    const seen = await call('GET', '/kilde/partner-keys?partner=ung.no', undefined, asEditor);
    expect(seen.status).toBe(200);
    expect(seen.text).not.toContain(key);
    expect((await call('POST', '/kilde/partner-keys', { partner: 'ung.no', scopes: ['search'] }, asEditor)).status).toBe(403);

    const rotated = await call('POST', `/kilde/partner-keys/${record.id}/rotate`, { overlapHours: 2 });
    expect(rotated.status).toBe(200);
    const fresh = (JSON.parse(rotated.text) as { data: { key: string } }).data.key;
    expect((await lookupPartnerKey(knex, fresh)).status).toBe('active');
    expect((await lookupPartnerKey(knex, key)).status).toBe('active');

    expect((await call('POST', `/kilde/partner-keys/${record.id}/revoke`)).status).toBe(200);
    expect((await lookupPartnerKey(knex, key)).status).toBe('revoked');
    expect((await call('POST', `/kilde/partner-keys/${record.id}/revoke`)).status).toBe(404);

    expect((await audits('partner-key.create')).map((a) => a.subject_id)).toEqual([record.id]);
    expect(await audits('partner-key.rotate')).toHaveLength(1);
    expect(await audits('partner-key.revoke')).toHaveLength(1);

    await recordPartnerUsage(knex, [
      { day: new Date().toISOString().slice(0, 10), partner: 'ung.no', providerId: '', requests: 7, items: 21 },
    ]);
    const usage = await call('GET', '/kilde/partner-usage?partner=ung.no', undefined, asEditor);
    expect(usage.status).toBe(200);
    expect(JSON.parse(usage.text).data).toEqual([expect.objectContaining({ partner: 'ung.no', requests: 7, items: 21, providerName: null })]);
  });
});
