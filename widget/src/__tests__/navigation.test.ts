import { nextActive } from '../navigation';

describe('nextActive (combobox keyboard model)', () => {
  it('moves down and up with wrap-around', () => {
    expect(nextActive('ArrowDown', -1, 3)).toBe(0);
    expect(nextActive('ArrowDown', 0, 3)).toBe(1);
    expect(nextActive('ArrowDown', 2, 3)).toBe(0);
    expect(nextActive('ArrowUp', -1, 3)).toBe(2);
    expect(nextActive('ArrowUp', 0, 3)).toBe(2);
    expect(nextActive('ArrowUp', 2, 3)).toBe(1);
  });

  it('leaves Home and End to the text field until an option is active', () => {
    expect(nextActive('Home', -1, 3)).toBeUndefined();
    expect(nextActive('End', -1, 3)).toBeUndefined();
    expect(nextActive('Home', 2, 3)).toBe(0);
    expect(nextActive('End', 0, 3)).toBe(2);
  });

  it('ignores other keys and empty lists', () => {
    expect(nextActive('a', 0, 3)).toBeUndefined();
    expect(nextActive('ArrowDown', -1, 0)).toBeUndefined();
  });
});
