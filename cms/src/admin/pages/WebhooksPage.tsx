import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Field,
  Flex,
  Loader,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/admin/strapi-admin';
import { useIntl } from 'react-intl';
// Types only: the server's shapes are the contract, never copied by hand.
import type { AdminDeliveriesView, AdminEndpointView } from '../../webhooks/admin-routes';
import type { DeliveryView } from '../../webhooks/deliveries';
import { errorMessage } from '../kilde-api';
import { webhooksEn, type WebhooksMessageKey } from '../webhooks-messages';

type Filter = 'all' | 'pending' | 'retrying' | 'delivered' | 'abandoned';
const FILTERS: Filter[] = ['all', 'pending', 'retrying', 'delivered', 'abandoned'];

function useWebhooksT() {
  const { formatMessage } = useIntl();
  return React.useCallback(
    (key: WebhooksMessageKey, values?: Record<string, string | number>) =>
      formatMessage({ id: `kilde.${key}`, defaultMessage: webhooksEn[key] }, values),
    [formatMessage],
  );
}

const when = (iso: string | null): string => (iso ? new Date(iso).toLocaleString() : '');

/** What a delivery is doing now, as people say it. */
function stateOf(d: DeliveryView): 'sending' | 'retrying' | 'pending' | 'delivered' | 'abandoned' {
  if (d.status === 'pending' && d.sendingBy) return 'sending';
  if (d.status === 'pending' && d.attempts > 0) return 'retrying';
  return d.status;
}

const BADGE: Record<ReturnType<typeof stateOf>, { background: string; text: string }> = {
  sending: { background: 'primary100', text: 'primary700' },
  pending: { background: 'neutral150', text: 'neutral700' },
  retrying: { background: 'warning100', text: 'warning700' },
  delivered: { background: 'success100', text: 'success700' },
  abandoned: { background: 'danger100', text: 'danger700' },
};

function EndpointState({ endpoint }: { endpoint: AdminEndpointView }) {
  const t = useWebhooksT();
  return endpoint.enabled ? (
    <Badge backgroundColor="success100" textColor="success700">
      {t('webhooks.state.enabled')}
    </Badge>
  ) : (
    <Badge backgroundColor="danger100" textColor="danger700">
      {t('webhooks.state.disabled')}
    </Badge>
  );
}

