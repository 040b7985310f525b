import type { ArticleDocument } from '@kilde/schemas';

/** YAML 1.2 plain scalars that would not read back as the same string. */
const special =
  /^(?:true|false|null|yes|no|on|off|~|[-+]?(?:\d[\d_]*)?(?:\.\d*)?(?:[eE][-+]?\d+)?|\d{4}-\d\d-\d\d.*)$/i;

/** A string as a YAML block-context scalar: plain when safe, else double-quoted (JSON is valid YAML). */
function scalar(value: string): string {
  const plain =
    value !== '' &&
    !special.test(value) &&
    !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/[\n\t]|: |\s#|:$|\s$/.test(value);
  return plain ? value : JSON.stringify(value);
}

/** Inside `[ … ]` and `{ … }` commas and brackets end a plain scalar too. */
function flowScalar(value: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N} .'_-]*$/u.test(value) &&
    !special.test(value) &&
    !/\s$/.test(value)
    ? value
    : JSON.stringify(value);
}

const flowList = (values: readonly string[]): string => `[${values.map(flowScalar).join(', ')}]`;

const stripPrefix = (id: string, prefix: string): string =>
  id.startsWith(prefix) ? id.slice(prefix.length) : id;

/**
 * An article as a seed-library Markdown file (see `content/seed/FORMAT.md`): front matter with
 * keys instead of references, then the body. The document id is the `key`, so variants of one
 * item land in the same folder and `loadSeedLibrary` reads them as translations.
 */
export function toSeedMarkdown(doc: ArticleDocument): string {
  const lines = [
    '---',
    `key: ${scalar(doc.id)}`,
    `locale: ${doc.locale}`,
    `title: ${scalar(doc.title)}`,
    `slug: ${scalar(doc.slug)}`,
    `summary: ${scalar(doc.summary)}`,
    `topics: ${flowList(doc.topics.map((t) => stripPrefix(t.id, 'topic-')))}`,
    `audience: ${flowList(doc.audience)}`,
  ];
  if (doc.provider) lines.push(`provider: ${scalar(stripPrefix(doc.provider.id, 'org-'))}`);
  const responsible = doc.professionallyResponsible;
  if (responsible) {
    lines.push(
      `professionallyResponsible: { name: ${flowScalar(responsible.name)}, profession: ${flowScalar(responsible.profession)} }`,
    );
  }
  lines.push(`authors: ${flowList(doc.authors)}`);
  if (doc.sources.length === 0) lines.push('sources: []');
  else {
    lines.push('sources:');
    for (const s of doc.sources) {
      lines.push(`  - title: ${scalar(s.title)}`);
      if (s.publisher !== undefined) lines.push(`    publisher: ${scalar(s.publisher)}`);
      if (s.year !== undefined) lines.push(`    year: ${s.year}`);
      if (s.url !== undefined) lines.push(`    url: ${scalar(s.url)}`);
      if (s.reference !== undefined) lines.push(`    reference: ${scalar(s.reference)}`);
      lines.push(`    kind: ${s.kind}`);
    }
  }
  if (doc.snomed.length === 0) lines.push('snomed: []');
  else {
    lines.push('snomed:');
    for (const c of doc.snomed)
      lines.push(`  - { code: ${JSON.stringify(c.code)}, term: ${JSON.stringify(c.term)} }`);
  }
  lines.push(`licence: ${doc.licence}`, `reviewIntervalMonths: ${doc.reviewIntervalMonths}`);
  if (doc.lastReviewed) lines.push(`lastReviewed: ${doc.lastReviewed}`);
  lines.push('---', doc.body);
  return lines.join('\n');
}
