import { runQualityGate } from '../run-quality-gate';
import { article, checksOf } from './fixtures';

describe('outdated-translation', () => {
  it('blocks a translation made from an older source version', () => {
    const result = runQualityGate(
      article({
        locale: 'nn',
        translation: { sourceLocale: 'nb', sourceVersion: 4, translatedFromVersion: 3 },
      }),
    );
    expect(result.passed).toBe(false);
    expect(checksOf(result, 'outdated-translation')).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: expect.stringContaining('translated from version 3, now version 4'),
      }),
    ]);
  });

  it('accepts an up-to-date translation and a source variant', () => {
    const current = article({
      locale: 'en',
      translation: { sourceLocale: 'nb', sourceVersion: 4, translatedFromVersion: 4 },
    });
    expect(checksOf(runQualityGate(current), 'outdated-translation')).toEqual([]);
    expect(
      checksOf(runQualityGate(article({ translation: null })), 'outdated-translation'),
    ).toEqual([]);
  });
});
