import { LineCounter, parseDocument, isMap, isSeq, stringify, type Node as YamlNode } from 'yaml';
import { ImportErrorCode, type ImportIssue } from './codes';

/** Field that holds the Markdown after the front matter, per type. */
export const markdownBodyField: Record<string, string | undefined> = {
  article: 'body',
  question: 'answer',
};

export type ParsedMarkdown =
  | { ok: true; value: Record<string, unknown>; lineOf: (path: string) => number | null }
  | { ok: false; issues: ImportIssue[] };

/**
 * Splits `---` YAML front matter from the Markdown body.
 * @remarks The fence rule is remark-frontmatter's (a `---` line first, the next `---` line closes
 * it); the body is kept byte for byte rather than re-serialised from a syntax tree, so an
 * exported file imports to the same content hash.
 */
export function splitFrontMatter(
  text: string,
): { yaml: string; body: string; bodyLine: number } | null {
  const src = text.startsWith('\ufeff') ? text.slice(1) : text;
  const open = /^---[ \t]*\r?\n/.exec(src);
  if (!open) return null;
  const rest = src.slice(open[0].length);
  const close = /^---[ \t]*(?:\r?\n|$)/m.exec(rest);
  if (!close) return null;
  const yaml = rest.slice(0, close.index);
  const body = rest.slice(close.index + close[0].length);
  const bodyLine = 2 + (yaml.match(/\n/g)?.length ?? 0) + 1;
  return { yaml, body, bodyLine };
}

/** Parses a Markdown file with front matter into a raw record, with a line for every path. */
export function parseMarkdownRecord(text: string, file: string): ParsedMarkdown {
  const split = splitFrontMatter(text);
  if (!split) {
    return {
      ok: false,
      issues: [
        {
          file,
          line: 1,
          path: '/',
          message: 'must start with YAML front matter between `---` lines',
          code: ImportErrorCode.InvalidFrontMatter,
        },
      ],
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(split.yaml, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    version: '1.2',
  });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.slice(0, 5).map((e) => ({
        file,
        line: 1 + lineCounter.linePos(e.pos[0]).line,
        path: '/',
        message: `front matter is not valid YAML: ${e.message.split('\n')[0]}`,
        code: ImportErrorCode.InvalidFrontMatter,
      })),
    };
  }
  const value = doc.toJS({ maxAliasCount: 50 }) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      ok: false,
      issues: [
        {
          file,
          line: 2,
          path: '/',
          message: 'front matter must be a mapping of fields',
          code: ImportErrorCode.InvalidFrontMatter,
        },
      ],
    };
  }
  const record = value as Record<string, unknown>;
  if (record.type === undefined) record.type = 'article';
  const bodyField = typeof record.type === 'string' ? markdownBodyField[record.type] : undefined;
  if (bodyField) {
    if (record[bodyField] !== undefined) {
      return {
        ok: false,
        issues: [
          {
            file,
            line: 2,
            path: `/${bodyField}`,
            message: `goes after the front matter, not in it`,
            code: ImportErrorCode.InvalidFrontMatter,
          },
        ],
      };
    }
    record[bodyField] = split.body;
  } else if (split.body.trim() !== '') {
    return {
      ok: false,
      issues: [
        {
          file,
          line: split.bodyLine,
          path: '/',
          message: `a ${typeof record.type === 'string' ? record.type : 'record'} has no Markdown body: put every field in the front matter`,
          code: ImportErrorCode.InvalidFrontMatter,
        },
      ],
    };
  }

  const lineOf = (path: string): number | null => {
    const segs = path
      .split('/')
      .slice(1)
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
    if (bodyField && segs[0] === bodyField) return split.bodyLine;
    for (let n = segs.length; n >= 1; n -= 1) {
      const node = doc.getIn(segs.slice(0, n), true) as YamlNode | undefined;
      const range = node && (node as { range?: [number, number, number] }).range;
      if (range) return 1 + lineCounter.linePos(range[0]).line;
      // A missing key inside a map or list: the line of its parent.
      const parent =
        n > 1 ? (doc.getIn(segs.slice(0, n - 1), true) as YamlNode | undefined) : undefined;
      if (parent && (isMap(parent) || isSeq(parent)) && parent.range)
        return 1 + lineCounter.linePos(parent.range[0]).line;
    }
    return 2;
  };
  return { ok: true, value: record, lineOf };
}

/**
 * A canonical document as a Markdown file: every field but the body in YAML front matter, then
 * the body (article) or answer (question) byte for byte. `parseMarkdownRecord` reads it back to
 * the same values.
 */
export function toMarkdownFile(doc: Record<string, unknown>): string {
  const bodyField = markdownBodyField[String(doc.type)];
  const front: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (k !== bodyField && v !== undefined) front[k] = v;
  const yaml = stringify(front, { version: '1.2', lineWidth: 0, minContentWidth: 0 });
  const bodyValue = bodyField ? doc[bodyField] : undefined;
  const body = typeof bodyValue === 'string' ? bodyValue : '';
  return `---\n${yaml}---\n${body}`;
}
