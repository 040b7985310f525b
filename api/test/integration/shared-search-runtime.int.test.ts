import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import pino, { type Logger } from 'pino';
import {
  LeaseHeldError,
  acquireLease,
  createDatabase,
  createPartnerKey,
  headSeq,
  leaseHolder,
  listDeliveries,
  outboxStatus,
  pruneOutbox,
  publishDocument,
  rewindConsumer,
  runMigrations,
  tombstoneDocument,
  type StoreLogger,
} from '@kilde/store';
import type { ArticleDocument, DraftDocument } from '@kilde/schemas';
import {
  EmbeddedSearchEngine,
  createMeilisearchEngine,
  defaultIndexSettings,
  loadMeilisearch,
  type SearchEngine,
} from '@kilde/search';
import { startSharedSearchRuntime, type SharedSearchRuntime } from '../../src/search-sync/shared-search-runtime';
import { REINDEX_LEASE, rebuildSharedSearchIndex } from '../../src/search-sync/reindex';
import { createApiServer, searchProviderFromEngine, type ApiServer } from '../../src';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database';
import { closedPortUrl } from '../../../test/helpers/closed-port';

jest.setTimeout(120_000);

const logger = pino({ level: 'silent' });
const CONSUMER = 'search:test';
const dialect = process.env.KILDE_TEST_PG_URL ? 'postgresql' : 'sqlite';

function article(id: string, title: string, body = `## ${title}\n\n${title} er tema her.\n`): DraftDocument<ArticleDocument> {
  return {
    id, type: 'article', locale: 'nb', translations: {}, title, slug: id, summary: title, body,
    topics: [], audience: ['16-17'], provider: null, professionallyResponsible: { name: 'Kari Lege', profession: 'doctor' },
    authors: [], sources: [{ title: 'Kilde', kind: 'other', url: 'https://example.org/k' }], images: [], snomed: [],
    licence: 'CC-BY-4.0', lastReviewed: '2026-01-01', nextReviewDue: '2027-01-01', reviewIntervalMonths: 12,
  };
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - start;
}

/** Every write a runtime's engine received, with the runtime that made it. */
interface Applied {
  by: string;
  op: 'upsert' | 'delete';
  id: string;
  title?: string;
}

/**
 * The engine a runtime ("process") is given: the one shared engine, seen through a tap that
 * records which runtime wrote what, and that can be pointed at a failing engine and back.
 */
class Tap implements SearchEngine {
  target: SearchEngine;
  constructor(
    private readonly by: string,
    private readonly live: SearchEngine,
    private readonly down: SearchEngine,
    private readonly log: Applied[],
    private readonly outage: { on: boolean },
  ) {
    this.target = live;
  }
  get name(): SearchEngine['name'] {
    return this.live.name;
  }
  private engine(): SearchEngine {
    return this.outage.on ? this.down : this.live;
  }
  configure: SearchEngine['configure'] = (s) => this.engine().configure(s);
  async upsert(docs: Parameters<SearchEngine['upsert']>[0]): Promise<void> {
    await this.engine().upsert(docs);
    for (const d of docs) this.log.push({ by: this.by, op: 'upsert', id: d.id, title: d.title });
  }
  async delete(ids: string[]): Promise<void> {
    await this.engine().delete(ids);
    for (const id of ids) this.log.push({ by: this.by, op: 'delete', id });
  }
  replaceAll: SearchEngine['replaceAll'] = (d, o) => this.engine().replaceAll(d, o);
  removeLeftoverRebuilds = (): Promise<string[]> => this.engine().removeLeftoverRebuilds?.() ?? Promise.resolve([]);
  search: SearchEngine['search'] = (q) => this.engine().search(q);
  suggest: SearchEngine['suggest'] = (q, o) => this.engine().suggest(q, o);
  stats: SearchEngine['stats'] = () => this.engine().stats();
  health: SearchEngine['health'] = () => this.engine().health();
  clear: SearchEngine['clear'] = () => this.engine().clear();
  close: SearchEngine['close'] = () => Promise.resolve();
}

/** One sample's value from Prometheus text, matching the given labels. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`))) {
      return Number(line.slice(line.lastIndexOf(' ') + 1));
    }
  }
  return undefined;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? NaN;
}

function recordFigures(name: string, figures: Record<string, unknown>): void {
  const dir = join(__dirname, '..', '..', '..', '.tmp', 'search-sync');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2)}\n`);
}

/** How a suite gets the one shared engine, a failing stand-in for it, and cleans up. */
interface SharedEngineKind {
  name: 'embedded' | 'meilisearch';
  /** Another handle on the same index ("another process"); the embedded engine can only share itself. */
  create(): Promise<SearchEngine>;
  /** An engine of the same kind that fails every call: a closed engine, or a server that does not answer. */
  unreachable(): Promise<SearchEngine>;
  /** Rebuild indexes of the shared index on the server now; the embedded engine never has any. */
  rebuildIndexes(): Promise<string[]>;
  /** Leaves a rebuild index behind, as a reindex that died would; undefined where none can exist. */
  leaveRebuildIndex(): Promise<string | undefined>;
  dispose(): Promise<void>;
}

