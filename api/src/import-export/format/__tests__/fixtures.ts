import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A valid import record (an article without envelope fields). */
export function article(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'article',
    locale: 'nb',
    externalId: 'sovn-og-skjerm',
    sourceSystem: 'test-cms',
    title: 'Søvn og skjerm',
    slug: 'sovn-og-skjerm',
    summary: 'Hvorfor skjermen om kvelden gjør det vanskelig å sovne.',
    body: '## Hvorfor\n\nLyset holder deg våken.\n',
    topics: [],
    audience: ['13-15'],
    provider: null,
    professionallyResponsible: { name: 'Kari Nordmann', profession: 'doctor' },
    authors: ['Test Forfatter'],
    sources: [{ title: 'Søvnveileder', kind: 'guideline', url: 'https://example.org/sovn' }],
    images: [],
    snomed: [],
    licence: 'CC-BY-4.0',
    lastReviewed: '2026-01-15',
    nextReviewDue: '2027-01-15',
    reviewIntervalMonths: 12,
    ...overrides,
  };
}

/** A temp folder with the given files (string or bytes). */
export function folder(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kilde-import-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}
