const transliteration: Readonly<Record<string, string>> = { æ: 'ae', ø: 'o', å: 'a', ß: 'ss' };

/**
 * An ASCII kebab-case slug, as the seed library writes them (æ → ae, ø → o, å → a), cut at a
 * hyphen so it stays readable and leaves room for a suffix.
 */
export function slugify(text: string, maxLength = 120): string {
  const slug = text
    .toLowerCase()
    .replace(/[æøåß]/g, (c) => transliteration[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= maxLength) return slug;
  const cut = slug.slice(0, maxLength);
  return cut.slice(0, cut.lastIndexOf('-') > 0 ? cut.lastIndexOf('-') : maxLength);
}
