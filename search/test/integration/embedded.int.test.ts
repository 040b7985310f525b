import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineSearchEngineSuite } from '../contract/search-engine-suite';
import {
  EmbeddedSearchEngine,
  createEmbeddedSearchEngine,
} from '../../src/embedded/embedded-search-engine';
import { SearchSnapshotError } from '../../src/errors/search-snapshot-error';
import { SearchEngineUnavailableError } from '../../src/errors/search-engine-unavailable-error';
import { article, question, searchDocs, topics } from '../helpers/fixtures';

defineSearchEngineSuite('embedded', {
  create: () => Promise.resolve(new EmbeddedSearchEngine()),
});

describe('embedded engine once closed', () => {
  it('answers health and writes with SearchEngineUnavailableError, so a consumer retries', async () => {
    const engine = new EmbeddedSearchEngine();
    await engine.upsert(searchDocs(article({ id: 'a1', title: 'Søvn' })));
    await engine.close();
    await expect(engine.health()).rejects.toBeInstanceOf(SearchEngineUnavailableError);
    await expect(
      engine.upsert(searchDocs(article({ id: 'a2', title: 'Stress' }))),
    ).rejects.toMatchObject({ code: 'SEARCH_ENGINE_UNAVAILABLE', status: 503 });
    await expect(engine.delete(['article:a1:nb'])).rejects.toBeInstanceOf(
      SearchEngineUnavailableError,
    );
  });
});

describe('embedded engine snapshots', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kilde-search-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const corpus = () =>
    searchDocs(
      article({ id: 'a1', title: 'Skoleangst – når du gruer deg', topics: [topics.skole] }),
      article({ id: 'a2', locale: 'nn', title: 'Angst på skulen', body: 'Du er ikkje åleine.' }),
      question({ id: 'q1', title: 'Gravid av førsæd?', question: 'Kan man bli gravid av førsæd?' }),
    );

  it('restores an identical index from a snapshot without re-indexing', async () => {
    const path = join(dir, 'index.snapshot');
    const original = new EmbeddedSearchEngine();
    await original.upsert(corpus());
    await original.delete(['question:q1:nb']);
    await original.upsert(
      searchDocs(question({ id: 'q2', title: 'Precum', question: 'Er precum farlig?' })),
    );
    await original.saveSnapshot(path);

    const restored = await createEmbeddedSearchEngine({ snapshotPath: path });
    for (const q of ['skoleangst', 'angst skole', 'precum', 'førsæd', 'skul', '']) {
      const query = { q, facets: ['locale' as const, 'topics' as const], showRankingDetails: true };
      expect(await restored.search(query)).toEqual({
        ...(await original.search(query)),
        processingTimeMs: expect.any(Number),
      });
    }
    expect(await restored.stats()).toEqual(await original.stats());
    expect(await restored.suggest('skoleangts')).toEqual(await original.suggest('skoleangts'));

    // The restored engine keeps working as an index.
    await restored.upsert(searchDocs(article({ id: 'a3', title: 'Eksamensangst' })));
    expect(
      (await restored.search({ q: 'eksamensangst' })).hits.map((h) => h.document.documentId),
    ).toEqual(['a3']);
  });

  it('writes atomically: replaces an existing snapshot and leaves no temporary files', async () => {
    const path = join(dir, 'index.snapshot');
    const engine = new EmbeddedSearchEngine();
    await engine.upsert(corpus());
    await engine.saveSnapshot(path);
    await engine.upsert(searchDocs(article({ id: 'a9', title: 'Kjærlighet' })));
    await engine.saveSnapshot(path);
    expect(await readdir(dir)).toEqual(['index.snapshot']);
    const restored = await createEmbeddedSearchEngine({ snapshotPath: path });
    expect((await restored.stats()).numberOfDocuments).toBe(4);
  });

  it('starts empty when the snapshot does not exist yet', async () => {
    const engine = await createEmbeddedSearchEngine({ snapshotPath: join(dir, 'missing') });
    expect((await engine.stats()).numberOfDocuments).toBe(0);
  });

  it('refuses a truncated or foreign snapshot with a typed error', async () => {
    const path = join(dir, 'index.snapshot');
    const engine = new EmbeddedSearchEngine();
    await engine.upsert(corpus());
    await engine.saveSnapshot(path);
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.slice(0, Math.floor(text.length / 2)));
    await expect(engine.loadSnapshot(path)).rejects.toMatchObject({
      details: { reason: 'corrupt' },
    });
    await writeFile(path, 'not a snapshot\n');
    await expect(engine.loadSnapshot(path)).rejects.toBeInstanceOf(SearchSnapshotError);
    // A failed load leaves the engine as it was.
    expect((await engine.stats()).numberOfDocuments).toBe(3);
  });
});
