import type { Knex } from 'knex';
import { ValidationError } from '@kilde/schemas';
import {
  countDocuments,
  getDocument,
  getDocumentBySlug,
  listChanges,
  listDocuments,
  publishDocument,
  tombstoneDocument,
} from '@kilde/store';
import type { StoredDocument } from '@kilde/store';
import { createMigratedDatabase, testDialects } from '../helpers/databases';
import type { TestDatabase } from '../helpers/databases';
import { articleDraft, manyArticles, questionDraft } from '../helpers/fixtures';
import { manualClock } from '../helpers/logger';

describe.each(testDialects)('read store on %s', (dialect) => {
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

  it('finds documents by id (optionally of one type) and by slug', async () => {
    await publishDocument(db, articleDraft(), {}, clock);
    await publishDocument(db, articleDraft({ locale: 'nn', title: 'Klamydia (nn)' }), {}, clock);

    expect(await getDocument(db, { id: 'art-klamydia', locale: 'nn' })).toMatchObject({
      locale: 'nn',
      version: 1,
    });
    expect(
      await getDocument(db, { id: 'art-klamydia', locale: 'nb', type: 'question' }),
    ).toBeNull();
    expect(await getDocument(db, { id: 'missing', locale: 'nb' })).toBeNull();
    const bySlug = await getDocumentBySlug(db, { type: 'article', slug: 'klamydia', locale: 'nb' });
    expect(JSON.parse(bySlug?.json ?? '{}')).toMatchObject({ title: 'Klamydia', locale: 'nb' });
    expect(
      await getDocumentBySlug(db, { type: 'topic', slug: 'klamydia', locale: 'nb' }),
    ).toBeNull();
  });

  it('prefers the live document when a tombstone shares its slug', async () => {
    await publishDocument(db, articleDraft({ id: 'old', slug: 'sovn' }), {}, clock);
    await tombstoneDocument(db, { type: 'article', id: 'old', locale: 'nb' }, {}, 'deleted', clock);
    clock.advance(1000);
    await publishDocument(db, articleDraft({ id: 'new', slug: 'sovn' }), {}, clock);
    expect(
      await getDocumentBySlug(db, { type: 'article', slug: 'sovn', locale: 'nb' }),
    ).toMatchObject({ id: 'new', deleted: false });
  });

  it('pages through documents with a keyset cursor, ties on updatedAt included', async () => {
    // Ten documents share one timestamp, so the id tie-breaker decides page boundaries.
    for (const draft of manyArticles(10, 'same')) await publishDocument(db, draft, {}, clock);
    for (const draft of manyArticles(15, 'later')) {
      clock.advance(1000);
      await publishDocument(db, draft, {}, clock);
    }
    await publishDocument(db, questionDraft(), {}, clock);

    const seen: StoredDocument[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listDocuments>> = await listDocuments(db, {
        type: 'article',
        locale: 'nb',
        limit: 4,
        after,
      });
      seen.push(...page.items);
      after = page.nextCursor;
      pages += 1;
    } while (after !== null);

    expect(pages).toBe(7);
    expect(seen).toHaveLength(25);
    expect(new Set(seen.map((d) => d.id)).size).toBe(25);
    const order = seen.map((d) => `${d.updatedAt}|${d.id}`);
    expect(order).toEqual([...order].sort());
  });

  it('filters by updatedSince, inclusive, whatever ISO form the caller uses', async () => {
    await publishDocument(db, articleDraft({ id: 'a', slug: 'a' }), {}, clock);
    clock.set('2026-03-02T00:00:00.000Z');
    await publishDocument(db, articleDraft({ id: 'b', slug: 'b' }), {}, clock);

    const ids = async (updatedSince: string): Promise<string[]> =>
      (
        await listDocuments(db, { type: 'article', locale: 'nb', limit: 10, updatedSince })
      ).items.map((d) => d.id);
    // Without milliseconds, and with an offset: both must compare as instants, not as text.
    expect(await ids('2026-03-02T00:00:00Z')).toEqual(['b']);
    expect(await ids('2026-03-02T01:00:00+01:00')).toEqual(['b']);
    expect(await ids('2026-03-01T11:59:59Z')).toEqual(['a', 'b']);
    await expect(ids('yesterday')).rejects.toBeInstanceOf(ValidationError);
  });

  it('includes tombstones only when asked, which a delta sync needs', async () => {
    for (const draft of manyArticles(3)) await publishDocument(db, draft, {}, clock);
    await tombstoneDocument(
      db,
      { type: 'article', id: 'art-001', locale: 'nb' },
      {},
      'deleted',
      clock,
    );

    const live = await listDocuments(db, { type: 'article', locale: 'nb', limit: 10 });
    expect(live.items.map((d) => d.id)).toEqual(['art-000', 'art-002']);
    const all = await listDocuments(db, {
      type: 'article',
      locale: 'nb',
      limit: 10,
      includeDeleted: true,
    });
    expect(all.items.find((d) => d.id === 'art-001')).toMatchObject({ deleted: true });

    expect(await countDocuments(db)).toBe(2);
    expect(await countDocuments(db, { includeDeleted: true })).toBe(3);
    expect(await countDocuments(db, { type: 'question' })).toBe(0);
    expect(await countDocuments(db, { type: 'article', locale: 'nn' })).toBe(0);
  });

  it('rejects bad page sizes and cursors with ValidationError', async () => {
    await expect(
      listDocuments(db, { type: 'article', locale: 'nb', limit: 0 }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      listDocuments(db, { type: 'article', locale: 'nb', limit: 10, after: 'garbage' }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(listChanges(db, { afterSeq: -1, limit: 10 })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('serves the change feed in pages', async () => {
    for (const draft of manyArticles(5)) await publishDocument(db, draft, {}, clock);
    const first = await listChanges(db, { afterSeq: 0, limit: 3 });
    expect(first.changes.map((c) => c.id)).toEqual(['art-000', 'art-001', 'art-002']);
    expect(first.hasMore).toBe(true);
    const second = await listChanges(db, { afterSeq: first.lastSeq, limit: 3 });
    expect(second.changes.map((c) => c.id)).toEqual(['art-003', 'art-004']);
    expect(second.hasMore).toBe(false);
    const empty = await listChanges(db, { afterSeq: second.lastSeq, limit: 3 });
    expect(empty).toEqual({ changes: [], lastSeq: second.lastSeq, hasMore: false });
  });
});
