import * as React from 'react';
import { Badge, Box, Flex, Loader, Typography } from '@strapi/design-system';
import type { GateCheck, GateResult } from '../kilde-api';
import { useT } from '../kilde-api';

const severityVariant = { error: 'danger', warning: 'warning', info: 'neutral' } as const;

/** The gate's verdict and findings (rule, severity, message, line) plus the readability figures. */
export function GateResults({
  result,
  checking,
}: {
  result: GateResult | null;
  checking: boolean;
}) {
  const { t, isNorwegian } = useT();
  if (!result) {
    return (
      <Flex gap={2}>
        <Loader small />
        <Typography variant="pi">{t('gate.checking')}</Typography>
      </Flex>
    );
  }
  const errors = result.checks.filter((c) => c.severity === 'error');
  const shown = result.checks.filter((c) => c.severity !== 'info' || c.rule !== 'readability-lix');
  const r = result.readability;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="kilde-gate">
      <Flex gap={2} justifyContent="space-between">
        <Badge
          variant={result.passed ? 'success' : 'danger'}
          data-testid="kilde-gate-verdict"
          data-passed={String(result.passed)}
        >
          {result.passed ? t('gate.passed') : t('gate.failed', { count: errors.length })}
        </Badge>
        {checking ? <Loader small /> : null}
      </Flex>
      <Box tag="ul" data-testid="kilde-gate-checks">
        {shown.map((check: GateCheck, i: number) => (
          <Box
            tag="li"
            key={`${check.rule}-${i}`}
            paddingBottom={2}
            data-rule={check.rule}
            data-severity={check.severity}
          >
            <Flex gap={1} wrap="wrap">
              <Badge size="S" variant={severityVariant[check.severity]}>
                {t(`gate.severity.${check.severity}`)}
              </Badge>
              <Typography variant="pi" fontWeight="bold">
                {check.rule}
              </Typography>
              {check.line ? (
                <Typography variant="pi" textColor="neutral600">
                  ({t('gate.line', { line: check.line })})
                </Typography>
              ) : null}
            </Flex>
            <Typography variant="pi" textColor="neutral800">
              {isNorwegian ? check.messageNb : check.message}
            </Typography>
          </Box>
        ))}
      </Box>
      <Box paddingTop={1}>
        <Typography variant="sigma" textColor="neutral600">
          {t('lix.title')}
        </Typography>
        <Box>
          <Typography variant="omega" fontWeight="bold" data-testid="kilde-lix">
            {t('lix.value', { lix: r.lix.toFixed(1), level: r.level })}
          </Typography>
        </Box>
        <Typography variant="pi" textColor="neutral600">
          {t('lix.details', {
            words: r.words,
            sentences: r.sentences,
            longSentences: `${Math.round(r.longSentenceShare * 100)} %`,
            longWords: `${Math.round(r.longWordShare * 100)} %`,
          })}
        </Typography>
      </Box>
    </Flex>
  );
}
