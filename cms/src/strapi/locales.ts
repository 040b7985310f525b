import type { Core } from '@strapi/strapi';

const wanted = [
  { code: 'nb', name: 'Norsk bokmål (nb)' },
  { code: 'nn', name: 'Norsk nynorsk (nn)' },
  { code: 'en', name: 'English (en)' },
];

interface LocaleService {
  find(params?: Record<string, unknown>): Promise<{ code: string }[]>;
  create(data: { code: string; name: string }): Promise<unknown>;
  setDefaultLocale(params: { code: string }): Promise<unknown>;
  getDefaultLocale(): Promise<string>;
}

/** Makes nb (default), nn and en the CMS locales, idempotently. */
export async function ensureLocales(strapi: Core.Strapi): Promise<void> {
  const service = strapi.plugin('i18n').service<LocaleService>('locales');
  const existing = new Set((await service.find()).map((l) => l.code));
  for (const l of wanted) if (!existing.has(l.code)) await service.create(l);
  if ((await service.getDefaultLocale()) !== 'nb') await service.setDefaultLocale({ code: 'nb' });
}
