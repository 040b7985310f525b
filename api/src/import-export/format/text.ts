import { ImportErrorCode } from './codes';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes UTF-8 strictly: invalid bytes are an error, never U+FFFD silently replacing text. */
export function decodeUtf8(
  bytes: Uint8Array,
):
  | { ok: true; text: string }
  | { ok: false; code: ImportErrorCode; message: string; offset: number } {
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    return {
      ok: false,
      code: ImportErrorCode.InvalidUtf8,
      message: `is not valid UTF-8 (first bad byte at offset ${offset})`,
      offset,
    };
  }
}

/** Offset of the first byte that breaks UTF-8, for the error message. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    let n = 0;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k += 1) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return b.length;
}

/** 1-based line number of a character offset in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/** The character offset JSON.parse complains about, from its message (`… at position 12 …`). */
export function jsonErrorOffset(err: unknown): number | null {
  const m = /position (\d+)/.exec(String((err as Error)?.message ?? ''));
  return m ? Number(m[1]) : null;
}

/** JSON.parse's message without the V8 excerpt of the input (which could be a large or private text). */
export function jsonErrorMessage(err: unknown): string {
  const msg = String((err as Error)?.message ?? 'is not valid JSON');
  const cut = msg
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/, ".*$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '');
  return `is not valid JSON: ${cut}`;
}

/**
 * Start offsets of the elements of a top-level JSON array, found by a scan that tracks strings
 * and nesting (no second parse), so each element's errors can name its line.
 */
export function topLevelArrayElementOffsets(text: string): number[] {
  const offsets: number[] = [];
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i += 1; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    if (expectElement && depth === 1) {
      expectElement = false;
      if (c !== 93) offsets.push(i);
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      depth += 1;
      if (depth === 1 && c === 91) expectElement = true;
    } else if (c === 93 || c === 125) depth -= 1;
    else if (c === 44 && depth === 1) expectElement = true;
  }
  return offsets;
}