/** One endpoint's deliveries: filter, page, redeliver; a switched-off endpoint says why. */
function DeliveryLog({
  id,
  onEndpoint,
}: {
  id: string;
  /** Hands the endpoint's fresh state (enabled, counts) up to the list above. */
  onEndpoint: (endpoint: AdminEndpointView) => void;
}) {
  const t = useWebhooksT();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [filter, setFilter] = React.useState<Filter>('all');
  const [view, setView] = React.useState<AdminDeliveriesView | null>(null);
  const [older, setOlder] = React.useState<DeliveryView[]>([]);
  const [nextBefore, setNextBefore] = React.useState<number | null>(null);
  const [loading, setLoading] = React.useState(false);
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);

  const path = `/kilde/webhooks/${encodeURIComponent(id)}/deliveries?limit=50${
    filter === 'all' ? '' : `&status=${filter}`
  }`;
  const load = React.useCallback(async () => {
    setLoading(true);
    try {
      const body = (await get(path)).data as { data: AdminDeliveriesView };
      setView(body.data);
      onEndpoint(body.data.endpoint);
      setOlder([]);
      setNextBefore(body.data.nextBefore);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [get, path, onEndpoint]);
  React.useEffect(() => {
    void load();
  }, [load]);

  // While something is waiting or being sent, follow it: a redelivery turns "delivered" in a
  // second or two without anyone pressing Refresh.
  const active = (view?.deliveries ?? []).some((d) => d.status === 'pending');
  React.useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => void load(), 2000);
    return () => clearInterval(timer);
  }, [active, load]);

  const more = async () => {
    if (nextBefore === null) return;
    setLoading(true);
    try {
      const body = (await get(`${path}&before=${nextBefore}`)).data as {
        data: AdminDeliveriesView;
      };
      setOlder((prev) => [...prev, ...body.data.deliveries]);
      setNextBefore(body.data.nextBefore);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
      await load();
    } catch (err) {
      toggleNotification({ type: 'danger', message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  const endpoint = view?.endpoint;
  const deliveries = [...(view?.deliveries ?? []), ...older];
  const list = (values: string[]) => (values.length ? values.join(', ') : t('webhooks.log.any'));

  return (
    <Box paddingTop={6} data-testid="kilde-webhook-log" data-endpoint-id={id}>
      {endpoint ? (
        <>
          <Typography variant="beta" tag="h2">
            {t('webhooks.log.title', { partner: endpoint.partner })}
          </Typography>
          <Box paddingTop={1}>
            <Typography variant="pi" textColor="neutral600">
              {endpoint.url}
            </Typography>
          </Box>
          <Box paddingTop={1} paddingBottom={4}>
            <Typography variant="pi" textColor="neutral600">
              {t('webhooks.log.filters', {
                events: list(endpoint.events),
                locales: list(endpoint.locales),
                types: list(endpoint.types),
                topics: list(endpoint.topics),
              })}
            </Typography>
          </Box>
          {!endpoint.enabled ? (
            <Box
              padding={4}
              marginBottom={4}
              hasRadius
              background="danger100"
              borderColor="danger200"
              data-testid="kilde-webhook-disabled"
            >
              <Typography fontWeight="bold" textColor="danger700" tag="p">
                {t('webhooks.disabled.title')}
              </Typography>
              <Typography tag="p" data-testid="kilde-webhook-disabled-reason">
                {endpoint.disabledReason
                  ? t('webhooks.disabled.since', {
                      date: when(endpoint.disabledAt),
                      reason: endpoint.disabledReason,
                    })
                  : t('webhooks.disabled.noReason')}
              </Typography>
              <Box paddingTop={2} paddingBottom={view?.canOperate ? 3 : 0}>
                <Typography variant="pi" textColor="neutral700">
                  {t('webhooks.disabled.hint')}
                </Typography>
              </Box>
              {view?.canOperate ? (
                <Button
                  disabled={busy}
                  onClick={() =>
                    act(async () => {
                      await post(`/kilde/webhooks/${encodeURIComponent(id)}/enable`, {});
                      toggleNotification({ type: 'success', message: t('webhooks.enabled') });
                    })
                  }
                >
                  {t('webhooks.enable')}
                </Button>
              ) : null}
            </Box>
          ) : null}
        </>
      ) : null}
      <Flex gap={4} alignItems="flex-end" paddingBottom={4} wrap="wrap">
        <Field.Root name="kilde-webhook-filter">
          <Field.Label>{t('webhooks.filter.status')}</Field.Label>
          <SingleSelect
            value={filter}
            onChange={(v: string | number) => setFilter(String(v) as Filter)}
            data-testid="kilde-webhook-filter"
          >
            {FILTERS.map((f) => (
              <SingleSelectOption key={f} value={f}>
                {t(`webhooks.filter.${f}`)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
        <Button variant="tertiary" onClick={() => void load()} disabled={loading}>
          {t('webhooks.refresh')}
        </Button>
        {view && !view.canOperate ? (
          <Typography variant="pi" textColor="neutral600">
            {t('webhooks.read-only')}
          </Typography>
        ) : null}
      </Flex>
      {error ? (
        <Typography textColor="danger600" role="alert">
          {t('webhooks.error', { message: error })}
        </Typography>
      ) : null}
      <Table colCount={9} rowCount={deliveries.length + 1}>
        <Thead>
          <Tr>
            {(
              [
                'webhooks.col.event',
                'webhooks.col.item',
                'webhooks.col.status',
                'webhooks.col.attempts',
                'webhooks.col.http',
                'webhooks.col.ms',
                'webhooks.col.next',
                'webhooks.col.error',
                'webhooks.col.actions',
              ] as const
            ).map((k) => (
              <Th key={k}>
                <Typography variant="sigma">{t(k)}</Typography>
              </Th>
            ))}
          </Tr>
        </Thead>
        <Tbody>
          {deliveries.map((d) => {
            const state = stateOf(d);
            return (
              <Tr
                key={d.id}
                data-testid="kilde-webhook-delivery"
                data-delivery-id={d.id}
                data-status={d.status}
                data-state={state}
              >
                <Td>
                  <Typography variant="pi" fontWeight="bold">
                    {d.event}
                  </Typography>
                </Td>
                <Td>
                  {d.title ? (
                    <Typography variant="pi" fontWeight="semiBold" tag="p">
                      {d.title}
                    </Typography>
                  ) : null}
                  <Typography variant="pi" textColor="neutral600">
                    {d.document.type}/{d.document.id} · {d.document.locale} · v{d.document.version}
                  </Typography>
                </Td>
                <Td>
                  <Badge
                    backgroundColor={BADGE[state].background}
                    textColor={BADGE[state].text}
                    data-testid="kilde-webhook-delivery-status"
                  >
                    {t(`webhooks.status.${state}`)}
                  </Badge>
                </Td>
                <Td>
                  <Typography variant="pi" data-testid="kilde-webhook-delivery-attempts">
                    {d.attempts}
                  </Typography>
                </Td>
                <Td>
                  <Typography variant="pi" data-testid="kilde-webhook-delivery-http">
                    {d.lastStatus ?? '–'}
                  </Typography>
                </Td>
                <Td>
                  <Typography variant="pi">
                    {d.lastResponseMs === null ? '–' : t('webhooks.ms', { ms: d.lastResponseMs })}
                  </Typography>
                </Td>
                <Td>
                  <Typography variant="pi">
                    {d.status !== 'pending'
                      ? '–'
                      : endpoint && !endpoint.enabled
                        ? t('webhooks.next.afterEnable')
                        : when(d.nextAttemptAt)}
                  </Typography>
                </Td>
                <Td>
                  <Typography
                    variant="pi"
                    textColor="danger600"
                    data-testid="kilde-webhook-delivery-error"
                  >
                    {d.lastError ?? ''}
                  </Typography>
                </Td>
                <Td>
                  {view?.canOperate ? (
                    <Button
                      size="S"
                      variant="secondary"
                      disabled={busy || state === 'sending'}
                      onClick={() =>
                        act(async () => {
                          const res = (
                            await post(
                              `/kilde/webhooks/${encodeURIComponent(id)}/deliveries/${d.id}/redeliver`,
                              {},
                            )
                          ).data as { data: { waitsForEnable: boolean } };
                          toggleNotification({
                            type: 'success',
                            message: t(
                              res.data.waitsForEnable
                                ? 'webhooks.redelivered.waits'
                                : 'webhooks.redelivered',
                              { id: d.id },
                            ),
                          });
                        })
                      }
                    >
                      {t('webhooks.redeliver')}
                    </Button>
                  ) : null}
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
      {!loading && deliveries.length === 0 && !error ? (
        <Box paddingTop={4}>
          <Typography>{t('webhooks.empty')}</Typography>
        </Box>
      ) : null}
      <Flex paddingTop={4} gap={2}>
        {loading ? <Loader small>{t('webhooks.loading')}</Loader> : null}
        {nextBefore !== null && !loading ? (
          <Button variant="tertiary" onClick={() => void more()}>
            {t('webhooks.more')}
          </Button>
        ) : null}
      </Flex>
    </Box>
  );
}

/**
 * Webhooks (`/kilde/webhooks`): every partner endpoint with its state and delivery counts, and
 * the delivery log of the one selected (`?endpoint=<id>` opens it directly). Everyone who may
 * read sees the same; the server decides who may redeliver or switch an endpoint on.
 */
export function WebhooksPage() {
  const t = useWebhooksT();
  const { get } = useFetchClient();
  const [endpoints, setEndpoints] = React.useState<AdminEndpointView[] | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [selected, setSelected] = React.useState<string | null>(() =>
    new URLSearchParams(window.location.search).get('endpoint'),
  );

  const load = React.useCallback(async () => {
    try {
      const body = (await get('/kilde/webhooks')).data as { data: AdminEndpointView[] };
      setEndpoints(body.data);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [get]);
  React.useEffect(() => {
    void load();
  }, [load]);

  const replaceEndpoint = React.useCallback(
    (fresh: AdminEndpointView) =>
      setEndpoints((list) => list && list.map((e) => (e.id === fresh.id ? fresh : e))),
    [],
  );

  const select = (id: string) => {
    setSelected(id);
    const url = new URL(window.location.href);
    url.searchParams.set('endpoint', id);
    window.history.replaceState(window.history.state, '', url);
  };

  return (
    <Box padding={8} data-testid="kilde-webhooks-page">
      <Typography variant="alpha" tag="h1">
        {t('webhooks.title')}
      </Typography>
      <Box paddingTop={2} paddingBottom={6}>
        <Typography variant="epsilon" textColor="neutral600">
          {t('webhooks.subtitle')}
        </Typography>
      </Box>
      {error ? (
        <Typography textColor="danger600" role="alert">
          {t('webhooks.error', { message: error })}
        </Typography>
      ) : null}
      {endpoints === null && !error ? <Loader small>{t('webhooks.loading')}</Loader> : null}
      {endpoints && endpoints.length === 0 ? <Typography>{t('webhooks.none')}</Typography> : null}
      {endpoints && endpoints.length > 0 ? (
        <Box paddingBottom={3}>
          <Typography variant="beta" tag="h2">
            {t('webhooks.endpoints')}
          </Typography>
        </Box>
      ) : null}
      {endpoints && endpoints.length > 0 ? (
        <Table colCount={5} rowCount={endpoints.length + 1}>
          <Thead>
            <Tr>
              {(
                [
                  'webhooks.col.partner',
                  'webhooks.col.url',
                  'webhooks.col.state',
                  'webhooks.col.counts',
                  'webhooks.col.actions',
                ] as const
              ).map((k) => (
                <Th key={k}>
                  <Typography variant="sigma">{t(k)}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {endpoints.map((e) => (
              <Tr
                key={e.id}
                data-testid="kilde-webhook-endpoint"
                data-endpoint-id={e.id}
                data-enabled={String(e.enabled)}
                style={selected === e.id ? { background: '#f0f0ff' } : undefined}
              >
                <Td>
                  <Typography fontWeight="bold">{e.partner}</Typography>
                </Td>
                <Td>
                  <Typography variant="pi">{e.url}</Typography>
                </Td>
                <Td>
                  <EndpointState endpoint={e} />
                </Td>
                <Td>
                  <Typography variant="pi">
                    {t('webhooks.counts', {
                      delivered: e.counts.delivered,
                      pending: e.counts.pending,
                      retrying: e.counts.retrying,
                      abandoned: e.counts.abandoned,
                    })}
                  </Typography>
                </Td>
                <Td>
                  <Button size="S" variant="tertiary" onClick={() => select(e.id)}>
                    {t('webhooks.open')}
                  </Button>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      ) : null}
      {selected ? <DeliveryLog key={selected} id={selected} onEndpoint={replaceEndpoint} /> : null}
    </Box>
  );
}

export default WebhooksPage;
