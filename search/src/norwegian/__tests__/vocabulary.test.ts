import { Vocabulary } from '../vocabulary';

describe('Vocabulary', () => {
  const vocabulary = (): Vocabulary => {
    const v = new Vocabulary();
    v.addDocument(
      [
        ['angst', 'angst'],
        ['skolen', 'skolen'],
        ['kjerlighet', 'kjærlighet'],
      ],
      ['angst', 'skol', 'kjerlig'],
    );
    v.addDocument(
      [
        ['angst', 'angst'],
        ['angsten', 'angsten'],
        ['skole', 'skole'],
      ],
      ['angst', 'skol'],
    );
    return v;
  };

  it('counts documents per word and per key', () => {
    const v = vocabulary();
    expect(v.df('angst')).toBe(2);
    expect(v.keyDf('skol')).toBe(2);
    expect(v.df('ukjent')).toBe(0);
  });

  it('forgets a removed document', () => {
    const v = vocabulary();
    v.removeDocument(['angst', 'angsten', 'skole'], ['angst', 'skol']);
    expect(v.df('angst')).toBe(1);
    expect(v.df('angsten')).toBe(0);
    expect(v.completions('ang')).toEqual(['angst']);
  });

  it('finds near words, counting a swap of neighbours as one edit', () => {
    const v = vocabulary();
    expect(v.fuzzy('angts', 1).map((m) => m.term)).toEqual(['angst']);
    expect(v.fuzzy('skolem', 1).map((m) => m.term)).toEqual(['skole', 'skolen']);
  });

  it('completes prefixes, most frequent first', () => {
    expect(vocabulary().completions('sko')).toEqual(['skole', 'skolen']);
  });

  it('remembers how a folded word is written', () => {
    expect(vocabulary().written('kjerlighet')).toBe('kjærlighet');
  });

  it('survives a JSON round trip', () => {
    const v = Vocabulary.fromJSON(JSON.parse(JSON.stringify(vocabulary().toJSON())));
    expect(v.df('angst')).toBe(2);
    expect(v.fuzzy('angts', 1).map((m) => m.term)).toEqual(['angst']);
    expect(v.written('kjerlighet')).toBe('kjærlighet');
  });
});
