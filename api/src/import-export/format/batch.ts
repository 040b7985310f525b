import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { ImportErrorCode, type ImportIssue } from './codes';
import { defaultImportLimits, type ImportLimits } from './limits';
import { parseMarkdownRecord } from './markdown';
import { batchIdentity, prepareRecord, type ImportRecord } from './record';
import {
  decodeUtf8,
  jsonErrorMessage,
  jsonErrorOffset,
  lineAt,
  topLevelArrayElementOffsets,
} from './text';
import { openZip, type OpenedZip } from './zip-reader';

export type SourceFormat = 'json' | 'ndjson' | 'markdown' | 'zip';
export type EntryKind = SourceFormat | 'image' | 'unknown';

/** One file of a batch: on disk, or inside a zip. */
export interface BatchEntry {
  /** Path inside the batch, `/`-separated (what errors and image references use). */
  name: string;
  kind: EntryKind;
  size: number | null;
  open(): Promise<Readable>;
  /** Where the file is on disk (not for zip entries). */
  diskPath?: string;
}

/** A valid record, or the problems of one record (or of a whole file). */
export type BatchEvent =
  | { kind: 'record'; record: ImportRecord }
  | { kind: 'invalid'; issues: ImportIssue[] };

const invalid = (issue: ImportIssue): BatchEvent => ({ kind: 'invalid', issues: [issue] });

const IMAGE_EXT = /\.(jpe?g|png|webp|avif|gif|tiff?)$/i;

/** What a file is, by its extension. */
export function kindOf(name: string): EntryKind {
  const n = name.toLowerCase();
  if (n.endsWith('.ndjson') || n.endsWith('.jsonl')) return 'ndjson';
  if (n.endsWith('.json')) return 'json';
  if (n.endsWith('.md') || n.endsWith('.markdown')) return 'markdown';
  if (n.endsWith('.zip')) return 'zip';
  if (IMAGE_EXT.test(n)) return 'image';
  return 'unknown';
}

/** The format of an upload from its `Content-Type`, or null when Kilde does not import it. */
export function formatOfContentType(contentType: string | undefined): SourceFormat | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  switch (type) {
    case 'application/json':
      return 'json';
    case 'application/x-ndjson':
    case 'application/ndjson':
    case 'application/jsonl':
    case 'application/x-jsonlines':
      return 'ndjson';
    case 'text/markdown':
    case 'text/x-markdown':
      return 'markdown';
    case 'application/zip':
    case 'application/x-zip-compressed':
      return 'zip';
    default:
      return null;
  }
}

const fileEntry = (
  path: string,
  name: string,
  size: number,
  kind: EntryKind = kindOf(name),
): BatchEntry => ({
  name,
  kind,
  size,
  open: () => Promise.resolve(createReadStream(path)),
  diskPath: path,
});

async function walk(dir: string, root: string, out: BatchEntry[]): Promise<void> {
  const items = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const item of items) {
    if (item.name.startsWith('.')) continue;
    const full = join(dir, item.name);
    if (item.isDirectory()) await walk(full, root, out);
    else if (item.isFile())
      out.push(fileEntry(full, relative(root, full).split(sep).join('/'), (await stat(full)).size));
  }
}

/**
 * A batch: records and images from files, folders, an upload or zips, read as streams.
 * @remarks `events()` can be called again to read the batch a second time (the CMS stages records
 * in one pass and applies them from the database, so nothing is held in memory).
 */
export class ImportBatch {
  private readonly zips: OpenedZip[] = [];
  /** Files of the batch that records are read from, in order. */
  readonly entries: BatchEntry[] = [];
  /** Image files by batch path. */
  readonly images = new Map<string, BatchEntry>();
  /** Problems found while opening (unreadable zips, bombs, traversal, unknown files). */
  readonly openIssues: ImportIssue[] = [];

  private constructor(readonly limits: ImportLimits) {}