/** A logger that keeps what it is told, for asserting on (tests print nothing). */
function recordingLogger(): StoreLogger & { lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> } {
  const lines: Array<{ level: string; message: string; fields: Record<string, unknown> }> = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string): void => void lines.push({ level, message, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The engine with its replaceAll replaced (the other calls pass through). */
function withReplaceAll(engine: SearchEngine, replaceAll: SearchEngine['replaceAll'], extra: Partial<SearchEngine> = {}): SearchEngine {
  return {
    name: engine.name,
    configure: (s) => engine.configure(s),
    upsert: (d) => engine.upsert(d),
    delete: (ids) => engine.delete(ids),
    search: (q) => engine.search(q),
    suggest: (q, o) => engine.suggest(q, o),
    stats: () => engine.stats(),
    health: () => engine.health(),
    clear: () => engine.clear(),
    close: () => engine.close(),
    removeLeftoverRebuilds: () => engine.removeLeftoverRebuilds?.() ?? Promise.resolve([]),
    replaceAll,
    ...extra,
  };
}

function embeddedKind(): SharedEngineKind {
  const engine = new EmbeddedSearchEngine();
  return {
    name: 'embedded',
    create: () => Promise.resolve(engine),
    async unreachable() {
      const closed = new EmbeddedSearchEngine();
      await closed.close();
      return closed;
    },
    rebuildIndexes: () => Promise.resolve([]),
    leaveRebuildIndex: () => Promise.resolve(undefined),
    dispose: () => engine.close(),
  };
}

function meilisearchKind(url: string, apiKey: string | undefined): SharedEngineKind {
  const indexUid = `kilde_shared_${Date.now().toString(36)}_${process.pid}`;
  return {
    name: 'meilisearch',
    create: () => createMeilisearchEngine({ host: url, apiKey, indexUid, vocabularyRefreshMs: 0 }),
    async unreachable() {
      return createMeilisearchEngine({ host: await closedPortUrl(), indexUid, requestTimeoutMs: 1_000 });
    },
    async rebuildIndexes() {
      const { Meilisearch } = await loadMeilisearch();
      const { results } = await new Meilisearch({ host: url, apiKey }).getRawIndexes({ limit: 1000 });
      return results.map((i) => i.uid).filter((uid) => uid.startsWith(`${indexUid}_rebuild_`));
    },
    async leaveRebuildIndex() {
      const { Meilisearch } = await loadMeilisearch();
      const client = new Meilisearch({ host: url, apiKey });
      const uid = `${indexUid}_rebuild_0dead`;
      await client.createIndex(uid, { primaryKey: 'uid' }).waitTask();
      await client.index(uid).addDocuments([{ uid: 'half-built', title: 'Halvferdig' }]).waitTask();
      return uid;
    },
    async dispose() {
      const { Meilisearch } = await loadMeilisearch();
      const client = new Meilisearch({ host: url, apiKey });
      const { results } = await client.getRawIndexes({ limit: 1000 });
      for (const index of results.filter((i) => i.uid.startsWith(indexUid))) await client.deleteIndexIfExists(index.uid);
    },
  };
}

function defineSharedRuntimeSuite(makeKind: () => SharedEngineKind): void {
  let kind: SharedEngineKind;
  let db: TestDatabase;
  let knexA: Knex;
  let knexB: Knex;
  let writer: Knex;
  let reader: SearchEngine;
  let log: Applied[];
  let outage: { on: boolean };
  let runtimes: SharedSearchRuntime[];
  let taps: Record<'A' | 'B', Tap>;
  const runtime: Partial<Record<'A' | 'B', SharedSearchRuntime>> = {};

  const titles = async (q: string): Promise<string[]> =>
    (await reader.search({ q, limit: 50, filters: { locale: 'nb' } })).hits.map((h) => h.document.title);
  const searchable = (q: string, title: string) => async (): Promise<boolean> => (await titles(q)).includes(title);

  function start(which: 'A' | 'B'): SharedSearchRuntime {
    const started = startSharedSearchRuntime({
      knex: which === 'A' ? knexA : knexB,
      engine: taps[which],
      logger,
      consumerName: CONSUMER,
      settings: defaultIndexSettings,
      owner: `runtime-${which}`,
      pollIntervalMs: 50,
      // Dead-lettering after two failures: the outage test must outlast that.
      backoff: { maxAttempts: 2 },
    });
    runtime[which] = started;
    runtimes.push(started);
    return started;
  }

  beforeAll(async () => {
    kind = makeKind();
    db = await createTestDatabase();
    // Three pools on one database: the CMS that publishes, and two API "processes".
    writer = await createDatabase({ url: db.url });
    await runMigrations(writer);
    knexA = await createDatabase({ url: db.url });
    knexB = await createDatabase({ url: db.url });
    const down = await kind.unreachable();
    log = [];
    outage = { on: false };
    taps = { A: new Tap('A', await kind.create(), down, log, outage), B: new Tap('B', await kind.create(), down, log, outage) };
    reader = await kind.create();
    runtimes = [];
  });

  afterAll(async () => {
    try {
      await Promise.all(runtimes.map((r) => r.close()));
      await kind?.dispose();
      await Promise.all([knexA, knexB, writer].map((k) => k?.destroy()));
    } finally {
      await db?.drop();
    }
  });

  it('makes a publish searchable within 2 s (p95) and an unpublish disappear, each applied once', async () => {
    for (let i = 0; i < 5; i += 1) await publishDocument(writer, article(`tidlig-${i}`, `Tidlig artikkel ${i}`));
    const a = start('A');
    const b = start('B');
    // Both run the consumer; before anything else the one index catches up with the outbox.
    expect(await a.drain(30_000)).toBe(true);
    expect(await titles('tidlig artikkel')).toHaveLength(5);

    const latencies: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const title = `Søvnråd nummer ${i}`;
      const started = Date.now();
      await publishDocument(writer, article(`sovn-${i}`, title));
      await until(searchable('søvnråd', title), 5_000, `"${title}" searchable`);
      latencies.push(Date.now() - started);
    }
    const unpublishStarted = Date.now();
    await tombstoneDocument(writer, { type: 'article', id: 'sovn-3', locale: 'nb' }, {}, 'unpublished');
    await until(async () => !(await titles('søvnråd')).includes('Søvnråd nummer 3'), 5_000, 'the unpublish');
    const unpublishMs = Date.now() - unpublishStarted;
    recordFigures(`${kind.name}-${dialect}`, { publishToSearchableMs: { p50: latencies.sort((x, y) => x - y)[10], p95: p95(latencies), max: Math.max(...latencies) }, unpublishMs });
    expect(p95(latencies)).toBeLessThan(2_000);

    // One consumer, two processes: every change went into the index exactly once, by one of them.
    expect(await b.drain(5_000)).toBe(true);
    const upserts = log.filter((e) => e.op === 'upsert').map((e) => e.id);
    expect(upserts).toHaveLength(25);
    expect(new Set(upserts).size).toBe(25);
    expect(log.filter((e) => e.op === 'delete').map((e) => e.id)).toEqual(['article:sovn-3:nb']);
    expect(new Set(log.map((e) => e.by)).size).toBe(1);
    const status = (await outboxStatus(writer)).consumers.find((c) => c.name === CONSUMER);
    expect(status).toMatchObject({ lag: 0, dead: 0, retrying: 0 });
    expect(['runtime-A', 'runtime-B']).toContain(status?.leaseOwner);
    expect(await a.appliedSeq()).toBe(status?.headSeq);
  });

  it('hands over to the other process when the one delivering stops', async () => {
    const owner = log[0]?.by as 'A' | 'B';
    const other = owner === 'A' ? 'B' : 'A';
    const before = log.length;
    await runtime[owner]?.close(); // releases the lease
    runtimes.splice(runtimes.indexOf(runtime[owner] as SharedSearchRuntime), 1);
    await publishDocument(writer, article('etter-stopp', 'Eksamensangst etter stopp'));
    await until(searchable('eksamensangst', 'Eksamensangst etter stopp'), 5_000, 'delivery by the other process');
    expect(log.slice(before)).toEqual([{ by: other, op: 'upsert', id: 'article:etter-stopp:nb', title: 'Eksamensangst etter stopp' }]);
    const status = (await outboxStatus(writer)).consumers.find((c) => c.name === CONSUMER);
    expect(status?.leaseOwner).toBe(`runtime-${other}`);
    // The stopped process comes back for the next test, as a standby.
    start(owner);
  });

  it('while the engine fails, changes wait in the outbox (never dead-lettered) and all arrive after it recovers', async () => {
    const surviving = runtimes[0] as SharedSearchRuntime;
    const before = log.length;
    outage.on = true;
    expect(await surviving.health()).toBe('unreachable');
    await publishDocument(writer, article('nede-1', 'Kjærlighetssorg nede en'));
    await publishDocument(writer, article('nede-2', 'Kjærlighetssorg nede to'));
    await publishDocument(writer, article('sovn-4', 'Søvnråd nummer 4 oppdatert'));
    await tombstoneDocument(writer, { type: 'article', id: 'sovn-5', locale: 'nb' }, {}, 'unpublished');
    // Retried well past any dead-letter threshold (0.25 s doubling), still waiting at the head of the line.
    await until(async () => {
      const [d] = await listDeliveries(writer, { consumer: CONSUMER });
      return (d?.attempts ?? 0) >= 4;
    }, 20_000, 'four failed attempts');
    const status = (await outboxStatus(writer)).consumers.find((c) => c.name === CONSUMER);
    expect(status).toMatchObject({ lag: 4, retrying: 1, dead: 0 });
    expect(status?.lastError).toMatch(/SearchEngineUnavailableError/);
    expect(log.length).toBe(before);

    outage.on = false;
    const recovered = Date.now();
    await until(async () => (await titles('kjærlighetssorg nede')).length === 2, 10_000, 'the changes after recovery');
    await until(async () => !(await titles('søvnråd')).includes('Søvnråd nummer 5'), 10_000, 'the unpublish after recovery');
    const recoveryMs = Date.now() - recovered;
    expect(await titles('søvnråd oppdatert')).toContain('Søvnråd nummer 4 oppdatert');
    expect(await titles('søvnråd')).not.toContain('Søvnråd nummer 4');
    expect((await outboxStatus(writer)).consumers.find((c) => c.name === CONSUMER)).toMatchObject({ lag: 0, dead: 0, retrying: 0 });
    expect(log.slice(before).map((e) => `${e.op}:${e.id}`)).toEqual([
      'upsert:article:nede-1:nb',
      'upsert:article:nede-2:nb',
      'upsert:article:sovn-4:nb',
      'delete:article:sovn-5:nb',
    ]);
    recordFigures(`${kind.name}-${dialect}-recovery`, { recoveryMs });
  });

  it('never resurrects stale content when the outbox is replayed from the start', async () => {
    const { rewindConsumer } = await import('@kilde/store');
    const before = log.length;
    await rewindConsumer(writer, CONSUMER, 0);
    expect(await (runtimes[0] as SharedSearchRuntime).drain(30_000)).toBe(true);
    // Old versions of sovn-4 and the unpublished sovn-3/sovn-5 were replayed and skipped.
    expect(await titles('søvnråd')).not.toContain('Søvnråd nummer 4');
    expect(await titles('søvnråd')).not.toContain('Søvnråd nummer 3');
    expect(await titles('søvnråd')).not.toContain('Søvnråd nummer 5');
    expect(await titles('søvnråd oppdatert')).toContain('Søvnråd nummer 4 oppdatert');
    const replayedUpserts = log.slice(before).filter((e) => e.op === 'upsert');
    expect(replayedUpserts.some((e) => e.title === 'Søvnråd nummer 4')).toBe(false);
  });

  it('reindexes with zero downtime; a change published during the rebuild is not lost', async () => {
    const live = runtimes[0] as SharedSearchRuntime;
    const rebuilder = await kind.create();
    let stop = false;
    let failed = 0;
    let answered = 0;
    const load = (async () => {
      while (!stop) {
        const r = await reader.search({ q: 'tidlig artikkel', limit: 5 }).catch(() => null);
        if (r && r.totalHits === 5) answered += 1;
        else failed += 1;
        await new Promise((res) => setTimeout(res, 5));
      }
    })();
    // The race a rebuild must survive: a publish after the read store was read, applied by the
    // consumer to the index that is about to be replaced. The rebuild streams (Meilisearch reads
    // the read store twice), so each pass, once read to its end, is followed by such a publish.
    let passes = 0;
    const racing = withReplaceAll(rebuilder, (docs, options) => {
      const source = typeof docs === 'function' ? docs : () => docs;
      return rebuilder.replaceAll(async function* () {
        const pass = ++passes;
        yield* source();
        const id = `under-bygging-${pass}`;
        await publishDocument(writer, article(id, `Rusmidler under bygging ${pass}`));
        await until(() => Promise.resolve(log.some((e) => e.id === `article:${id}:nb`)), 10_000, 'the consumer applying the racing publish');
      }, options);
    });
    const progress: Array<[string, number, number]> = [];
    const report = await rebuildSharedSearchIndex(writer, racing, {
      consumerName: CONSUMER,
      onProgress: (phase, done, total) => progress.push([phase, done, total]),
    });
    expect(report.consumerCursorBefore).toBeGreaterThan(report.builtAtSeq);
    expect(progress.some(([phase]) => phase === 'read')).toBe(true);
    const [phase, done, total] = progress.at(-1) ?? [];
    expect(phase).toBe('indexed');
    expect(passes).toBe(rebuilder.name === 'meilisearch' ? 2 : 1);
    // Meilisearch's second pass also reads the first pass's racing publish.
    expect(done).toBe((total ?? 0) + passes - 1);
    expect(report.documents).toBeGreaterThanOrEqual(total ?? Infinity);
    for (let pass = 1; pass <= passes; pass += 1) {
      await until(searchable('rusmidler', `Rusmidler under bygging ${pass}`), 10_000, `the racing publish of pass ${pass} in the rebuilt index`);
    }
    expect(await live.drain(10_000)).toBe(true);
    stop = true;
    await load;
    expect(failed).toBe(0);
    expect(answered).toBeGreaterThan(0);
    expect(await titles('søvnråd oppdatert')).toContain('Søvnråd nummer 4 oppdatert');
    expect(await titles('søvnråd')).not.toContain('Søvnråd nummer 3');
    if (rebuilder !== reader) await rebuilder.close();
  });

  it('refuses a second reindex while one runs, naming who holds it and since when; the lease is renewed and released', async () => {
    const rebuilder = await kind.create();
    let entered!: () => void;
    const inRebuild = new Promise<void>((r) => (entered = r));
    let finish!: () => void;
    const finished = new Promise<void>((r) => (finish = r));
    const slow = withReplaceAll(rebuilder, async (docs, options) => {
      entered();
      await finished;
      await rebuilder.replaceAll(docs, options);
    });
    // A short lease: the first reindex outlives it several times over and keeps it by renewing.
    const first = rebuildSharedSearchIndex(writer, slow, { consumerName: CONSUMER, owner: 'operator-A', leaseMs: 300 });
    try {
      await inRebuild;
      await new Promise((r) => setTimeout(r, 1_000));
      const refused = await rebuildSharedSearchIndex(writer, rebuilder, { consumerName: CONSUMER, owner: 'cron-B', leaseMs: 300 }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(LeaseHeldError);
      const holder = await leaseHolder(writer, REINDEX_LEASE);
      expect(holder?.owner).toBe('operator-A');
      expect((refused as LeaseHeldError).message).toContain('A search reindex is already running: held by operator-A since');
      expect((refused as LeaseHeldError).message).toContain(holder?.acquiredAt);
      expect((refused as LeaseHeldError).holder).toMatchObject({ name: REINDEX_LEASE, owner: 'operator-A' });
    } finally {
      finish();
      await first;
    }
    expect(await leaseHolder(writer, REINDEX_LEASE)).toBeUndefined();
    // Released at the end: the next reindex runs at once.
    await expect(rebuildSharedSearchIndex(writer, rebuilder, { consumerName: CONSUMER, owner: 'cron-B' })).resolves.toMatchObject({ engine: kind.name });
    expect(await (runtimes[0] as SharedSearchRuntime).drain(10_000)).toBe(true);
    if (rebuilder !== reader) await rebuilder.close();
  });

  it('takes over the lease of a reindex that died once it expires', async () => {
    const rebuilder = await kind.create();
    // A reindex that took the lease and died: nobody renews or releases it.
    expect(await acquireLease(writer, REINDEX_LEASE, { owner: 'crashed-node', ttlMs: 400 })).toMatchObject({ acquired: true });
    const refused = await rebuildSharedSearchIndex(writer, rebuilder, { consumerName: CONSUMER, owner: 'operator-C' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LeaseHeldError);
    expect((refused as Error).message).toContain('held by crashed-node since');
    await new Promise((r) => setTimeout(r, 500));
    await expect(rebuildSharedSearchIndex(writer, rebuilder, { consumerName: CONSUMER, owner: 'operator-C' })).resolves.toMatchObject({ engine: kind.name });
    expect(await leaseHolder(writer, REINDEX_LEASE)).toBeUndefined();
    expect(await (runtimes[0] as SharedSearchRuntime).drain(10_000)).toBe(true);
    if (rebuilder !== reader) await rebuilder.close();
  });

  it('deletes leftover rebuild indexes under the lease, logging each; the live index is never touched', async () => {
    const rebuilder = await kind.create();
    const leftover = await kind.leaveRebuildIndex();
    const logged = recordingLogger();
    let holderAtCleanup: string | undefined;
    const checked = withReplaceAll(rebuilder, (d, o) => rebuilder.replaceAll(d, o), {
      async removeLeftoverRebuilds() {
        holderAtCleanup = (await leaseHolder(writer, REINDEX_LEASE))?.owner;
        return (await rebuilder.removeLeftoverRebuilds?.()) ?? [];
      },
    });
    const liveBefore = await titles('søvnråd oppdatert');
    await rebuildSharedSearchIndex(writer, checked, { consumerName: CONSUMER, owner: 'operator-D', logger: logged });
    expect(holderAtCleanup).toBe('operator-D');
    if (leftover) {
      expect(logged.lines).toContainEqual({ level: 'warn', message: 'deleted a rebuild index an earlier reindex left behind', fields: { engine: kind.name, index: leftover } });
    }
    expect(await kind.rebuildIndexes()).toEqual([]);
    expect(await titles('søvnråd oppdatert')).toEqual(liveBefore);
    expect(liveBefore).toContain('Søvnråd nummer 4 oppdatert');
    expect(await (runtimes[0] as SharedSearchRuntime).drain(10_000)).toBe(true);
    if (rebuilder !== reader) await rebuilder.close();
  });

  it('a rebuild that fails after its swap still rewinds the consumer: a publish during it is not lost', async () => {
    const rebuilder = await kind.create();
    const failsAfterSwap = withReplaceAll(rebuilder, async (docs, options) => {
      const source = typeof docs === 'function' ? docs : () => docs;
      let pass = 0;
      await rebuilder.replaceAll(async function* () {
        pass += 1;
        yield* source();
        if (pass > 1) return;
        await publishDocument(writer, article('etter-svikt', 'Kjæreste etter svikt'));
        await until(() => Promise.resolve(log.some((e) => e.id === 'article:etter-svikt:nb')), 10_000, 'the consumer applying the racing publish');
      }, options);
      throw new Error('vocabulary save failed');
    });
    await expect(rebuildSharedSearchIndex(writer, failsAfterSwap, { consumerName: CONSUMER, owner: 'operator-F' })).rejects.toThrow(/vocabulary save failed/);
    expect(await (runtimes[0] as SharedSearchRuntime).drain(10_000)).toBe(true);
    await until(searchable('kjæreste', 'Kjæreste etter svikt'), 10_000, 'the racing publish in the swapped-in index');
    if (rebuilder !== reader) await rebuilder.close();
  });

  it('a rebuild that fails midway leaves the live index answering, no rebuild index, and the lease free', async () => {
    const rebuilder = await kind.create();
    const failing = withReplaceAll(rebuilder, (docs, options) => {
      const source = typeof docs === 'function' ? docs : () => docs;
      let pass = 0;
      return rebuilder.replaceAll(async function* () {
        pass += 1;
        let n = 0;
        for await (const d of source()) {
          // Dies on the last pass (the one whose documents go into the new index), after a few.
          if (pass === (rebuilder.name === 'meilisearch' ? 2 : 1) && ++n > 3) throw new Error('read store connection lost');
          yield d;
        }
      }, options);
    });
    const before = (await reader.stats()).numberOfDocuments;
    await expect(rebuildSharedSearchIndex(writer, failing, { consumerName: CONSUMER, owner: 'operator-E' })).rejects.toThrow(/read store connection lost/);
    expect((await reader.stats()).numberOfDocuments).toBe(before);
    expect(await titles('søvnråd oppdatert')).toContain('Søvnråd nummer 4 oppdatert');
    expect(await kind.rebuildIndexes()).toEqual([]);
    expect(await leaseHolder(writer, REINDEX_LEASE)).toBeUndefined();
    if (rebuilder !== reader) await rebuilder.close();
  });
}

describe(`shared search runtime on ${dialect}, the embedded engine as the shared engine`, () => {
  defineSharedRuntimeSuite(embeddedKind);
});

/**
 * A library older than the outbox retention switched to a shared engine: the search consumer has
 * never run, and the outbox history before the watermark was pruned. The consumer bootstraps the
 * index from the read store (once, by the lease holder) before it delivers anything.
 */
function definePrunedHistorySuite(makeKind: () => SharedEngineKind): void {
  const DAY_MS = 86_400_000;
  const OLD = 12;
  let kind: SharedEngineKind;
  let db: TestDatabase;
  let writer: Knex;
  let knexes: Knex[];
  let reader: SearchEngine;
  let running: SharedSearchRuntime[];
  /** What the runtimes did to the engine, in order: `rebuild:A`, `rebuild-failed:A`, `upsert:A:<id>`. */
  let events: string[];
  /** Rebuilds still to send to the failing engine. */
  let failRebuilds: { left: number };
  let lines: Array<{ level: number; msg: string; consumer?: string; err?: string }>;
  let recorded: Logger;

  beforeEach(async () => {
    kind = makeKind();
    db = await createTestDatabase();
    writer = await createDatabase({ url: db.url });
    await runMigrations(writer);
    knexes = [];
    running = [];
    events = [];
    failRebuilds = { left: 0 };
    lines = [];
    recorded = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) });
    reader = await kind.create();

    // Published 100 days ago; a caught-up consumer (revision history) let pruning take all but the
    // head, so "history starts after seq 11". Then two young publishes.
    const longAgo = (): Date => new Date(Date.now() - 100 * DAY_MS);
    for (let i = 0; i < OLD; i += 1) {
      await publishDocument(writer, article(`gammel-${i}`, `Gammel artikkel ${i}`), {}, { now: longAgo });
    }
    await rewindConsumer(writer, 'revision-history', await headSeq(writer));
    expect(await pruneOutbox(writer, { retentionDays: 90 })).toMatchObject({ watermark: OLD - 1, oldestRetainedSeq: OLD });
    await publishDocument(writer, article('ung-1', 'Ung artikkel en'));
    await publishDocument(writer, article('ung-2', 'Ung artikkel to'));
  });

  afterEach(async () => {
    try {
      await Promise.all(running.map((r) => r.close()));
      await kind.dispose();
      await Promise.all([writer, ...knexes].map((k) => k.destroy()));
    } finally {
      await db.drop();
    }
  });

  const titles = async (q: string): Promise<string[]> =>
    (await reader.search({ q, limit: 50, filters: { locale: 'nb' } })).hits.map((h) => h.document.title);

  /** The shared engine as runtime `by` sees it: rebuilds and writes recorded, the first `failRebuilds` rebuilds failing. */
  async function engineFor(by: string): Promise<SearchEngine> {
    const live = await kind.create();
    const down = await kind.unreachable();
    return withReplaceAll(
      live,
      async (docs, options) => {
        if (failRebuilds.left > 0) {
          failRebuilds.left -= 1;
          events.push(`rebuild-failed:${by}`);
          return down.replaceAll(docs, options);
        }
        await live.replaceAll(docs, options);
        events.push(`rebuild:${by}`);
      },
      {
        async upsert(docs) {
          await live.upsert(docs);
          for (const d of docs) events.push(`upsert:${by}:${d.id}`);
        },
        async delete(ids) {
          await live.delete(ids);
          for (const id of ids) events.push(`delete:${by}:${id}`);
        },
      },
    );
  }

  async function start(by: string): Promise<SharedSearchRuntime> {
    const knex = await createDatabase({ url: db.url });
    knexes.push(knex);
    const started = startSharedSearchRuntime({
      knex,
      engine: await engineFor(by),
      logger: recorded,
      consumerName: CONSUMER,
      settings: defaultIndexSettings,
      owner: `runtime-${by}`,
      pollIntervalMs: 50,
    });
    running.push(started);
    return started;
  }

  const everyDocument = [
    ...Array.from({ length: OLD }, (_, i) => `Gammel artikkel ${i}`),
    'Ung artikkel en',
    'Ung artikkel to',
  ].sort();
  const indexed = async (): Promise<string[]> => (await titles('artikkel')).sort();

  it('indexes every document, not only those after the watermark, then follows the outbox', async () => {
    const a = await start('A');
    expect(await a.drain(30_000)).toBe(true);
    expect(await indexed()).toEqual(everyDocument);
    // Built at the head: nothing before it is delivered again.
    expect(events).toEqual(['rebuild:A']);
    expect(await a.appliedSeq()).toBe(await headSeq(writer));
    expect(lines.filter((l) => l.msg === 'outbox consumer bootstrapped')).toMatchObject([
      { consumer: CONSUMER, cursor: 0, watermark: OLD - 1, seq: OLD + 2 },
    ]);

    await publishDocument(writer, article('etter', 'Ny artikkel etter oppstart'));
    await until(async () => (await titles('oppstart')).includes('Ny artikkel etter oppstart'), 10_000, 'the next publish');
    expect(events).toEqual(['rebuild:A', `upsert:A:article:etter:nb`]);
  });

  it('retries a bootstrap that fails (engine down), delivering nothing until it succeeds', async () => {
    failRebuilds.left = 2;
    const a = await start('A');
    await until(() => Promise.resolve(events.length >= 1), 10_000, 'the first failed bootstrap');
    await publishDocument(writer, article('under-svikt', 'Artikkel publisert under svikt'));
    expect(await a.drain(30_000)).toBe(true);

    expect(events.slice(0, 3)).toEqual(['rebuild-failed:A', 'rebuild-failed:A', 'rebuild:A']);
    // Nothing reached the index before the bootstrap; the publish during the failures either made
    // it into the rebuild or arrives after it, through the stream.
    expect(events.slice(3).every((e) => e === 'upsert:A:article:under-svikt:nb')).toBe(true);
    expect(await indexed()).toEqual([...everyDocument, 'Artikkel publisert under svikt'].sort());
    const failures = lines.filter((l) => l.msg.startsWith('outbox consumer bootstrap failed'));
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatchObject({ level: 40, consumer: CONSUMER });
    expect(failures[0]?.err).toMatch(/^SearchEngineUnavailableError/);
  });

  it('two runtimes starting together bootstrap once', async () => {
    const [a, b] = await Promise.all([start('A'), start('B')]);
    expect((await Promise.all([a.drain(30_000), b.drain(30_000)])).every(Boolean)).toBe(true);
    expect(events.filter((e) => e.startsWith('rebuild'))).toHaveLength(1);
    expect(await indexed()).toEqual(everyDocument);
  });

  it("waits for an operator's reindex instead of fighting it; that reindex moves the cursor out of the gap", async () => {
    // An operator's `npx kilde reindex` holds the lease when the runtime starts.
    expect(await acquireLease(writer, REINDEX_LEASE, { owner: 'operator', ttlMs: 60_000 })).toMatchObject({ acquired: true });
    const a = await start('A');
    await until(() => Promise.resolve(lines.some((l) => l.msg.startsWith('outbox consumer bootstrap failed'))), 10_000, 'the refused bootstrap');
    expect(lines.find((l) => l.msg.startsWith('outbox consumer bootstrap failed'))?.err).toMatch(/^LeaseHeldError: A search reindex is already running: held by operator/);
    expect(events).toEqual([]);
    expect(await a.appliedSeq()).toBe(0);

    const report = await rebuildSharedSearchIndex(writer, await kind.create(), { consumerName: CONSUMER, owner: 'operator' });
    expect(report).toMatchObject({ builtAtSeq: OLD + 2, consumerCursorBefore: 0 });
    expect(await a.drain(30_000)).toBe(true);
    // The runtime found the gap closed and did not rebuild again.
    expect(events).toEqual([]);
    expect(await a.appliedSeq()).toBe(OLD + 2);
    expect(await indexed()).toEqual(everyDocument);
  });
}

