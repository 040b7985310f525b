import { createHash } from 'node:crypto';

/** Envelope fields that describe a publication rather than the content itself. */
const envelopeOnly = new Set(['id', 'version', 'translations', 'publishedAt', 'updatedAt', 'contentHash']);

/** JSON with object keys sorted, so equal content always gives equal bytes. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => stableStringify(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/**
 * `sha256:<hex>` over a document's content fields.
 * @remarks Excludes the envelope (id, version, dates, translations) so the same content has the
 * same hash in any Kilde instance — which is what makes export → import round trips checkable.
 */
export function computeContentHash(doc: object): string {
  const content: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!envelopeOnly.has(k)) content[k] = v;
  return `sha256:${createHash('sha256').update(stableStringify(content)).digest('hex')}`;
}
