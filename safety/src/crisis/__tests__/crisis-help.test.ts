import { ValidationError } from '@kilde/schemas';
import { crisisHelp } from '../..';

describe('crisisHelp', () => {
  it.each(['nb', 'nn', 'en'] as const)('lists the four help numbers in %s', (locale) => {
    const lines = crisisHelp(locale);
    expect(lines.map((l) => [l.id, l.number, l.tel, l.emergency])).toEqual([
      ['mental-helse', '116 123', 'tel:116123', false],
      ['alarmtelefonen', '116 111', 'tel:116111', false],
      ['medical-emergency', '113', 'tel:113', true],
      ['police', '112', 'tel:112', true],
    ]);
    for (const l of lines) {
      expect(l.name.length).toBeGreaterThan(0);
      expect(l.description.length).toBeGreaterThan(0);
    }
  });

  it('labels the numbers in the requested language', () => {
    expect(crisisHelp('nb').map((l) => l.name)).toEqual([
      'Mental Helse Hjelpetelefonen',
      'Alarmtelefonen for barn og unge',
      'Medisinsk nødtelefon',
      'Politi',
    ]);
    expect(crisisHelp('nn')[2]?.name).toBe('Medisinsk naudtelefon');
    expect(crisisHelp('nn')[1]?.description).toContain('vald');
    expect(crisisHelp('en')[3]?.name).toBe('Police');
    expect(crisisHelp('en')[2]?.description).toBe('Call 113 when a life is in danger.');
  });

  it('defaults to bokmål', () => {
    expect(crisisHelp()).toEqual(crisisHelp('nb'));
  });

  it('returns fresh objects each time', () => {
    const first = crisisHelp('nb');
    (first[0] as { name: string }).name = 'changed';
    expect(crisisHelp('nb')[0]?.name).toBe('Mental Helse Hjelpetelefonen');
  });

  it('rejects an unknown locale', () => {
    expect(() => crisisHelp('se' as never)).toThrow(ValidationError);
  });
});
