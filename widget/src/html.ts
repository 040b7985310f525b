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
 * Makes a highlighted field from the API safe to insert as HTML: only `<mark>` and `</mark>`
 * survive, everything else is text.
 * @remarks The API already escapes these fields, but the widget runs on partners' pages, so it
 * does not trust that: it decodes the few entities an escaper produces and escapes again, with the
 * mark tags as the only markup. Unknown entities stay as literal text.
 */
export function markedHtml(html: string): string {
  return html
    .split(/(<\/?mark>)/i)
    .map((part) => {
      const tag = part.toLowerCase();
      if (tag === '<mark>' || tag === '</mark>') return tag;
      return escapeHtml(
        part.replace(
          /&(amp|lt|gt|quot|apos|#39|#x27);/gi,
          (_, e: string) => ENTITIES[e.toLowerCase()] ?? _,
        ),
      );
    })
    .join('')
    .replace(/<mark><\/mark>/g, '');
}

/** Balances `<mark>` tags left open or closed twice by a truncated passage. */
export function balanceMarks(html: string): string {
  let open = false;
  const out = html.replace(/<\/?mark>/g, (tag) => {
    if (tag === '<mark>') {
      if (open) return '';
      open = true;
      return tag;
    }
    if (!open) return '';
    open = false;
    return tag;
  });
  return open ? `${out}</mark>` : out;
}
