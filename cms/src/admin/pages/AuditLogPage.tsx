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
  TextInput,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { useFetchClient } from '@strapi/admin/strapi-admin';
import { useIntl } from 'react-intl';
import type { AuditEntry } from '@kilde/store';
import { auditEn, type AuditMessageKey } from '../audit-messages';
import { errorMessage } from '../kilde-api';

interface Filters {
  action: string;
  actor: string;
  from: string;
  to: string;
  outcome: string;
}

const EMPTY: Filters = { action: '', actor: '', from: '', to: '', outcome: '' };

function useAuditT() {
  const { formatMessage } = useIntl();
  return React.useCallback(
    (key: AuditMessageKey, values?: Record<string, string>) =>
      formatMessage({ id: `kilde.${key}`, defaultMessage: auditEn[key] }, values),
    [formatMessage],
  );
}

function queryOf(f: Filters): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v.trim()) q.set(k, v.trim());
  return q.toString();
}

/**
 * The audit log (`/kilde/audit`): filter by action, actor, dates and outcome, page back through
 * history, export what the filters select as CSV or NDJSON. Read-only by design.
 */
export function AuditLogPage() {
  const t = useAuditT();
  const { get } = useFetchClient();
  const [draft, setDraft] = React.useState<Filters>(EMPTY);
  const [filters, setFilters] = React.useState<Filters>(EMPTY);
  const [entries, setEntries] = React.useState<AuditEntry[]>([]);
  const [actions, setActions] = React.useState<string[]>([]);
  const [next, setNext] = React.useState<number | null>(null);
  const [loading, setLoading] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);

  const load = React.useCallback(
    async (before: number | null) => {
      setLoading(true);
      try {
        const q = queryOf(filters);
        const res = await get(
          `/kilde/audit?limit=50${q ? `&${q}` : ''}${before ? `&before=${before}` : ''}`,
        );
        const body = res.data as {
          data: { entries: AuditEntry[]; nextBefore: number | null };
          actions: string[];
        };
        setEntries((prev) => (before ? [...prev, ...body.data.entries] : body.data.entries));
        setNext(body.data.nextBefore);
        setActions(body.actions);
        setError(null);
      } catch (err) {
        setError(errorMessage(err));
      } finally {
        setLoading(false);
      }
    },
    [get, filters],
  );

  React.useEffect(() => {
    void load(null);
  }, [load]);

  const download = async (format: 'csv' | 'ndjson') => {
    try {
      const q = queryOf(filters);
      const res = await get(`/kilde/audit/export?format=${format}${q ? `&${q}` : ''}`, {
        responseType: 'blob',
      } as never);
      const blob = res.data as Blob;
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = `kilde-audit.${format}`;
      a.click();
      URL.revokeObjectURL(href);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const field = (name: keyof Filters, label: AuditMessageKey) => (
    <Field.Root name={`audit-${name}`}>
      <Field.Label>{t(label)}</Field.Label>
      <TextInput
        value={draft[name]}
        onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
          setDraft({ ...draft, [name]: e.target.value })
        }
      />
    </Field.Root>
  );

  return (
    <Box padding={8} data-testid="kilde-audit-page">
      <Typography variant="alpha" tag="h1">
        {t('audit.title')}
      </Typography>
      <Box paddingTop={2} paddingBottom={6}>
        <Typography variant="epsilon" textColor="neutral600">
          {t('audit.subtitle')}
        </Typography>
      </Box>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
        }}
      >
        <Flex gap={4} alignItems="flex-end" wrap="wrap" paddingBottom={4}>
          <Field.Root name="audit-action">
            <Field.Label>{t('audit.filter.action')}</Field.Label>
            <SingleSelect
              value={draft.action}
              onChange={(v: string | number) => setDraft({ ...draft, action: String(v) })}
            >
              <SingleSelectOption value="">{t('audit.filter.action.all')}</SingleSelectOption>
              {actions.map((a) => (
                <SingleSelectOption key={a} value={a}>
                  {a}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
          {field('actor', 'audit.filter.actor')}
          {field('from', 'audit.filter.from')}
          {field('to', 'audit.filter.to')}
          <Field.Root name="audit-outcome">
            <Field.Label>{t('audit.filter.outcome')}</Field.Label>
            <SingleSelect
              value={draft.outcome}
              onChange={(v: string | number) => setDraft({ ...draft, outcome: String(v) })}
            >
              <SingleSelectOption value="">{t('audit.filter.outcome.all')}</SingleSelectOption>
              <SingleSelectOption value="success">
                {t('audit.filter.outcome.success')}
              </SingleSelectOption>
              <SingleSelectOption value="failure">
                {t('audit.filter.outcome.failure')}
              </SingleSelectOption>
            </SingleSelect>
          </Field.Root>
          <Button type="submit">{t('audit.filter.apply')}</Button>
          <Button variant="secondary" onClick={() => void download('csv')}>
            {t('audit.export.csv')}
          </Button>
          <Button variant="tertiary" onClick={() => void download('ndjson')}>
            {t('audit.export.ndjson')}
          </Button>
        </Flex>
      </form>
      {error ? (
        <Typography textColor="danger600" role="alert">
          {t('audit.error', { message: error })}
        </Typography>
      ) : null}
      <Table colCount={6} rowCount={entries.length + 1}>
        <Thead>
          <Tr>
            {(
              [
                'audit.col.at',
                'audit.col.actor',
                'audit.col.action',
                'audit.col.subject',
                'audit.col.outcome',
                'audit.col.details',
              ] as const
            ).map((k) => (
              <Th key={k}>
                <Typography variant="sigma">{t(k)}</Typography>
              </Th>
            ))}
          </Tr>
        </Thead>
        <Tbody>
          {entries.map((e) => (
            <Tr key={e.id} data-testid="kilde-audit-entry" data-action={e.action}>
              <Td>
                <Typography variant="pi">{new Date(e.at).toLocaleString()}</Typography>
              </Td>
              <Td>
                <Typography variant="pi">
                  {e.actorName ? `${e.actorName} (${e.actor})` : e.actor}
                </Typography>
              </Td>
              <Td>
                <Typography variant="pi" fontWeight="bold">
                  {e.action}
                </Typography>
              </Td>
              <Td>
                <Typography variant="pi">
                  {[e.subjectType, e.subjectId].filter(Boolean).join(' ')}
                </Typography>
              </Td>
              <Td>
                <Badge variant={e.outcome === 'failure' ? 'danger' : 'success'}>{e.outcome}</Badge>
              </Td>
              <Td>
                <Typography variant="pi" textColor="neutral600">
                  {e.details ? JSON.stringify(e.details) : ''}
                </Typography>
              </Td>
            </Tr>
          ))}
        </Tbody>
      </Table>
      {!loading && entries.length === 0 && !error ? (
        <Box paddingTop={4}>
          <Typography>{t('audit.empty')}</Typography>
        </Box>
      ) : null}
      <Flex paddingTop={4} gap={2}>
        {loading ? <Loader small>{t('audit.loading')}</Loader> : null}
        {next && !loading ? (
          <Button variant="tertiary" onClick={() => void load(next)}>
            {t('audit.more')}
          </Button>
        ) : null}
      </Flex>
    </Box>
  );
}

export default AuditLogPage;
