/**
 * Turns Markdown (CommonMark + GFM) into plain text for indexing and snippets.
 *
 * @remarks
 * Regex-based on purpose: indexing 100k documents through a full mdast parse costs more than
 * the search itself, and search only needs the words in reading order. Link and image text is
 * kept, URLs, markup and HTML tags are dropped.
 */
export function stripMarkdown(markdown: string): string {
  let s = markdown.replace(/\r\n?/g, '\n');
  s = s.replace(/^```[^\n]*\n([\s\S]*?)^```[ \t]*$/gm, '$1'); // fenced code: keep the text
  s = s.replace(/<!--[\s\S]*?-->/g, ' ');
  s = s.replace(/<\/?[A-Za-z][^>]*>/g, ' ');
  s = s.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1'); // images → alt text
  s = s.replace(/\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)/g, '$1'); // inline links → text
  s = s.replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1'); // reference links → text
  s = s.replace(/^\s*\[[^\]]+\]:\s*\S+.*$/gm, ''); // link reference definitions
  s = s.replace(/<(https?:\/\/[^>]+)>/g, '$1');
  s = s.replace(/^\s{0,3}#{1,6}\s+/gm, ''); // ATX headings
  s = s.replace(/^\s{0,3}(?:[-*_]\s*){3,}$/gm, ''); // thematic breaks
  s = s.replace(/^\s{0,3}>\s?/gm, ''); // block quotes
  s = s.replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/gm, ''); // list markers, task boxes
  s = s.replace(/^\s*\|?(?:\s*:?-+:?\s*\|)+\s*:?-*:?\s*$/gm, ''); // table delimiter rows
  s = s.replace(/\|/g, ' ');
  s = s.replace(/(\*\*|__)(.+?)\1/g, '$2');
  s = s.replace(/(\*|_)(?=\S)(.+?)(?<=\S)\1/g, '$2');
  s = s.replace(/~~(.+?)~~/g, '$1');
  s = s.replace(/`{1,3}([^`]+)`{1,3}/g, '$1');
  s = s.replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1'); // backslash escapes
  s = s
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
  s = s.replace(/[ \t]+/g, ' ');
  s = s.replace(/\n{3,}/g, '\n\n');
  return s.trim();
}
