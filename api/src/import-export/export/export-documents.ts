import type { Writable } from 'node:stream';
import type { Knex } from 'knex';
import { TABLES } from '@kilde/migrations';
import { KildeError, type DocumentType, type Locale } from '@kilde/schemas';
import { assertChangesRetained } from '@kilde/store';
import { toMarkdownFile } from '../format/markdown';
import { ZipWriter } from '../format/zip-writer';

export type ExportFormat = 'ndjson' | 'json' | 'markdown-zip';
export const exportFormats: readonly ExportFormat[] = ['ndjson', 'json', 'markdown-zip'];

/** Dependencies first, so an export imports in one pass: providers and topics before what refers to them. */
export const exportTypeOrder: readonly DocumentType[] = [
  'organisation',
  'topic',
  'service',
  'article',
  'question',
];

export interface ExportQuery {
  types?: readonly DocumentType[];
  locales?: readonly Locale[];
  /** Organisation id: documents whose `provider` is it (and the organisation itself). */
  provider?: string;
  /** Topic id or slug: documents tagged with it (and the topic itself). */
  topic?: string;
  /** Delta: documents changed after this outbox seq (a `changes` cursor)… */
  afterSeq?: number;
  /** …or updated at or after this instant. */
  updatedSince?: string;
}

export interface ExportRow {
  id: string;
  type: DocumentType;
  locale: Locale;
  json: string;
}

interface DocRow {
  doc_id: string;
  locale: string;
  type: string;
  document: string;
}

const PAGE = 500;

/** The outbox head now: a delta export from it (`--since`) continues where this one ends. */
export async function changesHead(knex: Knex): Promise<number> {
  const row: { seq?: number | string | null } | undefined = await knex(TABLES.outbox)
    .max({ seq: 'seq' })
    .first();
  return Number(row?.seq ?? 0);
}

function matches(query: ExportQuery, row: DocRow): boolean {
  if (!query.provider && !query.topic) return true;
  const doc = JSON.parse(row.document) as {
    id: string;
    type: string;
    slug?: string;
    provider?: { id?: string } | null;
    topics?: { id?: string; slug?: string }[];
  };
  if (query.provider) {
    const own = doc.type === 'organisation' && doc.id === query.provider;
    if (!own && doc.provider?.id !== query.provider) return false;
  }
  if (query.topic) {
    const t = query.topic;
    const own = doc.type === 'topic' && (doc.id === t || doc.slug === t);
    if (!own && !(doc.topics ?? []).some((r) => r.id === t || r.slug === t)) return false;
  }
  return true;
}

/**
 * Streams live documents from the read store in dependency order, a page at a time (keyset by
 * id and locale), so memory stays flat however many documents there are.
 * @remarks A delta by cursor reads the outbox after the seq and exports the *current* version of
 * each document that changed; deletions are not exported (partners learn them from `changes` or
 * webhooks).
 */
export async function* exportRows(
  knex: Knex,
  query: ExportQuery = {},
  { pageSize = PAGE }: { pageSize?: number } = {},
): AsyncGenerator<ExportRow> {
  const types = exportTypeOrder.filter((t) => !query.types || query.types.includes(t));
  for (const type of types) {
    if (query.afterSeq !== undefined) {
      yield* changedRows(knex, type, query.afterSeq, query, pageSize);
      continue;
    }
    let after: { id: string; locale: string } | null = null;
    for (;;) {
      const q = knex(TABLES.documents)
        .select('doc_id', 'locale', 'type', 'document')
        .where({ type, deleted: false })
        .orderBy([{ column: 'doc_id' }, { column: 'locale' }])
        .limit(PAGE);
      if (query.locales) q.whereIn('locale', query.locales as Locale[]);
      if (query.updatedSince) q.where('updated_at', '>=', query.updatedSince);
      if (after) {
        const a = after;
        void q.where((w) => {
          void w.where('doc_id', '>', a.id).orWhere((w2) => {
            void w2.where('doc_id', a.id).andWhere('locale', '>', a.locale);
          });
        });
      }
      const rows = (await q) as DocRow[];
      for (const row of rows)
        if (matches(query, row))
          yield { id: row.doc_id, type, locale: row.locale as Locale, json: row.document };
      if (rows.length < PAGE) break;
      const last = rows[rows.length - 1] as DocRow;
      after = { id: last.doc_id, locale: last.locale };
    }
  }
}

/**
 * Documents of one type changed after `afterSeq`, read from the outbox a page at a time.
 * @remarks A long delta export can meet a prune: rows it has not reached yet may go while it
 * streams. So, like `listChanges`, every page is followed by a watermark check (the watermark
 * commits with its deletes, so reading it after the rows sees any prune that took rows from under
 * them); a position the prune passed throws `CursorExpiredError`, and the handler cuts the
 * stream (an incomplete download, never a silently short one).
 */
