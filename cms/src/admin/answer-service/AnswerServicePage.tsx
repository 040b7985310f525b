import * as React from 'react';
import { Badge, Box, Button, Field, Flex, Textarea, TextInput, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
// Types only: the server's shapes are the contract.
import type { QueueItem, QuestionDetail } from '../../answer-service/types';
import type { GateResult } from '../../quality-gate';
import { errorMessage, useKildeApi } from '../kilde-api';
import { answerEn, type AnswerMessageKey } from './messages';

const PROFESSIONS = ['nurse', 'health-visitor', 'doctor', 'psychologist', 'midwife', 'lawyer', 'social-worker', 'nutritionist', 'dentist', 'physiotherapist', 'pharmacist', 'other'] as const;

function useAnswerT() {
  const { formatMessage, formatDate } = useIntl();
  const t = React.useCallback(
    (key: AnswerMessageKey, values?: Record<string, string | number>) => formatMessage({ id: `kilde.${key}`, defaultMessage: answerEn[key] }, values),
    [formatMessage],
  );
  const date = React.useCallback((iso: string | null) => (iso ? formatDate(new Date(iso), { day: 'numeric', month: 'short', year: 'numeric' }) : ''), [formatDate]);
  return { t, date };
}

interface Queue {
  open: QueueItem[];
  answered: QueueItem[];
  responseWorkingDays: number;
}

const selectStyle: React.CSSProperties = { width: '100%', padding: '8px', borderRadius: 4, border: '1px solid #dcdce4', font: 'inherit' };

function CrisisBadge({ item }: { item: QueueItem }) {
  const { t } = useAnswerT();
  if (item.crisis && item.crisisSeverity === 'acute') return <Badge backgroundColor="danger100" textColor="danger700">{t('answers.crisis.acute')}</Badge>;
  if (item.crisis) return <Badge backgroundColor="danger100" textColor="danger700">{t('answers.crisis')}</Badge>;
  if (item.crisisSeverity !== 'none') return <Badge backgroundColor="warning100" textColor="warning700">{t('answers.concern')}</Badge>;
  return null;
}

function Row({ item, selected, onSelect }: { item: QueueItem; selected: boolean; onSelect: () => void }) {
  const { t, date } = useAnswerT();
  return (
    <Box
      padding={3}
      marginBottom={2}
      hasRadius
      background={selected ? 'primary100' : 'neutral0'}
      borderColor={item.overdue ? 'danger600' : 'neutral200'}
      data-testid="kilde-answer-row"
      data-question-id={item.id}
    >
      <Flex gap={2} wrap="wrap" paddingBottom={1}>
        <CrisisBadge item={item} />
        <Badge>{t(`answers.status.${item.status}` as AnswerMessageKey)}</Badge>
        {item.claimedByName && item.status !== 'answered' ? <Typography variant="pi">{t('answers.claimedBy', { name: item.claimedByName })}</Typography> : null}
        {item.overdue ? <Badge backgroundColor="danger100" textColor="danger700">{t('answers.overdue')}</Badge> : null}
        {item.status === 'answered' ? <Badge>{item.consent ? t('answers.consent') : t('answers.noConsent')}</Badge> : null}
        {item.publishedDocId ? <Badge backgroundColor="success100" textColor="success700">{t('answers.published')}</Badge> : null}
        {item.readAt ? <Badge>{t('answers.read')}</Badge> : null}
      </Flex>
      <Typography>{item.excerpt}</Typography>
      <Flex gap={3} paddingTop={1} justifyContent="space-between">
        <Typography variant="pi" textColor="neutral600">
          {item.locale} · {item.ageBand} · {t('answers.age')} {date(item.createdAt)} ({t('answers.workingDays', { n: item.ageWorkingDays })}) · {t('answers.due')} {date(item.dueAt)}
        </Typography>
        <Button variant="tertiary" size="S" onClick={onSelect}>
          {t('answers.select')}
        </Button>
      </Flex>
    </Box>
  );
}

function GateView({ gate }: { gate: GateResult }) {
  const { t } = useAnswerT();
  const errors = gate.checks.filter((c) => c.severity === 'error');
  return (
    <Box paddingTop={2} data-testid="kilde-answer-gate">
      <Typography fontWeight="bold" textColor={gate.passed ? 'success600' : 'danger600'}>
        {gate.passed ? t('answers.gate.passed') : t('answers.gate.failed', { count: errors.length })}
      </Typography>
      <ul>
        {gate.checks
          .filter((c) => c.severity !== 'info')
          .map((c, i) => (
            <li key={`${c.rule}-${i}`}>
              <Typography variant="pi">
                {c.severity}: {c.rule}
                {c.line ? ` (${c.line})` : ''} – {c.message}
              </Typography>
            </li>
          ))}
      </ul>
    </Box>
  );
}

function Detail({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t } = useAnswerT();
  const api = useKildeApi();
  const [q, setQ] = React.useState<QuestionDetail | null>(null);
  const [answer, setAnswer] = React.useState('');
  const [profession, setProfession] = React.useState('nurse');
  const [gate, setGate] = React.useState<GateResult | null>(null);
  const [message, setMessage] = React.useState<{ ok: boolean; text: string } | null>(null);
  const [comment, setComment] = React.useState('');
  const [secondProfession, setSecondProfession] = React.useState('psychologist');
  const [title, setTitle] = React.useState('');
  const [busy, setBusy] = React.useState(false);

  const load = React.useCallback(async () => {
    const d = await api.get<QuestionDetail>(`/answer-service/questions/${id}`);
    setQ(d);
    setAnswer(d.answer ?? '');
    if (d.answererProfession) setProfession(d.answererProfession);
  }, [api, id]);
  React.useEffect(() => {
    setMessage(null);
    setGate(null);
    load().catch((err: unknown) => setMessage({ ok: false, text: errorMessage(err) }));
  }, [load]);

  const act = async (path: string, body: unknown, done?: string) => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await api.post<QuestionDetail | { gate?: GateResult; question?: QuestionDetail; documentId?: string }>(`/answer-service/questions/${id}${path}`, body);
      const r = result as { gate?: GateResult; question?: QuestionDetail; documentId?: string };
      if (r.gate) setGate(r.gate);
      setQ(r.question ?? (result as QuestionDetail));
      if (done) setMessage({ ok: true, text: r.documentId ? t('answers.publish.done', { id: r.documentId }) : done });
      onChanged();
    } catch (err) {
      const e = err as { response?: { data?: { error?: { details?: { gate?: GateResult['checks'] } } } } };
      const checks = e.response?.data?.error?.details?.gate;
      if (checks) setGate({ passed: false, checks } as GateResult);
      setMessage({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  const checkGate = async () => setGate(await api.post<GateResult>(`/answer-service/questions/${id}/gate`, { answer }));

  if (!q) return message ? <Typography textColor="danger600">{message.text}</Typography> : null;
  const can = (a: QuestionDetail['actions'][number]) => q.actions.includes(a);
  const scrubbed = Object.entries(q.scrubbed)
    .map(([k, n]) => `${k} × ${n}`)
    .join(', ');
  return (
    <Box padding={4} background="neutral0" hasRadius shadow="tableShadow" data-testid="kilde-answer-detail">
      <Flex gap={2} paddingBottom={2} wrap="wrap">
        <Typography variant="beta" tag="h2">
          {t('answers.detail')}
        </Typography>
        <CrisisBadge item={q} />
        <Badge data-testid="kilde-answer-status">{t(`answers.status.${q.status}` as AnswerMessageKey)}</Badge>
      </Flex>
      <Box padding={3} background="neutral100" hasRadius>
        <Typography data-testid="kilde-answer-question" style={{ whiteSpace: 'pre-wrap' }}>
          {q.text}
        </Typography>
      </Box>
      {scrubbed ? (
        <Typography variant="pi" textColor="neutral600">
          {t('answers.scrubbed', { list: scrubbed })}
        </Typography>
      ) : null}
      {q.originalText ? (
        <Box padding={3} marginTop={2} background="danger100" hasRadius data-testid="kilde-answer-original">
          <Typography variant="pi" fontWeight="bold">
            {t('answers.original')}
          </Typography>
          <Typography style={{ whiteSpace: 'pre-wrap', display: 'block' }}>{q.originalText}</Typography>
        </Box>
      ) : null}

      <Flex gap={2} paddingTop={3} wrap="wrap">
        {can('claim') ? (
          <Button onClick={() => void act('/claim', {})} loading={busy}>
            {t('answers.claim')}
          </Button>
        ) : null}
        {can('release') ? (
          <Button variant="tertiary" onClick={() => void act('/release', {})} loading={busy}>
            {t('answers.release')}
          </Button>
        ) : null}
      </Flex>

      {q.secondOpinion ? (
        <Box paddingTop={3} data-testid="kilde-answer-second-opinion">
          <Typography fontWeight="bold">{t('answers.second.title')}: </Typography>
          <Typography>
            {q.secondOpinion.status === 'requested'
              ? t('answers.second.requested')
              : q.secondOpinion.status === 'approved'
                ? t('answers.second.approved', { name: q.secondOpinion.byName ?? '', profession: q.secondOpinion.profession ?? '' })
                : t('answers.second.changes', { name: q.secondOpinion.byName ?? '', profession: q.secondOpinion.profession ?? '', comment: q.secondOpinion.comment ?? '' })}
          </Typography>
        </Box>
      ) : null}

      {can('send') ? (
        <Box paddingTop={4}>
          <Field.Root name="kilde-answer-text">
            <Field.Label>{t('answers.answer')}</Field.Label>
            <Textarea value={answer} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setAnswer(e.target.value)} rows={10} />
          </Field.Root>
          <Box paddingTop={2}>
            <label htmlFor="kilde-answer-profession">
              <Typography variant="pi" fontWeight="bold">
                {t('answers.profession')}
              </Typography>
            </label>
            <select id="kilde-answer-profession" style={selectStyle} value={profession} onChange={(e) => setProfession(e.target.value)}>
              {PROFESSIONS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </Box>
          <Flex gap={2} paddingTop={3} wrap="wrap">
            <Button variant="secondary" onClick={() => void act('/save', { answer, profession }, t('answers.saved'))} loading={busy}>
              {t('answers.save')}
            </Button>
            <Button variant="tertiary" onClick={() => void checkGate()}>
              {t('answers.gate')}
            </Button>
            <Button variant="secondary" onClick={() => void act('/second-opinion/request', { answer, profession }, t('answers.saved'))} loading={busy}>
              {t('answers.requestSecond')}
            </Button>
            <Button onClick={() => void act('/send', { answer, profession }, t('answers.sent'))} loading={busy}>
              {t('answers.send')}
            </Button>
          </Flex>
        </Box>
      ) : q.answer ? (
        <Box paddingTop={3}>
          <Typography fontWeight="bold">{t('answers.answer')}</Typography>
          <Box padding={3} background="neutral100" hasRadius>
            <Typography style={{ whiteSpace: 'pre-wrap' }} data-testid="kilde-answer-sent">
              {q.answer}
            </Typography>
          </Box>
        </Box>
      ) : null}

      {can('give-second-opinion') ? (
        <Box paddingTop={4}>
          <Field.Root name="kilde-second-comment">
            <Field.Label>{t('answers.second.comment')}</Field.Label>
            <Textarea value={comment} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setComment(e.target.value)} />
          </Field.Root>
          <select aria-label={t('answers.profession')} style={{ ...selectStyle, marginTop: 8 }} value={secondProfession} onChange={(e) => setSecondProfession(e.target.value)}>
            {PROFESSIONS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <Flex gap={2} paddingTop={2}>
            <Button onClick={() => void act('/second-opinion', { verdict: 'approved', comment, profession: secondProfession }, t('answers.saved'))}>{t('answers.second.approve')}</Button>
            <Button variant="secondary" onClick={() => void act('/second-opinion', { verdict: 'changes-requested', comment, profession: secondProfession }, t('answers.saved'))}>
              {t('answers.second.changesButton')}
            </Button>
          </Flex>
        </Box>
      ) : null}

      {can('publish') ? (
        <Box paddingTop={4}>
          <Typography variant="delta" tag="h3">
            {t('answers.publish.title')}
          </Typography>
          <Typography variant="pi" textColor="neutral600">
            {t('answers.publish.help')}
          </Typography>
          <Field.Root name="kilde-publish-title">
            <Field.Label>{t('answers.publish.titleField')}</Field.Label>
            <TextInput value={title} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTitle(e.target.value)} />
          </Field.Root>
          <Box paddingTop={2}>
            <Button onClick={() => void act('/publish', { title: title || undefined }, t('answers.published'))} loading={busy}>
              {t('answers.publish.button')}
            </Button>
          </Box>
        </Box>
      ) : null}

      {gate ? <GateView gate={gate} /> : null}
      {message ? (
        <Box paddingTop={3}>
          <Typography textColor={message.ok ? 'success600' : 'danger600'} data-testid="kilde-answer-message">
            {message.text}
          </Typography>
        </Box>
      ) : null}
    </Box>
  );
}

/**
 * The answer service in the admin (`/admin/kilde-answers`): the queue by priority and age with
 * overdue flags, one question at a time to claim, answer (Markdown, profession, quality gate),
 * send for a second opinion, send, and — for editors, with consent — publish to the archive.
 * The server decides who may do what; this page shows the actions it offers.
 */
export default function AnswerServicePage() {
  const { t } = useAnswerT();
  const api = useKildeApi();
  const [queue, setQueue] = React.useState<Queue | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [selected, setSelected] = React.useState<string | null>(null);
  const [deflections, setDeflections] = React.useState<{ deflected: number; asked: number } | null>(null);
  const reload = React.useCallback(() => {
    api
      .get<Queue>('/answer-service/queue')
      .then((q) => {
        setQueue(q);
        setError(null);
      })
      .catch((err: unknown) => setError(errorMessage(err)));
    api
      .get<{ deflected: number; asked: number }[]>('/answer-service/deflections')
      .then((rows) => setDeflections(rows.reduce((a, r) => ({ deflected: a.deflected + r.deflected, asked: a.asked + r.asked }), { deflected: 0, asked: 0 })))
      .catch(() => undefined);
  }, [api]);
  React.useEffect(reload, [reload]);

  return (
    <Box padding={8} data-testid="kilde-answer-service-page">
      <Typography variant="alpha" tag="h1">
        {t('answers.title')}
      </Typography>
      <Box paddingTop={2} paddingBottom={4}>
        <Typography variant="epsilon" textColor="neutral600">
          {t('answers.subtitle', { days: queue?.responseWorkingDays ?? 5 })}
        </Typography>
        {deflections ? (
          <Typography variant="pi" textColor="neutral600" tag="p">
            {t('answers.deflections', deflections)}
          </Typography>
        ) : null}
      </Box>
      {error ? <Typography textColor="danger600">{error}</Typography> : null}
      <Flex gap={6} alignItems="flex-start" wrap="wrap">
        <Box style={{ flex: '1 1 380px', minWidth: 320 }}>
          <Typography variant="delta" tag="h2">
            {t('answers.open', { count: queue?.open.length ?? 0 })}
          </Typography>
          <Box paddingTop={2} data-testid="kilde-answer-queue">
            {queue && queue.open.length === 0 ? <Typography>{t('answers.none')}</Typography> : null}
            {queue?.open.map((item) => <Row key={item.id} item={item} selected={item.id === selected} onSelect={() => setSelected(item.id)} />)}
          </Box>
          <Box paddingTop={4}>
            <Typography variant="delta" tag="h2">
              {t('answers.answered', { count: queue?.answered.length ?? 0 })}
            </Typography>
            <Box paddingTop={2}>
              {queue?.answered.map((item) => <Row key={item.id} item={item} selected={item.id === selected} onSelect={() => setSelected(item.id)} />)}
            </Box>
          </Box>
        </Box>
        <Box style={{ flex: '1 1 480px', minWidth: 360 }}>{selected ? <Detail key={selected} id={selected} onChanged={reload} /> : null}</Box>
      </Flex>
    </Box>
  );
}
