import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { AsPlainObject } from 'minisearch';
import type { IndexSettings, SearchDocument } from '../port/types';
import type { VocabularyJson } from '../norwegian/vocabulary';
import type { TermDictionaryJson } from './forward-index';
import { spellingVariantPairs } from '../norwegian/spelling-variants';
import { curatedHealthWords } from '../norwegian/curated-vocabulary';
import { SearchSnapshotError } from '../errors/search-snapshot-error';

/**
 * Bump when analysis changes in a way that alters index terms (folding, stemming, splitting,
 * forward index layout): older snapshots then load as `incompatible` and the index is rebuilt.
 */
export const ANALYZER_VERSION = 1;
const FORMAT = 'kilde-embedded-search-snapshot';
const FORMAT_VERSION = 1;

/** A stored document with its forward-index entry. */
export interface SnapshotDocument {
  doc: SearchDocument;
  seq: Int32Array;
  fieldEnds: Int32Array;
}

/** Everything a snapshot holds. */
export interface SnapshotData {
  settings: IndexSettings;
  mini: AsPlainObject;
  docs: SnapshotDocument[];
  vocabulary: VocabularyJson;
  dictionary: TermDictionaryJson;
}

/** A loaded snapshot with the fingerprint of the analyzer that wrote it. */
export interface LoadedSnapshot extends SnapshotData {
  fingerprint: string;
}

/**
 * Identifies the analysis that produced index terms: code version, the settings that shape
 * indexing (searchable attributes, stop words) and the built-in word lists.
 */
export function snapshotFingerprint(settings: IndexSettings): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        analyzer: ANALYZER_VERSION,
        searchableAttributes: settings.searchableAttributes,
        stopWords: settings.stopWords,
        variants: spellingVariantPairs,
        curated: curatedHealthWords,
      }),
    )
    .digest('hex');
}

/**
 * Writes a snapshot as line-delimited JSON: a header, MiniSearch's serialised index (its
 * `toJSON()`, one index entry per line), the documents with their forward index, the
 * vocabulary and the term dictionary, and an end marker that proves the file is complete.
 *
 * @remarks
 * One line per entry instead of one `JSON.stringify` keeps a 100k-document index under V8's
 * string size limit and memory flat. The file is written next to `path` under a temporary
 * name, fsynced and renamed over `path`, so a crash leaves either the old snapshot or the new
 * one, never half of one.
 */
export async function writeSnapshot(path: string, data: SnapshotData): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    const { index, ...miniMeta } = data.mini;
    const out = createWriteStream(tmp, { encoding: 'utf8', highWaterMark: 8 << 20 });
    const closed = once(out, 'finish');
    // Lines are gathered into megabyte chunks: waiting for 'drain' after every small write
    // makes a large index take minutes instead of seconds. `once` rejects on 'error' and
    // removes its listeners, so waiting cannot leak.
    let pending: string[] = [];
    let pendingSize = 0;
    const flush = async (): Promise<void> => {
      if (pending.length === 0) return;
      const chunk = pending.join('');
      pending = [];
      pendingSize = 0;
      if (!out.write(chunk)) await once(out, 'drain');
    };
    const write = async (line: string): Promise<void> => {
      pending.push(line, '\n');
      pendingSize += line.length + 1;
      if (pendingSize >= 1 << 20) await flush();
    };
    await write(
      JSON.stringify({
        format: FORMAT,
        version: FORMAT_VERSION,
        fingerprint: snapshotFingerprint(data.settings),
        createdAt: new Date().toISOString(),
        settings: data.settings,
        counts: { docs: data.docs.length, index: index.length },
      }),
    );
    await write(`M${JSON.stringify(miniMeta)}`);
    for (const entry of index) await write(`I${JSON.stringify(entry)}`);
    for (const d of data.docs) {
      await write(`D${JSON.stringify([d.doc, encodeInts(d.seq), Array.from(d.fieldEnds)])}`);
    }
    await write(`V${JSON.stringify(data.vocabulary)}`);
    await write(`T${JSON.stringify(data.dictionary)}`);
    await write(`E${JSON.stringify({ docs: data.docs.length, index: index.length })}`);
    await flush();
    out.end();
    await closed;
    const handle = await open(tmp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
    await syncDirectory(dir);
  } catch (cause) {
    await rm(tmp, { force: true });
    throw new SearchSnapshotError(`Could not write the search snapshot: ${String(cause)}`, 'io', path, {
      cause,
    });
  }
}

/** Reads a snapshot written by {@link writeSnapshot}. */
export async function readSnapshot(path: string): Promise<LoadedSnapshot> {
  type Header = { format?: string; version?: number; fingerprint?: string; settings?: IndexSettings };
  const read: {
    header?: Header;
    miniMeta?: Omit<AsPlainObject, 'index'>;
    vocabulary?: VocabularyJson;
    dictionary?: TermDictionaryJson;
    end?: { docs: number; index: number };
  } = {};
  const index: AsPlainObject['index'] = [];
  const docs: SnapshotDocument[] = [];
  try {
    const input = createReadStream(path, { encoding: 'utf8' });
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      if (!read.header) {
        read.header = JSON.parse(line) as Header;
        continue;
      }
      const body = line.slice(1);
      switch (line[0]) {
        case 'M':
          read.miniMeta = JSON.parse(body) as Omit<AsPlainObject, 'index'>;
          break;
        case 'I':
          index.push(JSON.parse(body) as AsPlainObject['index'][number]);
          break;
        case 'D': {
          const [doc, seq, fieldEnds] = JSON.parse(body) as [SearchDocument, string, number[]];
          docs.push({ doc, seq: decodeInts(seq), fieldEnds: Int32Array.from(fieldEnds) });
          break;
        }
        case 'V':
          read.vocabulary = JSON.parse(body) as VocabularyJson;
          break;
        case 'T':
          read.dictionary = JSON.parse(body) as TermDictionaryJson;
          break;
        case 'E':
          read.end = JSON.parse(body) as { docs: number; index: number };
          break;
        default:
          throw new Error(`unknown record type ${JSON.stringify(line[0])}`);
      }
    }
  } catch (cause) {
    const io = (cause as NodeJS.ErrnoException).code !== undefined;
    throw new SearchSnapshotError(
      io ? `Could not read the search snapshot: ${String(cause)}` : 'The search snapshot is malformed',
      io ? 'io' : 'corrupt',
      path,
      { cause },
    );
  }
  const { header, miniMeta, vocabulary, dictionary, end } = read;
  if (
    !header ||
    header.format !== FORMAT ||
    header.version !== FORMAT_VERSION ||
    !header.settings ||
    !header.fingerprint ||
    !miniMeta ||
    !vocabulary ||
    !dictionary ||
    !end ||
    end.docs !== docs.length ||
    end.index !== index.length
  ) {
    throw new SearchSnapshotError('The search snapshot is incomplete or not a snapshot', 'corrupt', path);
  }
  return {
    fingerprint: header.fingerprint,
    settings: header.settings,
    mini: { ...miniMeta, index },
    docs,
    vocabulary,
    dictionary,
  };
}

function encodeInts(values: Int32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function decodeInts(base64: string): Int32Array {
  const buf = Buffer.from(base64, 'base64');
  // Copy into an aligned buffer: Buffer slices may start at any byte offset.
  const out = new Int32Array(buf.byteLength / 4);
  new Uint8Array(out.buffer).set(buf);
  return out;
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the rename itself durable; not every platform can fsync a directory.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
