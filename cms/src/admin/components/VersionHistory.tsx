import * as React from 'react';
import { Badge, Box, Button, Flex, Modal, TextButton, Typography } from '@strapi/design-system';
import { useNotification } from '@strapi/admin/strapi-admin';
import {
  errorMessage,
  useKildeApi,
  useKildeQuery,
  useT,
  type VersionDiff,
  type VersionEntry,
  type WorkflowTypeName,
} from '../kilde-api';

function DiffText({ ops }: { ops: VersionDiff['fields'][number]['ops'] }) {
  return (
    <Box
      tag="pre"
      padding={2}
      background="neutral100"
      hasRadius
      style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontFamily: 'inherit' }}
    >
      {ops.map((op, i) => {
        if (op.op === 'equal') return <span key={i}>{op.text}</span>;
        return (
          <Box
            key={i}
            tag={op.op === 'insert' ? 'ins' : 'del'}
            background={op.op === 'insert' ? 'success100' : 'danger100'}
            color={op.op === 'insert' ? 'success700' : 'danger700'}
            data-diff={op.op}
          >
            {op.text}
          </Box>
        );
      })}
    </Box>
  );
}

/** Published versions of a variant (who, when, change note), a diff between two, and restore. */
export function VersionHistory({
  type,
  documentId,
  locale,
  refreshKey,
  onRestored,
}: {
  type: WorkflowTypeName;
  documentId: string;
  locale: string;
  refreshKey: string;
  onRestored: () => void;
}) {
  const { t } = useT();
  const api = useKildeApi();
  const { toggleNotification } = useNotification();
  const versions = useKildeQuery<VersionEntry[]>(
    `/revisions/${type}/${documentId}/${locale}`,
    refreshKey,
  );
  const [diff, setDiff] = React.useState<VersionDiff | null>(null);

  const compare = async (from: number, to: number) => {
    try {
      setDiff(
        await api.get<VersionDiff>(
          `/revisions/${type}/${documentId}/${locale}/diff?from=${from}&to=${to}`,
        ),
      );
    } catch (err) {
      toggleNotification({ type: 'danger', message: errorMessage(err) });
    }
  };
  const restore = async (version: number) => {
    try {
      await api.post(`/revisions/${type}/${documentId}/${locale}/restore`, { version });
      toggleNotification({ type: 'success', message: t('history.restored', { version }) });
      onRestored();
    } catch (err) {
      toggleNotification({ type: 'danger', message: errorMessage(err) });
    }
  };

  const list = (versions.data ?? []).filter(
    (v) => v.event === 'published' || v.event === 'updated',
  );
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="kilde-history">
      {list.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">
          {t('history.none')}
        </Typography>
      ) : null}
      {list.slice(0, 8).map((v, i) => {
        const previous = list[i + 1];
        return (
          <Box key={v.version} paddingBottom={2}>
            <Flex gap={2} wrap="wrap">
              <Badge size="S">{t('history.version', { version: v.version })}</Badge>
              <Typography variant="pi" textColor="neutral600">
                {new Date(v.createdAt).toLocaleString()} · {v.actorName ?? '—'}
              </Typography>
            </Flex>
            {v.changeNote ? (
              <Typography variant="pi">
                {t(`changeNote.${v.changeNote.kind}`)}
                {v.changeNote.text ? `: ${v.changeNote.text}` : ''}
              </Typography>
            ) : null}
            <Flex gap={3}>
              {previous ? (
                <TextButton onClick={() => void compare(previous.version, v.version)}>
                  {t('history.compare')}
                </TextButton>
              ) : null}
              {i > 0 ? (
                <TextButton onClick={() => void restore(v.version)}>
                  {t('history.restore')}
                </TextButton>
              ) : null}
            </Flex>
          </Box>
        );
      })}
      <Modal.Root open={diff !== null} onOpenChange={(open: boolean) => !open && setDiff(null)}>
        <Modal.Content>
          <Modal.Header>
            <Modal.Title>
              {diff ? t('history.diffTitle', { from: diff.from, to: diff.to }) : ''}
            </Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={4} data-testid="kilde-diff">
              {diff?.fields.map((f) => (
                <Box key={f.field}>
                  <Typography variant="sigma" textColor="neutral600">
                    {f.field}{' '}
                    {f.changed ? `(+${f.inserted} / −${f.deleted})` : `(${t('history.unchanged')})`}
                  </Typography>
                  {f.changed ? <DiffText ops={f.ops} /> : null}
                </Box>
              ))}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('history.close')}</Button>
            </Modal.Close>
          </Modal.Footer>
        </Modal.Content>
      </Modal.Root>
    </Flex>
  );
}