async function* changedRows(
  knex: Knex,
  type: DocumentType,
  afterSeq: number,
  query: ExportQuery,
  pageSize: number,
): AsyncGenerator<ExportRow> {
  const seen = new Set<string>();
  let seq = afterSeq;
  for (;;) {
    const changes = (await knex(TABLES.outbox)
      .select('seq', 'doc_id', 'locale')
      .where('seq', '>', seq)
      .andWhere({ type })
      .orderBy('seq')
      .limit(pageSize)) as { seq: number | string; doc_id: string; locale: string }[];
    await assertChangesRetained(knex, seq);
    const keys: { id: string; locale: string }[] = [];
    for (const c of changes) {
      const k = `${c.doc_id}\u0000${c.locale}`;
      if (seen.has(k) || (query.locales && !query.locales.includes(c.locale as Locale))) continue;
      seen.add(k);
      keys.push({ id: c.doc_id, locale: c.locale });
    }
    if (keys.length > 0) {
      const rows = (await knex(TABLES.documents)
        .select('doc_id', 'locale', 'type', 'document')
        .where({ deleted: false })
        .whereIn(
          ['doc_id', 'locale'],
          keys.map((k) => [k.id, k.locale]),
        )) as DocRow[];
      const byKey = new Map(rows.map((r) => [`${r.doc_id}\u0000${r.locale}`, r]));
      for (const k of keys) {
        const row = byKey.get(`${k.id}\u0000${k.locale}`);
        if (row && row.type === type && matches(query, row))
          yield { id: row.doc_id, type, locale: row.locale as Locale, json: row.document };
      }
    }
    if (changes.length < pageSize) break;
    seq = Number((changes[changes.length - 1] as { seq: number | string }).seq);
  }
}

/** Media type and file extension of each export format. */
export const exportMedia: Record<ExportFormat, { contentType: string; extension: string }> = {
  ndjson: { contentType: 'application/x-ndjson; charset=utf-8', extension: 'ndjson' },
  json: { contentType: 'application/json; charset=utf-8', extension: 'json' },
  'markdown-zip': { contentType: 'application/zip', extension: 'zip' },
};

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text))
    await new Promise<void>((resolve, reject) => {
      const onDrain = (): void => {
        out.off('error', onError);
        resolve();
      };
      const onError = (err: Error): void => {
        out.off('drain', onDrain);
        reject(err);
      };
      out.once('drain', onDrain);
      out.once('error', onError);
    });
}

/**
 * Writes rows in one of the export formats. NDJSON and JSON carry the stored canonical JSON byte
 * for byte; the zip holds `<type>/<id>/<locale>.md` files with YAML front matter and, given a
 * media reader, the original image files under `media/…`.
 * @returns how many documents were written. Does not end `out`.
 */
/** Reads a stored media file by its root-relative URL (`/uploads/x.jpg`), or null when it cannot. */
export type MediaReader = (url: string) => Promise<Buffer | null>;

/** Root-relative URLs of the files a document shows (image originals; variants are made again on import). */
function mediaOf(doc: Record<string, unknown>): string[] {
  const out: string[] = [];
  const add = (img: unknown): void => {
    const url = (img as { url?: unknown } | null)?.url;
    if (
      typeof url === 'string' &&
      url.startsWith('/') &&
      !url.startsWith('//') &&
      !url.includes('..')
    )
      out.push(url);
  };
  if (Array.isArray(doc.images)) doc.images.forEach(add);
  add(doc.logo);
  return out;
}

export async function writeExport(
  rows: AsyncIterable<ExportRow>,
  format: ExportFormat,
  out: Writable,
  onProgress?: (n: number) => void,
  options: { media?: MediaReader } = {},
): Promise<number> {
  let n = 0;
  switch (format) {
    case 'ndjson':
      for await (const row of rows) {
        await write(out, `${row.json}\n`);
        n += 1;
        onProgress?.(n);
      }
      return n;
    case 'json':
      await write(out, '[');
      for await (const row of rows) {
        await write(out, `${n === 0 ? '\n' : ',\n'}${row.json}`);
        n += 1;
        onProgress?.(n);
      }
      await write(out, n === 0 ? ']\n' : '\n]\n');
      return n;
    case 'markdown-zip': {
      const zip = new ZipWriter(out);
      // Each media file once, under `media/<its URL path>`: an import finds it there by the URL.
      const written = new Set<string>();
      for await (const row of rows) {
        const doc = JSON.parse(row.json) as Record<string, unknown>;
        await zip.add(`${row.type}/${row.id}/${row.locale}.md`, toMarkdownFile(doc));
        if (options.media) {
          for (const url of mediaOf(doc)) {
            if (written.has(url)) continue;
            written.add(url);
            const data = await options.media(url);
            if (data) await zip.add(`media${url}`, data, { store: true });
          }
        }
        n += 1;
        onProgress?.(n);
      }
      await zip.finish();
      return n;
    }
    default: {
      const unreachable: never = format;
      throw new KildeError('BAD_FORMAT', `Unknown export format ${String(unreachable)}`, {
        status: 400,
      });
    }
  }
}
