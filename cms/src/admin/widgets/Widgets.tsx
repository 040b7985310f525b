import * as React from 'react';
import { NavLink } from 'react-router-dom';
import { Badge, Box, Flex, Link, Typography } from '@strapi/design-system';
import { Widget } from '@strapi/admin/strapi-admin';
import {
  useKildeQuery,
  useT,
  type DashboardItem,
  type Notification,
  type TaskGroup,
  type TopicGap,
  type GateCheck,
} from '../kilde-api';
import type { MessageKey } from '../messages';

/** Loading, error and empty states shared by every Kilde widget (Strapi's own helpers). */
function Loaded<T>({
  query,
  children,
}: {
  query: { data: T | null; error: string | null };
  children: (data: T) => React.ReactNode;
}) {
  if (query.error) return <Widget.Error>{query.error}</Widget.Error>;
  if (!query.data) return <Widget.Loading />;
  return <>{children(query.data)}</>;
}

function ItemLink({ item, extra }: { item: DashboardItem; extra?: React.ReactNode }) {
  const { t } = useT();
  return (
    <Flex gap={2} justifyContent="space-between" paddingBottom={1}>
      <Box style={{ minWidth: 0 }}>
        <Link tag={NavLink} to={item.href}>
          {item.title || item.documentId}
        </Link>
        <Typography variant="pi" textColor="neutral600">
          {' '}
          · {item.locale} · {t(`stage.${item.stage}` as MessageKey)}
        </Typography>
      </Box>
      {extra}
    </Flex>
  );
}

export function ReviewsWidget() {
  const { t } = useT();
  const q = useKildeQuery<{ overdue: DashboardItem[]; dueSoon: DashboardItem[] }>(
    '/dashboard/reviews',
  );
  return (
    <Loaded query={q}>
      {(d) =>
        d.overdue.length + d.dueSoon.length === 0 ? (
          <Widget.NoData>{t('widget.reviews.none')}</Widget.NoData>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={3} data-testid="kilde-widget-reviews">
            {(
              [
                ['overdue', d.overdue, 'danger'],
                ['dueSoon', d.dueSoon, 'warning'],
              ] as const
            ).map(([key, items, variant]) =>
              items.length > 0 ? (
                <Box key={key}>
                  <Typography variant="sigma" textColor="neutral600">
                    {t(`widget.reviews.${key}`, { count: items.length })}
                  </Typography>
                  {items.slice(0, 6).map((item) => (
                    <ItemLink
                      key={`${item.documentId}:${item.locale}`}
                      item={item}
                      extra={
                        <Badge size="S" variant={variant}>
                          {item.due}
                        </Badge>
                      }
                    />
                  ))}
                </Box>
              ) : null,
            )}
          </Flex>
        )
      }
    </Loaded>
  );
}

export function TasksWidget() {
  const { t } = useT();
  const q = useKildeQuery<{ groups: TaskGroup[] }>('/dashboard/tasks');
  return (
    <Loaded query={q}>
      {(d) =>
        d.groups.every((g) => g.count === 0) ? (
          <Widget.NoData>{t('widget.tasks.none')}</Widget.NoData>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={3} data-testid="kilde-widget-tasks">
            {d.groups.map((g) => (
              <Box key={g.stage} data-stage={g.stage} data-count={g.count}>
                <Flex gap={2}>
                  <Typography variant="sigma" textColor="neutral600">
                    {t(`stage.${g.stage}` as MessageKey)}
                  </Typography>
                  <Badge size="S">{g.count}</Badge>
                </Flex>
                {g.items.slice(0, 4).map((item) => (
                  <ItemLink key={`${item.documentId}:${item.locale}`} item={item} />
                ))}
              </Box>
            ))}
          </Flex>
        )
      }
    </Loaded>
  );
}

export function NynorskWidget() {
  const { t } = useT();
  const q = useKildeQuery<{
    nb: number;
    nn: number;
    en: number;
    share: number;
    target: number;
    needed: number;
  }>('/dashboard/nynorsk');
  return (
    <Loaded query={q}>
      {(d) => (
        <Flex
          direction="column"
          alignItems="stretch"
          gap={2}
          data-testid="kilde-widget-nynorsk"
          data-needed={d.needed}
        >
          <Typography variant="beta" tag="p">
            {t('widget.nynorsk.share', {
              share: `${(d.share * 100).toFixed(1)} %`,
              target: `${Math.round(d.target * 100)} %`,
            })}
          </Typography>
          <Box background="neutral150" hasRadius height="1rem" position="relative" aria-hidden>
            <Box
              background={d.share >= d.target ? 'success500' : 'warning500'}
              hasRadius
              height="1rem"
              style={{ width: `${Math.min(100, d.share * 100)}%` }}
            />
            <Box
              position="absolute"
              top={0}
              height="1rem"
              borderColor="neutral800"
              style={{ left: `${d.target * 100}%`, borderLeftWidth: 2, borderLeftStyle: 'solid' }}
            />
          </Box>
          <Typography variant="pi" textColor="neutral600">
            {t('widget.nynorsk.counts', { nn: d.nn, nb: d.nb, en: d.en })}
          </Typography>
          <Typography variant="omega" fontWeight="bold">
            {d.needed > 0
              ? t('widget.nynorsk.needed', { needed: d.needed })
              : t('widget.nynorsk.reached')}
          </Typography>
        </Flex>
      )}
    </Loaded>
  );
}

