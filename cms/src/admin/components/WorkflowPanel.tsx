import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Divider,
  Field,
  Flex,
  Loader,
  Textarea,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { useDebounce, useForm, useNotification, useQueryParams } from '@strapi/admin/strapi-admin';
import type { PanelComponent, PanelComponentProps } from '@strapi/content-manager/strapi-admin';
import {
  errorMessage,
  useKildeApi,
  useKildeQuery,
  useT,
  workflowTypeOf,
  type GateResult,
  type VariantStatus,
  type WorkflowTypeName,
} from '../kilde-api';
import type { MessageKey } from '../messages';
import { GateResults } from './GateResults';
import { VersionHistory } from './VersionHistory';

const CHANGE_NOTE_KINDS = [
  'minor-correction',
  'content-update',
  'professional-review',
  'other',
] as const;

/** The fields the quality gate reads, per type (the rest of the form does not change its verdict). */
const GATE_FIELDS: Record<WorkflowTypeName, readonly string[]> = {
  article: [
    'title',
    'summary',
    'body',
    'sources',
    'professionallyResponsible',
    'images',
    'audience',
  ],
  question: ['title', 'answer', 'askerAgeBand'],
};

const stageVariant = (stage: string) =>
  stage === 'published'
    ? 'success'
    : stage === 'revision-due'
      ? 'warning'
      : stage === 'ready'
        ? 'primary'
        : 'secondary';

function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <Box paddingTop={3} data-testid={testId}>
      <Box paddingBottom={2}>
        <Typography variant="sigma" textColor="neutral600" tag="h3">
          {title}
        </Typography>
      </Box>
      {children}
    </Box>
  );
}

/** Gate results for what the editor is typing: debounced, checked by the same rules as publishing. */
function useLiveGate(
  type: WorkflowTypeName,
  locale: string,
  documentId: string | undefined,
): { result: GateResult | null; checking: boolean } {
  const api = useKildeApi();
  const values = useForm('KildeWorkflowPanel', (s) => s.values) as Record<string, unknown>;
  const picked = React.useMemo(
    () => JSON.stringify(Object.fromEntries(GATE_FIELDS[type].map((f) => [f, values[f] ?? null]))),
    [type, values],
  );
  const debounced = useDebounce(picked, 500);
  const [result, setResult] = React.useState<GateResult | null>(null);
  const [checking, setChecking] = React.useState(false);
  React.useEffect(() => {
    let live = true;
    setChecking(true);
    api
      .post<GateResult>('/gate', {
        type,
        locale,
        documentId: documentId ?? null,
        values: JSON.parse(debounced) as unknown,
      })
      .then((r) => live && setResult(r))
      .catch(() => undefined)
      .finally(() => live && setChecking(false));
    return () => {
      live = false;
    };
  }, [api, type, locale, documentId, debounced]);
  return { result, checking };
}

function ChangeNoteEditor() {
  const { t } = useT();
  const kind = useForm(
    'KildeChangeNote',
    (s) => (s.values as Record<string, unknown>).changeNoteKind,
  ) as string | null | undefined;
  const text = useForm(
    'KildeChangeNote',
    (s) => (s.values as Record<string, unknown>).changeNote,
  ) as string | null | undefined;
  const onChange = useForm('KildeChangeNote', (s) => s.onChange);
  const disabled = useForm('KildeChangeNote', (s) => s.disabled);
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="kilde-change-note">
      <Flex gap={1} wrap="wrap" role="group" aria-label={t('changeNote.title')}>
        {CHANGE_NOTE_KINDS.map((k) => (
          <Button
            key={k}
            size="S"
            variant={kind === k ? 'default' : 'tertiary'}
            aria-pressed={kind === k}
            disabled={disabled}
            onClick={() => onChange('changeNoteKind', kind === k ? null : k)}
          >
            {t(`changeNote.${k}`)}
          </Button>
        ))}
      </Flex>
      <Field.Root name="kilde-change-note-text">
        <Field.Label>{t('changeNote.text')}</Field.Label>
        <Textarea
          value={text ?? ''}
          disabled={disabled}
          onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) =>
            onChange('changeNote', e.target.value)
          }
        />
      </Field.Root>
    </Flex>
  );
}

