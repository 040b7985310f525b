import { runQualityGate } from '../run-quality-gate';
import type { GateInput } from '../types';
import { article, checksOf, question } from './fixtures';

describe('sources-required', () => {
  it('blocks an article without sources', () => {
    const result = runQualityGate(article({ sources: [] }));
    expect(result.passed).toBe(false);
    expect(checksOf(result, 'sources-required')).toEqual([
      expect.objectContaining({ severity: 'error', messageNb: expect.stringContaining('kilde') }),
    ]);
  });

  it('does not count a source with only a title', () => {
    const result = runQualityGate(
      article({ sources: [{ title: 'En bok', url: ' ', kind: 'research' }] }),
    );
    expect(checksOf(result, 'sources-required')).toHaveLength(1);
  });

  it('accepts a full reference instead of a URL', () => {
    const sources = [
      {
        title: 'Klamydia',
        reference: 'Hansen A. Klamydia hos unge. Tidsskr Nor Legeforen 2024;144:12.',
        kind: 'research' as const,
      },
    ];
    expect(checksOf(runQualityGate(article({ sources })), 'sources-required')).toEqual([]);
  });

  it('warns on a question answer that states facts without a source', () => {
    for (const answer of [
      'Omtrent 8 av 10 merker ingenting.',
      'Studier viser at det hjelper.',
      'Nesten halvparten, altså femti prosent.',
    ]) {
      expect(checksOf(runQualityGate(question(answer)), 'sources-required')).toEqual([
        expect.objectContaining({ severity: 'warning' }),
      ]);
    }
  });

  it('says nothing about a question answer without facts, or with a number only in a URL', () => {
    expect(
      checksOf(runQualityGate(question('Det er helt vanlig å lure på dette.')), 'sources-required'),
    ).toEqual([]);
    expect(
      checksOf(
        runQualityGate(question('Les mer hos [Lovdata](https://lovdata.no/lov/1994-08-05-55).')),
        'sources-required',
      ),
    ).toEqual([]);
  });
});

describe('professionally-responsible', () => {
  it('blocks an article without a professionally responsible person', () => {
    const missing: GateInput['professionallyResponsible'][] = [
      null,
      undefined,
      { name: '  ', profession: 'doctor' },
    ];
    for (const professionallyResponsible of missing) {
      const result = runQualityGate(article({ professionallyResponsible }));
      expect(result.passed).toBe(false);
      expect(checksOf(result, 'professionally-responsible')).toEqual([
        expect.objectContaining({ severity: 'error' }),
      ]);
    }
  });

  it('does not apply to questions', () => {
    expect(checksOf(runQualityGate(question('Hei!')), 'professionally-responsible')).toEqual([]);
  });
});
