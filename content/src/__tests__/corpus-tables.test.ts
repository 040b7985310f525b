import { organisations, topics } from '../corpus/catalog';
import { compile, countWords } from '../corpus/composer';
import { compounds, firstPerson, places, topicLexicon } from '../corpus/lexicon';
import * as templates from '../corpus/templates';
import { loadSeedLibrary } from '../seed-library';

const seed = loadSeedLibrary();

describe('corpus generator tables', () => {
  it('mirror the seed library topics', () => {
    expect(
      topics.map((t) => ({
        key: t.key,
        parent: t.parent,
        title: { nb: t.title[0], nn: t.title[1], en: t.title[2] },
        slug: { nb: t.slug[0], nn: t.slug[1], en: t.slug[2] },
        reviewIntervalMonths: t.reviewIntervalMonths,
      })),
    ).toEqual(
      seed.topics.map((t) => ({
        key: t.key,
        parent: t.parent,
        title: t.title,
        slug: t.slug,
        reviewIntervalMonths: t.reviewIntervalMonths,
      })),
    );
    expect(Object.keys(topicLexicon).sort()).toEqual(seed.topics.map((t) => t.key).sort());
  });

  it('mirror the seed library organisations', () => {
    expect(
      organisations.map((o) => ({
        key: o.key,
        name: { nb: o.name[0], nn: o.name[1], en: o.name[2] },
        defaultLicence: o.defaultLicence,
        url: o.url,
      })),
    ).toEqual(
      seed.organisations.map((o) => ({
        key: o.key,
        name: o.name,
        defaultLicence: o.defaultLicence,
        url: o.url,
      })),
    );
    const keys = new Set(organisations.map((o) => o.key));
    for (const t of topics) for (const p of t.providers) expect(keys).toContain(p);
  });

  it('have the same slots in every locale of every template', () => {
    for (const list of Object.values(templates)) {
      const all = Array.isArray(list[0])
        ? (list as readonly (readonly [string, string, string])[])
        : [list as readonly [string, string, string]];
      for (const tri of all) expect(() => compile(tri)).not.toThrow();
    }
  });

  it('keep topic terms short enough for the fallback title (3–8 words)', () => {
    for (const lexicon of Object.values(topicLexicon)) {
      for (const term of lexicon.terms)
        for (const t of term) expect(countWords(t)).toBeLessThanOrEqual(6);
    }
  });

  it('turn second-person problems into the asker’s first person', () => {
    expect(firstPerson('du føler at ingen hører på deg hjemme', 0)).toBe(
      'jeg føler at ingen hører på meg hjemme',
    );
    expect(firstPerson('foreldra dine skal skilje seg', 1)).toBe('foreldra mine skal skilje seg');
    expect(firstPerson('you are unsure who you are in love with', 2)).toBe(
      'I am unsure who I am in love with',
    );
    expect(firstPerson('someone touched you when you did not want it', 2)).toBe(
      'someone touched me when I did not want it',
    );
    expect(firstPerson('a picture of you has been shared', 2)).toBe(
      'a picture of me has been shared',
    );
  });

  it('add a long tail of compounds and place names', () => {
    expect(new Set(compounds.map((c) => c[0])).size).toBe(compounds.length);
    expect(compounds.length).toBeGreaterThan(250);
    expect(places.length).toBeGreaterThan(100);
  });
});