function WorkflowPanel({
  type,
  documentId,
  locale,
  refreshKey,
}: {
  type: WorkflowTypeName;
  documentId: string | undefined;
  locale: string;
  refreshKey: string;
}) {
  const { t } = useT();
  const api = useKildeApi();
  const { toggleNotification } = useNotification();
  // Reloaded when the content manager saves or publishes (the document's timestamps change).
  const status = useKildeQuery<VariantStatus>(
    documentId ? `/workflow/${type}/${documentId}/${locale}` : null,
    refreshKey,
  );
  const gate = useLiveGate(type, locale, documentId);
  const [comment, setComment] = React.useState('');
  const [busy, setBusy] = React.useState<string | null>(null);

  const act = async (id: string, path: string, body: Record<string, unknown>, done: string) => {
    setBusy(id);
    try {
      const next = await api.post<VariantStatus | { status: VariantStatus }>(path, body);
      status.setData('status' in next ? next.status : next);
      setComment('');
      toggleNotification({ type: 'success', message: done });
    } catch (err) {
      toggleNotification({ type: 'danger', message: errorMessage(err) });
    } finally {
      setBusy(null);
    }
  };

  const s = status.data;
  const base = `/workflow/${type}/${documentId ?? ''}/${locale}`;
  return (
    <Flex direction="column" alignItems="stretch" gap={1} width="100%" data-testid="kilde-panel">
      {!documentId ? (
        <Typography variant="pi" textColor="neutral600">
          {t('panel.unsaved')}
        </Typography>
      ) : status.error ? (
        <Typography variant="pi" textColor="danger600">
          {t('panel.error', { message: status.error })}
        </Typography>
      ) : !s ? (
        <Flex gap={2}>
          <Loader small />
          <Typography variant="pi">{t('panel.loading')}</Typography>
        </Flex>
      ) : (
        <>
          <Flex gap={2} justifyContent="space-between">
            <Typography variant="omega">{t('stage.label')}</Typography>
            <Badge variant={stageVariant(s.stage)} data-testid="kilde-stage" data-stage={s.stage}>
              {t(`stage.${s.stage}` as MessageKey)}
            </Badge>
          </Flex>
          <Section title={t('steps.title')} testId="kilde-steps">
            {s.steps.length === 0 ? (
              <Typography variant="pi" textColor="neutral600">
                {t('steps.none')}
              </Typography>
            ) : (
              <Flex direction="column" alignItems="stretch" gap={2}>
                {s.steps.some((step) => step.via !== 'publish') ? (
                  <Field.Root name="kilde-step-comment">
                    <Field.Label>{t('steps.comment')}</Field.Label>
                    <TextInput
                      value={comment}
                      onChange={(e: React.ChangeEvent<HTMLInputElement>) =>
                        setComment(e.target.value)
                      }
                    />
                  </Field.Root>
                ) : null}
                {s.steps.map((step) =>
                  step.via === 'publish' ? (
                    <Typography key={step.id} variant="pi" textColor="neutral600">
                      {t('step.publish')}
                    </Typography>
                  ) : (
                    <Button
                      key={step.id}
                      fullWidth
                      variant={
                        step.id.startsWith('return') || step.id === 'request-professional-review'
                          ? 'tertiary'
                          : 'secondary'
                      }
                      loading={busy === step.id}
                      data-step={step.id}
                      onClick={() =>
                        void act(
                          step.id,
                          step.via === 'confirm' ? `${base}/confirm` : `${base}/transition`,
                          step.via === 'confirm' ? { comment } : { to: step.to, comment },
                          t('step.done', { stage: t(`stage.${step.to}` as MessageKey) }),
                        )
                      }
                    >
                      {t(`step.${step.id}` as MessageKey)}
                    </Button>
                  ),
                )}
              </Flex>
            )}
          </Section>
        </>
      )}

      <Section title={t('changeNote.title')}>
        <ChangeNoteEditor />
      </Section>

      <Section title={t('gate.title')} testId="kilde-gate-section">
        <GateResults result={gate.result} checking={gate.checking} />
      </Section>

      {s ? (
        <>
          <Section title={t('review.title')} testId="kilde-review">
            <Flex direction="column" alignItems="flex-start" gap={1}>
              <Badge
                variant={
                  s.review.state === 'overdue'
                    ? 'danger'
                    : s.review.state === 'due-soon'
                      ? 'warning'
                      : 'neutral'
                }
              >
                {t(`review.state.${s.review.state}` as MessageKey)}
              </Badge>
              <Typography variant="pi">
                {s.review.lastReviewed
                  ? t('review.last', { date: s.review.lastReviewed })
                  : t('review.never')}
              </Typography>
              {s.review.nextReviewDue ? (
                <Typography variant="pi">
                  {t('review.next', { date: s.review.nextReviewDue })}
                </Typography>
              ) : null}
              <Typography variant="pi" textColor="neutral600">
                {t('review.interval', { months: s.review.intervalMonths })}
              </Typography>
            </Flex>
          </Section>

          <Section title={t('translations.title')} testId="kilde-translations">
            <Flex direction="column" alignItems="stretch" gap={1}>
              {s.translation.variants.map((v) => (
                <Flex
                  key={v.locale}
                  gap={2}
                  justifyContent="space-between"
                  data-locale={v.locale}
                  data-state={v.state}
                >
                  <Typography variant="omega" fontWeight={v.locale === locale ? 'bold' : undefined}>
                    {v.locale}
                    {v.stage ? ` · ${t(`stage.${v.stage}` as MessageKey)}` : ''}
                  </Typography>
                  <Badge
                    size="S"
                    variant={
                      v.state === 'outdated'
                        ? 'danger'
                        : v.state === 'missing'
                          ? 'warning'
                          : v.state === 'current'
                            ? 'success'
                            : 'neutral'
                    }
                  >
                    {v.state === 'source'
                      ? t('translations.source')
                      : v.state === 'current'
                        ? t('translations.current', { version: v.translatedFromVersion ?? '?' })
                        : v.state === 'outdated'
                          ? t('translations.outdated', {
                              source: v.sourceVersion ?? '?',
                              from: v.translatedFromVersion ?? '?',
                            })
                          : t(`translations.${v.state}` as MessageKey)}
                  </Badge>
                </Flex>
              ))}
              {s.translation.variants.find((v) => v.locale === locale)?.state === 'outdated' ? (
                <Button
                  variant="secondary"
                  size="S"
                  loading={busy === 'translation'}
                  onClick={() =>
                    void act(
                      'translation',
                      `${base}/translation-current`,
                      { comment },
                      t('translations.markCurrent'),
                    )
                  }
                >
                  {t('translations.markCurrent')}
                </Button>
              ) : null}
            </Flex>
          </Section>

          <Section title={t('history.title')}>
            <VersionHistory
              type={type}
              documentId={documentId!}
              locale={locale}
              refreshKey={refreshKey}
              onRestored={status.reload}
            />
          </Section>

          <Section title={t('log.title')} testId="kilde-log">
            <Flex direction="column" alignItems="stretch" gap={1}>
              {s.history.slice(0, 8).map((e) => (
                <Box key={e.id}>
                  <Typography variant="pi" fontWeight="bold">
                    {t(`log.kind.${e.kind}` as MessageKey, {
                      from: e.fromStage ? t(`stage.${e.fromStage}` as MessageKey) : '',
                      to: e.toStage ? t(`stage.${e.toStage}` as MessageKey) : '',
                      version: e.version ?? '',
                    })}
                  </Typography>
                  <Typography variant="pi" textColor="neutral600">
                    {' '}
                    · {e.actorName ?? e.actor} · {new Date(e.createdAt).toLocaleString()}
                  </Typography>
                  {e.comment ? (
                    <Box>
                      <Typography variant="pi">“{e.comment}”</Typography>
                    </Box>
                  ) : null}
                </Box>
              ))}
            </Flex>
          </Section>
        </>
      ) : null}
      <Divider />
    </Flex>
  );
}

interface I18nQuery {
  plugins?: { i18n?: { locale?: string } };
}

/** The edit-view side panel for articles and answered questions. */
export const KildeWorkflowPanel: PanelComponent = (props: PanelComponentProps) => {
  const { t } = useT();
  const [{ query }] = useQueryParams<I18nQuery>();
  const type = workflowTypeOf(props.model);
  if (!type || props.activeTab === 'published') return null;
  const locale =
    (props.document?.locale as string | undefined) ?? query.plugins?.i18n?.locale ?? 'nb';
  const doc = props.document as
    | { updatedAt?: string; publishedAt?: string | null; status?: string }
    | undefined;
  const refreshKey = [
    doc?.updatedAt,
    doc?.publishedAt,
    doc?.status,
    ...(props.meta?.availableStatus ?? []).map(
      (v) => `${String(v.publishedAt)}@${String(v.updatedAt)}`,
    ),
  ].join('|');
  return {
    title: t('panel.title'),
    content: (
      <WorkflowPanel
        key={`${props.documentId ?? 'new'}:${locale}`}
        type={type}
        documentId={props.documentId}
        locale={locale}
        refreshKey={refreshKey}
      />
    ),
  };
};
