import type { Knex } from 'knex';
import type { DocumentType, Locale } from '@kilde/schemas';

/** The read store's table (owned by `@kilde/store`; the API only reads it). */
const DOCUMENTS = 'kilde_documents';

export interface VersionRow {
  doc_id: string;
  locale: string;
  version: number | string;
}

export interface ListingRow extends VersionRow {
  updated_at: string;
}

export interface DocumentRow extends VersionRow {
  document: string;
}

/** A normalised listing request: `since` is a stored-form timestamp, `after` a decoded cursor. */
export interface ListingRequest {
  type: DocumentType;
  locale: Locale;
  since?: string;
  after?: { updatedAt: string; id: string };
  /** Rows to return (callers ask one more than a page to learn whether another follows). */
  limit: number;
}

/**
 * The few hot reads of the API, over the read store's indexes:
 * - a keyset listing of (id, locale, version, updatedAt) by (type, locale, updated_at, doc_id);
 * - JSON of given ids in one locale, and versions/JSON of every locale of given ids (by the
 *   (doc_id, locale) primary key).
 * Only live rows (`deleted = false`) are returned.
 */
export interface ReadStoreReader {
  readonly kind: 'sqlite-prepared' | 'knex';
  listing(q: ListingRequest): Promise<ListingRow[]>;
  documents(type: DocumentType, locale: Locale, ids: readonly string[]): Promise<DocumentRow[]>;
  variantVersions(type: DocumentType, ids: readonly string[]): Promise<VersionRow[]>;
  variantDocuments(type: DocumentType, ids: readonly string[]): Promise<DocumentRow[]>;
  close(): Promise<void>;
}

/** Portable implementation over knex (PostgreSQL, or SQLite when no raw connection is available). */
export class KnexReader implements ReadStoreReader {
  readonly kind = 'knex' as const;

  constructor(private readonly knex: Knex) {}

  async listing(q: ListingRequest): Promise<ListingRow[]> {
    const builder = this.knex(DOCUMENTS)
      .select('doc_id', 'locale', 'version', 'updated_at')
      .where({ type: q.type, locale: q.locale, deleted: false })
      .orderBy([
        { column: 'updated_at', order: 'asc' },
        { column: 'doc_id', order: 'asc' },
      ])
      .limit(q.limit);
    if (q.since !== undefined) void builder.andWhere('updated_at', '>=', q.since);
    const after = q.after;
    if (after) {
      void builder.andWhere((w: Knex.QueryBuilder) => {
        void w.where('updated_at', '>', after.updatedAt).orWhere((w2: Knex.QueryBuilder) => {
          void w2.where('updated_at', '=', after.updatedAt).andWhere('doc_id', '>', after.id);
        });
      });
    }
    return (await builder) as ListingRow[];
  }

  async documents(type: DocumentType, locale: Locale, ids: readonly string[]): Promise<DocumentRow[]> {
    return (await this.knex(DOCUMENTS).select('doc_id', 'locale', 'version', 'document').where({ type, locale, deleted: false }).whereIn('doc_id', ids)) as DocumentRow[];
  }

  async variantVersions(type: DocumentType, ids: readonly string[]): Promise<VersionRow[]> {
    return (await this.knex(DOCUMENTS).select('doc_id', 'locale', 'version').where({ type, deleted: false }).whereIn('doc_id', ids)) as VersionRow[];
  }

