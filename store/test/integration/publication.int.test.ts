import type { Knex } from 'knex';
import { TABLES } from '@kilde/migrations';
import { ValidationError, computeContentHash } from '@kilde/schemas';
import type { ArticleDocument } from '@kilde/schemas';
import {
  DocumentTypeConflictError,
  getDocument,
  getDocumentBySlug,
  listChanges,
  publishDocument,
  tombstoneDocument,
} from '@kilde/store';
import { createMigratedDatabase, testDialects } from '../helpers/databases';
import type { TestDatabase } from '../helpers/databases';
import { articleDraft, questionDraft } from '../helpers/fixtures';
import { manualClock } from '../helpers/logger';

async function countRows(db: Knex, table: string): Promise<number> {
  const rows = await db(table).count<{ n: number | string }[]>({ n: '*' });
  return Number(rows[0]?.n ?? 0);
}

describe.each(testDialects)('publication on %s', (dialect) => {
  let database: TestDatabase;
  let db: Knex;
  const clock = manualClock();

  beforeEach(async () => {
    ({ database, db } = await createMigratedDatabase(dialect));
    clock.set('2026-03-01T12:00:00.000Z');
  });

  afterEach(async () => {
    await database.cleanup();
  });

  it('writes the read store and an outbox row in one transaction', async () => {
    const draft = articleDraft();
    const result = await db.transaction((trx) =>
      publishDocument(trx, draft, { actor: 'editor-7', changeNote: 'Første versjon' }, clock),
    );

    expect(result).toMatchObject({ status: 'published', version: 1 });
    const document = result.document as ArticleDocument;
    expect(document).toMatchObject({
      id: 'art-klamydia',
      version: 1,
      publishedAt: '2026-03-01T12:00:00.000Z',
      updatedAt: '2026-03-01T12:00:00.000Z',
      contentHash: computeContentHash(draft),
      title: 'Klamydia',
    });
    // The envelope leads, in a fixed order, so the served bytes are predictable.
    expect(Object.keys(document).slice(0, 8)).toEqual([
      'id',
      'type',
      'locale',
      'version',
      'translations',
      'publishedAt',
      'updatedAt',
      'contentHash',
    ]);

    const stored = await getDocument(db, { id: 'art-klamydia', locale: 'nb' });
    expect(stored).toMatchObject({
      type: 'article',
      slug: 'klamydia',
      version: 1,
      deleted: false,
      contentHash: document.contentHash,
    });
    expect(stored?.json).toBe(result.json);
    expect(JSON.parse(stored?.json ?? '')).toEqual(document);

    const { changes } = await listChanges(db, { afterSeq: 0, limit: 10 });
    expect(changes).toEqual([
      expect.objectContaining({
        seq: result.status === 'unchanged' ? -1 : result.seq,
        op: 'upsert',
        event: 'published',
        id: 'art-klamydia',
        version: 1,
        json: result.json,
      }),
    ]);
    const [outboxRow] = await db(TABLES.outbox).select('actor', 'change_note');
    expect(outboxRow).toEqual({ actor: 'editor-7', change_note: 'Første versjon' });
  });

  it('opens its own transaction when given a plain knex instance', async () => {
    await publishDocument(db, questionDraft(), {}, clock);
    expect(await countRows(db, TABLES.documents)).toBe(1);
    expect(await countRows(db, TABLES.outbox)).toBe(1);
  });

  it('rolls back with the caller: a failed CMS transaction leaves no trace', async () => {
    await expect(
      db.transaction(async (trx) => {
        await publishDocument(trx, articleDraft(), {}, clock);
        throw new Error('Strapi failed to save its own tables');
      }),
    ).rejects.toThrow('Strapi failed');
    expect(await countRows(db, TABLES.documents)).toBe(0);
    expect(await countRows(db, TABLES.outbox)).toBe(0);
  });

  it('leaves neither row when publication fails between the two writes', async () => {
    const fault = new Error('injected: crash after read-store write');
    await expect(
      db.transaction((trx) =>
        publishDocument(
          trx,
          articleDraft(),
          {},
          {
            ...clock,
            faults: {
              afterReadStoreWrite: () => {
                throw fault;
              },
            },
          },
        ),
      ),
    ).rejects.toBe(fault);
    expect(await countRows(db, TABLES.documents)).toBe(0);
    expect(await countRows(db, TABLES.outbox)).toBe(0);

    // The same fault on an update keeps the previous version intact.
    await publishDocument(db, articleDraft(), {}, clock);
    await expect(
      db.transaction((trx) =>
        publishDocument(
          trx,
          articleDraft({ title: 'Klamydia – oppdatert' }),
          {},
          {
            faults: { afterReadStoreWrite: () => Promise.reject(fault) },
          },
        ),
      ),
    ).rejects.toBe(fault);
    expect(await getDocument(db, { id: 'art-klamydia', locale: 'nb' })).toMatchObject({
      version: 1,
    });
    expect(await countRows(db, TABLES.outbox)).toBe(1);
  });

  it('writes nothing when republishing unchanged content', async () => {
    const first = await publishDocument(db, articleDraft(), {}, clock);
    clock.advance(60_000);
    const again = await publishDocument(db, articleDraft(), { changeNote: 'no-op' }, clock);

    expect(again.status).toBe('unchanged');
    expect(again.version).toBe(1);
    expect(again.json).toBe(first.json);
    expect(again.document.updatedAt).toBe('2026-03-01T12:00:00.000Z');
    expect(await countRows(db, TABLES.outbox)).toBe(1);
  });

  it('bumps the version on a content change and keeps the first publication date', async () => {
    await publishDocument(db, articleDraft(), {}, clock);
    clock.advance(3_600_000);
    const updated = await publishDocument(
      db,
      articleDraft({ summary: 'Ny oppsummering.' }),
      {},
      clock,
    );

    expect(updated).toMatchObject({ status: 'updated', version: 2 });
    expect(updated.document).toMatchObject({
      publishedAt: '2026-03-01T12:00:00.000Z',
      updatedAt: '2026-03-01T13:00:00.000Z',
    });
    const { changes } = await listChanges(db, { afterSeq: 0, limit: 10 });
    expect(changes.map((c) => [c.event, c.version])).toEqual([
      ['published', 1],
      ['updated', 2],
    ]);
  });

  it('publishes a new version when only the translations changed', async () => {
    await publishDocument(db, articleDraft({ translations: {} }), {}, clock);
    const linked = await publishDocument(
      db,
      articleDraft({ translations: { en: { id: 'art-klamydia', slug: 'chlamydia' } } }),
      {},
      clock,
    );
    expect(linked).toMatchObject({ status: 'updated', version: 2 });
    expect(linked.document.translations).toEqual({ en: { id: 'art-klamydia', slug: 'chlamydia' } });
  });

  it('ignores envelope values a caller smuggles into the draft', async () => {
    const sneaky = { ...articleDraft(), version: 99, publishedAt: '2000-01-01T00:00:00.000Z' };
    const result = await publishDocument(db, sneaky, {}, clock);
    expect(result.document).toMatchObject({ version: 1, publishedAt: '2026-03-01T12:00:00.000Z' });
  });

  it('rejects an invalid document with every problem and writes nothing', async () => {
    const invalid = articleDraft({ summary: 'x'.repeat(301), slug: 'Not A Slug' });
    const attempt = publishDocument(db, invalid, {}, clock);
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      status: 422,
      details: {
        errors: expect.arrayContaining([
          expect.objectContaining({ path: '/summary' }),
          expect.objectContaining({ path: '/slug' }),
        ]),
      },
    });
    expect(await countRows(db, TABLES.documents)).toBe(0);
    expect(await countRows(db, TABLES.outbox)).toBe(0);
  });

  it('refuses to reuse an id and locale for a document of another type', async () => {
    await publishDocument(db, articleDraft({ id: 'shared-id' }), {}, clock);
    await expect(
      publishDocument(db, questionDraft({ id: 'shared-id' }), {}, clock),
    ).rejects.toBeInstanceOf(DocumentTypeConflictError);
  });

  // SQLite has one writer at a time by construction; PostgreSQL needs the outbox lock for this.
  (dialect === 'postgresql' ? it : it.skip)(
    'serialises concurrent publications so outbox seq order is commit order',
    async () => {
      const trx = await db.transaction();
      // A failed expectation must not leave the transaction (and the test database) open.
      const release = async (): Promise<void> => {
        if (!trx.isCompleted()) await trx.rollback();
      };
      const first = await publishDocument(
        trx,
        articleDraft({ id: 'a', slug: 'a' }),
        {},
        clock,
      ).catch(async (err: unknown) => {
        await release();
        throw err;
      });
      let secondDone = false;
      const second = publishDocument(db, articleDraft({ id: 'b', slug: 'b' }), {}, clock).then(
        (result) => {
          secondDone = true;
          return result;
        },
      );
      try {
        await new Promise((resolve) => setTimeout(resolve, 150));
        // The second publication waits for the first to commit instead of taking a later seq and
        // committing first, which would let a consumer pass over the earlier, uncommitted seq.
        expect(secondDone).toBe(false);
        expect((await listChanges(db, { afterSeq: 0, limit: 10 })).changes).toEqual([]);
        await trx.commit();
      } finally {
        await release();
      }
      const done = await second;
      expect(first.status === 'published' && done.status === 'published').toBe(true);
      const { changes } = await listChanges(db, { afterSeq: 0, limit: 10 });
      expect(changes.map((c) => [c.seq, c.id])).toEqual([
        [1, 'a'],
        [2, 'b'],
      ]);
    },
  );

  it('gives concurrent publications of one document consecutive versions', async () => {
    await publishDocument(db, articleDraft(), {}, clock);
    const results = await Promise.all(
      ['To', 'Tre', 'Fire'].map((title) =>
        publishDocument(db, articleDraft({ title: `Klamydia ${title}` }), {}, clock),
      ),
    );
    expect(results.map((r) => r.version).sort()).toEqual([2, 3, 4]);
    const { changes } = await listChanges(db, { afterSeq: 0, limit: 10 });
    expect(changes.map((c) => c.version)).toEqual([1, 2, 3, 4]);
  });

  it('tombstones a live document once, and a republish continues the version sequence', async () => {
    await publishDocument(db, articleDraft(), {}, clock);
    clock.advance(1000);
    const key = { type: 'article' as const, id: 'art-klamydia', locale: 'nb' as const };
    const gone = await tombstoneDocument(db, key, { actor: 'editor-7' }, 'unpublished', clock);

    expect(gone).toMatchObject({
      status: 'unpublished',
      version: 2,
      deletedAt: '2026-03-01T12:00:01.000Z',
    });
    const stored = await getDocument(db, key);
    expect(stored).toMatchObject({
      deleted: true,
      version: 2,
      updatedAt: gone.status === 'absent' ? '' : gone.deletedAt,
    });
    // The read store no longer holds the withdrawn content, only the tombstone.
    expect(JSON.parse(stored?.json ?? '')).toEqual({
      id: 'art-klamydia',
      type: 'article',
      locale: 'nb',
      version: 2,
      deletedAt: '2026-03-01T12:00:01.000Z',
    });
    // The slug still resolves, to a tombstone, so the API can answer "gone".
    expect(
      await getDocumentBySlug(db, { type: 'article', slug: 'klamydia', locale: 'nb' }),
    ).toMatchObject({ deleted: true });

    expect(await tombstoneDocument(db, key, {}, 'deleted', clock)).toEqual({ status: 'absent' });
    expect(await tombstoneDocument(db, { ...key, locale: 'en' }, {}, 'deleted', clock)).toEqual({
      status: 'absent',
    });

    const { changes } = await listChanges(db, { afterSeq: 0, limit: 10 });
    expect(changes.map((c) => [c.op, c.event, c.version])).toEqual([
      ['upsert', 'published', 1],
      ['delete', 'unpublished', 2],
    ]);
    expect(JSON.parse(changes[1]?.json ?? '')).toMatchObject({
      deletedAt: '2026-03-01T12:00:01.000Z',
    });

    clock.advance(1000);
    const back = await publishDocument(db, articleDraft(), {}, clock);
    expect(back).toMatchObject({ status: 'published', version: 3 });
    expect(back.document.publishedAt).toBe('2026-03-01T12:00:00.000Z');
  });
});
