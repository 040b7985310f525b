import fc from 'fast-check';
import { cropText, escapeHtml, highlightText, renderMarked } from '../highlight';

const isKondom = (w: string): boolean => w.toLowerCase() === 'kondom';

describe('highlighting', () => {
  it('escapes HTML before marking', () => {
    expect(highlightText('Kondom & <b>"sex"</b>', isKondom)).toBe(
      '<mark>Kondom</mark> &amp; &lt;b&gt;&quot;sex&quot;&lt;/b&gt;',
    );
  });

  it('never lets text open a tag, whatever the ranges', () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.tuple(fc.nat(40), fc.nat(40))), (text, pairs) => {
        const html = renderMarked(
          text,
          pairs.map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const),
        );
        const withoutMarks = html.replace(/<\/?mark>/g, '');
        const unescaped = withoutMarks
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, '&');
        return !/[<>]/.test(withoutMarks) && unescaped === text;
      }),
    );
  });

  it('escapes quotes for attribute contexts', () => {
    expect(escapeHtml(`"'`)).toBe('&quot;&#39;');
  });

  it('crops around the densest window of matches with ellipses', () => {
    const text =
      `${'ord '.repeat(30)}bruk kondom hver gang, kondom beskytter ${'ord '.repeat(30)}`.trim();
    const crop = cropText(text, isKondom, 6);
    expect(crop.matched).toBe(true);
    expect(crop.html).toBe('…bruk <mark>kondom</mark> hver gang, <mark>kondom</mark> beskytter…');
  });

  it('returns the start of the text when nothing matches', () => {
    const crop = cropText('en to tre fire fem seks', () => false, 3);
    expect(crop).toEqual({ html: 'en to tre…', matched: false });
  });
});
