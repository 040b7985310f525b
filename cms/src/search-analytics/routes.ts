import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { locales, type Locale } from '@kilde/schemas';
import { searchAnalyticsReport } from './report';

interface Ctx {
  query: Record<string, unknown>;
  body: unknown;
}

/**
 * `GET /kilde/search-analytics?locale=nb&days=30` (admin JWT): the editors' widget "what young
 * people search for and do not find". Aggregates only; any signed-in editor may read them.
 */
export function searchAnalyticsRoutes(strapi: Core.Strapi) {
  return {
    type: 'admin' as const,
    prefix: '/kilde',
    routes: [
      {
        method: 'GET',
        path: '/search-analytics',
        config: { policies: ['admin::isAuthenticatedAdmin'] },
        handler: async (ctx: Ctx) => {
          const locale = ctx.query.locale ?? 'nb';
          if (typeof locale !== 'string' || !(locales as readonly string[]).includes(locale)) {
            throw new errors.ValidationError(`locale must be one of ${locales.join(', ')}`, { errors: [{ path: ['locale'], message: 'unknown locale' }] });
          }
          const days = ctx.query.days === undefined ? 30 : Number(ctx.query.days);
          if (!Number.isInteger(days) || days < 1 || days > 400) {
            throw new errors.ValidationError('days must be a whole number from 1 to 400', { errors: [{ path: ['days'], message: 'out of range' }] });
          }
          ctx.body = { data: await searchAnalyticsReport(strapi.db.connection, { locale: locale as Locale, days }) };
        },
      },
    ],
  };
}
