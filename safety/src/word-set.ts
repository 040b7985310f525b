/**
 * A set from a whitespace-separated word list. Long vocabularies read better as running text than
 * as one array element per line, which is how Prettier would lay out an array literal.
 */
export function wordSet(words: string, map: (w: string) => string = (w) => w): ReadonlySet<string> {
  return new Set(words.split(/\s+/u).filter(Boolean).map(map));
}
