import { createWriteStream } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { ImportBatch, exportRows, writeExport, type ExportFormat } from '@kilde/api';
import { createDatabase } from '@kilde/store';
import { startCms, cmsDir, type TestCms } from '../helpers/start-cms';
import type * as ImportService from '../../src/import/import-service';

const service = () =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(join(cmsDir, 'dist', 'src', 'import', 'import-service')) as typeof ImportService;

jest.setTimeout(600_000);

type Snapshot = Map<
  string,
  { contentHash: string; content: Record<string, unknown>; translations: unknown }
>;

/** Every live document by id and locale, without what a publication stamps (version, dates). */
async function snapshot(knex: Knex): Promise<Snapshot> {
  const rows: { doc_id: string; locale: string; document: string }[] = await knex('kilde_documents')
    .where({ deleted: false })
    .select('doc_id', 'locale', 'document');
  const out: Snapshot = new Map();
  for (const r of rows) {
    const content = JSON.parse(r.document) as Record<string, unknown>;
    const { contentHash, translations } = content;
    for (const envelope of ['version', 'publishedAt', 'updatedAt', 'contentHash', 'translations'])
      delete content[envelope];
    out.set(`${r.doc_id}/${r.locale}`, { contentHash: String(contentHash), content, translations });
  }
  return out;
}

async function exportTo(knex: Knex, format: ExportFormat, dir: string): Promise<string> {
  const path = join(dir, `export.${format === 'markdown-zip' ? 'zip' : format}`);
  const out = createWriteStream(path);
  await writeExport(exportRows(knex), format, out);
  out.end();
  await once(out, 'finish');
  return path;
}

describe('export → import round trip (the backup path)', () => {
  it('reproduces the same canonical documents, byte-equal contentHash, in an empty Kilde', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kilde-roundtrip-'));
    let source: Snapshot;
    let ndjson: string;
    let zip: string;

    const a: TestCms = await startCms({ seed: true });
    try {
      const knex = await createDatabase({ url: a.db.url });
      try {
        source = await snapshot(knex);
        ndjson = await exportTo(knex, 'ndjson', dir);
        zip = await exportTo(knex, 'markdown-zip', dir);
      } finally {
        await knex.destroy();
      }
    } finally {
      await a.stop();
    }
    expect(source.size).toBeGreaterThan(50);

    const b: TestCms = await startCms();
    try {
      const knex = await createDatabase({ url: b.db.url });
      try {
        const run = async (path: string) => {
          const batch = await ImportBatch.fromPaths([path]);
          try {
            return await service().runImport(b.strapi, batch, {
              mode: 'atomic',
              dryRun: false,
              publish: true,
              provider: null,
              requestedBy: 'cli',
              source: { kind: 'paths', paths: [path] },
            });
          } finally {
            batch.close();
          }
        };
        const report = await run(ndjson);
        expect(report.issues).toEqual([]);
        expect(report).toMatchObject({
          status: 'completed',
          created: source.size,
          published: source.size,
          failed: 0,
          invalid: 0,
        });

        const target = await snapshot(knex);
        expect([...target.keys()].sort()).toEqual([...source.keys()].sort());
        for (const [key, doc] of source) {
          const got = target.get(key);
          expect({ key, hash: got?.contentHash }).toEqual({ key, hash: doc.contentHash });
          expect(got?.content).toEqual(doc.content);
          expect(got?.translations).toEqual(doc.translations);
        }

        // The Markdown zip of the same library is the same content: importing it changes nothing.
        const again = await run(zip);
        expect(again).toMatchObject({
          status: 'completed',
          unchanged: source.size,
          created: 0,
          updated: 0,
        });
      } finally {
        await knex.destroy();
      }
    } finally {
      await b.stop();
    }
  });
});
