import { join } from 'node:path';
import type { Knex } from 'knex';
import { startCms, cmsDir, type TestCms } from '../helpers/start-cms';
import type * as WorkflowModule from '../../src/workflow';
import type * as RevisionModule from '../../src/revision/revision-service';
import type * as CmsIndexModule from '../../src/index';

// The module instances Strapi loaded (cms/dist), so `runAs` scopes reach its middleware.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const workflow = require(join(cmsDir, 'dist', 'src', 'workflow')) as typeof WorkflowModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const revisions = require(
  join(cmsDir, 'dist', 'src', 'revision', 'revision-service'),
) as typeof RevisionModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cmsIndex = require(join(cmsDir, 'dist', 'src', 'index')) as typeof CmsIndexModule;

jest.setTimeout(180_000);

const ARTICLE = 'api::article.article';
const PASSWORD = 'Kilde-test-Passw0rd';
const ROLES = ['writer', 'professional-reviewer', 'editor', 'publisher', 'local-editor'] as const;
type Role = (typeof ROLES)[number];

function article(slug: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Søvn og skjerm',
    slug,
    summary: 'Hvorfor skjermen om kvelden gjør det vanskelig å sovne.',
    body: '## Hvorfor\n\nLyset fra skjermen holder deg våken.\n',
    audience: ['13-15', '16-17'],
    authors: ['Test Forfatter'],
    licence: 'CC-BY-4.0',
    professionallyResponsible: {
      name: 'Kari Fagansvarlig',
      profession: 'doctor',
      email: 'kari.fag@example.org',
    },
    sources: [{ title: 'Søvnveileder', kind: 'guideline', url: 'https://example.org/sovn' }],
    reviewIntervalMonths: 12,
    ...overrides,
  };
}

const today = (): string =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());

