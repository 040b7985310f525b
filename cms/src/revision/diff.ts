/** One run of a diff: text both versions share, or text only the new (`insert`) or old (`delete`) one has. */
export interface DiffOp {
  op: 'equal' | 'insert' | 'delete';
  text: string;
}

/** Above this many DP cells a changed block is shown as replaced rather than diffed word by word. */
const MAX_CELLS = 4_000_000;

function push(out: DiffOp[], op: DiffOp['op'], text: string): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last && last.op === op) last.text += text;
  else out.push({ op, text });
}

/**
 * Longest-common-subsequence diff of two token lists (classic dynamic programming after trimming
 * the common prefix and suffix, which is where most of an edited article's text is).
 */
export function diffTokens(a: readonly string[], b: readonly string[]): DiffOp[] {
  const out: DiffOp[] = [];
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  push(out, 'equal', a.slice(0, start).join(''));
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  const n = x.length;
  const m = y.length;
  if (n === 0 || m === 0 || (n + 1) * (m + 1) > MAX_CELLS) {
    push(out, 'delete', x.join(''));
    push(out, 'insert', y.join(''));
  } else {
    // lcs[i][j] = LCS length of x[i..] and y[j..], stored row-major.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i -= 1) {
      for (let j = m - 1; j >= 0; j -= 1) {
        lcs[i * w + j] =
          x[i] === y[j]
            ? lcs[(i + 1) * w + j + 1]! + 1
            : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (x[i] === y[j]) {
        push(out, 'equal', x[i]!);
        i += 1;
        j += 1;
      } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) {
        push(out, 'delete', x[i]!);
        i += 1;
      } else {
        push(out, 'insert', y[j]!);
        j += 1;
      }
    }
    while (i < n) push(out, 'delete', x[i++]!);
    while (j < m) push(out, 'insert', y[j++]!);
  }
  push(out, 'equal', a.slice(endA).join(''));
  return out;
}

/** Words and the whitespace between them, so joining the tokens gives the text back exactly. */
export function wordTokens(text: string): string[] {
  return text.split(/(\s+)/).filter((t) => t !== '');
}

/** Lines with their line breaks. */
export function lineTokens(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/**
 * A readable diff of two texts: lines first (so an unchanged paragraph stays one run), then,
 * inside each changed block, words — the way an editor reads "what changed in this paragraph".
 */
export function diffText(before: string, after: string): DiffOp[] {
  const lines = diffTokens(lineTokens(before), lineTokens(after));
  const out: DiffOp[] = [];
  for (let k = 0; k < lines.length; k += 1) {
    const op = lines[k]!;
    const next = lines[k + 1];
    if (op.op === 'delete' && next?.op === 'insert') {
      for (const w of diffTokens(wordTokens(op.text), wordTokens(next.text)))
        push(out, w.op, w.text);
      k += 1;
    } else push(out, op.op, op.text);
  }
  return out;
}

/** Counts of inserted and deleted words, for a one-line summary. */
export function diffStats(ops: readonly DiffOp[]): { inserted: number; deleted: number } {
  let inserted = 0;
  let deleted = 0;
  for (const op of ops) {
    const words = op.text.split(/\s+/).filter(Boolean).length;
    if (op.op === 'insert') inserted += words;
    if (op.op === 'delete') deleted += words;
  }
  return { inserted, deleted };
}
