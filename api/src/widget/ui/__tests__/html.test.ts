import { escapeHtml, markedHtml } from '../html';

describe('markedHtml', () => {
  it('keeps only <mark> and escapes everything else', () => {
    expect(markedHtml('Kan eg bli <mark>gravid</mark>?')).toBe('Kan eg bli <mark>gravid</mark>?');
    expect(markedHtml('<img src=x onerror=alert(1)><mark>a</mark>')).toBe(
      '&lt;img src=x onerror=alert(1)&gt;<mark>a</mark>',
    );
    // The close tag has no open mark left, so it goes too.
    expect(markedHtml('<mark onclick="x">a</mark>')).toBe('&lt;mark onclick=&quot;x&quot;&gt;a');
  });

  it('does not double-escape what the API already escaped', () => {
    expect(markedHtml('Tom &amp; Jerry &lt;3 <mark>søvn</mark>')).toBe(
      'Tom &amp; Jerry &lt;3 <mark>søvn</mark>',
    );
    // An escaped tag stays text after the round trip.
    expect(markedHtml('&lt;script&gt;')).toBe('&lt;script&gt;');
  });

  it('balances marks a truncated passage left open or closed twice, and drops empty ones', () => {
    expect(markedHtml('a <mark>b</mark> <em>c</em>')).toBe('a <mark>b</mark> &lt;em&gt;c&lt;/em&gt;');
    expect(markedHtml('<mark>open')).toBe('<mark>open</mark>');
    expect(markedHtml('close</mark>')).toBe('close');
    expect(markedHtml('<mark>a<mark>b</mark></mark>c')).toBe('<mark>ab</mark>c');
    expect(markedHtml('a<mark></mark>b')).toBe('ab');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
