import { GraphQLError } from 'graphql';
import type { ArticleDocument } from '@kilde/schemas';
import type { ApiContext } from './context';
import { ApiErrorCode } from '../http/error-codes';

interface ArticleArgs {
  id?: string | null;
  slug?: string | null;
  locale: 'nb' | 'nn' | 'en';
}

export const resolvers = {
  Query: {
    async article(_: unknown, args: ArticleArgs, ctx: ApiContext): Promise<ArticleDocument | null> {
      if (!args.id === !args.slug) {
        throw new GraphQLError('Give exactly one of `id` or `slug`.', {
          extensions: { code: ApiErrorCode.BadUserInput, argumentName: args.id ? 'slug' : 'id' },
        });
      }
      return ctx.documents.article(args.id ? { id: args.id, locale: args.locale } : { slug: args.slug!, locale: args.locale });
    },
  },
  Article: {
    bodyMarkdown: (a: ArticleDocument) => a.body,
    translations: (a: ArticleDocument) =>
      Object.entries(a.translations).map(([locale, t]) => ({ locale, id: t?.id, slug: t?.slug ?? null })),
    attribution: (a: ArticleDocument) => ({
      provider: a.provider ? { id: a.provider.id, name: a.provider.title ?? null } : null,
      professionallyResponsible: a.professionallyResponsible,
      licence: a.licence,
      canonicalUrl: a.canonicalUrl ?? null,
    }),
  },
};
