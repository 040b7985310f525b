import { createWriteStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Knex } from 'knex';
import sharp from 'sharp';
import {
  ImportBatch,
  ZipWriter,
  exportRows,
  readAll,
  toMarkdownFile,
  writeExport,
} from '@kilde/api';
import { readFile } from 'node:fs/promises';
import { createDatabase } from '@kilde/store';
import { startCms, cmsDir, type TestCms } from '../helpers/start-cms';
import type * as ImportService from '../../src/import/import-service';
import type * as Images from '../../src/import/images';

// The modules Strapi loaded (cms/dist), so they share its state.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const service = require(
  join(cmsDir, 'dist', 'src', 'import', 'import-service'),
) as typeof ImportService;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const images = require(join(cmsDir, 'dist', 'src', 'import', 'images')) as typeof Images;

jest.setTimeout(180_000);

const ARTICLE = 'api::article.article';

function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kilde-import-int-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const org = {
  type: 'organisation',
  locale: 'nb',
  id: 'org-ungdomshelse',
  name: 'Ungdomshelse (eksempel)',
  description: 'Fiktiv leverandør for tester.',
  orgNumber: null,
  url: 'https://example.org',
  logo: null,
  defaultLicence: 'CC-BY-4.0',
};
const topic = {
  type: 'topic',
  locale: 'nb',
  id: 'topic-sovn',
  title: 'Søvn',
  slug: 'sovn',
  description: 'Om søvn.',
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
    sourceSystem: 'partner-cms',
    title: `Søvn og skjerm ${externalId}`,
    slug: `sovn-og-skjerm-${externalId}`,
    summary: 'Hvorfor skjermen om kvelden gjør det vanskelig å sovne.',
    body: '## Hvorfor\n\nLyset fra skjermen holder deg våken. Legg bort mobilen en time før du sover.\n',
    topics: [{ id: 'topic-sovn' }],
    audience: ['13-15', '16-17'],
    provider: { id: 'org-ungdomshelse' },
    professionallyResponsible: { name: 'Kari Nordmann', profession: 'doctor' },
    authors: ['Test Forfatter'],
    sources: [{ title: 'Søvnveileder', kind: 'guideline', url: 'https://example.org/sovn' }],
    images: [],
    snomed: [],
    licence: 'CC-BY-4.0',
    lastReviewed: '2026-01-15',
    nextReviewDue: '2027-01-15',
    reviewIntervalMonths: 12,
    ...overrides,
  };
}