  async variantDocuments(type: DocumentType, ids: readonly string[]): Promise<DocumentRow[]> {
    return (await this.knex(DOCUMENTS).select('doc_id', 'locale', 'version', 'document').where({ type, deleted: false }).whereIn('doc_id', ids)) as DocumentRow[];
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** The parts of a better-sqlite3 connection used here (obtained through knex, not imported). */
interface SqliteStatement {
  all(...params: unknown[]): unknown[];
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
  pragma(source: string): unknown;
  close(): void;
}

const COLS = 'doc_id, locale, version, updated_at';
const LISTING = `select ${COLS} from ${DOCUMENTS} where type = ? and locale = ? and deleted = 0`;
const ORDER = 'order by updated_at asc, doc_id asc limit ?';
const KEYSET = 'and (updated_at > ? or (updated_at = ? and doc_id > ?))';

/**
 * SQLite implementation: prepared statements on a dedicated connection opened `query_only`.
 * @remarks knex costs ~120 µs per query on top of SQLite (query building, pool, promise hops,
 * re-preparing the statement); the partner API runs two or three reads per request, so on
 * SQLite that overhead was a quarter of a request's CPU. A second connection is safe here
 * because it never writes: in WAL mode a reader neither waits for nor blocks the writer, so the
 * event-loop stall `@kilde/store` warns about (a connection waiting for the write lock) cannot
 * happen. Writes (usage aggregates) keep going through knex.
 */
export class SqlitePreparedReader implements ReadStoreReader {
  readonly kind = 'sqlite-prepared' as const;
  private readonly statements = new Map<string, SqliteStatement>();

  private constructor(private readonly db: SqliteConnection) {}

  /** Opens the reader on the file knex uses, or returns null when that is not possible. */
  static async open(knex: Knex): Promise<SqlitePreparedReader | null> {
    const client = knex.client as { driverName?: string; connectionSettings?: { filename?: string }; acquireRawConnection?: () => Promise<unknown> };
    const filename = client.connectionSettings?.filename;
    if (client.driverName !== 'better-sqlite3' || !filename || filename === ':memory:' || !client.acquireRawConnection) return null;
    const db = (await client.acquireRawConnection.call(client)) as SqliteConnection;
    db.pragma('query_only = ON');
    db.pragma('busy_timeout = 2000');
    // A listing row is read up to `deleted`, which SQLite stores after the multi-KB `document`,
    // so it touches overflow pages; keep up to 64 MB of them hot instead of the default 2 MB.
    db.pragma('cache_size = -65536');
    return new SqlitePreparedReader(db);
  }

  private run<T>(sql: string, params: unknown[]): T[] {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st.all(...params) as T[];
  }

  listing(q: ListingRequest): Promise<ListingRow[]> {
    const params: unknown[] = [q.type, q.locale];
    let sql = LISTING;
    if (q.since !== undefined) {
      sql += ' and updated_at >= ?';
      params.push(q.since);
    }
    if (q.after) {
      sql += ` ${KEYSET}`;
      params.push(q.after.updatedAt, q.after.updatedAt, q.after.id);
    }
    params.push(q.limit);
    return Promise.resolve(this.run<ListingRow>(`${sql} ${ORDER}`, params));
  }

  // `json_each(?)` takes the id list as one JSON parameter, so one statement serves any count.
  documents(type: DocumentType, locale: Locale, ids: readonly string[]): Promise<DocumentRow[]> {
    return Promise.resolve(
      this.run<DocumentRow>(
        `select doc_id, locale, version, document from ${DOCUMENTS} where locale = ? and type = ? and deleted = 0 and doc_id in (select value from json_each(?))`,
        [locale, type, JSON.stringify(ids)],
      ),
    );
  }

  variantVersions(type: DocumentType, ids: readonly string[]): Promise<VersionRow[]> {
    return Promise.resolve(
      this.run<VersionRow>(`select doc_id, locale, version from ${DOCUMENTS} where type = ? and deleted = 0 and doc_id in (select value from json_each(?))`, [
        type,
        JSON.stringify(ids),
      ]),
    );
  }

  variantDocuments(type: DocumentType, ids: readonly string[]): Promise<DocumentRow[]> {
    return Promise.resolve(
      this.run<DocumentRow>(`select doc_id, locale, version, document from ${DOCUMENTS} where type = ? and deleted = 0 and doc_id in (select value from json_each(?))`, [
        type,
        JSON.stringify(ids),
      ]),
    );
  }

  close(): Promise<void> {
    this.statements.clear();
    this.db.close();
    return Promise.resolve();
  }
}

/** The fastest reader available for this database. */
export async function openReadStoreReader(knex: Knex): Promise<ReadStoreReader> {
  return (await SqlitePreparedReader.open(knex)) ?? new KnexReader(knex);
}
