import { join } from 'node:path';
import {
  ImportBatch,
  ImportErrorCode,
  formatIssue,
  type BatchEvent,
  type ImportIssue,
  type ImportRecord,
} from '..';
import { article, folder } from './fixtures';

async function read(
  batch: ImportBatch,
): Promise<{ records: ImportRecord[]; issues: ImportIssue[]; invalid: number }> {
  const records: ImportRecord[] = [];
  const issues: ImportIssue[] = [];
  let invalid = 0;
  for await (const e of batch.events() as AsyncIterable<BatchEvent>) {
    if (e.kind === 'record') records.push(e.record);
    else {
      invalid += 1;
      issues.push(...e.issues);
    }
  }
  batch.close();
  return { records, issues, invalid };
}

const fromFiles = async (files: Record<string, string | Buffer>) =>
  read(await ImportBatch.fromPaths([folder(files)]));

describe('import batch formats', () => {
  it('reads one JSON document, a JSON array, NDJSON and Markdown with front matter', async () => {
    const md = [
      '---',
      'type: article',
      'locale: nn',
      'externalId: sovn-og-skjerm',
      'title: Søvn og skjerm',
      'slug: sovn-og-skjerm',
      'summary: Kvifor skjermen om kvelden gjer det vanskeleg å sovne.',
      'topics: []',
      'audience: [13-15]',
      'provider: null',
      'professionallyResponsible: { name: Kari Nordmann, profession: doctor }',
      'authors: [Test Forfattar]',
      'sources:',
      '  - title: Søvnrettleiar',
      '    kind: guideline',
      '    url: https://example.org/sovn',
      'images: []',
      'snomed: []',
      'licence: CC-BY-4.0',
      'lastReviewed: 2026-01-15',
      'nextReviewDue: 2027-01-15',
      'reviewIntervalMonths: 12',
      '---',
      '## Kvifor',
      '',
      'Lyset held deg vaken.',
      '',
    ].join('\n');
    const many = JSON.stringify(
      [article({ externalId: 'b' }), article({ externalId: 'c' })],
      null,
      2,
    );
    const secondLine = many.split('\n').findIndex((l, i) => i > 1 && l === '  {') + 1;
    const { records, issues } = await fromFiles({
      'one.json': JSON.stringify(article({ externalId: 'a' })),
      'many.json': many,
      'lines.ndjson':
        [article({ externalId: 'd' }), article({ externalId: 'e' })]
          .map((r) => JSON.stringify(r))
          .join('\n') + '\n',
      'sovn/nn.md': md,
    });
    expect(issues).toEqual([]);
    expect(records.map((r) => `${r.file}:${r.line} ${r.key} ${r.locale}`)).toEqual([
      'lines.ndjson:1 d nb',
      'lines.ndjson:2 e nb',
      'many.json:2 b nb',
      `many.json:${secondLine} c nb`,
      'one.json:1 a nb',
      'sovn/nn.md:1 sovn-og-skjerm nn',
    ]);
    const mdRecord = records[5] as ImportRecord;
    expect(mdRecord.doc.body).toBe('## Kvifor\n\nLyset held deg vaken.\n');
    expect(mdRecord.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('names file, line and JSON path of a schema error, as in `articles.ndjson:3 /sources/0/url …`', async () => {
    const lines = [
      article({ externalId: 'a' }),
      article({ externalId: 'b' }),
      article({ externalId: 'c', sources: [{ title: 'x', kind: 'other', url: 'not a url' }] }),
    ];
    const { records, issues } = await fromFiles({
      'articles.ndjson': lines.map((l) => JSON.stringify(l)).join('\n'),
    });
    expect(records).toHaveLength(2);
    expect(issues.map(formatIssue)).toContain(
      'articles.ndjson:3 /sources/0/url must match format "uri"',
    );
    expect(issues[0]?.code).toBe(ImportErrorCode.SchemaViolation);
  });

  it('points front-matter errors at their line', async () => {
    const md = [
      '---',
      'type: article',
      'locale: nb',
      'externalId: x',
      'title: ""',
      'slug: x',
      '---',
      'Body',
      '',
    ].join('\n');
    const { issues } = await fromFiles({ 'x.md': md });
    const title = issues.find((i) => i.path === '/title');
    expect(title).toMatchObject({ file: 'x.md', line: 5, code: ImportErrorCode.SchemaViolation });
    expect(issues.find((i) => i.path === '/summary')?.line).toBeGreaterThanOrEqual(2);
  });

  it('refuses an unknown locale, a missing identity and duplicates with their own codes', async () => {
    const { issues, records } = await fromFiles({
      'a.ndjson': [
        article({ locale: 'de' }),
        article({ externalId: undefined, id: undefined }),
        article(),
        article(),
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    });
    expect(records).toHaveLength(1);
    expect(issues.map((i) => `${i.line} ${i.code}`)).toEqual([
      '1 UNKNOWN_LOCALE',
      '2 MISSING_IDENTITY',
      '4 DUPLICATE_RECORD',
    ]);
    expect(issues[2]?.message).toContain('a.ndjson:3');
  });

  it('reports invalid UTF-8, a truncated last line, an oversized record and empty files', async () => {
    const good = JSON.stringify(article({ externalId: 'ok' }));
    const bad = Buffer.concat([
      Buffer.from('{"title":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}\n'),
    ]);
    const huge = JSON.stringify(article({ externalId: 'big', body: 'x'.repeat(9 * 1024 * 1024) }));
    const { issues, records } = await fromFiles({
      'a.ndjson': Buffer.concat([
        Buffer.from(`${good}\n`),
        bad,
        Buffer.from(`${huge}\n`),
        Buffer.from(good.slice(0, 40)),
      ]),
      'empty.json': '',
    });
    expect(records).toHaveLength(1);
    expect(issues.map((i) => `${i.file}:${i.line} ${i.code}`)).toEqual([
      'a.ndjson:2 INVALID_UTF8',
      'a.ndjson:3 RECORD_TOO_LARGE',
      'a.ndjson:4 TRUNCATED_RECORD',
      'empty.json:null EMPTY_INPUT',
    ]);
  });

  it('reports invalid JSON with its line and a file it does not import', async () => {
    const { issues } = await fromFiles({
      'a.json': '[\n{"type": "article",\n "x": }\n]',
      'notes.txt': 'hello',
    });
    expect(issues.map((i) => `${i.file}:${i.line} ${i.code}`).sort()).toEqual([
      'a.json:2 INVALID_JSON',
      'notes.txt:null UNSUPPORTED_FORMAT',
    ]);
  });

  it('needs alt text for every image and finds the image in the batch', async () => {
    const { issues, records } = await fromFiles({
      'a.ndjson': [
        article({ externalId: 'a', images: [{ url: 'img/a.jpg', alt: '' }] }),
        article({ externalId: 'b', images: [{ url: 'img/missing.jpg', alt: 'Et bilde' }] }),
        article({ externalId: 'c', images: [{ url: 'img/a.jpg', alt: 'Et bilde av en seng' }] }),
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
      'img/a.jpg': Buffer.from([0xff, 0xd8, 0xff]),
    });
    expect(issues.map((i) => `${i.line} ${i.path} ${i.code}`)).toEqual([
      '1 /images/0/alt IMAGE_ALT_MISSING',
      '2 /images/0/url IMAGE_NOT_FOUND',
    ]);
    expect(records[0]?.images).toEqual([
      { pointer: '/images/0', path: 'img/a.jpg', alt: 'Et bilde av en seng' },
    ]);
  });

  it('accepts an export (envelope fields included) and ignores its envelope for the hash', async () => {
    const exported = {
      ...article(),
      id: 'abc123',
      version: 7,
      translations: { nn: { id: 'abc123' } },
      publishedAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-02-01T00:00:00.000Z',
      contentHash: 'sha256:' + '0'.repeat(64),
    };
    const { records, issues } = await fromFiles({ 'e.json': JSON.stringify(exported) });
    expect(issues).toEqual([]);
    const plain = await fromFiles({ 'p.json': JSON.stringify(article()) });
    expect(records[0]?.contentHash).toBe(plain.records[0]?.contentHash);
    expect(records[0]?.id).toBe('abc123');
    expect(join('x')).toBe('x');
  });
});
