import type { Definition, Heading, Nodes, Parents, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';

/** A heading in the body. */
export interface BodyHeading {
  depth: Heading['depth'];
  text: string;
  line: number | undefined;
}

/** A link in the body: inline, reference-style, autolink or raw HTML `<a>`. */
export interface BodyLink {
  href: string;
  /** What a reader (or screen reader) hears: the text, including alt text of linked images. */
  text: string;
  line: number | undefined;
}

/** An image in the body: `![alt](src)`, reference-style, or raw HTML `<img>`. */
export interface BodyImage {
  src: string;
  /** `null` when an HTML `<img>` has no alt attribute at all. */
  alt: string | null;
  line: number | undefined;
}

/** The parsed body and the features several rules need, collected in one pass. */
export interface ParsedBody {
  tree: Root;
  headings: BodyHeading[];
  links: BodyLink[];
  images: BodyImage[];
}

// Frozen once: building the processor per call would redo plugin setup on every keystroke in
// the admin UI. Front matter is recognised so a pasted file does not turn into a thematic break
// and a setext heading full of YAML.
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter, ['yaml'])
  .freeze();

/** Parses Markdown (CommonMark + GFM) into mdast. */
export function parseMarkdown(markdown: string): Root {
  return processor.parse(markdown);
}

/** Parses the body and collects its headings, links and images with their 1-based lines. */
export function parseBody(markdown: string): ParsedBody {
  const tree = parseMarkdown(markdown);
  const definitions = new Map<string, Definition>();
  visit(tree, 'definition', (node) => {
    // CommonMark: the first definition of a label wins.
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
  });

  const headings: BodyHeading[] = [];
  const links: BodyLink[] = [];
  const images: BodyImage[] = [];

  visit(tree, (node: Nodes, index: number | undefined, parent: Parents | undefined) => {
    const line = node.position?.start.line;
    switch (node.type) {
      case 'heading':
        headings.push({ depth: node.depth, text: toString(node).trim(), line });
        break;
      case 'link':
        links.push({ href: node.url, text: toString(node), line });
        break;
      case 'linkReference':
        // Only defined references parse as references, so the definition exists.
        links.push({
          href: definitions.get(node.identifier)?.url ?? '',
          text: toString(node),
          line,
        });
        break;
      case 'image':
        images.push({ src: node.url, alt: node.alt ?? '', line });
        break;
      case 'imageReference':
        images.push({
          src: definitions.get(node.identifier)?.url ?? '',
          alt: node.alt ?? '',
          line,
        });
        break;
      case 'html':
        collectHtml(node.value, line, links, images);
        collectSplitAnchor(node.value, line, index, parent, links);
        break;
      default:
        break;
    }
  });

  return { tree, headings, links, images };
}

const IMG_TAG = /<img\b[^>]*>/gi;
const ANCHOR = /<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi;

/**
 * Raw HTML is allowed in CommonMark, so `<img>` and `<a>` written as HTML must not slip past
 * the accessibility rules. A regex is enough here: we only read two attributes.
 */
function collectHtml(
  html: string,
  startLine: number | undefined,
  links: BodyLink[],
  images: BodyImage[],
): void {
  const lineAt = (index: number): number | undefined =>
    startLine === undefined ? undefined : startLine + countNewlines(html.slice(0, index));
  for (const match of html.matchAll(IMG_TAG)) {
    const tag = match[0];
    images.push({
      src: readAttribute(tag, 'src') ?? '',
      alt: readAttribute(tag, 'alt'),
      line: lineAt(match.index),
    });
  }
  for (const match of html.matchAll(ANCHOR)) {
    const attributes = match[1] ?? '';
    const inner = match[2] ?? '';
    const innerAlt = [...inner.matchAll(IMG_TAG)].map((m) => readAttribute(m[0], 'alt') ?? '');
    links.push({
      href: readAttribute(attributes, 'href') ?? '',
      text: [inner.replace(/<[^>]*>/g, ''), ...innerAlt].join(' '),
      line: lineAt(match.index),
    });
  }
}

const OPENING_ANCHOR = /^<a\b([^>]*)>$/i;

/**
 * Inside a paragraph, `<a href="…">text</a>` is parsed as html, text, html siblings; join them so
 * the link's text can be checked like any other.
 */
function collectSplitAnchor(
  html: string,
  line: number | undefined,
  index: number | undefined,
  parent: Parents | undefined,
  links: BodyLink[],
): void {
  const opening = OPENING_ANCHOR.exec(html.trim());
  if (!opening || parent === undefined || index === undefined) return;
  const parts: string[] = [];
  for (const sibling of parent.children.slice(index + 1)) {
    if (sibling.type === 'html' && /<\/a\s*>/i.test(sibling.value)) break;
    if (sibling.type === 'html') {
      parts.push(
        ...[...sibling.value.matchAll(IMG_TAG)].map((m) => readAttribute(m[0], 'alt') ?? ''),
      );
    } else {
      parts.push(toString(sibling));
    }
  }
  links.push({ href: readAttribute(opening[1] ?? '', 'href') ?? '', text: parts.join(' '), line });
}

/** Reads an HTML attribute value; `null` when the attribute is absent. */
export function readAttribute(tag: string, name: string): string | null {
  const pattern = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');
  const match = pattern.exec(tag);
  if (match) return match[1] ?? match[2] ?? match[3] ?? '';
  // A bare attribute (`<img alt>`) is present but empty.
  return new RegExp(`\\s${name}(?=[\\s/>])`, 'i').test(tag) ? '' : null;
}

/** Counts line breaks, to turn an offset inside a node into a line. */
export function countNewlines(text: string): number {
  let count = 0;
  for (const char of text) if (char === '\n') count += 1;
  return count;
}
