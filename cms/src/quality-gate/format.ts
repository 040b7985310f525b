/** Number formatting for messages: English uses a decimal point, Norwegian a decimal comma. */
export function formatNumber(value: number, digits: number, language: 'en' | 'nb'): string {
  const fixed = value.toFixed(digits);
  return language === 'nb' ? fixed.replace('.', ',') : fixed;
}

/** A share (0–1) as a whole percentage, e.g. "23 %" (nb) or "23%" (en). */
export function formatPercent(share: number, language: 'en' | 'nb'): string {
  const percent = Math.round(share * 100);
  // Norwegian puts a (non-breaking) space before the percent sign.
  return language === 'nb' ? `${percent}\u00a0%` : `${percent}%`;
}

/**
 * "line 3" / "lines 3, 7 and 12" / "lines 3, 7, 12 and 4 more", for messages that point at
 * several places.
 */
export function formatLines(lines: readonly number[], language: 'en' | 'nb', more = 0): string {
  const and = language === 'nb' ? 'og' : 'and';
  const word = language === 'nb' ? 'linje' : lines.length === 1 && more === 0 ? 'line' : 'lines';
  if (more > 0)
    return `${word} ${lines.join(', ')} ${and} ${more} ${language === 'nb' ? 'til' : 'more'}`;
  if (lines.length <= 1) return `${word} ${lines.join('')}`;
  return `${word} ${lines.slice(0, -1).join(', ')} ${and} ${lines[lines.length - 1]}`;
}