  /** Files and folders from the command line; a folder is read recursively, a zip is opened. */
  static async fromPaths(
    paths: readonly string[],
    limits: ImportLimits = defaultImportLimits,
  ): Promise<ImportBatch> {
    const batch = new ImportBatch(limits);
    const files: BatchEntry[] = [];
    for (const p of paths) {
      const full = resolve(p);
      const s = await stat(full).catch(() => null);
      if (!s)
        batch.openIssues.push({
          file: p,
          line: null,
          path: '/',
          message: 'does not exist',
          code: ImportErrorCode.EmptyInput,
        });
      else if (s.isDirectory()) await walk(full, full, files);
      else files.push(fileEntry(full, basename(full), s.size));
    }
    for (const f of files) await batch.add(f);
    return batch;
  }

  /** One uploaded (staged) file whose format came from its content type. */
  static async fromFile(
    path: string,
    format: SourceFormat,
    name: string,
    limits: ImportLimits = defaultImportLimits,
  ): Promise<ImportBatch> {
    const batch = new ImportBatch(limits);
    const s = await stat(path);
    await batch.add(fileEntry(path, name, s.size, format));
    return batch;
  }

  private async add(entry: BatchEntry): Promise<void> {
    if (entry.kind === 'zip' && entry.diskPath) {
      const opened = await openZip(entry.diskPath, entry.name, this.limits);
      if (!opened.ok) {
        this.openIssues.push(...opened.issues);
        return;
      }
      this.zips.push(opened.zip);
      for (const info of opened.zip.entries) {
        const kind = kindOf(info.name);
        const inner: BatchEntry = {
          name: info.name,
          kind,
          size: info.uncompressedSize,
          open: () => opened.zip.open(info),
        };
        if (kind === 'zip')
          this.openIssues.push({
            file: `${entry.name}/${info.name}`,
            line: null,
            path: '/',
            message: 'zips inside zips are not read',
            code: ImportErrorCode.UnsupportedFormat,
          });
        else this.addPlain(inner);
      }
      return;
    }
    this.addPlain(entry);
  }

  private addPlain(entry: BatchEntry): void {
    if (entry.kind === 'image') this.images.set(entry.name, entry);
    else if (entry.kind === 'unknown') {
      if (!/(^|\/)(readme|license|licence)(\.[a-z]+)?$/i.test(entry.name)) {
        this.openIssues.push({
          file: entry.name,
          line: null,
          path: '/',
          message: 'is not a format Kilde imports (.json, .ndjson, .md, .zip or an image)',
          code: ImportErrorCode.UnsupportedFormat,
        });
      }
    } else this.entries.push(entry);
  }

  /** Every record and problem, in file order; duplicates inside the batch are problems. */
  async *events(): AsyncGenerator<BatchEvent> {
    for (const issue of this.openIssues) yield invalid(issue);
    if (this.entries.length === 0 && this.openIssues.length === 0) {
      yield invalid({
        file: '(batch)',
        line: null,
        path: '/',
        message: 'contains no records',
        code: ImportErrorCode.EmptyInput,
      });
      return;
    }
    const seen = new Map<string, string>();
    for (const entry of this.entries) {
      for await (const event of this.entryEvents(entry)) {
        if (event.kind === 'record') {
          const r = event.record;
          const issues: ImportIssue[] = [];
          // A Kilde export's zip carries its images under media/<URL path>: use those files.
          for (const [pointer, url] of rootRelativeImages(r.doc)) {
            if (this.images.has(`media${url}`))
              r.images.push({ pointer, path: `media${url}`, alt: imageAlt(r.doc, pointer) });
          }
          for (const img of r.images) {
            if (!this.images.has(img.path)) {
              issues.push({
                file: r.file,
                line: r.line,
                path: `${img.pointer}/url`,
                message: `names ${img.path}, which is not in the batch`,
                code: ImportErrorCode.ImageNotFound,
              });
            }
          }
          const id = batchIdentity(r);
          const first = seen.get(id);
          if (first) {
            issues.push({
              file: r.file,
              line: r.line,
              path: r.doc.externalId ? '/externalId' : '/id',
              message: `"${r.key}" (${r.type}, ${r.locale}) is already in this batch at ${first}`,
              code: ImportErrorCode.DuplicateRecord,
            });
          } else seen.set(id, `${r.file}:${r.line}`);
          if (issues.length > 0) {
            yield { kind: 'invalid', issues };
            continue;
          }
        }
        yield event;
      }
    }
  }

