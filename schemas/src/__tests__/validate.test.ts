import { validateCanonicalDocument, computeContentHash, validateConfig, ConfigError } from '..';

function article(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'abc123',
    type: 'article',
    locale: 'nb',
    version: 1,
    translations: { nn: { id: 'abc123', slug: 'klamydia' } },
    publishedAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-02T10:00:00.000Z',
    contentHash: `sha256:${'a'.repeat(64)}`,
    title: 'Klamydia',
    slug: 'klamydia',
    summary: 'Kort om klamydia.',
    body: '## Hva er klamydia?\n\nEn kjønnssykdom.',
    topics: [{ id: 't1', slug: 'kjonnssykdommer', title: 'Kjønnssykdommer' }],
    audience: ['16-17'],
    provider: { id: 'o1', title: 'Ungdomshelse' },
    professionallyResponsible: { name: 'Kari Lege', profession: 'doctor' },
    authors: ['Kari Lege'],
    sources: [{ title: 'Veileder', kind: 'guideline', url: 'https://example.org/veileder' }],
    images: [],
    snomed: [],
    licence: 'CC-BY-4.0',
    lastReviewed: '2026-01-01',
    nextReviewDue: '2027-01-01',
    reviewIntervalMonths: 12,
    ...overrides,
  };
}

describe('validateCanonicalDocument', () => {
  it('accepts a complete article', () => {
    const result = validateCanonicalDocument(article());
    expect(result).toEqual({ ok: true, document: expect.objectContaining({ id: 'abc123' }) });
  });

  it('reports each problem with its JSON pointer', () => {
    const result = validateCanonicalDocument(
      article({
        summary: 'x'.repeat(301),
        sources: [{ title: 'Bad', kind: 'guideline', url: 'not a url' }],
        locale: 'de',
        extra: true,
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/summary', '/sources/0/url', '/locale', '/extra']),
    );
    expect(result.errors.find((e) => e.path === '/sources/0/url')?.message).toMatch(/format "uri"|pattern/);
  });

  it('requires a URL or a full reference on every source', () => {
    const result = validateCanonicalDocument(article({ sources: [{ title: 'Bok', kind: 'other' }] }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.path)).toContain('/sources/0/url');
    expect(
      validateCanonicalDocument(
        article({ sources: [{ title: 'Bok', kind: 'other', reference: 'Hansen K. Bok. Oslo: Forlag; 2020.' }] }),
      ).ok,
    ).toBe(true);
  });

  it('names the missing required field', () => {
    const doc = article();
    delete doc.title;
    const result = validateCanonicalDocument(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContainEqual({ path: '/title', message: "must have required property 'title'" });
  });

  it('rejects unknown types and non-objects', () => {
    expect(validateCanonicalDocument({ type: 'poem' })).toEqual({
      ok: false,
      errors: [{ path: '/type', message: expect.stringContaining('article') }],
    });
    expect(validateCanonicalDocument([])).toMatchObject({ ok: false });
  });
});

describe('computeContentHash', () => {
  it('ignores the envelope and key order but not content', () => {
    const a = article();
    const b = { ...article({ version: 7, updatedAt: '2030-01-01T00:00:00.000Z', id: 'other' }) };
    const reordered = Object.fromEntries(Object.entries(a).reverse());
    expect(computeContentHash(a)).toBe(computeContentHash(b));
    expect(computeContentHash(a)).toBe(computeContentHash(reordered));
    expect(computeContentHash(a)).not.toBe(computeContentHash(article({ title: 'Klamydia!' })));
    expect(computeContentHash(a)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});

describe('validateConfig', () => {
  it('coerces and fills defaults', () => {
    expect(validateConfig('api', { API_PORT: '4100' })).toMatchObject({ API_PORT: 4100, API_HOST: '0.0.0.0' });
  });
  it('names the variable that is wrong', () => {
    expect(() => validateConfig('api', { API_PORT: 'forty' })).toThrow(ConfigError);
    expect(() => validateConfig('api', { DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });
});

describe('validateConfig defaults', () => {
  it('applies NODE_ENV and LOG_LEVEL defaults for both processes', () => {
    for (const name of ['api', 'cms'] as const) {
      expect(validateConfig(name, {})).toMatchObject({ NODE_ENV: 'development', LOG_LEVEL: 'info' });
    }
  });
});
