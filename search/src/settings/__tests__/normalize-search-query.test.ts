import { normalizeSearchQuery } from '../normalize-search-query';
import { defaultIndexSettings } from '../default-index-settings';
import { InvalidSearchQueryError } from '../../errors/invalid-search-query-error';

describe('normalizeSearchQuery', () => {
  it('resolves page/hitsPerPage to offset/limit', () => {
    const nq = normalizeSearchQuery({ q: 'angst', page: 3, hitsPerPage: 10 }, defaultIndexSettings);
    expect(nq).toMatchObject({
      offset: 20,
      limit: 10,
      page: 3,
      finitePagination: true,
      placeholder: false,
    });
  });

  it('defaults to 20 hits, highlighting title and summary, matching strategy last', () => {
    expect(normalizeSearchQuery({}, defaultIndexSettings)).toMatchObject({
      offset: 0,
      limit: 20,
      highlight: ['title', 'summary'],
      matchingStrategy: 'last',
      placeholder: true,
    });
  });

  it('lists every problem with its path', () => {
    try {
      normalizeSearchQuery(
        { limit: 101, page: 0, facets: ['published' as never], sort: ['body:asc' as never] },
        defaultIndexSettings,
      );
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidSearchQueryError);
      const paths = (error as InvalidSearchQueryError).details.errors.map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(['/limit', '/page', '/sort/0']));
      expect((error as InvalidSearchQueryError).status).toBe(400);
    }
  });
});
