import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The built widget as the API serves it. */
export interface WidgetBundle {
  code: Buffer;
  gzip: Buffer;
  /** First 16 hex characters of the SHA-256 of `code`: the versioned URL's name. */
  hash: string;
  etag: string;
}

/** `widget/dist` beside `api/` (the same from `api/src` under Jest and from `api/dist`). */
export const defaultWidgetDist = resolve(__dirname, '..', '..', '..', 'widget', 'dist');

/**
 * Reads `widget/dist/widget.js` and keeps it in memory, re-reading when the file changes (a
 * rebuild during development shows without restarting the API). `current()` is `null` while the
 * widget has not been built.
 */
export class WidgetBundleSource {
  private cached: { mtimeMs: number; size: number; bundle: WidgetBundle } | undefined;
  private checkedAt = 0;

  constructor(
    private readonly dir: string = defaultWidgetDist,
    /** How often the file's mtime is checked, in ms (a stat per request would be wasteful). */
    private readonly checkEveryMs = 1_000,
  ) {}

  current(now = Date.now()): WidgetBundle | null {
    if (this.cached && now - this.checkedAt < this.checkEveryMs) return this.cached.bundle;
    this.checkedAt = now;
    const file = join(this.dir, 'widget.js');
    let stat;
    try {
      stat = statSync(file);
    } catch {
      this.cached = undefined;
      return null;
    }
    if (this.cached && this.cached.mtimeMs === stat.mtimeMs && this.cached.size === stat.size)
      return this.cached.bundle;
    const code = readFileSync(file);
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
    const bundle: WidgetBundle = {
      code,
      gzip: gzipSync(code, { level: 9 }),
      hash,
      etag: `"w-${hash}"`,
    };
    this.cached = { mtimeMs: stat.mtimeMs, size: stat.size, bundle };
    return bundle;
  }
}
