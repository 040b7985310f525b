import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Knex } from 'knex';
import { ImportBatch } from '@kilde/api';
import { startCms, cmsDir, type TestCms } from '../helpers/start-cms';
import type * as ImportService from '../../src/import/import-service';
import type * as ToEntryData from '../../src/import/to-entry-data';
import type * as BulkDrafts from '../../src/import/bulk-drafts';
import type * as WorkflowModule from '../../src/workflow';

// The modules Strapi loaded (cms/dist), so they share its state (runAs scopes, caches).
/* eslint-disable @typescript-eslint/no-require-imports */
const service = require(
  join(cmsDir, 'dist', 'src', 'import', 'import-service'),
) as typeof ImportService;
const mapping = require(
  join(cmsDir, 'dist', 'src', 'import', 'to-entry-data'),
) as typeof ToEntryData;
const bulk = require(join(cmsDir, 'dist', 'src', 'import', 'bulk-drafts')) as typeof BulkDrafts;
const workflow = require(join(cmsDir, 'dist', 'src', 'workflow')) as typeof WorkflowModule;
/* eslint-enable @typescript-eslint/no-require-imports */

jest.setTimeout(180_000);

const ARTICLE = 'api::article.article';
const QUESTION = 'api::question-answer.question-answer';
type Rec = Record<string, unknown>;

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kilde-import-bulk-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}
const ndjson = (records: unknown[]): string =>
  records.map((r) => JSON.stringify(r)).join('\n') + '\n';

const base = (locale: string): Rec[] => [
  {
    type: 'organisation',
    locale,
    id: 'org-bulk',
    name: `Leverandør ${locale}`,
    description: '',
    orgNumber: null,
    url: null,
    logo: null,
    defaultLicence: 'CC-BY-4.0',
  },
  ...['topic-bulk-a', 'topic-bulk-b'].map((id) => ({
    type: 'topic',
    locale,
    id,
    title: `${id} ${locale}`,
    slug: `${id}-${locale}`,
    description: '',
    parent: null,
    reviewIntervalMonths: 12,
  })),
];

function article(externalId: string, overrides: Rec = {}): Rec {
  return {
    type: 'article',
    locale: 'nb',
    externalId,
    sourceSystem: 'partner-cms',
    title: `Søvn og skjerm ${externalId}`,
    slug: `sovn-og-skjerm-${externalId}`,
    summary: 'Hvorfor skjermen om kvelden gjør det vanskelig å sovne.',
    body: '## Hvorfor\n\nLyset fra skjermen holder deg våken. Legg bort mobilen en time før du sover.\n',
    topics: [{ id: 'topic-bulk-b' }, { id: 'topic-bulk-a' }],
    audience: ['13-15', '16-17'],
    provider: { id: 'org-bulk' },
    professionallyResponsible: { name: 'Kari Nordmann', profession: 'doctor' },
    authors: ['Test Forfatter', 'Ola Nordmann'],
    sources: [
      { title: 'Søvnveileder', kind: 'guideline', url: 'https://example.org/sovn' },
      {
        title: 'Studie',
        kind: 'research',
        publisher: 'Tidsskriftet',
        year: 2024,
        reference: 'Tidsskriftet 2024;3:12',
      },
    ],
    images: [],
    snomed: [{ code: '258158006', term: 'Sleep' }],
    licence: 'CC-BY-4.0',
    lastReviewed: '2026-01-15',
    nextReviewDue: '2027-01-15',
    reviewIntervalMonths: 12,
    ...overrides,
  };
}

function question(externalId: string, overrides: Rec = {}): Rec {
  return {
    type: 'question',
    locale: 'nb',
    externalId,
    title: `Er det farlig å sove lite? ${externalId}`,
    question: 'Jeg sover bare fem timer hver natt. Er det farlig?',
    answer: '## Svar\n\nDe fleste ungdommer trenger åtte til ti timer søvn.\n',
    answererProfession: 'nurse',
    topics: [{ id: 'topic-bulk-a' }],
    askerAgeBand: '16-17',
    answeredAt: '2026-02-01',
    provider: { id: 'org-bulk' },
    licence: 'CC-BY-4.0',
    lastReviewed: null,
    nextReviewDue: null,
    ...overrides,
  };
}

