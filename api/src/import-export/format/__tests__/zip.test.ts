import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import {
  ImportBatch,
  ImportErrorCode,
  ZipWriter,
  toMarkdownFile,
  type BatchEvent,
  type ImportIssue,
  type ImportRecord,
} from '..';
import { article, folder } from './fixtures';

async function zipOf(entries: [string, string | Buffer][]): Promise<string> {
  const path = join(folder({}), 'batch.zip');
  const out = createWriteStream(path);
  const zip = new ZipWriter(out);
  for (const [name, data] of entries) await zip.add(name, data);
  await zip.finish();
  out.end();
  await once(out, 'finish');
  return path;
}

async function read(path: string): Promise<{ records: ImportRecord[]; issues: ImportIssue[] }> {
  const batch = await ImportBatch.fromPaths([path]);
  const records: ImportRecord[] = [];
  const issues: ImportIssue[] = [];
  for await (const e of batch.events() as AsyncIterable<BatchEvent>) {
    if (e.kind === 'record') records.push(e.record);
    else issues.push(...e.issues);
  }
  batch.close();
  return { records, issues };
}

describe('zip batches', () => {
  it('reads Markdown, NDJSON and images from a zip; Markdown round-trips to the same hash', async () => {
    const doc = article({
      externalId: 'm',
      body: 'Første linje\n\n- punkt: med kolon\n---\nikke front matter\n',
      summary: 'yes',
      authors: ['123', 'null'],
    });
    const path = await zipOf([
      ['articles/m/nb.md', toMarkdownFile(doc)],
      ['more.ndjson', JSON.stringify(article({ externalId: 'n' }))],
      ['img/a.png', Buffer.from([0x89, 0x50])],
    ]);
    const { records, issues } = await read(path);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.key)).toEqual(['m', 'n']);
    const direct = await read(join(folder({ 'x.json': JSON.stringify(doc) }), 'x.json'));
    expect(records[0]?.doc).toEqual(direct.records[0]?.doc);
    expect(records[0]?.contentHash).toBe(direct.records[0]?.contentHash);
  });

  it('refuses path traversal in entry names', async () => {
    const path = await zipOf([
      ['../../etc/evil.md', toMarkdownFile(article())],
      ['ok.ndjson', JSON.stringify(article())],
    ]);
    const { records, issues } = await read(path);
    expect(records).toEqual([]);
    expect(issues).toEqual([
      expect.objectContaining({
        code: ImportErrorCode.ZipPathTraversal,
        file: 'batch.zip/../../etc/evil.md',
      }),
    ]);
  });

  it('refuses a zip bomb before inflating it', async () => {
    const path = await zipOf([['bomb.ndjson', Buffer.alloc(30 * 1024 * 1024, 0x20)]]);
    const { records, issues } = await read(path);
    expect(records).toEqual([]);
    expect(issues[0]?.code).toBe(ImportErrorCode.ZipBomb);
    expect(issues[0]?.message).toMatch(/zip bomb/);
  });

  it('refuses something that is not a zip', async () => {
    const { issues } = await read(join(folder({ 'fake.zip': 'not a zip at all' }), 'fake.zip'));
    expect(issues[0]?.code).toBe(ImportErrorCode.ZipInvalid);
  });
});
