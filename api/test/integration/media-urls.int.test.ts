import { publishDocument } from '@kilde/store';
import { gql } from '../helpers/graphql-client';
import { article } from '../helpers/fixtures';
import { startApi, type TestApi } from '../helpers/start-api';

const QUERY = `query($slug: String!) { article(slug: $slug, locale: nb) {
  images { url alt variants { url width format } }
} }`;

describe('media URLs', () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startApi({
      api: async (knex) => {
        await publishDocument(
          knex,
          article('a1', {
            slug: 'med-bilde',
            images: [
              {
                url: '/uploads/sovn_1a2b.jpg',
                alt: 'Ungdom som sover',
                width: 1600,
                variants: [
                  { url: '/uploads/w320_sovn_1a2b.webp', width: 320, format: 'webp' },
                  { url: 'https://cdn.example.org/w640_sovn_1a2b.avif', width: 640, format: 'avif' },
                ],
              },
            ],
          }),
        );
        return { mediaBaseUrl: 'https://media.kilde.example/' };
      },
    });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('gives partners absolute URLs for relative media and leaves absolute ones alone', async () => {
    const res = await gql<{ article: { images: { url: string; variants: { url: string }[] }[] } }>(t.url, await t.key(), QUERY, { slug: 'med-bilde' });
    expect(res.body.errors).toBeUndefined();
    const image = res.body.data!.article.images[0]!;
    expect(image.url).toBe('https://media.kilde.example/uploads/sovn_1a2b.jpg');
    expect(image.variants.map((v) => v.url)).toEqual([
      'https://media.kilde.example/uploads/w320_sovn_1a2b.webp',
      'https://cdn.example.org/w640_sovn_1a2b.avif',
    ]);
  });
});
