import * as React from 'react';
import { useFetchClient } from '@strapi/admin/strapi-admin';
import { useIntl } from 'react-intl';
// Types only: the server's shapes are the contract, never copied by hand.
import type { VariantStatus } from '../workflow/workflow-service';
import type { GateResult } from '../quality-gate';
import type { VersionDiff, VersionEntry } from '../revision/revision-service';
import type { DashboardItem, TaskGroup, TopicGap } from '../workflow/dashboard';
import type { Notification } from '../workflow/notifications';
import type { GateCheck } from '../quality-gate';
import { en, type MessageKey } from './messages';

export type {
  VariantStatus,
  GateResult,
  VersionDiff,
  VersionEntry,
  DashboardItem,
  TaskGroup,
  TopicGap,
  Notification,
  GateCheck,
};

export type WorkflowTypeName = 'article' | 'question';

/** The workflow type of a content-manager model, if it has a workflow. */
export function workflowTypeOf(model: string | undefined): WorkflowTypeName | null {
  if (model === 'api::article.article') return 'article';
  if (model === 'api::question-answer.question-answer') return 'question';
  return null;
}

/** `t('gate.title')` with the English text as default. */
export function useT(): {
  t: (key: MessageKey, values?: Record<string, string | number>) => string;
  isNorwegian: boolean;
} {
  const { formatMessage, locale } = useIntl();
  const t = React.useCallback(
    (key: MessageKey, values?: Record<string, string | number>) =>
      formatMessage({ id: `kilde.${key}`, defaultMessage: en[key] }, values),
    [formatMessage],
  );
  return { t, isNorwegian: locale === 'no' || locale === 'nb' || locale === 'nn' };
}

interface ApiError {
  response?: { data?: { error?: { message?: string } } };
  message?: string;
}

export function errorMessage(err: unknown): string {
  const e = err as ApiError;
  return e?.response?.data?.error?.message ?? e?.message ?? String(err);
}

/** GET/POST against `/kilde/...` with the signed-in admin's token, unwrapping `{ data }`. */
export function useKildeApi() {
  const { get, post } = useFetchClient();
  return React.useMemo(
    () => ({
      get: async <T>(path: string): Promise<T> =>
        ((await get(`/kilde${path}`)).data as { data: T }).data,
      post: async <T>(path: string, body: unknown = {}): Promise<T> =>
        ((await post(`/kilde${path}`, body)).data as { data: T }).data,
    }),
    [get, post],
  );
}

/** Loads `path`, again whenever `refreshKey` changes or on demand; `null` path means "nothing to load". */
export function useKildeQuery<T>(
  path: string | null,
  refreshKey = '',
): {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
  setData: (d: T) => void;
} {
  const api = useKildeApi();
  const [data, setData] = React.useState<T | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [loading, setLoading] = React.useState(false);
  const [tick, setTick] = React.useState(0);
  React.useEffect(() => {
    if (!path) return;
    let live = true;
    setLoading(true);
    api
      .get<T>(path)
      .then((d) => {
        if (live) {
          setData(d);
          setError(null);
        }
      })
      .catch((err: unknown) => live && setError(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [api, path, tick, refreshKey]);
  return { data, error, loading, reload: () => setTick((n) => n + 1), setData };
}
