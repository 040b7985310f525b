import { diffStats, diffText, diffTokens, lineTokens, wordTokens } from '../diff';

const join = (ops: { op: string; text: string }[], keep: 'before' | 'after'): string =>
  ops
    .filter((o) => o.op === 'equal' || o.op === (keep === 'before' ? 'delete' : 'insert'))
    .map((o) => o.text)
    .join('');

describe('diff', () => {
  it('finds the longest common subsequence of tokens', () => {
    expect(diffTokens(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])).toEqual([
      { op: 'equal', text: 'a' },
      { op: 'delete', text: 'b' },
      { op: 'insert', text: 'x' },
      { op: 'equal', text: 'cd' },
      { op: 'insert', text: 'e' },
    ]);
  });

  it('keeps whole unchanged lines and diffs changed lines word by word', () => {
    const before = '## Søvn\n\nSkjermen holder deg våken.\nSov godt.\n';
    const after = '## Søvn\n\nSkjermlyset holder deg lenge våken.\nSov godt.\n';
    const ops = diffText(before, after);
    expect(ops[0]).toEqual({ op: 'equal', text: '## Søvn\n\n' });
    expect(ops).toContainEqual({ op: 'delete', text: 'Skjermen' });
    expect(ops).toContainEqual({ op: 'insert', text: 'Skjermlyset' });
    expect(ops).toContainEqual({ op: 'insert', text: ' lenge' });
    expect(ops[ops.length - 1]).toEqual({ op: 'equal', text: ' våken.\nSov godt.\n' });
    expect(diffStats(ops)).toEqual({ inserted: 2, deleted: 1 });
  });

  it('reconstructs both texts exactly', () => {
    const before = 'En to tre.\nFire fem.\n\nSeks';
    const after = 'En tre.\nFire fem seks.\nSju\n\nSeks!';
    const ops = diffText(before, after);
    expect(join(ops, 'before')).toBe(before);
    expect(join(ops, 'after')).toBe(after);
  });

  it('tokenizes without losing characters', () => {
    expect(wordTokens(' a  b\nc ').join('')).toBe(' a  b\nc ');
    expect(lineTokens('a\nb\n\nc')).toEqual(['a\n', 'b\n', '\n', 'c']);
  });

  it('shows identical texts as one equal run and empty ones as nothing', () => {
    expect(diffText('Samme tekst\n', 'Samme tekst\n')).toEqual([
      { op: 'equal', text: 'Samme tekst\n' },
    ]);
    expect(diffText('', '')).toEqual([]);
  });
});
