import type { Nodes as MdastNodes, Root as MdastRoot } from 'mdast';
import { LruCache } from '../cache/lru-cache';

/** Renders canonical Markdown bodies for partners. */
export interface MarkdownRenderer {
  /** Sanitized HTML (GitHub's allow-list: no scripts, styles, event handlers or iframes). */
  html(cacheKey: string, markdown: string): string;
  /** Plain text: blocks separated by a blank line, list items by a line break. */
  text(cacheKey: string, markdown: string): string;
}

type Processor = { parse(md: string): MdastRoot; runSync(tree: MdastRoot): unknown; stringify(tree: never): string };

/**
 * Loads the unified pipeline (remark-parse → remark-gfm → remark-rehype → rehype-sanitize →
 * rehype-stringify) and returns a renderer that caches by `cacheKey`.
 * @remarks The packages are ESM-only, hence the dynamic imports, done once at start so rendering
 * itself is synchronous. Callers key by (id, locale, version, field): a published version never
 * changes, so a rendering never goes stale and is computed once per process.
 */
export async function createMarkdownRenderer(maxEntries = 20_000): Promise<MarkdownRenderer> {
  const [{ unified }, { default: remarkParse }, { default: remarkGfm }, { default: remarkRehype }, { default: rehypeSanitize }, { default: rehypeStringify }, { toString }] =
    await Promise.all([
      import('unified'),
      import('remark-parse'),
      import('remark-gfm'),
      import('remark-rehype'),
      import('rehype-sanitize'),
      import('rehype-stringify'),
      import('mdast-util-to-string'),
    ]);
  const parser = unified().use(remarkParse).use(remarkGfm).freeze();
  const htmlPipeline = unified()
    .use(remarkParse)
    .use(remarkGfm)
    // Raw HTML in Markdown is dropped, not passed through: partners get only what Markdown says.
    .use(remarkRehype)
    .use(rehypeSanitize)
    .use(rehypeStringify)
    .freeze() as unknown as Processor;

  const blockText = (node: MdastNodes): string => {
    switch (node.type) {
      case 'list':
        return node.children.map((item) => item.children.map(blockText).filter(Boolean).join('\n')).join('\n');
      case 'table':
        return node.children.map((row) => row.children.map((cell) => toString(cell, { includeHtml: false })).join('\t')).join('\n');
      case 'blockquote':
        return node.children.map(blockText).filter(Boolean).join('\n\n');
      case 'code':
        return node.value;
      case 'html':
      case 'thematicBreak':
      case 'definition':
      case 'footnoteDefinition':
        return '';
      default:
        // Raw HTML is not content (and never reaches the HTML rendition either).
        return toString(node, { includeHtml: false }).trim();
    }
  };

  const htmlCache = new LruCache<string, string>(maxEntries);
  const textCache = new LruCache<string, string>(maxEntries);
  return {
    html(cacheKey, markdown) {
      let html = htmlCache.get(cacheKey);
      if (html === undefined) {
        const tree = htmlPipeline.parse(markdown);
        html = String(htmlPipeline.stringify(htmlPipeline.runSync(tree) as never));
        htmlCache.set(cacheKey, html);
      }
      return html;
    },
    text(cacheKey, markdown) {
      let text = textCache.get(cacheKey);
      if (text === undefined) {
        const tree = parser.parse(markdown);
        text = tree.children.map(blockText).filter((t) => t !== '').join('\n\n');
        textCache.set(cacheKey, text);
      }
      return text;
    },
  };
}