const populate = {
  topics: { fields: ['documentId'] },
  provider: { fields: ['documentId'] },
  professionallyResponsible: true,
  sources: true,
  images: true,
  snomed: true,
};

/** An entry as a comparison sees it: no row ids, document ids or timestamps. */
function comparable(entry: Rec): Rec {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === 'object') {
      const out: Rec = {};
      for (const [k, x] of Object.entries(v as Rec))
        if (!['id', 'documentId', 'createdAt', 'updatedAt'].includes(k)) out[k] = strip(x);
      return out;
    }
    return v;
  };
  const out = strip(entry) as Rec;
  // Relations are compared by the documents they point at (and in their order).
  if (Array.isArray(entry.topics)) out.topics = (entry.topics as Rec[]).map((t) => t.documentId);
  if (entry.provider) out.provider = (entry.provider as Rec).documentId;
  return out;
}

describe('bulk import of new drafts', () => {
  let cms: TestCms;
  let knex: Knex;

  const run = async (
    records: unknown[],
    options: Partial<Parameters<typeof service.runImport>[2]> = {},
  ) => {
    const path = join(folder({ 'batch.ndjson': ndjson(records) }), 'batch.ndjson');
    const batch = await ImportBatch.fromPaths([path]);
    try {
      return await service.runImport(cms.strapi, batch, {
        mode: 'atomic',
        dryRun: false,
        publish: false,
        provider: null,
        requestedBy: 'test',
        source: { kind: 'paths', paths: [path] },
        ...options,
      });
    } finally {
      batch.close();
    }
  };
  const entries = async (uid: string, externalId: string): Promise<Rec[]> =>
    (await cms.strapi.db.query(uid).findMany({
      where: { externalId, publishedAt: { $null: true } },
      populate,
      orderBy: { locale: 'asc' },
    })) as Rec[];
  const identity = async (externalId: string): Promise<string | undefined> =>
    (
      (await knex('kilde_import_identities').where({ external_id: externalId }).first()) as
        | { document_id: string }
        | undefined
    )?.document_id;

  beforeAll(async () => {
    cms = await startCms();
    knex = cms.strapi.db.connection;
    const report = await run([...base('nb'), ...base('nn')], { publish: true });
    expect(report).toMatchObject({ status: 'completed', created: 6, published: 6 });
  });

  afterAll(async () => {
    await cms?.stop();
  });

  it('writes the same drafts as the document service, announces them, and publishes them to the same canonical content', async () => {
    const records = [
      article('eq'),
      article('eq', { locale: 'nn', title: 'Svevn og skjerm eq', slug: 'svevn-og-skjerm-eq' }),
      question('eq-q'),
    ];
    // The same records through the document service, as the import's per-record path writes them.
    const resolver = new mapping.RefResolver(cms.strapi, () => knex, '');
    const viaDocuments = async (uid: string, r: Rec, documentId?: string): Promise<string> => {
      const type = r.type as 'article' | 'question';
      const data = await mapping.toEntryData(
        type,
        // (Published slugs are unique per locale, so the reference gets its own.)
        { ...r, externalId: `${String(r.externalId)}-ref`, slug: `${String(r.slug)}-ref` },
        r.locale as 'nb',
        resolver,
        new Map(),
      );
      data.workflowStage = 'draft';
      const docs = cms.strapi.documents(uid as typeof ARTICLE);
      const written = await workflow.runAs(workflow.systemActor('import'), () =>
        documentId
          ? docs.update({ documentId, locale: r.locale as string, data: data as never })
          : docs.create({ locale: r.locale as string, data: data as never }),
      );
      return (written as { documentId: string }).documentId;
    };
    const refArticle = await viaDocuments(ARTICLE, records[0] as Rec);
    await viaDocuments(ARTICLE, records[1] as Rec, refArticle);
    await viaDocuments(QUESTION, records[2] as Rec);

    const events: { uid: string; entry: Rec }[] = [];
    const off = cms.strapi.eventHub.on('entry.create', (e: { uid: string; entry: Rec }) => {
      events.push(e);
    });
    // Count the statements that insert entry rows: the point of the bulk path.
    const inserts: string[] = [];
    const onQuery = (q: { sql: string }): void => {
      if (/^insert into [`"](articles|question_answers)[`"]/.test(q.sql)) inserts.push(q.sql);
    };
    knex.on('query', onQuery);
    let report;
    try {
      report = await run(records);
    } finally {
      off();
      knex.off('query', onQuery);
    }
    // One statement per content type: both article locales in one, the question in the other.
    expect(inserts).toHaveLength(2);
    expect(report).toMatchObject({ status: 'completed', created: 3, failed: 0 });

    // Translations share one document.
    const bulkArticles = await entries(ARTICLE, 'eq');
    expect(bulkArticles.map((e) => e.locale)).toEqual(['nb', 'nn']);
    expect(new Set(bulkArticles.map((e) => e.documentId)).size).toBe(1);
    expect(await identity('eq')).toBe(bulkArticles[0]?.documentId);

    const refArticles = await entries(ARTICLE, 'eq-ref');
    const unref = (e: Rec): Rec => ({ ...comparable(e), externalId: 'x', slug: 'x' });
    expect(bulkArticles.map(unref)).toEqual(refArticles.map(unref));
    expect(bulkArticles[0]).toMatchObject({ workflowStage: 'draft', publishedAt: null });
    expect(comparable(bulkArticles[0] as Rec).topics).toEqual(['topic-bulk-b', 'topic-bulk-a']);
    const bulkQuestion = await entries(QUESTION, 'eq-q');
    expect(bulkQuestion.map(unref)).toEqual((await entries(QUESTION, 'eq-q-ref')).map(unref));

    // The same join rows (component types, fields, order columns) as Strapi's own create.
    const joinRows = async (id: unknown): Promise<Rec[]> =>
      (
        (await knex('articles_cmps')
          .select('component_type', 'field', 'order')
          .where({ entity_id: id })
          .orderBy(['field', 'order'])) as Rec[]
      ).map((r) => ({ ...r, order: r.order === null ? null : Number(r.order) }));
    expect(await joinRows(bulkArticles[0]?.id)).toEqual(await joinRows(refArticles[0]?.id));
    // Nothing else was written: every component row belongs to an entry.
    const orphans = await knex('components_article_sources as s')
      .leftJoin('articles_cmps as c', function () {
        this.on('c.cmp_id', '=', 's.id').andOnVal('c.component_type', '=', 'article.source');
      })
      .whereNull('c.id');
    expect(orphans).toHaveLength(0);

    // Strapi's event hub heard each created entry, populated, as after a document-service create.
    // (The reference entries' own events arrive after their commits too; only the import's count.)
    const heard = events.filter((e) => ['eq', 'eq-q'].includes(e.entry.externalId as string));
    expect(heard).toHaveLength(3);
    const nb = heard.find((e) => e.uid === ARTICLE && e.entry.locale === 'nb');
    expect(nb?.entry).toMatchObject({
      documentId: bulkArticles[0]?.documentId,
      sources: [expect.objectContaining({ title: 'Søvnveileder' }), expect.anything()],
      topics: [
        expect.objectContaining({ documentId: 'topic-bulk-b' }),
        expect.objectContaining({ documentId: 'topic-bulk-a' }),
      ],
    });

    // Published through the workflow, both give the same canonical documents (but for ids).
    const publish = (uid: string, documentId: string, locale: string) =>
      workflow.runAs(
        workflow.systemActor('import'),
        () => cms.strapi.documents(uid as typeof ARTICLE).publish({ documentId, locale }),
        { changeNote: { kind: 'content-update', text: 'test' } },
      );
    const canonical = async (documentId: string): Promise<Rec[]> =>
      (
        await knex<{ document: string }>('kilde_documents')
          .where({ doc_id: documentId })
          .orderBy('locale')
          .select('document')
      ).map((r) => {
        const doc = JSON.parse(r.document) as Rec;
        for (const k of ['id', 'slug', 'externalId', 'translations', 'contentHash']) delete doc[k];
        for (const k of ['publishedAt', 'updatedAt']) expect(typeof doc[k]).toBe('string');
        return { ...doc, publishedAt: null, updatedAt: null };
      });
    const bulkId = bulkArticles[0]?.documentId as string;
    for (const locale of ['nb', 'nn']) {
      await publish(ARTICLE, bulkId, locale);
      await publish(ARTICLE, refArticle, locale);
    }
    expect(await canonical(bulkId)).toHaveLength(2);
    expect(await canonical(bulkId)).toEqual(await canonical(refArticle));
  });

  it('leaves imported drafts to the workflow: the gate refuses to publish one without sources, and a writer may not publish', async () => {
    const report = await run([article('no-sources', { sources: [] })]);
    expect(report).toMatchObject({ status: 'completed', created: 1 });
    const [draft] = await entries(ARTICLE, 'no-sources');
    expect(draft).toMatchObject({ workflowStage: 'draft', publishedAt: null });
    const documentId = draft?.documentId as string;
    const publish = () => cms.strapi.documents(ARTICLE).publish({ documentId, locale: 'nb' });
    await expect(
      workflow.runAs(workflow.systemActor('import'), publish, {
        changeNote: { kind: 'content-update', text: 'test' },
      }),
    ).rejects.toThrow(/quality gate.*sources/i);
    await expect(
      workflow.runAs({ kind: 'integration', name: 'api-token:test' }, publish),
    ).rejects.toThrow(/Only publishers/);
    expect(await knex('kilde_documents').where({ doc_id: documentId })).toHaveLength(0);
    // Publishing on import meets the same gate: the draft stays, the refusal is reported.
    const partial = await run([article('no-sources-2', { sources: [] })], {
      mode: 'partial',
      publish: true,
    });
    expect(partial).toMatchObject({ created: 1, published: 0 });
    expect(partial.issues).toEqual([
      expect.objectContaining({
        code: 'PUBLISH_REFUSED',
        message: expect.stringMatching(/sources/),
      }),
    ]);
  });

  it('keeps Strapi’s validation: a record Strapi would refuse is refused in its words, the rest of the page lands', async () => {
    // 150 emoji are 150 characters to the canonical schema but 300 UTF-16 units to Strapi (max 200).
    const long = '😴'.repeat(150);
    const records = [article('ok-1'), article('too-long', { title: long }), article('ok-2')];
    const partial = await run(records, { mode: 'partial' });
    expect(partial).toMatchObject({ status: 'completed', created: 2, failed: 1 });
    expect(partial.issues).toEqual([
      expect.objectContaining({
        line: 2,
        code: 'APPLY_FAILED',
        message: expect.stringMatching(/title/),
      }),
    ]);
    expect(await entries(ARTICLE, 'too-long')).toHaveLength(0);
    expect(await entries(ARTICLE, 'ok-2')).toHaveLength(1);

    const atomic = await run([article('ok-3'), article('too-long-2', { title: long })]);
    expect(atomic).toMatchObject({ status: 'rolled-back' });
    expect(atomic.issues[0]).toMatchObject({ line: 2, code: 'APPLY_FAILED' });
    expect(await entries(ARTICLE, 'ok-3')).toHaveLength(0);
  });

  it('judges drafts no more leniently than Strapi’s own validator', async () => {
    const writer = bulk.BulkDraftWriter.for(cms.strapi, ARTICLE);
    expect(writer).not.toBeNull();
    const resolver = new mapping.RefResolver(cms.strapi, () => knex, '');
    const valid = await mapping.toEntryData('article', article('v'), 'nb', resolver, new Map());
    valid.workflowStage = 'draft';
    const variants: Record<string, Rec> = {
      valid,
      'title too long': { ...valid, title: 'x'.repeat(201) },
      'title in emoji': { ...valid, title: '😴'.repeat(101) },
      'externalId too long': { ...valid, externalId: 'x'.repeat(201) },
      // A string without maxLength is capped at 255 (Strapi's default), here inside a component.
      'string default cap': { ...valid, snomed: [{ code: '1'.repeat(256), term: 'x' }] },
      'unknown licence': { ...valid, licence: 'WTFPL' },
      'fractional interval': { ...valid, reviewIntervalMonths: 1.5 },
      'interval too large': { ...valid, reviewIntervalMonths: 61 },
      'number as title': { ...valid, title: 42 },
      'sources null': { ...valid, sources: null },
      'source kind unknown': { ...valid, sources: [{ title: 'x', kind: 'blog' }] },
      'source title too long': { ...valid, sources: [{ title: 'x'.repeat(501), kind: 'other' }] },
      'source year too large': { ...valid, sources: [{ title: 'x', kind: 'other', year: 2101 }] },
      'profession unknown': {
        ...valid,
        professionallyResponsible: { name: 'Kari', profession: 'wizard' },
      },
      'summary too long': { ...valid, summary: 'x'.repeat(301) },
    };
    const contentType = cms.strapi.contentType(ARTICLE);
    const verdicts: Record<string, { strapi: boolean; bulk: boolean }> = {};
    for (const [name, data] of Object.entries(variants)) {
      const strapiData = {
        ...data,
        topics: (data.topics as string[]).map(() => 1),
        provider: 1,
      };
      const strapiAccepts = await cms.strapi.entityValidator
        .validateEntityCreation(contentType, strapiData as never, { isDraft: true, locale: 'nb' })
        .then(
          () => true,
          () => false,
        );
      verdicts[name] = { strapi: strapiAccepts, bulk: writer?.check(data) === null };
    }
    // Whatever Strapi refuses, the bulk path leaves to Strapi; the valid record is written in bulk.
    for (const [name, v] of Object.entries(verdicts))
      expect({ name, ...v }).toEqual({
        name,
        strapi: v.strapi,
        bulk: v.strapi && v.bulk,
      });
    expect(verdicts.valid).toEqual({ strapi: true, bulk: true });
    expect(Object.values(verdicts).filter((v) => !v.strapi).length).toBe(
      Object.keys(variants).length - 1,
    );
  });

  it('a failing bulk write is undone and each record is tried alone, so only the failing one fails', async () => {
    // A database that refuses one row (a trigger) makes the page's bulk insert fail.
    const pg = Boolean(process.env.KILDE_TEST_PG_URL);
    if (pg) {
      await knex.raw(`CREATE OR REPLACE FUNCTION kilde_test_refuse() RETURNS trigger AS $$
        BEGIN IF NEW.title = 'refused by the database' THEN RAISE EXCEPTION 'refused row'; END IF; RETURN NEW; END;
        $$ LANGUAGE plpgsql`);
      await knex.raw(
        'CREATE TRIGGER kilde_test_refuse BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION kilde_test_refuse()',
      );
    } else {
      await knex.raw(`CREATE TRIGGER kilde_test_refuse BEFORE INSERT ON articles
        WHEN NEW.title = 'refused by the database' BEGIN SELECT RAISE(ABORT, 'refused row'); END`);
    }
    const sourcesBefore = Number(
      ((await knex('components_article_sources').count({ n: '*' }).first()) as { n: unknown }).n,
    );
    try {
      const records = [
        article('db-1'),
        article('db-2', { title: 'refused by the database' }),
        article('db-3'),
      ];
      const partial = await run(records, { mode: 'partial' });
      expect(partial).toMatchObject({ status: 'completed', created: 2, failed: 1 });
      expect(partial.issues).toEqual([
        expect.objectContaining({
          line: 2,
          code: 'APPLY_FAILED',
          message: expect.stringMatching(/refused row/),
        }),
      ]);
      expect(
        (await entries(ARTICLE, 'db-1')).length + (await entries(ARTICLE, 'db-3')).length,
      ).toBe(2);
      expect(await identity('db-2')).toBeUndefined();

      const atomic = await run([
        article('db-4'),
        article('db-5', { title: 'refused by the database' }),
      ]);
      expect(atomic).toMatchObject({ status: 'rolled-back' });
      expect(atomic.issues[0]).toMatchObject({ line: 2, code: 'APPLY_FAILED' });
      expect(await entries(ARTICLE, 'db-4')).toHaveLength(0);
      // Nothing half-written: only db-1 and db-3 added component rows (two sources each).
      const sourcesAfter = Number(
        ((await knex('components_article_sources').count({ n: '*' }).first()) as { n: unknown }).n,
      );
      expect(sourcesAfter - sourcesBefore).toBe(4);
    } finally {
      await knex.raw('DROP TRIGGER IF EXISTS kilde_test_refuse' + (pg ? ' ON articles' : ''));
    }
  });
});