const ndjson = (records: unknown[]): string =>
  records.map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('import through the CMS', () => {
  let cms: TestCms;
  let knex: Knex;

  const run = async (
    paths: string[],
    options: Partial<Parameters<typeof service.runImport>[2]> = {},
  ) => {
    const batch = await ImportBatch.fromPaths(paths);
    try {
      return await service.runImport(cms.strapi, batch, {
        mode: 'atomic',
        dryRun: false,
        publish: false,
        provider: null,
        requestedBy: 'test',
        source: { kind: 'paths', paths },
        images: images.imageStepFor(cms.strapi, batch),
        ...options,
      });
    } finally {
      batch.close();
    }
  };
  const drafts = async (externalId: string) =>
    (await cms.strapi.db
      .query(ARTICLE)
      .findMany({
        where: { externalId, publishedAt: { $null: true } },
        populate: ['topics', 'provider'],
      })) as Record<string, unknown>[];

  beforeAll(async () => {
    cms = await startCms();
    knex = await createDatabase({ url: cms.db.url });
    // Provider and topic first, keeping their ids (what an export from another Kilde carries).
    const orgNn = { ...org, locale: 'nn', name: 'Ungdomshelse (døme)' };
    const topicNn = {
      ...topic,
      locale: 'nn',
      title: 'Svevn',
      slug: 'svevn',
      description: 'Om svevn.',
    };
    const base = await run(
      [join(folder({ 'base.ndjson': ndjson([topicNn, topic, org, orgNn]) }), 'base.ndjson')],
      { publish: true },
    );
    expect(base).toMatchObject({ status: 'completed', created: 4, published: 4 });
  });

  afterAll(async () => {
    try {
      await knex?.destroy();
    } finally {
      await cms?.stop();
    }
  });

  it('keeps the ids of exported documents and publishes them through the workflow', async () => {
    const stored = await knex('kilde_documents').select('doc_id', 'type').orderBy('doc_id');
    expect(stored).toEqual([
      { doc_id: 'org-ungdomshelse', type: 'organisation' },
      { doc_id: 'org-ungdomshelse', type: 'organisation' },
      { doc_id: 'topic-sovn', type: 'topic' },
      { doc_id: 'topic-sovn', type: 'topic' },
    ]);
    const topicNb = JSON.parse(
      (
        (await knex('kilde_documents').where({ doc_id: 'topic-sovn', locale: 'nb' }).first()) as {
          document: string;
        }
      ).document,
    ) as { translations: unknown };
    expect(topicNb.translations).toEqual({ nn: { id: 'topic-sovn', slug: 'svevn' } });
  });

  it('imports JSON, NDJSON, Markdown and a zip as drafts in the workflow', async () => {
    const zipPath = join(folder({}), 'batch.zip');
    const out = createWriteStream(zipPath);
    const zip = new ZipWriter(out);
    await zip.add('articles/d/nb.md', toMarkdownFile(article('d')));
    await zip.finish();
    out.end();
    await once(out, 'finish');
    const dir = folder({
      'a.json': JSON.stringify(article('a')),
      'b.ndjson': ndjson([article('b')]),
      'c/nb.md': toMarkdownFile(article('c')),
      'c/nn.md': toMarkdownFile(
        article('c', {
          locale: 'nn',
          title: 'Søvn og skjerm c',
          slug: 'svevn-og-skjerm-c',
          summary: 'Kvifor skjermen om kvelden gjer det vanskeleg å sovne.',
        }),
      ),
    });
    const report = await run([dir, zipPath]);
    expect(report).toMatchObject({
      status: 'completed',
      total: 5,
      created: 5,
      updated: 0,
      unchanged: 0,
      failed: 0,
      invalid: 0,
    });
    for (const id of ['a', 'b', 'c', 'd']) {
      const rows = await drafts(id);
      expect(rows.length).toBeGreaterThanOrEqual(1);
      expect(rows[0]).toMatchObject({
        workflowStage: 'draft',
        sourceSystem: 'partner-cms',
        publishedAt: null,
      });
      expect((rows[0]?.topics as { documentId: string }[]).map((t) => t.documentId)).toEqual([
        'topic-sovn',
      ]);
      expect((rows[0]?.provider as { documentId: string }).documentId).toBe('org-ungdomshelse');
    }
    // Translations are linked by externalId: one document, two locales.
    const c = await drafts('c');
    expect(c.map((r) => r.locale).sort()).toEqual(['nb', 'nn']);
    expect(new Set(c.map((r) => r.documentId)).size).toBe(1);
    // Drafts are not published: nothing reached the read store.
    expect(await knex('kilde_documents').where({ type: 'article' })).toHaveLength(0);
  });

  it('re-importing the same batch changes nothing and says so; a changed record updates its draft', async () => {
    const dir = folder({ 'x.ndjson': ndjson([article('x'), article('y')]) });
    expect(await run([dir])).toMatchObject({ created: 2, unchanged: 0 });
    const before = (await drafts('x'))[0] as { updatedAt: string };
    const again = await run([dir]);
    expect(again).toMatchObject({ status: 'completed', created: 0, updated: 0, unchanged: 2 });
    expect(((await drafts('x'))[0] as { updatedAt: string }).updatedAt).toBe(before.updatedAt);

    const changed = folder({
      'x.ndjson': ndjson([article('x', { title: 'Søvn og skjerm, oppdatert' }), article('y')]),
    });
    expect(await run([changed])).toMatchObject({ updated: 1, unchanged: 1 });
    const x = await drafts('x');
    expect(x).toHaveLength(1);
    expect(x[0]?.title).toBe('Søvn og skjerm, oppdatert');
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const count = async () =>
      Number(((await knex('kilde_import_jobs').count({ n: '*' }).first()) as { n: number }).n);
    const jobsBefore = await count();
    const dir = folder({
      'dry.ndjson': ndjson([
        article('x', { title: 'Søvn og skjerm, oppdatert' }),
        article('y', { title: 'Endret' }),
        article('dry-new'),
        article('bad', { locale: 'de' }),
      ]),
    });
    const report = await run([dir], { dryRun: true });
    expect(report).toMatchObject({
      status: 'dry-run',
      dryRun: true,
      created: 1,
      updated: 1,
      unchanged: 1,
      invalid: 1,
    });
    expect(report.issues).toEqual([
      expect.objectContaining({ file: 'dry.ndjson', line: 4, code: 'UNKNOWN_LOCALE' }),
    ]);
    expect(await drafts('dry-new')).toHaveLength(0);
    expect(((await drafts('y'))[0] as { title: string }).title).not.toBe('Endret');
    expect(await count()).toBe(jobsBefore);
  });

  it('atomic mode rolls everything back when one record fails; partial mode lands the rest', async () => {
    const records = [
      article('p1'),
      article('p2', { topics: [{ id: 'topic-finnes-ikke' }] }),
      article('p3'),
    ];
    const dir = folder({ 'mixed.ndjson': ndjson(records) });
    const atomic = await run([dir]);
    expect(atomic.status).toBe('rolled-back');
    expect(atomic.issues).toEqual([
      expect.objectContaining({
        file: 'mixed.ndjson',
        line: 2,
        path: '/topics/0',
        code: 'UNRESOLVED_REFERENCE',
      }),
      expect.objectContaining({
        code: 'ROLLED_BACK',
        message: expect.stringMatching(/^2 other record/),
      }),
    ]);
    expect(await drafts('p1')).toHaveLength(0);
    expect(await drafts('p3')).toHaveLength(0);
    expect(await knex('kilde_import_identities').whereIn('external_id', ['p1', 'p3'])).toHaveLength(
      0,
    );

    const partial = await run([dir], { mode: 'partial' });
    expect(partial).toMatchObject({ status: 'completed', created: 2, failed: 1 });
    expect(partial.issues).toEqual([
      expect.objectContaining({ line: 2, code: 'UNRESOLVED_REFERENCE' }),
    ]);
    expect(await drafts('p1')).toHaveLength(1);
    expect(await drafts('p3')).toHaveLength(1);

    // Invalid records: atomic refuses the batch before writing; partial imports the valid ones.
    const invalid = folder({
      'inv.ndjson': ndjson([
        article('q1'),
        article('q2', { sources: [{ title: 'x', kind: 'other', url: 'ikke en url' }] }),
      ]),
    });
    const refused = await run([invalid]);
    expect(refused).toMatchObject({ status: 'failed', invalid: 1, created: 0 });
    expect(refused.issues[0]).toMatchObject({
      file: 'inv.ndjson',
      line: 2,
      path: '/sources/0/url',
      code: 'SCHEMA_VIOLATION',
    });
    expect(await drafts('q1')).toHaveLength(0);
    expect(await run([invalid], { mode: 'partial' })).toMatchObject({
      status: 'completed',
      created: 1,
      invalid: 1,
    });
  });

  it('orders a batch itself: a child topic before its parent waits for it; unresolved references fail per record', async () => {
    const child = {
      type: 'topic',
      locale: 'nb',
      id: 'topic-barn',
      title: 'Barn',
      slug: 'barn',
      description: '',
      parent: { id: 'topic-forelder' },
      reviewIntervalMonths: 12,
    };
    const parent = {
      type: 'topic',
      locale: 'nb',
      id: 'topic-forelder',
      title: 'Forelder',
      slug: 'forelder',
      description: '',
      parent: null,
      reviewIntervalMonths: 12,
    };
    const dir = folder({
      'order.ndjson': ndjson([
        article('ord-1', { topics: [{ id: 'topic-barn' }] }),
        child,
        parent,
        article('ord-2', { topics: [{ id: 'topic-mangler-a' }] }),
        article('ord-3', { topics: [{ id: 'topic-mangler-b' }] }),
      ]),
    });
    const report = await run([dir], { mode: 'partial' });
    expect(report).toMatchObject({ status: 'completed', created: 3, failed: 2 });
    expect(report.issues.map((i) => `${i.line} ${i.code} ${i.message}`)).toEqual([
      expect.stringMatching(/^4 UNRESOLVED_REFERENCE .*topic-mangler-a/),
      expect.stringMatching(/^5 UNRESOLVED_REFERENCE .*topic-mangler-b/),
    ]);
    const barn = (await cms.strapi.db
      .query('api::topic.topic')
      .findOne({ where: { documentId: 'topic-barn' }, populate: ['parent'] })) as {
      parent: { documentId: string };
    };
    expect(barn.parent.documentId).toBe('topic-forelder');
    expect(
      ((await drafts('ord-1'))[0]?.topics as { documentId: string }[]).map((t) => t.documentId),
    ).toEqual(['topic-barn']);
  });

  it('publishing goes through the gate and is refused per record with its messages', async () => {
    const dir = folder({
      'pub.ndjson': ndjson([
        article('pub-ok'),
        // No sources: the quality gate blocks publishing.
        article('pub-no-sources', { sources: [] }),
      ]),
    });
    const report = await run([dir], { mode: 'partial', publish: true });
    expect(report).toMatchObject({ status: 'completed', created: 2, published: 1 });
    expect(report.issues).toEqual([
      expect.objectContaining({
        line: 2,
        code: 'PUBLISH_REFUSED',
        message: expect.stringMatching(/quality gate/),
      }),
    ]);
    const live = await knex('kilde_documents').where({ type: 'article' }).select('document');
    expect(
      live.map(
        (r: { document: string }) => (JSON.parse(r.document) as { externalId: string }).externalId,
      ),
    ).toEqual(['pub-ok']);
    // The refused record is still there as a draft for editors.
    expect(await drafts('pub-no-sources')).toHaveLength(1);
  });

  it('a partner import uses the partner organisation as provider and refuses records naming another', async () => {
    const dir = folder({
      'partner.ndjson': ndjson([
        article('part-1', { provider: null }),
        article('part-2', { provider: { id: 'org-annen' } }),
      ]),
    });
    const report = await run([dir], {
      mode: 'partial',
      provider: 'org-ungdomshelse',
      requestedBy: 'Partner AS',
    });
    expect(report).toMatchObject({ created: 1, failed: 1 });
    expect(report.issues[0]).toMatchObject({ line: 2, code: 'PROVIDER_MISMATCH' });
    expect(((await drafts('part-1'))[0]?.provider as { documentId: string }).documentId).toBe(
      'org-ungdomshelse',
    );
  });

  it('imports images from a zip: alt text per locale, EXIF and GPS stripped, variants in the canonical document', async () => {
    const photo = await sharp({
      create: { width: 1400, height: 900, channels: 3, background: { r: 30, g: 40, b: 90 } },
    })
      .jpeg()
      .withExif({
        IFD0: { Make: 'KildeCam' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '59/1 54/1 0/1',
          GPSLongitudeRef: 'E',
          GPSLongitude: '10/1 45/1 0/1',
        },
      })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif?.toString('hex')).toContain('2588');
    const zipPath = join(folder({}), 'with-images.zip');
    const out = createWriteStream(zipPath);
    const zip = new ZipWriter(out);
    await zip.add(
      'articles/img/nb.md',
      toMarkdownFile(
        article('img', {
          images: [{ url: '../../images/seng.jpg', alt: 'En seng i et mørkt rom' }],
        }),
      ),
    );
    await zip.add(
      'articles/fake/nb.md',
      toMarkdownFile(
        article('img-fake', {
          images: [{ url: '../../images/ikke-bilde.jpg', alt: 'Ikke et bilde' }],
        }),
      ),
    );
    await zip.add('images/seng.jpg', photo, { store: true });
    await zip.add('images/ikke-bilde.jpg', '<html>dette er ikke et bilde</html>');
    await zip.finish();
    out.end();
    await once(out, 'finish');

    const report = await run([zipPath], { mode: 'partial', publish: true });
    expect(report).toMatchObject({ status: 'completed', created: 1, failed: 1, published: 1 });
    expect(report.issues).toEqual([
      expect.objectContaining({
        file: 'articles/fake/nb.md',
        path: '/images/0/url',
        code: 'IMAGE_INVALID',
      }),
    ]);

    const row = (await knex('kilde_documents')
      .whereRaw('document like \'%"externalId":"img"%\'')
      .first()) as { document: string };
    const doc = JSON.parse(row.document) as {
      images: {
        url: string;
        alt: string;
        width: number;
        height: number;
        mime: string;
        variants: { url: string; width: number; format: string }[];
      }[];
    };
    expect(doc.images).toHaveLength(1);
    const image = doc.images[0] as (typeof doc.images)[number];
    expect(image).toMatchObject({
      alt: 'En seng i et mørkt rom',
      width: 1400,
      height: 900,
      mime: 'image/jpeg',
    });
    expect(image.variants.map((v) => `${v.width}.${v.format}`).sort()).toEqual([
      '1280.avif',
      '1280.jpeg',
      '1280.webp',
      '320.avif',
      '320.jpeg',
      '320.webp',
      '640.avif',
      '640.jpeg',
      '640.webp',
    ]);
    const publicDir = cms.strapi.dirs.static.public;
    for (const url of [image.url, ...image.variants.map((v) => v.url)]) {
      const meta = await sharp(join(publicDir, url)).metadata();
      expect({ url, exif: meta.exif }).toEqual({ url, exif: undefined });
    }
    // A Markdown zip export carries the stored (metadata-free) original; importing it finds the file there.
    const exportPath = join(folder({}), 'export.zip');
    const exportOut = createWriteStream(exportPath);
    await writeExport(
      exportRows(knex, { types: ['article'] }),
      'markdown-zip',
      exportOut,
      undefined,
      {
        media: (url) => readFile(join(publicDir, url)).catch(() => null),
      },
    );
    exportOut.end();
    await once(exportOut, 'finish');
    const exported = await ImportBatch.fromPaths([exportPath]);
    try {
      const records = [];
      for await (const e of exported.events()) if (e.kind === 'record') records.push(e.record);
      const rec = records.find((r) => r.doc.externalId === 'img');
      expect(rec?.images).toEqual([
        { pointer: '/images/0', path: `media${image.url}`, alt: 'En seng i et mørkt rom' },
      ]);
      const entry = exported.images.get(`media${image.url}`);
      const bytes = entry ? await readAll(await entry.open(), 1e8) : null;
      expect(bytes).not.toBeNull();
      expect((await sharp(bytes as Buffer).metadata()).exif).toBeUndefined();
    } finally {
      exported.close();
    }

    // The same image again is stored once.
    const again = await run([zipPath], { mode: 'partial' });
    expect(again).toMatchObject({ unchanged: 1, failed: 1 });
    expect(
      await cms.strapi.db
        .query('plugin::upload.file')
        .count({ where: { hash: { $startsWith: 'kimg_' } } }),
    ).toBe(1);
  });

  it('strips EXIF and GPS from images uploaded in the admin too, and gives them the same variants', async () => {
    const photo = await sharp({
      create: { width: 900, height: 600, channels: 3, background: { r: 90, g: 140, b: 60 } },
    })
      .jpeg()
      .withExif({
        IFD0: { Make: 'KildeCam' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '63/1 25/1 0/1' },
      })
      .toBuffer();
    const path = join(folder({ 'foto.jpg': photo }), 'foto.jpg');
    const [file] = (await cms.strapi
      .plugin('upload')
      .service('upload')
      .upload({
        data: { fileInfo: { alternativeText: 'Et jorde', name: 'foto.jpg' } },
        files: {
          filepath: path,
          originalFilename: 'foto.jpg',
          mimetype: 'image/jpeg',
          size: photo.length,
        },
      })) as {
      url: string;
      width: number;
      formats: Record<string, { url: string; width: number }>;
    }[];
    expect(file?.width).toBe(900);
    expect(Object.keys(file?.formats ?? {}).sort()).toEqual([
      'thumbnail',
      'w320-avif',
      'w320-jpeg',
      'w320-webp',
      'w640-avif',
      'w640-jpeg',
      'w640-webp',
    ]);
    const publicDir = cms.strapi.dirs.static.public;
    for (const url of [
      file?.url as string,
      ...Object.values(file?.formats ?? {}).map((f) => f.url),
    ]) {
      const meta = await sharp(join(publicDir, url)).metadata();
      expect({ url, exif: meta.exif }).toEqual({ url, exif: undefined });
    }
  });
});
