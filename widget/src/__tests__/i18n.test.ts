import { formatDate, resolveLocale, strings } from '../i18n';

describe('resolveLocale', () => {
  it('prefers the attribute, then the page language, then bokmål', () => {
    expect(resolveLocale('nn', 'en')).toBe('nn');
    expect(resolveLocale(null, 'en-GB')).toBe('en');
    expect(resolveLocale('', 'nn-NO')).toBe('nn');
    expect(resolveLocale(null, 'no')).toBe('nb');
    expect(resolveLocale('de', 'fr')).toBe('nb');
    expect(resolveLocale(undefined, undefined)).toBe('nb');
  });
});

describe('strings', () => {
  it('has every string in nb, nn and en, and they differ where the languages do', () => {
    const keys = Object.keys(strings.nb).sort();
    expect(Object.keys(strings.nn).sort()).toEqual(keys);
    expect(Object.keys(strings.en).sort()).toEqual(keys);
    expect(strings.nn.placeholder).toBe('Kva lurer du på?');
    expect(strings.nb.placeholder).toBe('Hva lurer du på?');
    expect(strings.en.results(1)).toBe('1 result');
    expect(strings.en.results(3)).toBe('3 results');
    expect(strings.nn.showAll(12)).toBe('Vis alle resultat (12)');
  });
});

describe('formatDate', () => {
  it('writes dates the way each language does', () => {
    expect(formatDate('2026-01-10', 'nb')).toBe('10.01.2026');
    expect(formatDate('2026-01-10', 'en')).toBe('10 Jan 2026');
    expect(formatDate('soon', 'nn')).toBe('soon');
  });
});
