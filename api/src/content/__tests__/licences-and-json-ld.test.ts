import type { ArticleDocument, OrganisationDocument, QuestionDocument } from '@kilde/schemas';
import { medicalWebPage } from '../json-ld';
import { attributionNotice, licenceTerms, termsOf } from '../licences';

const article: ArticleDocument = {
  id: 'a1', type: 'article', locale: 'nn', version: 3, translations: {}, publishedAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z',
  contentHash: `sha256:${'0'.repeat(64)}`, title: 'Kva er klamydia?', slug: 'kva-er-klamydia', summary: 'Ein vanleg kjønnssjukdom.', body: '# Klamydia',
  topics: [{ id: 't1', title: 'Kjønnssjukdommar' }], audience: ['16-17', '18-20'], provider: { id: 'o1', title: 'Helsestasjonen' },
  professionallyResponsible: { name: 'Kari Lege', profession: 'doctor' }, authors: ['Ola'], sources: [{ title: 'Rettleiar', kind: 'guideline', url: 'https://example.org/r' }],
  images: [], snomed: [], licence: 'CC-BY-SA-4.0', canonicalUrl: 'https://provider.example/klamydia', lastReviewed: '2026-01-15', nextReviewDue: '2027-01-15', reviewIntervalMonths: 12,
};
const org = { id: 'o1', type: 'organisation', locale: 'nn', name: 'Helsestasjonen for ungdom', url: 'https://hfu.example', logo: { url: '/uploads/logo.png', alt: 'Logo', variants: [] } } as unknown as OrganisationDocument;

describe('licences', () => {
  it('knows every licence the schema allows', () => {
    expect(Object.keys(licenceTerms).sort()).toEqual(['CC-BY-4.0', 'CC-BY-NC-4.0', 'CC-BY-ND-4.0', 'CC-BY-SA-4.0', 'CC0-1.0', 'LicenseRef-All-Rights-Reserved', 'NLOD-2.0']);
    expect(termsOf('CC-BY-NC-4.0')).toMatchObject({ attributionRequired: true, nonCommercial: true, url: 'https://creativecommons.org/licenses/by-nc/4.0/' });
    expect(termsOf('something-else')).toMatchObject({ agreementRequired: true });
  });

  it('words the attribution line in the item’s language, per licence', () => {
    expect(attributionNotice('nb', 'Ung.no', 'CC-BY-4.0')).toBe('Innhold fra Ung.no, lisensiert under CC BY 4.0.');
    expect(attributionNotice('nn', 'Ung.no', 'NLOD-2.0')).toBe('Innhald frå Ung.no, lisensiert under Norsk lisens for offentlige data (NLOD) 2.0.');
    expect(attributionNotice('en', null, 'CC0-1.0')).toBe('Content from Kilde, free to use (CC0).');
    expect(attributionNotice('en', 'X', 'LicenseRef-All-Rights-Reserved')).toBe('Content from X, republished by agreement.');
  });
});

describe('medicalWebPage', () => {
  it('describes an article as schema.org MedicalWebPage', () => {
    const ld = medicalWebPage(article, org);
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'MedicalWebPage',
      name: 'Kva er klamydia?',
      url: 'https://provider.example/klamydia',
      inLanguage: 'nn',
      lastReviewed: '2026-01-15',
      reviewedBy: { '@type': 'Person', name: 'Kari Lege', jobTitle: 'Lege' },
      license: 'https://creativecommons.org/licenses/by-sa/4.0/',
      publisher: { '@type': 'Organization', name: 'Helsestasjonen for ungdom', url: 'https://hfu.example', logo: { '@type': 'ImageObject', url: '/uploads/logo.png' } },
      audience: { '@type': 'PeopleAudience', suggestedMinAge: 16, suggestedMaxAge: 20 },
    });
    expect(JSON.stringify(ld)).not.toContain('null');
  });

  it('falls back to the provider name on the item without the organisation', () => {
    expect(medicalWebPage(article, null).publisher).toEqual({ '@type': 'Organization', name: 'Helsestasjonen' });
  });

  it('carries a question and its answer as mainEntity', () => {
    const q = {
      ...article, type: 'question', question: 'Kan eg få klamydia av kyssing?', answer: '**Nei.**', answererProfession: 'nurse', askerAgeBand: '16-17', answeredAt: '2026-01-10',
    } as unknown as QuestionDocument;
    expect(medicalWebPage(q, org, 'Nei.')).toMatchObject({
      reviewedBy: { '@type': 'Person', jobTitle: 'Sjukepleiar' },
      mainEntity: { '@type': 'Question', text: 'Kan eg få klamydia av kyssing?', acceptedAnswer: { '@type': 'Answer', text: 'Nei.' } },
    });
  });
});