describe('editorial workflow on a real CMS', () => {
  let cms: TestCms;
  let knex: Knex;
  let url: string;
  const users = new Map<Role, { id: number; email: string; token: string }>();
  let orgA: string;
  let orgB: string;

  const api = async (
    role: Role | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(role ? { authorization: `Bearer ${users.get(role)!.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => null)) as {
      data?: unknown;
      error?: { name: string; message: string; details?: unknown };
    } | null;
    return { status: res.status, json };
  };
  const as = async <T>(
    role: Role | 'import',
    fn: () => Promise<T>,
    changeNote?: {
      kind: 'content-update' | 'minor-correction' | 'professional-review' | 'other';
      text: string | null;
    },
  ) =>
    workflow.runAs(
      role === 'import'
        ? workflow.systemActor('import')
        : await workflow.adminActor(cms.strapi, users.get(role)!.id),
      fn,
      { changeNote },
    );
  const docs = () => cms.strapi.documents(ARTICLE);
  const draftStage = async (documentId: string, locale = 'nb') =>
    (
      (await knex('articles')
        .where({ document_id: documentId, locale })
        .whereNull('published_at')
        .first()) as { workflow_stage: string }
    ).workflow_stage;

  beforeAll(async () => {
    cms = await startCms({ listen: true });
    url = cms.url!;
    knex = cms.strapi.db.connection;
    const roleService = cms.strapi.service('admin::role') as unknown as {
      findOne(q: object): Promise<{ id: number }>;
    };
    const userService = cms.strapi.service('admin::user') as unknown as {
      create(d: object): Promise<{ id: number }>;
    };
    for (const role of ROLES) {
      const r = await roleService.findOne({ code: `kilde-${role}` });
      const email = `${role}@test.example.com`;
      const u = await userService.create({
        firstname: role,
        lastname: 'Test',
        email,
        password: PASSWORD,
        isActive: true,
        roles: [r.id],
      });
      const login = await fetch(`${url}/admin/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      expect(login.status).toBe(200);
      const token = ((await login.json()) as { data: { token: string } }).data.token;
      users.set(role, { id: u.id, email, token });
    }
    const orgs = cms.strapi.documents('api::organisation.organisation');
    const sys = workflow.systemActor('test-fixture');
    orgA = (
      await workflow.runAs(sys, () =>
        orgs.create({
          locale: 'nb',
          data: { name: 'Organisasjon A', defaultLicence: 'CC-BY-4.0' } as never,
          status: 'published',
        }),
      )
    ).documentId;
    orgB = (
      await workflow.runAs(sys, () =>
        orgs.create({
          locale: 'nb',
          data: { name: 'Organisasjon B', defaultLicence: 'CC-BY-4.0' } as never,
          status: 'published',
        }),
      )
    ).documentId;
    await cms.strapi.documents('api::editorial-membership.editorial-membership' as never).create({
      data: { email: users.get('local-editor')!.email, organisation: orgA } as never,
    });
  });

  afterAll(async () => {
    await cms?.stop();
  });

  it("refuses a writer's publish through the document service, the admin API and the Content API (403)", async () => {
    const draft = await as('writer', () =>
      docs().create({ locale: 'nb', data: article('skribent-vil-publisere') as never }),
    );

    await expect(
      as('writer', () => docs().publish({ documentId: draft.documentId, locale: 'nb' }), {
        kind: 'content-update',
        text: null,
      }),
    ).rejects.toMatchObject({
      name: 'ForbiddenError',
    });
    await expect(
      as('writer', () =>
        docs().update({
          documentId: draft.documentId,
          locale: 'nb',
          data: { title: 'Ny tittel' } as never,
          status: 'published',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ForbiddenError' });

    const viaAdmin = await api(
      'writer',
      'POST',
      `/content-manager/collection-types/${ARTICLE}/${draft.documentId}/actions/publish?locale=nb`,
      {
        changeNoteKind: 'content-update',
      },
    );
    expect(viaAdmin.status).toBe(403);

    // A full-access API token passes Strapi's own permission check; the workflow still refuses.
    const tokens = cms.strapi.service('admin::api-token') as unknown as {
      create(d: object): Promise<{ accessKey: string }>;
    };
    const { accessKey } = await tokens.create({
      name: 'workflow-test',
      kind: 'content-api',
      type: 'full-access',
      lifespan: null,
    });
    const rest = await fetch(`${url}/api/articles?status=published`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessKey}` },
      body: JSON.stringify({
        data: { ...article('rest-vil-publisere'), changeNoteKind: 'content-update' },
      }),
    });
    // …while the same token may keep drafts. (Strapi's Content API publishes unless told `status=draft`.)
    const draftViaRest = await fetch(`${url}/api/articles?status=draft`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessKey}` },
      body: JSON.stringify({ data: article('rest-utkast') }),
    });
    expect(draftViaRest.status).toBe(201);
    expect(rest.status).toBe(403);

    expect(
      await docs().findMany({
        filters: { slug: { $in: ['skribent-vil-publisere', 'rest-vil-publisere'] } },
        status: 'published',
      }),
    ).toHaveLength(0);
    expect(await knex('kilde_documents').where({ slug: 'skribent-vil-publisere' })).toHaveLength(0);
  });

  it('walks an article from draft to published through the admin API, each step by its role', async () => {
    const created = await api(
      'writer',
      'POST',
      `/content-manager/collection-types/${ARTICLE}?locale=nb`,
      article('fra-utkast-til-publisert'),
    );
    expect(created.status).toBe(201);
    const id = (created.json!.data as { documentId: string }).documentId;
    const step = (role: Role, to: string, comment?: string) =>
      api(role, 'POST', `/kilde/workflow/article/${id}/nb/transition`, { to, comment });

    // A writer cannot approve the professional content, and nobody skips a stage.
    expect((await step('writer', 'editorial-review')).status).toBe(400);
    expect((await step('writer', 'professional-review', 'Klar for fagvurdering')).status).toBe(200);
    expect((await step('writer', 'editorial-review')).status).toBe(403);
    expect((await step('professional-reviewer', 'editorial-review', 'Faglig i orden')).status).toBe(
      200,
    );
    expect((await step('editor', 'ready', 'Språket er klart')).status).toBe(200);
    expect(await draftStage(id)).toBe('ready');

    // Publishing needs a change note.
    const withoutNote = await api(
      'publisher',
      'POST',
      `/content-manager/collection-types/${ARTICLE}/${id}/actions/publish?locale=nb`,
      {},
    );
    expect(withoutNote.status).toBe(400);
    expect(withoutNote.json?.error?.message).toMatch(/change note/);

    const published = await api(
      'publisher',
      'POST',
      `/content-manager/collection-types/${ARTICLE}/${id}/actions/publish?locale=nb`,
      {
        changeNoteKind: 'professional-review',
        changeNote: 'Første versjon, fagvurdert',
      },
    );
    expect(published.status).toBe(200);

    const row = await knex('articles')
      .where({ document_id: id, locale: 'nb' })
      .whereNotNull('published_at')
      .first();
    expect(row.workflow_stage).toBe('published');
    expect(String(row.last_reviewed).slice(0, 10)).toBe(today());
    const status = await api('publisher', 'GET', `/kilde/workflow/article/${id}/nb`);
    expect(status.status).toBe(200);
    const data = status.json!.data as {
      stage: string;
      review: { lastReviewed: string; nextReviewDue: string };
      history: { kind: string; actorName: string; changeNote: unknown }[];
    };
    expect(data.stage).toBe('published');
    expect(data.review.nextReviewDue).toBe(`${Number(today().slice(0, 4)) + 1}${today().slice(4)}`);
    expect(data.history.map((e) => e.kind)).toEqual([
      'publish',
      'transition',
      'transition',
      'transition',
    ]);
    expect(data.history[0]).toMatchObject({
      actorName: 'publisher Test',
      changeNote: { kind: 'professional-review', text: 'Første versjon, fagvurdert' },
    });
    const stored = JSON.parse(
      (await knex('kilde_documents').where({ doc_id: id, locale: 'nb' }).first()).document,
    );
    expect(stored.lastReviewed).toBe(today());
    // The pending note is consumed: the next publish needs a new one.
    expect(
      (
        await knex('articles')
          .where({ document_id: id, locale: 'nb' })
          .whereNull('published_at')
          .first()
      ).change_note_kind,
    ).toBeNull();
  });

  it('cannot publish an article without sources through the admin API, the document service or import', async () => {
    const noSources = article('uten-kilder', { sources: [] });
    const draft = await as('writer', () =>
      docs().create({ locale: 'nb', data: noSources as never }),
    );
    for (const [role, to] of [
      ['writer', 'professional-review'],
      ['professional-reviewer', 'editorial-review'],
      ['editor', 'ready'],
    ] as const) {
      expect(
        (
          await api(role, 'POST', `/kilde/workflow/article/${draft.documentId}/nb/transition`, {
            to,
          })
        ).status,
      ).toBe(200);
    }

    const viaAdmin = await api(
      'publisher',
      'POST',
      `/content-manager/collection-types/${ARTICLE}/${draft.documentId}/actions/publish?locale=nb`,
      {
        changeNoteKind: 'content-update',
      },
    );
    expect(viaAdmin.status).toBe(400);
    expect(viaAdmin.json?.error?.message).toMatch(/quality gate.*sources-required/);

    await expect(
      as('publisher', () => docs().publish({ documentId: draft.documentId, locale: 'nb' }), {
        kind: 'content-update',
        text: 'Ny artikkel',
      }),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      message: expect.stringMatching(/sources-required/),
    });

    await expect(
      as(
        'import',
        () =>
          docs().create({
            locale: 'nb',
            data: article('importert-uten-kilder', { sources: [] }) as never,
            status: 'published',
          }),
        {
          kind: 'content-update',
          text: 'Import batch 7',
        },
      ),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      details: {
        gate: expect.arrayContaining([
          expect.objectContaining({ rule: 'sources-required', severity: 'error' }),
        ]),
      },
    });

    // Nothing was published, and the refused publish left the variant where it was.
    expect(
      await knex('kilde_documents').whereIn('slug', ['uten-kilder', 'importert-uten-kilder']),
    ).toHaveLength(0);
    expect(
      await docs().findMany({
        filters: { slug: { $in: ['uten-kilder', 'importert-uten-kilder'] } },
        status: 'published',
      }),
    ).toHaveLength(0);
    expect(await draftStage(draft.documentId)).toBe('ready');

    // Internal links must point at published content (checked against the read store).
    const live = await as(
      'import',
      () =>
        docs().create({ locale: 'nb', data: article('lenkemaal') as never, status: 'published' }),
      { kind: 'content-update', text: 'Lenkemål' },
    );
    const linking = (target: string) =>
      article(`lenker-til-${target}`, {
        body: `## Les mer\n\nSe [artikkelen om søvn](kilde:article/${target}).\n`,
      });
    await as(
      'import',
      () =>
        docs().create({
          locale: 'nb',
          data: linking(live.documentId) as never,
          status: 'published',
        }),
      { kind: 'content-update', text: 'Lenke' },
    );
    await expect(
      as(
        'import',
        () =>
          docs().create({
            locale: 'nb',
            data: linking(draft.documentId) as never,
            status: 'published',
          }),
        { kind: 'content-update', text: 'Død lenke' },
      ),
    ).rejects.toMatchObject({
      details: {
        gate: expect.arrayContaining([
          expect.objectContaining({ rule: 'internal-links', severity: 'error', line: 3 }),
        ]),
      },
    });

    // The same gate runs on unsaved form values for the side panel.
    const preview = await api('writer', 'POST', '/kilde/gate', {
      type: 'article',
      locale: 'nb',
      documentId: draft.documentId,
      values: noSources,
    });
    const gate = preview.json!.data as {
      passed: boolean;
      checks: { rule: string; severity: string }[];
      readability: { lix: number };
    };
    expect(gate.passed).toBe(false);
    expect(gate.checks).toContainEqual(
      expect.objectContaining({ rule: 'sources-required', severity: 'error' }),
    );
    expect(gate.readability.lix).toBeGreaterThan(0);
  });

  it('moves a back-dated article to revision-due in the daily job, notifies, and restarts the cycle on confirmation', async () => {
    const sys = { kind: 'content-update', text: 'Fixture' } as const;
    const dueSoon = await as(
      'import',
      () =>
        docs().create({
          locale: 'nb',
          data: article('snart-revisjon', { lastReviewed: '2029-06-20' }) as never,
          status: 'published',
        }),
      sys,
    );
    const overdue = await as(
      'import',
      () =>
        docs().create({
          locale: 'nb',
          data: article('forfalt-revisjon', { lastReviewed: '2028-01-10' }) as never,
          status: 'published',
        }),
      sys,
    );
    const fresh = await as(
      'import',
      () =>
        docs().create({
          locale: 'nb',
          data: article('nylig-revidert', { lastReviewed: '2030-05-01' }) as never,
          status: 'published',
        }),
      sys,
    );

    const report = await workflow.runReviewCycle(cms.strapi, { today: '2030-06-01' });
    expect(report.revisionDue.map((i) => i.documentId)).toContain(dueSoon.documentId);
    expect(report.overdue.map((i) => i.documentId)).toContain(overdue.documentId);
    expect([...report.revisionDue, ...report.overdue].map((i) => i.documentId)).not.toContain(
      fresh.documentId,
    );
    expect(await draftStage(dueSoon.documentId)).toBe('revision-due');
    expect(await draftStage(overdue.documentId)).toBe('revision-due');
    expect(await draftStage(fresh.documentId)).toBe('published');

    const notes = await workflow.listNotifications(knex, { limit: 100 });
    const aboutDueSoon = notes.filter((n) => n.documentId === dueSoon.documentId);
    expect(aboutDueSoon.map((n) => n.recipient).sort()).toEqual([
      'editor@test.example.com',
      'kari.fag@example.org',
    ]);
    expect(aboutDueSoon[0]).toMatchObject({
      kind: 'revision-due',
      channel: 'sink',
      subject: expect.stringContaining('2030-06-20'),
    });
    expect(
      notes.filter((n) => n.documentId === overdue.documentId && n.kind === 'overdue'),
    ).toHaveLength(2);

    // Idempotent: the same day again changes and sends nothing.
    const count = async () => (await workflow.listNotifications(knex, { limit: 500 })).length;
    const sent = await count();
    const again = await workflow.runReviewCycle(cms.strapi, { today: '2030-06-01' });
    expect(again).toMatchObject({ revisionDue: [], overdue: [], notifications: 0 });
    expect(await count()).toBe(sent);

    // The professional reviewer confirms it still correct: review recorded, new cycle, new version.
    const before = await knex('kilde_documents')
      .where({ doc_id: overdue.documentId, locale: 'nb' })
      .first();
    expect(
      (await api('writer', 'POST', `/kilde/workflow/article/${overdue.documentId}/nb/confirm`, {}))
        .status,
    ).toBe(403);
    const confirmed = await api(
      'professional-reviewer',
      'POST',
      `/kilde/workflow/article/${overdue.documentId}/nb/confirm`,
      { comment: 'Fortsatt riktig' },
    );
    expect(confirmed.status).toBe(200);
    expect(await draftStage(overdue.documentId)).toBe('published');
    const after = await knex('kilde_documents')
      .where({ doc_id: overdue.documentId, locale: 'nb' })
      .first();
    expect(after.version).toBe(before.version + 1);
    expect(JSON.parse(after.document)).toMatchObject({
      lastReviewed: today(),
      body: JSON.parse(before.document).body,
    });
  });

  it('marks the nn translation outdated when the nb source is republished with a content update', async () => {
    const sys = { kind: 'content-update', text: 'Fixture' } as const;
    const nb = await as(
      'import',
      () =>
        docs().create({
          locale: 'nb',
          data: article('kilde-og-oversettelse') as never,
          status: 'published',
        }),
      sys,
    );
    const nnData = article('kjelde-og-omsetjing', {
      title: 'Svevn og skjerm',
      summary: 'Kvifor skjermen gjer det vanskeleg å sovne.',
      body: '## Kvifor\n\nLyset held deg vaken.\n',
    });
    await as(
      'import',
      () =>
        docs().update({
          documentId: nb.documentId,
          locale: 'nn',
          data: nnData as never,
          status: 'published',
        }),
      sys,
    );
    const nbVersion = (
      await knex('kilde_documents').where({ doc_id: nb.documentId, locale: 'nb' }).first()
    ).version as number;
    expect(await workflow.getTranslationState(knex, nb.documentId, 'nn')).toMatchObject({
      sourceLocale: 'nb',
      translatedFromVersion: nbVersion,
      outdatedSince: null,
    });

    // A minor correction of the source leaves the translation current.
    await as(
      'import',
      () =>
        docs().update({
          documentId: nb.documentId,
          locale: 'nb',
          data: { title: 'Søvn og skjermer' } as never,
          status: 'published',
        }),
      {
        kind: 'minor-correction',
        text: 'Skrivefeil',
      },
    );
    expect(
      (await workflow.getTranslationState(knex, nb.documentId, 'nn'))?.outdatedSince,
    ).toBeNull();

    // A content update outdates it, tells the editors, and lists it for them.
    await as(
      'import',
      () =>
        docs().update({
          documentId: nb.documentId,
          locale: 'nb',
          data: {
            body: '## Hvorfor\n\nBlått lys fra skjermen holder deg våken lenger.\n',
          } as never,
          status: 'published',
        }),
      {
        kind: 'content-update',
        text: 'Nye råd',
      },
    );
    const state = await workflow.getTranslationState(knex, nb.documentId, 'nn');
    expect(state?.outdatedSince).not.toBeNull();
    expect(state?.sourceVersion).toBeGreaterThan(state!.translatedFromVersion);
    expect(
      (await workflow.listOutdatedTranslations(knex)).map((s) => `${s.documentId}:${s.locale}`),
    ).toContain(`${nb.documentId}:nn`);
    expect(
      (await workflow.listNotifications(knex, { recipient: 'editor@test.example.com' })).some(
        (n) => n.kind === 'translation-outdated' && n.documentId === nb.documentId,
      ),
    ).toBe(true);
    const panel = await api('editor', 'GET', `/kilde/workflow/article/${nb.documentId}/nn`);
    expect(
      (panel.json!.data as { translation: { variants: { locale: string; state: string }[] } })
        .translation.variants,
    ).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ locale: 'nb', state: 'source' }),
        expect.objectContaining({ locale: 'nn', state: 'outdated' }),
      ]),
    );

    // The gate now blocks the outdated translation until an editor has updated it.
    await expect(
      as('import', () => docs().publish({ documentId: nb.documentId, locale: 'nn' }), sys),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/outdated-translation/),
    });
    expect(
      (
        await api(
          'editor',
          'POST',
          `/kilde/workflow/article/${nb.documentId}/nn/translation-current`,
          { comment: 'Oppdatert etter nb' },
        )
      ).status,
    ).toBe(200);
    await as('import', () => docs().publish({ documentId: nb.documentId, locale: 'nn' }), sys);
    expect(
      (await workflow.getTranslationState(knex, nb.documentId, 'nn'))?.outdatedSince,
    ).toBeNull();
  });

  it('keeps every published version, diffs two of them, and restores an old one as a new draft', async () => {
    const sys = { kind: 'content-update', text: 'Første utgave' } as const;
    const doc = await as(
      'import',
      () =>
        docs().create({ locale: 'nb', data: article('versjoner') as never, status: 'published' }),
      sys,
    );
    await as(
      'import',
      () =>
        docs().update({
          documentId: doc.documentId,
          locale: 'nb',
          data: { body: '## Hvorfor\n\nLyset fra mobilen holder deg lenge våken.\n' } as never,
          status: 'published',
        }),
      {
        kind: 'content-update',
        text: 'Mobil',
      },
    );
    expect(await cmsIndex.getDispatcher()?.drain(30_000)).toBe(true);
    const key = { type: 'article' as const, documentId: doc.documentId, locale: 'nb' as const };
    const versions = await revisions.listVersions(cms.strapi, key);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[0]).toMatchObject({
      actorName: 'system:import',
      changeNote: { kind: 'content-update', text: 'Mobil' },
    });

    const diff = await revisions.diffVersions(cms.strapi, key, 1, 2);
    const body = diff.fields.find((f) => f.field === 'body')!;
    expect(body.changed).toBe(true);
    expect(body.ops).toContainEqual({ op: 'delete', text: 'skjermen' });
    expect(body.ops).toContainEqual({ op: 'insert', text: 'mobilen' });
    expect(diff.fields.find((f) => f.field === 'title')?.changed).toBe(false);

    const restored = await api(
      'writer',
      'POST',
      `/kilde/revisions/article/${doc.documentId}/nb/restore`,
      { version: 1 },
    );
    expect(restored.status).toBe(200);
    const draft = await docs().findOne({
      documentId: doc.documentId,
      locale: 'nb',
      status: 'draft',
    });
    expect(draft?.body).toBe(article('x').body);
    expect(await draftStage(doc.documentId)).toBe('draft');
    // History is untouched: still two versions, the live one is still version 2.
    expect(
      await knex('kilde_revisions').where({ doc_id: doc.documentId, locale: 'nb' }),
    ).toHaveLength(2);
    expect(
      JSON.parse(
        (await knex('kilde_documents').where({ doc_id: doc.documentId, locale: 'nb' }).first())
          .document,
      ).body,
    ).toMatch(/mobilen/);
  });

  it("lets a local editor work only on their own organisation's content", async () => {
    const sys = { kind: 'content-update', text: 'Fixture' } as const;
    const own = await as(
      'import',
      () =>
        docs().create({
          locale: 'nb',
          data: article('egen-organisasjon', { provider: orgA }) as never,
          status: 'published',
        }),
      sys,
    );
    const other = await as(
      'import',
      () =>
        docs().create({
          locale: 'nb',
          data: article('annen-organisasjon', { provider: orgB }) as never,
          status: 'published',
        }),
      sys,
    );

    await as('local-editor', () =>
      docs().update({
        documentId: own.documentId,
        locale: 'nb',
        data: { title: 'Endret av lokalredaktør' } as never,
      }),
    );
    await expect(
      as('local-editor', () =>
        docs().update({
          documentId: other.documentId,
          locale: 'nb',
          data: { title: 'Nei' } as never,
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ForbiddenError',
    });
    await expect(
      as('local-editor', () =>
        docs().create({ locale: 'nb', data: article('lokal-annen', { provider: orgB }) as never }),
      ),
    ).rejects.toMatchObject({
      name: 'ForbiddenError',
    });
    const viaAdmin = await api(
      'local-editor',
      'PUT',
      `/content-manager/collection-types/${ARTICLE}/${other.documentId}?locale=nb`,
      { title: 'Nei' },
    );
    expect(viaAdmin.status).toBe(403);

    // The admin list shows a local editor only their organisation's articles.
    const list = await api(
      'local-editor',
      'GET',
      `/content-manager/collection-types/${ARTICLE}?page=1&pageSize=100&locale=nb`,
    );
    const ids = (list.json as unknown as { results: { documentId: string }[] }).results.map(
      (r) => r.documentId,
    );
    expect(ids).toContain(own.documentId);
    expect(ids).not.toContain(other.documentId);
  });
});
