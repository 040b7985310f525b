import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  Field,
  Flex,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { useFetchClient, useNotification } from '@strapi/admin/strapi-admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { useIntl } from 'react-intl';
import type { PartnerKeyRecord, PartnerUsageRow } from '@kilde/store';
import { errorMessage } from '../kilde-api';
import { partnerKeysEn, type PartnerKeysMessageKey } from '../partner-keys-messages';

type KeyView = PartnerKeyRecord & { status: 'active' | 'expiring' | 'expired' | 'revoked' };
type UsageView = PartnerUsageRow & { providerName: string | null };

function useKeysT() {
  const { formatMessage } = useIntl();
  return React.useCallback(
    (key: PartnerKeysMessageKey, values?: Record<string, string | number>) =>
      formatMessage({ id: `kilde.${key}`, defaultMessage: partnerKeysEn[key] }, values),
    [formatMessage],
  );
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

function PartnerKeys({ partner }: { partner: string }) {
  const t = useKeysT();
  const { get, post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const [keys, setKeys] = React.useState<KeyView[]>([]);
  const [scopes, setScopes] = React.useState<string[]>([]);
  const [chosen, setChosen] = React.useState<string[]>(['read:content']);
  const [limit, setLimit] = React.useState('');
  const [issued, setIssued] = React.useState<string | null>(null);
  const [usage, setUsage] = React.useState<UsageView[]>([]);
  const [busy, setBusy] = React.useState(false);
  const [canManage, setCanManage] = React.useState(false);

  const q = encodeURIComponent(partner);
  const reload = React.useCallback(async () => {
    try {
      const res = (await get(`/kilde/partner-keys?partner=${q}`)).data as {
        data: KeyView[];
        scopes: string[];
        canManage?: boolean;
      };
      setKeys(res.data);
      setScopes(res.scopes);
      setCanManage(res.canManage === true);
      setUsage(
        ((await get(`/kilde/partner-usage?partner=${q}&days=30`)).data as { data: UsageView[] })
          .data,
      );
    } catch (err) {
      toggleNotification({ type: 'danger', message: errorMessage(err) });
    }
  }, [get, q, toggleNotification]);
  React.useEffect(() => {
    void reload();
  }, [reload]);

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
      await reload();
    } catch (err) {
      toggleNotification({ type: 'danger', message: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  // Totals per provider over the period (the per-day rows stay in the CLI and export).
  const totals = new Map<string, { name: string; requests: number; items: number }>();
  for (const u of usage) {
    const id = u.providerId || '';
    const entry = totals.get(id) ?? {
      name: u.providerName ?? t('keys.usage.total'),
      requests: 0,
      items: 0,
    };
    entry.requests += u.requests;
    entry.items += u.items;
    totals.set(id, entry);
  }

  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={3}
      width="100%"
      data-testid="kilde-partner-keys"
    >
      {keys.length === 0 ? <Typography variant="pi">{t('keys.none')}</Typography> : null}
      {keys.map((k) => (
        <Box
          key={k.id}
          padding={2}
          hasRadius
          borderColor="neutral200"
          data-testid="kilde-partner-key"
          data-status={k.status}
        >
          <Flex justifyContent="space-between" gap={2}>
            <Typography variant="omega" fontWeight="bold">
              kilde_{k.prefix}_…
            </Typography>
            <Badge
              variant={
                k.status === 'active'
                  ? 'success'
                  : k.status === 'expiring'
                    ? 'warning'
                    : 'secondary'
              }
            >
              {k.status === 'expiring'
                ? t('keys.status.expiring', { date: day(k.expiresAt) })
                : t(`keys.status.${k.status}`)}
            </Badge>
          </Flex>
          <Typography variant="pi" textColor="neutral600">
            {k.scopes.join(', ')} ·{' '}
            {k.lastUsedAt ? t('keys.lastUsed', { date: day(k.lastUsedAt) }) : t('keys.neverUsed')}
          </Typography>
          {canManage && (k.status === 'active' || k.status === 'expiring') ? (
            <Flex gap={2} paddingTop={2}>
              <Button
                size="S"
                variant="danger-light"
                disabled={busy}
                onClick={() =>
                  act(async () => {
                    await post(`/kilde/partner-keys/${k.id}/revoke`, {});
                    toggleNotification({ type: 'success', message: t('keys.revoked') });
                  })
                }
              >
                {t('keys.revoke')}
              </Button>
              {k.status === 'active' ? (
                <Button
                  size="S"
                  variant="tertiary"
                  disabled={busy}
                  onClick={() =>
                    act(async () => {
                      const res = (
                        await post(`/kilde/partner-keys/${k.id}/rotate`, { overlapHours: 24 })
                      ).data as { data: { key: string } };
                      setIssued(res.data.key);
                    })
                  }
                >
                  {t('keys.rotate')}
                </Button>
              ) : null}
            </Flex>
          ) : null}
        </Box>
      ))}
      {issued ? (
        <Box padding={2} background="success100" hasRadius>
          <Typography variant="pi">{t('keys.shown-once')}</Typography>
          <Box paddingTop={1}>
            <Typography
              variant="omega"
              fontWeight="bold"
              data-testid="kilde-issued-key"
              style={{ wordBreak: 'break-all' }}
            >
              {issued}
            </Typography>
          </Box>
        </Box>
      ) : null}
      {canManage ? (
        <>
          <Box>
            <Typography variant="sigma" textColor="neutral600" tag="h3">
              {t('keys.scopes')}
            </Typography>
            <Flex direction="column" alignItems="flex-start" gap={1} paddingTop={1}>
              {scopes.map((s) => (
                <Checkbox
                  key={s}
                  checked={chosen.includes(s)}
                  onCheckedChange={(v: boolean) =>
                    setChosen(v ? [...chosen, s] : chosen.filter((c) => c !== s))
                  }
                >
                  {s}
                </Checkbox>
              ))}
            </Flex>
          </Box>
          <Field.Root name="kilde-key-rate-limit">
            <Field.Label>{t('keys.rateLimit')}</Field.Label>
            <TextInput
              value={limit}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => setLimit(e.target.value)}
            />
          </Field.Root>
          <Button
            disabled={busy || chosen.length === 0}
            onClick={() =>
              act(async () => {
                const res = (
                  await post('/kilde/partner-keys', {
                    partner,
                    scopes: chosen,
                    rateLimitPerMinute: limit.trim() ? Number(limit) : undefined,
                  })
                ).data as { data: { key: string } };
                setIssued(res.data.key);
              })
            }
          >
            {t('keys.create')}
          </Button>
        </>
      ) : (
        <Typography variant="pi" textColor="neutral600" data-testid="kilde-keys-read-only">
          {t('keys.read-only')}
        </Typography>
      )}
      <Box paddingTop={2}>
        <Typography variant="sigma" textColor="neutral600" tag="h3">
          {t('keys.usage')}
        </Typography>
        {totals.size === 0 ? (
          <Typography variant="pi">{t('keys.usage.none')}</Typography>
        ) : (
          [...totals.values()].map((u) => (
            <Typography key={u.name} variant="pi" tag="p" data-testid="kilde-partner-usage">
              {t('keys.usage.row', { provider: u.name, requests: u.requests, items: u.items })}
            </Typography>
          ))
        )}
      </Box>
    </Flex>
  );
}

/** The Partner entry's side panel: its API keys and what it has reused. */
export const PartnerKeysPanel: PanelComponent = (props: PanelComponentProps) => {
  const t = useKeysT();
  if (props.model !== 'api::partner.partner' || props.activeTab === 'published') return null;
  const name = (props.document as { name?: string } | undefined)?.name;
  return {
    title: t('keys.title'),
    content:
      props.documentId && name ? (
        <PartnerKeys partner={name} />
      ) : (
        <Typography variant="pi">{t('keys.save-first')}</Typography>
      ),
  };
};
