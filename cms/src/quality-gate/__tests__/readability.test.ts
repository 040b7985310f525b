import { lixLevel, measureReadability } from '../readability';

// LIX = words / sentences + 100 × longWords / words; a long word has 7 or more letters.
// Expected values below are computed by hand from the counts in the comments.

describe('LIX by hand', () => {
  it('nb: heading, abbreviations, numbers', () => {
    const markdown = [
      '## Hva er klamydia',
      '',
      'Klamydia er en vanlig kjønnssykdom. Ca. 25 000 unge får den hvert år, dvs. mange.',
      'Bruk kondom, f.eks. når du har sex med en ny partner!',
    ].join('\n');
    // 1 "Hva er klamydia" (heading ends a sentence)             3 words, long: klamydia       = 1
    // 2 "Klamydia er en vanlig kjønnssykdom."                    5 words, long: Klamydia,
    //                                                             kjønnssykdom (vanlig has 6)   = 2
    // 3 "Ca. 25 000 unge får den hvert år, dvs. mange."          8 words (Ca unge får den hvert
    //                                                             år dvs mange; numbers skipped) = 0
    // 4 "Bruk kondom, f.eks. når du har sex med en ny partner!" 11 words (f.eks. is one),
    //                                                             long: partner                 = 1
    // words 27, sentences 4, long words 4: 27/4 + 100 × 4/27 = 6.75 + 14.8148 = 21.5648
    const { readability } = measureReadability(markdown, { locale: 'nb' });
    expect(readability).toMatchObject({ words: 27, sentences: 4, longWords: 4 });
    expect(readability.lix).toBeCloseTo(21.56, 2);
    expect(readability.level).toBe('svært lettlest');
  });

  it('nn: list items and a colon end sentences', () => {
    const markdown = [
      'Klamydia er ein vanleg kjønnssjukdom. Du kan ha han utan å merke noko.',
      '',
      '- Bruk kondom',
      '- Test deg når du har fått ein ny partnar',
      '',
      'Testen er gratis, t.d. hos helsesjukepleiaren: Det kostar 0 kr.',
    ].join('\n');
    // 1 "Klamydia er ein vanleg kjønnssjukdom."            5 words, long: Klamydia, kjønnssjukdom = 2
    // 2 "Du kan ha han utan å merke noko."                 8 words                                = 0
    // 3 "Bruk kondom" (list item)                          2 words (kondom has 6)                 = 0
    // 4 "Test deg når du har fått ein ny partnar"          9 words, long: partnar                 = 1
    // 5 "Testen er gratis, t.d. hos helsesjukepleiaren:"   6 words, long: helsesjukepleiaren      = 1
    // 6 "Det kostar 0 kr."                                 3 words (0 is no word)                 = 0
    // words 33, sentences 6, long words 4: 33/6 + 100 × 4/33 = 5.5 + 12.1212 = 17.6212
    const { readability } = measureReadability(markdown, { locale: 'nn' });
    expect(readability).toMatchObject({ words: 33, sentences: 6, longWords: 4 });
    expect(readability.lix).toBeCloseTo(17.62, 2);
    expect(readability.level).toBe('svært lettlest');
  });

  it('en: decimals, "Dr." and "e.g." do not end sentences; hyphenated words are one', () => {
    const markdown = [
      'Chlamydia is a common sexually transmitted infection. About 2.5 percent of young people',
      'test positive each year. Dr. Hansen says testing is easy, e.g. with a urine sample.',
      'Self-testing kits can be bought online.',
    ].join('\n');
    // 1 "Chlamydia is a common sexually transmitted infection."  7 words, long: Chlamydia,
    //                                                             sexually, transmitted, infection = 4
    // 2 "About 2.5 percent of young people test positive each year."
    //                                                            9 words, long: percent, positive = 2
    // 3 "Dr. Hansen says testing is easy, e.g. with a urine sample."
    //                                                           11 words, long: testing           = 1
    // 4 "Self-testing kits can be bought online."                6 words, long: Self-testing (11) = 1
    // words 33, sentences 4, long words 8: 33/4 + 100 × 8/33 = 8.25 + 24.2424 = 32.4924
    const { readability } = measureReadability(markdown, { locale: 'en' });
    expect(readability).toMatchObject({ words: 33, sentences: 4, longWords: 8 });
    expect(readability.lix).toBeCloseTo(32.49, 2);
    expect(readability.level).toBe('easy');
  });
});

describe('what counts as text', () => {
  it('leaves out code, HTML, image alt text and link URLs, and counts link text and table cells', () => {
    const markdown = [
      'Les [om klamydia](https://www.helsenorge.no/sykdom/klamydia). ![Et langt bildetekstord](a.png)',
      '',
      '```',
      'Dette er kode som ikke skal telles med.',
      '```',
      '',
      '<div>Heller ikke HTML.</div>',
      '',
      '| Alder | Test |',
      '| --- | --- |',
      '| Ung | Gratis |',
    ].join('\n');
    // "Les om klamydia." (3) + four table cells of one word each → 7 words, 5 sentences.
    const { readability } = measureReadability(markdown, { locale: 'nb' });
    expect(readability).toMatchObject({ words: 7, sentences: 5, longWords: 1 });
  });

  it('reports 0, not NaN, for a body without words', () => {
    const { readability } = measureReadability('```\ncode\n```\n', { locale: 'en' });
    expect(readability).toMatchObject({
      lix: 0,
      words: 0,
      sentences: 0,
      longWordShare: 0,
      longSentenceShare: 0,
    });
  });

  it('gives each sentence the line it starts on', () => {
    const markdown =
      'Første setning. Andre\nsetning går over to linjer. Tredje\nsetning.\n\n## Overskrift\n';
    const { sentences } = measureReadability(markdown, { locale: 'nb' });
    expect(sentences.map((s) => [s.text.split(/\s/)[0], s.line])).toEqual([
      ['Første', 1],
      ['Andre', 1],
      ['Tredje', 2],
      ['Overskrift', 5],
    ]);
  });

  it('honours longWordChars and longSentenceWords', () => {
    const { readability } = measureReadability('Ein to tre fire fem seks. Sju.', {
      locale: 'nn',
      longWordChars: 4,
      longSentenceWords: 5,
    });
    // "fire", "seks" have 4 letters; the first sentence has 6 words > 5.
    expect(readability).toMatchObject({ longWords: 2, longSentences: 1, longSentenceShare: 0.5 });
  });
});

describe('LIX levels', () => {
  it.each([
    [24.9, 'svært lettlest', 'very easy'],
    [25, 'lettlest', 'easy'],
    [34.9, 'lettlest', 'easy'],
    [35, 'middels', 'medium'],
    [45, 'vanskelig', 'difficult'],
    [55, 'svært vanskelig', 'very difficult'],
  ])('%d is "%s" in nb and nn, "%s" in en', (lix, norwegian, english) => {
    expect(lixLevel(lix, 'nb').label).toBe(norwegian);
    expect(lixLevel(lix, 'nn').label).toBe(norwegian);
    expect(lixLevel(lix, 'en').label).toBe(english);
  });
});
