import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ImportErrorCode, type ImportIssue } from './codes';
import type { ImportLimits } from './limits';

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  entry: yauzl.Entry;
}

export interface OpenedZip {
  entries: ZipEntryInfo[];
  open(entry: ZipEntryInfo): Promise<Readable>;
  close(): void;
}

/** Why an entry name is unsafe to use as a path, or null. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is an absolute path';
  if (name.split('/').some((s) => s === '..')) return 'climbs out of the archive with ".."';
  if (name.includes('\u0000')) return 'contains a NUL character';
  return null;
}

function openFile(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(
      path,
      {
        lazyEntries: true,
        autoClose: false,
        decodeStrings: false,
        validateEntrySizes: true,
        strictFileNames: false,
      },
      (err, zip) => (err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip)),
    ),
  );
}

/**
 * Opens a zip and checks its central directory before a byte is inflated: entry count, names
 * that escape the archive, expansion ratios and total size. Returns issues instead of entries
 * when the zip is refused as a whole (a hostile archive is not partly imported).
 * @remarks yauzl reads entries on demand from the file (random access), so nothing is buffered;
 * `validateEntrySizes` makes it fail a stream whose real size differs from the header's.
 */
export async function openZip(
  path: string,
  displayName: string,
  limits: ImportLimits,
): Promise<{ ok: true; zip: OpenedZip } | { ok: false; issues: ImportIssue[] }> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openFile(path);
  } catch (err) {
    return {
      ok: false,
      issues: [
        {
          file: displayName,
          line: null,
          path: '/',
          message: `is not a readable zip: ${(err as Error).message}`,
          code: ImportErrorCode.ZipInvalid,
        },
      ],
    };
  }
  const issues: ImportIssue[] = [];
  const entries: ZipEntryInfo[] = [];
  let total = 0;
  const fail = (name: string, message: string, code: ImportErrorCode): void => {
    issues.push({ file: `${displayName}/${name}`, line: null, path: '/', message, code });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const raw = entry.fileName as unknown as Buffer;
        const name = Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
        if (entries.length >= limits.maxZipEntries) {
          fail(
            '',
            `has more than ${limits.maxZipEntries} entries`,
            ImportErrorCode.ZipTooManyEntries,
          );
          resolve();
          return;
        }
        const unsafe = unsafeEntryName(name);
        if (unsafe) fail(name, `entry name ${unsafe}`, ImportErrorCode.ZipPathTraversal);
        const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
        if (entry.uncompressedSize > limits.zipRatioFloorBytes && ratio > limits.maxZipRatio) {
          fail(
            name,
            `expands ${Math.round(ratio)}× (${entry.uncompressedSize} bytes from ${entry.compressedSize}); more than ${limits.maxZipRatio}× is treated as a zip bomb`,
            ImportErrorCode.ZipBomb,
          );
        }
        total += entry.uncompressedSize;
        if (total > limits.maxZipTotalBytes) {
          fail(
            name,
            `the archive expands to more than ${limits.maxZipTotalBytes} bytes`,
            ImportErrorCode.ZipBomb,
          );
          resolve();
          return;
        }
        if (!name.endsWith('/'))
          entries.push({
            name,
            compressedSize: entry.compressedSize,
            uncompressedSize: entry.uncompressedSize,
            entry,
          });
        zip.readEntry();
      });
      zip.readEntry();
    });
  } catch (err) {
    zip.close();
    return {
      ok: false,
      issues: [
        {
          file: displayName,
          line: null,
          path: '/',
          message: `is not a readable zip: ${(err as Error).message}`,
          code: ImportErrorCode.ZipInvalid,
        },
      ],
    };
  }
  if (issues.length > 0) {
    zip.close();
    return { ok: false, issues };
  }
  return {
    ok: true,
    zip: {
      entries,
      open: (info) =>
        new Promise((resolve, reject) =>
          zip.openReadStream(info.entry, (err, stream) =>
            err || !stream ? reject(err ?? new Error('no stream')) : resolve(stream),
          ),
        ),
      close: () => zip.close(),
    },
  };
}