  private async *entryEvents(entry: BatchEntry): AsyncGenerator<BatchEvent> {
    const fileIssue = (
      message: string,
      code: ImportErrorCode,
      line: number | null = null,
    ): BatchEvent => invalid({ file: entry.name, line, path: '/', message, code });
    if (entry.size === 0) {
      yield fileIssue('is empty', ImportErrorCode.EmptyInput);
      return;
    }
    switch (entry.kind) {
      case 'ndjson':
        yield* this.ndjson(entry);
        return;
      case 'json':
      case 'markdown': {
        const limit =
          entry.kind === 'json' ? this.limits.maxJsonFileBytes : this.limits.maxRecordBytes;
        const bytes = await readAll(await entry.open(), limit);
        if (bytes === null) {
          yield fileIssue(
            entry.kind === 'json'
              ? `is larger than ${limit} bytes; send large batches as NDJSON (one record per line)`
              : `is larger than the record limit of ${limit} bytes`,
            entry.kind === 'json' ? ImportErrorCode.FileTooLarge : ImportErrorCode.RecordTooLarge,
          );
          return;
        }
        if (bytes.length === 0) {
          yield fileIssue('is empty', ImportErrorCode.EmptyInput);
          return;
        }
        const decoded = decodeUtf8(bytes);
        if (!decoded.ok) {
          yield fileIssue(decoded.message, decoded.code);
          return;
        }
        if (entry.kind === 'markdown') {
          const md = parseMarkdownRecord(decoded.text, entry.name);
          if (!md.ok) yield { kind: 'invalid', issues: md.issues };
          else
            yield toEvent(
              prepareRecord(md.value, { file: entry.name, line: 1, lineOf: md.lineOf }),
            );
          return;
        }
        yield* jsonEvents(decoded.text, entry.name);
        return;
      }
      default:
        return;
    }
  }

  private async *ndjson(entry: BatchEntry): AsyncGenerator<BatchEvent> {
    let sawRecord = false;
    for await (const line of splitLines(await entry.open(), this.limits.maxRecordBytes)) {
      const issue = (message: string, code: ImportErrorCode): BatchEvent =>
        invalid({ file: entry.name, line: line.number, path: '/', message, code });
      if (line.tooLarge) {
        yield issue(
          `is larger than the record limit of ${this.limits.maxRecordBytes} bytes`,
          ImportErrorCode.RecordTooLarge,
        );
        continue;
      }
      const bytes = line.bytes as Buffer;
      const decoded = decodeUtf8(bytes);
      if (!decoded.ok) {
        yield issue(decoded.message, decoded.code);
        continue;
      }
      const text = decoded.text.trim();
      if (text === '') continue;
      sawRecord = true;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        yield line.last && !line.newline
          ? issue(
              'ends without a newline and is not complete JSON: the file looks truncated',
              ImportErrorCode.TruncatedRecord,
            )
          : issue(jsonErrorMessage(err), ImportErrorCode.InvalidJson);
        continue;
      }
      yield toEvent(prepareRecord(value, { file: entry.name, line: line.number }));
    }
    if (!sawRecord)
      yield invalid({
        file: entry.name,
        line: null,
        path: '/',
        message: 'has no records',
        code: ImportErrorCode.EmptyInput,
      });
  }

  /** Closes open zips. */
  close(): void {
    for (const z of this.zips.splice(0)) z.close();
  }
}

function rootRelativeImages(doc: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  const check = (img: unknown, pointer: string): void => {
    const url = (img as { url?: unknown } | null)?.url;
    if (
      typeof url === 'string' &&
      url.startsWith('/') &&
      !url.startsWith('//') &&
      !url.split('/').includes('..')
    )
      out.push([pointer, url]);
  };
  if (Array.isArray(doc.images)) doc.images.forEach((img, i) => check(img, `/images/${i}`));
  check(doc.logo, '/logo');
  return out;
}

