import * as React from 'react';
import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import { useNavigate } from 'react-router-dom';
import { useIntl } from 'react-intl';
import type { AdminEndpointView } from '../../webhooks/admin-routes';
import { useKildeQuery } from '../kilde-api';
import { webhooksEn, type WebhooksMessageKey } from '../webhooks-messages';

function useWebhooksT() {
  const { formatMessage } = useIntl();
  return React.useCallback(
    (key: WebhooksMessageKey, values?: Record<string, string | number>) =>
      formatMessage({ id: `kilde.${key}`, defaultMessage: webhooksEn[key] }, values),
    [formatMessage],
  );
}

function EndpointSummary({ documentId }: { documentId: string }) {
  const t = useWebhooksT();
  const navigate = useNavigate();
  const { data } = useKildeQuery<AdminEndpointView[]>('/webhooks');
  const endpoint = data?.find((e) => e.id === documentId);
  return (
    <Flex direction="column" alignItems="stretch" gap={2} width="100%">
      {endpoint ? (
        <>
          <Flex gap={2}>
            {endpoint.enabled ? (
              <Badge backgroundColor="success100" textColor="success700">
                {t('webhooks.state.enabled')}
              </Badge>
            ) : (
              <Badge backgroundColor="danger100" textColor="danger700">
                {t('webhooks.state.disabled')}
              </Badge>
            )}
          </Flex>
          {!endpoint.enabled && endpoint.disabledReason ? (
            <Typography variant="pi" textColor="danger700">
              {endpoint.disabledReason}
            </Typography>
          ) : null}
          <Typography variant="pi">
            {t('webhooks.counts', {
              delivered: endpoint.counts.delivered,
              pending: endpoint.counts.pending,
              retrying: endpoint.counts.retrying,
              abandoned: endpoint.counts.abandoned,
            })}
          </Typography>
        </>
      ) : null}
      <Box>
        <Button
          variant="secondary"
          onClick={() => navigate(`/kilde-webhooks?endpoint=${encodeURIComponent(documentId)}`)}
        >
          {t('webhooks.open')}
        </Button>
      </Box>
    </Flex>
  );
}

/** The Webhook endpoint entry's side panel: its state and a way into its delivery log. */
export const WebhookEndpointPanel: PanelComponent = (props: PanelComponentProps) => {
  const t = useWebhooksT();
  if (props.model !== 'api::webhook-endpoint.webhook-endpoint' || !props.documentId) return null;
  return {
    title: t('webhooks.title'),
    content: <EndpointSummary documentId={props.documentId} />,
  };
};