describe(`shared search runtime on ${dialect} after outbox history was pruned, the embedded engine as the shared engine`, () => {
  definePrunedHistorySuite(embeddedKind);
});

const meiliUrl = process.env.MEILI_URL;
if (meiliUrl) {
  describe(`shared search runtime on ${dialect}, Meilisearch (MEILI_URL)`, () => {
    defineSharedRuntimeSuite(() => meilisearchKind(meiliUrl, process.env.MEILI_MASTER_KEY ?? process.env.MEILI_API_KEY));
  });
  describe(`shared search runtime on ${dialect} after outbox history was pruned, Meilisearch (MEILI_URL)`, () => {
    definePrunedHistorySuite(() => meilisearchKind(meiliUrl, process.env.MEILI_MASTER_KEY ?? process.env.MEILI_API_KEY));
  });
} else {
  describe.skip('shared search runtime, Meilisearch (skipped: set MEILI_URL to run against a server)', () => {
    it('needs MEILI_URL', () => undefined);
  });
}

// Runs without a server: the real client against an address that refuses connections.
describe(`API with MEILI_URL pointing at a server that does not answer (${dialect})`, () => {
  let db: TestDatabase;
  let knex: Knex;
  let shared: SharedSearchRuntime | undefined;
  let api: ApiServer | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    knex = await createDatabase({ url: db.url });
    await runMigrations(knex);
  });

  afterAll(async () => {
    try {
      await api?.close();
      await shared?.close();
      await knex?.destroy();
    } finally {
      await db?.drop();
    }
  });

  it('keeps serving, reports search unreachable in /readyz and the lag in /metrics, keeps every change', async () => {
    const engine = await createMeilisearchEngine({ host: await closedPortUrl(), indexUid: 'kilde', requestTimeoutMs: 1_000 });
    shared = startSharedSearchRuntime({ knex, engine, logger, settings: defaultIndexSettings, pollIntervalMs: 50, backoff: { maxAttempts: 2 } });
    const runtime = shared;
    for (let i = 0; i < 3; i += 1) await publishDocument(knex, article(`a${i}`, `Artikkel ${i}`));
    await until(async () => {
      const [d] = await listDeliveries(knex, { consumer: 'search:meilisearch' });
      return (d?.attempts ?? 0) >= 3;
    }, 20_000, 'three failed attempts');

    api = await createApiServer({
      knex,
      logger,
      keyCacheSeconds: 0,
      usageFlushSeconds: 3600,
      search: searchProviderFromEngine(engine),
      searchLag: { engine: 'meilisearch', appliedSeq: () => runtime.appliedSeq(), health: () => runtime.health() },
    });
    const url = await api.listen(0);
    const { key } = await createPartnerKey(knex, { partner: 'Test partner', scopes: ['read:content', 'search'] });
    const graphql = async (query: string): Promise<{ data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> }> =>
      (await (
        await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ query }),
        })
      ).json()) as { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> };
    // Content is served from the read store; search says it is unavailable, in a code partners retry on.
    expect((await graphql('{ article(slug: "a1", locale: nb) { title } }')).data).toEqual({ article: { title: 'Artikkel 1' } });
    const searched = await graphql('{ search(query: "artikkel", locale: nb) { totalHits } }');
    expect(searched.errors?.[0]?.extensions?.code).toBe('SEARCH_UNAVAILABLE');

    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', database: 'ok', search: 'unreachable', searchEngine: 'meilisearch' });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const consumer = { consumer: 'search:meilisearch' };
    expect(sample(metrics, 'kilde_search_engine_up')).toBe(0);
    expect(sample(metrics, 'kilde_search_sync_lag_events')).toBe(3);
    expect(sample(metrics, 'kilde_search_sync_applied_seq')).toBe(0);
    expect(sample(metrics, 'kilde_outbox_lag_events', consumer)).toBe(3);
    expect(sample(metrics, 'kilde_outbox_retrying_events', consumer)).toBe(1);
    expect(sample(metrics, 'kilde_outbox_dead_events', consumer)).toBe(0);
    const [delivery] = await listDeliveries(knex, { consumer: 'search:meilisearch' });
    expect(delivery).toMatchObject({ seq: 1, status: 'retrying' });
    expect(delivery?.lastError).toMatch(/^SearchEngineUnavailableError: Meilisearch (configure|upsert) failed/);
  });
});