function imageAlt(doc: Record<string, unknown>, pointer: string): string {
  const img =
    pointer === '/logo' ? doc.logo : (doc.images as unknown[])[Number(pointer.split('/')[2])];
  const alt = (img as { alt?: unknown } | null)?.alt;
  return typeof alt === 'string' ? alt : '';
}

function toEvent(prepared: ReturnType<typeof prepareRecord>): BatchEvent {
  return prepared.ok
    ? { kind: 'record', record: prepared.record }
    : { kind: 'invalid', issues: prepared.issues };
}

function* jsonEvents(text: string, file: string): Generator<BatchEvent> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const offset = jsonErrorOffset(err) ?? failingElementOffset(text);
    yield invalid({
      file,
      line: offset === null ? 1 : lineAt(text, offset),
      path: '/',
      message: jsonErrorMessage(err),
      code: ImportErrorCode.InvalidJson,
    });
    return;
  }
  if (!Array.isArray(value)) {
    yield toEvent(prepareRecord(value, { file, line: lineAt(text, text.search(/\S/)) }));
    return;
  }
  if (value.length === 0) {
    yield invalid({
      file,
      line: 1,
      path: '/',
      message: 'is an empty array',
      code: ImportErrorCode.EmptyInput,
    });
    return;
  }
  const offsets = topLevelArrayElementOffsets(text);
  // Lines are counted incrementally: offsets are increasing.
  let line = 1;
  let pos = 0;
  for (let i = 0; i < value.length; i += 1) {
    const off = offsets[i] ?? pos;
    for (; pos < off; pos += 1) if (text.charCodeAt(pos) === 10) line += 1;
    yield toEvent(prepareRecord(value[i], { file, line }));
  }
}

/** Start of the first array element that does not parse on its own (V8 does not always say where). */
function failingElementOffset(text: string): number | null {
  const offsets = topLevelArrayElementOffsets(text);
  for (let i = 0; i < offsets.length; i += 1) {
    const start = offsets[i] as number;
    const end = offsets[i + 1] ?? text.lastIndexOf(']');
    const slice = text
      .slice(start, end > start ? end : undefined)
      .trim()
      .replace(/,$/, '');
    try {
      JSON.parse(slice);
    } catch {
      return start;
    }
  }
  return null;
}

/** Reads a stream whole, or returns null as soon as it passes `limit` bytes. */
export async function readAll(stream: Readable, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      stream.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

interface Line {
  number: number;
  bytes?: Buffer;
  tooLarge?: boolean;
  newline: boolean;
  last: boolean;
}

/**
 * Splits a byte stream into lines without buffering more than one line, and never more than
 * `maxBytes` of it: a longer line is skipped up to its newline and reported as too large.
 */
export async function* splitLines(stream: Readable, maxBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let oversize = false;
  let number = 0;
  let pending: Line | null = null;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(10, start);
      const end = nl === -1 ? chunk.length : nl;
      if (!oversize) {
        size += end - start;
        if (size > maxBytes) {
          oversize = true;
          parts = [];
        } else if (end > start) parts.push(chunk.subarray(start, end));
      }
      if (nl === -1) break;
      number += 1;
      if (pending) yield pending;
      pending = oversize
        ? { number, tooLarge: true, newline: true, last: false }
        : { number, bytes: Buffer.concat(parts, size), newline: true, last: false };
      parts = [];
      size = 0;
      oversize = false;
      start = nl + 1;
    }
  }
  if (size > 0 || oversize) {
    if (pending) yield pending;
    number += 1;
    yield oversize
      ? { number, tooLarge: true, newline: false, last: true }
      : { number, bytes: Buffer.concat(parts, size), newline: false, last: true };
    return;
  }
  if (pending) yield { ...pending, last: true };
}