export function TranslationGapsWidget() {
  const { t } = useT();
  const q = useKildeQuery<{ topics: TopicGap[]; outdated: DashboardItem[] }>(
    '/dashboard/translations',
  );
  return (
    <Loaded query={q}>
      {(d) => (
        <Flex
          direction="column"
          alignItems="stretch"
          gap={2}
          data-testid="kilde-widget-translations"
        >
          {d.outdated.length > 0 ? (
            <Box>
              <Typography variant="sigma" textColor="danger600">
                {t('widget.translations.outdated', { count: d.outdated.length })}
              </Typography>
              {d.outdated.slice(0, 4).map((item) => (
                <ItemLink key={`${item.documentId}:${item.locale}`} item={item} />
              ))}
            </Box>
          ) : null}
          <Typography variant="pi" textColor="neutral600">
            {t('widget.translations.header')}
          </Typography>
          {d.topics.slice(0, 8).map((g) => (
            <Flex key={g.topicId} gap={2} justifyContent="space-between">
              <Typography variant="omega" ellipsis>
                {g.title}
              </Typography>
              <Flex gap={1}>
                <Badge size="S">{g.articles}</Badge>
                <Badge size="S" variant={g.missing.nn > 0 ? 'warning' : 'success'}>
                  nn {g.missing.nn}
                </Badge>
                <Badge size="S" variant={g.missing.en > 0 ? 'warning' : 'success'}>
                  en {g.missing.en}
                </Badge>
                <Badge size="S" variant={g.outdated > 0 ? 'danger' : 'neutral'}>
                  ⟳ {g.outdated}
                </Badge>
              </Flex>
            </Flex>
          ))}
        </Flex>
      )}
    </Loaded>
  );
}

export function GateFailuresWidget() {
  const { t } = useT();
  const q = useKildeQuery<{
    checked: number;
    failing: (DashboardItem & { errors: GateCheck[] })[];
  }>('/dashboard/gate-failures');
  return (
    <Loaded query={q}>
      {(d) =>
        d.failing.length === 0 ? (
          <Widget.NoData>{t('widget.gate.none', { checked: d.checked })}</Widget.NoData>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={2} data-testid="kilde-widget-gate">
            <Typography variant="sigma" textColor="neutral600">
              {t('widget.gate.count', { count: d.failing.length, checked: d.checked })}
            </Typography>
            {d.failing.slice(0, 6).map((item) => (
              <Box key={`${item.documentId}:${item.locale}`}>
                <ItemLink item={item} />
                <Flex gap={1} wrap="wrap">
                  {item.errors.map((e, i) => (
                    <Badge key={`${e.rule}-${i}`} size="S" variant="danger">
                      {e.rule}
                      {e.line ? `:${e.line}` : ''}
                    </Badge>
                  ))}
                </Flex>
              </Box>
            ))}
          </Flex>
        )
      }
    </Loaded>
  );
}

export function NotificationsWidget() {
  const { t } = useT();
  const q = useKildeQuery<Notification[]>('/dashboard/notifications');
  return (
    <Loaded query={q}>
      {(d) =>
        d.length === 0 ? (
          <Widget.NoData>{t('widget.notifications.none')}</Widget.NoData>
        ) : (
          <Flex
            direction="column"
            alignItems="stretch"
            gap={2}
            data-testid="kilde-widget-notifications"
          >
            {d.slice(0, 6).map((n) => (
              <Box key={n.id}>
                <Typography variant="omega" fontWeight="bold">
                  {n.subject}
                </Typography>
                <Box>
                  <Typography variant="pi" textColor="neutral600">
                    {n.recipient} · {new Date(n.createdAt).toLocaleString()} · {n.channel}
                  </Typography>
                </Box>
              </Box>
            ))}
          </Flex>
        )
      }
    </Loaded>
  );
}
