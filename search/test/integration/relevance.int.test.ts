import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEmbeddedSearchEngine, toSearchDocument, type SearchDocument } from '../../src';
import { evaluateRelevance, type JudgedQuery } from '../../relevance/evaluate';
import { seedDocuments } from '../../relevance/seed-documents';

const queries = JSON.parse(readFileSync(join(__dirname, '..', '..', 'relevance', 'queries.json'), 'utf8')) as JudgedQuery[];

describe('relevance on the seed library (embedded engine)', () => {
  it('has a judged set of at least 80 queries across nb, nn and en', () => {
    expect(queries.length).toBeGreaterThanOrEqual(80);
    expect(new Set(queries.map((q) => q.locale))).toEqual(new Set(['nb', 'nn', 'en']));
  });

  it('reaches recall@5 ≥ 0.9 and MRR ≥ 0.7', async () => {
    const engine = await createEmbeddedSearchEngine();
    await engine.upsert(seedDocuments().map(toSearchDocument).filter((d): d is SearchDocument => d !== null));
    const report = await evaluateRelevance(engine, queries);
    // `node search/relevance/run.js` asks for the full report to print it as a table.
    if (process.env.KILDE_RELEVANCE_OUT) writeFileSync(process.env.KILDE_RELEVANCE_OUT, JSON.stringify(report, null, 2));
    // The misses are part of the failure message, so a regression says which queries broke.
    expect({ recallAt5: report.recallAt5 >= 0.9, mrr: report.mrr >= 0.7, misses: report.misses.map((m) => `${m.query} → ${m.top.slice(0, 3).join(', ')}`) })
      .toEqual({ recallAt5: true, mrr: true, misses: expect.any(Array) });
    await engine.close();
  }, 60_000);
});
