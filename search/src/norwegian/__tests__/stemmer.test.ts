import { fold } from '../fold';
import { stemEnglish, stemNorwegian } from '../stemmer';

const no = (w: string): string => stemNorwegian(fold(w));
const en = (w: string): string => stemEnglish(fold(w));

describe('stemNorwegian', () => {
  it.each([
    [['skole', 'skolen', 'skoler', 'skolene']],
    [['angst', 'angsten', 'angstens']],
    [['graviditet', 'graviditeten']],
    [['lærer', 'læreren', 'lærere', 'lærerne']],
    [['mobbing', 'mobbingen', 'mobbe', 'mobbet', 'mobba']],
    [['sykdom', 'sykdommen', 'sykdommer']],
    [['jente', 'jenta', 'jenter', 'jentene']],
    [['vanskelig', 'vanskelige', 'vanskeleg', 'vanskelege']],
    [['kjærlighet', 'kjærligheten', 'kjærleik', 'kjærleiken']],
    [['gutt', 'gutten', 'gut', 'guten']],
    [['venn', 'venner', 'vennene', 'ven', 'vener']],
  ])('gives the forms of %j one stem', (forms) => {
    expect(new Set(forms.map(no)).size).toBe(1);
  });

  it('keeps a minimum stem and leaves short words alone', () => {
    expect(no('sex')).toBe('sex');
    expect(no('mens')).toBe('mens');
    expect(no('snus')).toBe('snus');
    expect(no('syke')).toBe(no('syk'));
    expect(no('syke')).toHaveLength(3);
  });

  it('keeps different words apart', () => {
    expect(no('angst')).not.toBe(no('angre'));
    expect(no('skole')).not.toBe(no('skade'));
  });
});

describe('stemEnglish', () => {
  it.each([
    [['worry', 'worries', 'worried', 'worrying']],
    [['period', 'periods']],
    [['anxiety', 'anxieties']],
    [['stop', 'stopped', 'stopping']],
    [['hope', 'hoped', 'hoping']],
  ])('gives the forms of %j one stem', (forms) => {
    expect(new Set(forms.map(en)).size).toBe(1);
  });

  it('does not strip -ss, -us or -is', () => {
    expect(en('stress')).toBe('stress');
    expect(en('virus')).toBe('virus');
  });
});
