import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { AsPlainObject, Options } from 'minisearch';
import type { IndexSettings, SearchDocument } from '../port/types';
import type { VocabularyJson } from '../norwegian/vocabulary';
import type { TermDictionaryJson } from './forward-index';
import { PostingIndex, type IndexedFields } from './posting-index';
import { spellingVariantPairs } from '../norwegian/spelling-variants';
import { curatedHealthWords } from '../norwegian/curated-vocabulary';
import { SearchSnapshotError } from '../errors/search-snapshot-error';

/**
 * Bump when analysis changes in a way that alters index terms (folding, stemming, splitting,
 * forward index layout): older snapshots then load as `incompatible` and the index is rebuilt.
 */
export const ANALYZER_VERSION = 3;
const FORMAT = 'kilde-embedded-search-snapshot';
const FORMAT_VERSION = 1;

/** A stored document with its forward-index entry. */
export interface SnapshotDocument {
  doc: SearchDocument;
  seq: Int32Array;
  fieldEnds: Int32Array;
}

/** What a snapshot is written from. The caller keeps it unchanged until the write resolves. */
export interface SnapshotSource {
  settings: IndexSettings;
  index: PostingIndex;
  docs: Iterable<SnapshotDocument>;
  docCount: number;
  vocabulary: VocabularyJson;
  dictionary: TermDictionaryJson;
}

/** A loaded snapshot with the fingerprint of the analyzer that wrote it. */
export interface LoadedSnapshot {
  fingerprint: string;
  settings: IndexSettings;
  index: PostingIndex;
  docs: SnapshotDocument[];
  vocabulary: VocabularyJson;
  dictionary: TermDictionaryJson;
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
 * `toJSON()` form, one index entry per line), the documents with their forward index, the
 * vocabulary and the term dictionary, and an end marker that proves the file is complete.
 *
 * @remarks
 * Entry by entry instead of one `JSON.stringify`: a 100k-document index is larger than V8's
 * biggest string, and materialising MiniSearch's `toJSON()` object costs gigabytes of garbage.
 * The file is written next to `path` under a temporary name, fsynced and renamed over `path`,
 * so a crash leaves either the old snapshot or the new one, never half of one.
 */
export async function writeSnapshot(path: string, source: SnapshotSource): Promise<void> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    const out = createWriteStream(tmp, { encoding: 'utf8', highWaterMark: 8 << 20 });
    const closed = once(out, 'finish');
    // Lines are gathered into megabyte chunks; `once` rejects on 'error' and removes its
    // listeners, so waiting for 'drain' cannot leak.
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
    const terms = source.index.termCount;
    await write(
      JSON.stringify({
        format: FORMAT,
        version: FORMAT_VERSION,
        fingerprint: snapshotFingerprint(source.settings),
        createdAt: new Date().toISOString(),
        settings: source.settings,
        counts: { docs: source.docCount, index: terms },
      }),
    );
    await write(`M${JSON.stringify(source.index.serializedMeta())}`);
    let entries = 0;
    for (const entry of source.index.serializedEntries()) {
      await write(`I${entry}`);
      entries++;
    }
    let docs = 0;
    for (const d of source.docs) {
      await write(`D${JSON.stringify([d.doc, encodeInts(d.seq), Array.from(d.fieldEnds)])}`);
      docs++;
    }
    await write(`V${JSON.stringify(source.vocabulary)}`);
    await write(`T${JSON.stringify(source.dictionary)}`);
    await write(`E${JSON.stringify({ docs, index: entries })}`);
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
    throw new SearchSnapshotError(
      `Could not write the search snapshot: ${String(cause)}`,
      'io',
      path,
      { cause },
    );
  }
}

/**
 * Reads a snapshot written by {@link writeSnapshot}, filling a MiniSearch index entry by entry
 * as the lines arrive (no intermediate copy of the whole index).
 */
export async function readSnapshot(
  path: string,
  indexOptions: (settings: IndexSettings) => Options<IndexedFields>,
): Promise<LoadedSnapshot> {
  type Header = {
    format?: string;
    version?: number;
    fingerprint?: string;
    settings?: IndexSettings;
  };
  const read: {
    header?: Header;
    index?: PostingIndex;
    entries: number;
    vocabulary?: VocabularyJson;
    dictionary?: TermDictionaryJson;
    end?: { docs: number; index: number };
  } = { entries: 0 };
  const docs: SnapshotDocument[] = [];
  try {
    const input = createReadStream(path, { encoding: 'utf8', highWaterMark: 4 << 20 });
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      if (!read.header) {
        read.header = JSON.parse(line) as Header;
        if (read.header.format !== FORMAT || !read.header.settings) break;
        continue;
      }
      const body = line.slice(1);
      switch (line[0]) {
        case 'M': {
          const meta = JSON.parse(body) as Omit<AsPlainObject, 'index'>;
          read.index = PostingIndex.load(
            { ...meta, index: [] },
            indexOptions(read.header.settings as IndexSettings),
          );
          break;
        }
        case 'I': {
          if (!read.index) throw new Error('index entry before the index header');
          const [term, data] = JSON.parse(body) as [string, Record<string, Record<string, number>>];
          read.index.addSerializedEntry(term, data);
          read.entries++;
          break;
        }
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
      io
        ? `Could not read the search snapshot: ${String(cause)}`
        : 'The search snapshot is malformed',
      io ? 'io' : 'corrupt',
      path,
      { cause },
    );
  }
  const { header, index, vocabulary, dictionary, end } = read;
  if (
    !header ||
    header.format !== FORMAT ||
    header.version !== FORMAT_VERSION ||
    !header.settings ||
    !header.fingerprint ||
    !index ||
    !vocabulary ||
    !dictionary ||
    !end ||
    end.docs !== docs.length ||
    end.index !== read.entries
  ) {
    throw new SearchSnapshotError(
      'The search snapshot is incomplete or not a snapshot',
      'corrupt',
      path,
    );
  }
  return {
    fingerprint: header.fingerprint,
    settings: header.settings,
    index,
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
