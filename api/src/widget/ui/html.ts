// Shared by the server-rendered pages and the browser widget (bundled from this source through
// `@kilde/api/widget-ui`): no Node or DOM APIs here.

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
  '#x27': "'",
};

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Makes a highlighted search field safe to insert as HTML: only balanced `<mark>` and `</mark>`
 * survive (a mark a truncated passage left open is closed, a stray close dropped, an empty one
 * removed), everything else is text.
 * @remarks The search endpoint already escapes these fields; this is defence in depth, and the
 * widget runs on partners' pages. It decodes the few entities an escaper produces and escapes
 * again, with the mark tags as the only markup. Unknown entities stay as literal text.
 */
export function markedHtml(html: string): string {
  let open = false;
  const out = html
    .split(/(<\/?mark>)/i)
    .map((part) => {
      const tag = part.toLowerCase();
      if (tag === '<mark>') {
        if (open) return '';
        open = true;
        return tag;
      }
      if (tag === '</mark>') {
        if (!open) return '';
        open = false;
        return tag;
      }
      return escapeHtml(
        part.replace(/&(amp|lt|gt|quot|apos|#39|#x27);/gi, (m, e: string) => ENTITIES[e.toLowerCase()] ?? m),
      );
    })
    .join('');
  return (open ? `${out}</mark>` : out).replace(/<mark><\/mark>/g, '');
}
