import { runQualityGate } from '../run-quality-gate';
import { article, checksOf } from './fixtures';

describe('image-alt-text', () => {
  it('blocks attached images without alt text, naming which', () => {
    const result = runQualityGate(
      article({
        images: [{ alt: 'En ungdom hos helsesykepleier' }, { alt: null }, {}, { alt: ' ' }],
      }),
    );
    expect(result.passed).toBe(false);
    expect(checksOf(result, 'image-alt-text').map((c) => [c.severity, c.message])).toEqual([
      ['error', 'Image 2 has no alt text.'],
      ['error', 'Image 3 has no alt text.'],
      ['error', 'Image 4 has no alt text.'],
    ]);
  });

  it('warns when the alt text is a file name', () => {
    const images = [
      { alt: 'IMG_2041.jpg' },
      { alt: 'test-kit', url: 'https://cdn.example/test-kit.webp?w=800' },
    ];
    expect(
      checksOf(runQualityGate(article({ images })), 'image-alt-text').map((c) => c.severity),
    ).toEqual(['warning', 'warning']);
  });

  it('checks images in the body with their line numbers, including HTML <img>', () => {
    const body = [
      '## Test',
      '',
      'Slik ser testen ut: ![](bilder/test.png)',
      '',
      '![urinprove.jpg](bilder/urinprove.jpg)',
      '',
      '![Et glass med urinprøve](bilder/urinprove.jpg)',
      '',
      '<img src="kit.png">',
      '',
      'Tekst <img src="a.png" alt=""> her.',
    ].join('\n');
    const checks = checksOf(runQualityGate(article({ body })), 'image-alt-text');
    expect(checks.map((c) => [c.severity, c.line])).toEqual([
      ['error', 3],
      ['warning', 5],
      ['error', 9],
      ['error', 11],
    ]);
  });

  it('checks reference-style images', () => {
    const body = '## Test\n\nSe ![][kit]\n\n[kit]: kit.png\n';
    expect(checksOf(runQualityGate(article({ body })), 'image-alt-text')).toEqual([
      expect.objectContaining({ severity: 'error', line: 3 }),
    ]);
  });
});
