import * as React from 'react';
import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/admin/strapi-admin';
import { useIntl } from 'react-intl';
import { useKildeQuery } from '../kilde-api';
// Types only: the server's shape is the contract.
import type { SearchAnalyticsReport } from '../../search-analytics/report';
import {
  searchAnalyticsEn,
  searchAnalyticsNb,
  searchAnalyticsNn,
  type SearchAnalyticsMessageKey,
} from '../search-analytics-messages';

type DataLocale = 'nb' | 'nn' | 'en';
const DAYS = 30;

/**
 * English for an English admin; for a Norwegian admin, nynorsk while the nynorsk figures are
 * shown and bokmål otherwise (Strapi's admin has only one Norwegian language, `no`).
 */
function useStrings(dataLocale: DataLocale) {
  const { locale } = useIntl();
  const norwegian = locale === 'no' || locale === 'nb' || locale === 'nn';
  const table = !norwegian ? searchAnalyticsEn : dataLocale === 'nn' ? searchAnalyticsNn : searchAnalyticsNb;
  const numberLocale = norwegian ? 'nb-NO' : 'en-GB';
  const t = (key: SearchAnalyticsMessageKey, values: Record<string, string | number> = {}) =>
    table[key].replace(/\{(\w+)\}/g, (_, name: string) => {
      const v = values[name];
      return typeof v === 'number' ? v.toLocaleString(numberLocale) : (v ?? '');
    });
  const percent = (share: number) =>
    share.toLocaleString(numberLocale, { style: 'percent', maximumFractionDigits: 1 });
  return { t, percent, lang: !norwegian ? 'en' : dataLocale === 'nn' ? 'nn' : 'nb' };
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box>
      <Typography variant="sigma" textColor="neutral600" tag="h3">
        {title}
      </Typography>
      <Box paddingTop={1}>{children}</Box>
    </Box>
  );
}

function QueryRow({ query, count, variant }: { query: string; count: string; variant?: 'danger' | 'neutral' }) {
  return (
    <Flex justifyContent="space-between" gap={2} paddingBottom={1}>
      <Typography variant="omega" ellipsis>
        {query}
      </Typography>
      <Badge size="S" variant={variant ?? 'neutral'}>
        {count}
      </Badge>
    </Flex>
  );
}

/**
 * Homepage widget: the last 30 days of anonymous search analytics for one language — what finds
 * nothing (the articles to write next), what is searched most, and click-through by position.
 */
export function SearchAnalyticsWidget() {
  const [dataLocale, setDataLocale] = React.useState<DataLocale>('nb');
  const { t, percent, lang } = useStrings(dataLocale);
  const q = useKildeQuery<SearchAnalyticsReport>(`/search-analytics?locale=${dataLocale}&days=${DAYS}`);
  const d = q.data && q.data.locale === dataLocale ? q.data : null;

  return (
    <Flex direction="column" alignItems="stretch" gap={3} data-testid="kilde-widget-search-analytics" lang={lang}>
      <Flex gap={1} role="group" aria-label={t('period', { days: DAYS })}>
        {(['nb', 'nn', 'en'] as const).map((l) => (
          <Button
            key={l}
            size="S"
            variant={l === dataLocale ? 'secondary' : 'tertiary'}
            aria-pressed={l === dataLocale}
            onClick={() => setDataLocale(l)}
          >
            {t(`locale.${l}`)}
          </Button>
        ))}
        <Typography variant="pi" textColor="neutral600" style={{ marginLeft: 'auto' }}>
          {t('period', { days: DAYS })}
        </Typography>
      </Flex>
      {q.error ? (
        <Widget.Error>{q.error}</Widget.Error>
      ) : !d ? (
        <Widget.Loading />
      ) : d.totals.searches === 0 ? (
        <Widget.NoData>{t('none', { days: DAYS })}</Widget.NoData>
      ) : (
        <>
          <Typography variant="omega" data-testid="kilde-search-totals" data-searches={d.totals.searches}>
            {t('totals', {
              searches: d.totals.searches,
              zeroShare: percent(d.totals.zeroResults / d.totals.searches),
              clicks: d.totals.clicks,
            })}
          </Typography>
          <Section title={t('zero.title')}>
            {d.zeroResultQueries.length === 0 ? (
              <Typography variant="pi" textColor="neutral600">
                {t('zero.none')}
              </Typography>
            ) : (
              <Box data-testid="kilde-search-zero">
                {d.zeroResultQueries.slice(0, 8).map((r) => (
                  <QueryRow key={r.query} query={r.query} count={t('searches', { count: r.zeroResults })} variant="danger" />
                ))}
              </Box>
            )}
          </Section>
          <Section title={t('top.title')}>
            <Box data-testid="kilde-search-top">
              {d.topQueries.slice(0, 8).map((r) => (
                <QueryRow key={r.query} query={r.query} count={t('searches', { count: r.searches })} />
              ))}
            </Box>
          </Section>
          {d.byPosition.length > 0 ? (
            <Section title={t('ctr.title')}>
              <Box data-testid="kilde-search-ctr">
                {d.byPosition.map((p) => (
                  <Flex key={p.position} gap={2} alignItems="center" paddingBottom={1}>
                    <Typography variant="pi" style={{ width: '1.5rem', textAlign: 'right' }}>
                      {p.position}
                    </Typography>
                    <Box background="neutral150" hasRadius height="0.75rem" style={{ flex: 1 }} aria-hidden>
                      <Box background="primary500" hasRadius height="0.75rem" style={{ width: `${Math.min(100, p.ctr * 100)}%` }} />
                    </Box>
                    <Typography variant="pi" textColor="neutral600" style={{ minWidth: '6rem', textAlign: 'right' }}>
                      {t('ctr.row', { ctr: percent(p.ctr), impressions: p.impressions })}
                    </Typography>
                  </Flex>
                ))}
              </Box>
            </Section>
          ) : null}
          {d.refinements.length > 0 ? (
            <Section title={t('refinements.title')}>
              {d.refinements.slice(0, 5).map((r) => (
                <QueryRow key={`${r.from}→${r.to}`} query={`${r.from} → ${r.to}`} count={t('searches', { count: r.count })} />
              ))}
            </Section>
          ) : null}
          <Typography variant="pi" textColor="neutral500">
            {d.totals.dropped > 0 ? `${t('dropped', { dropped: d.totals.dropped })} ` : ''}
            {t('rare')}
          </Typography>
        </>
      )}
    </Flex>
  );
}
