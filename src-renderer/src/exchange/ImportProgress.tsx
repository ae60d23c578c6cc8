/** The wizard's last step: the import with its progress, counts, ETA and a confirmed cancel, then its summary. */
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Pagination, Paper, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { navigate } from '../lib/router';
import type { Output } from '../../../src-main/contract/index';
import { Count } from './WizardReport';
import type { Summary, WizardModel } from './wizard-model';

/** Step 6: the import running (or found running again), then what it did. */
export function ImportStep({ w }: { w: WizardModel }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid="ex-step-import" data-done={String(w.done)}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm" fw={600} data-testid="ex-phase">
            {w.done
              ? t('exchange.summary')
              : w.status?.status === 'cancelled'
                ? t('exchange.cancelled')
                : w.status?.error
                  ? t('exchange.failed', { e: w.status.error })
                  : w.status?.phase === 'applying'
                    ? t('exchange.applying')
                    : t('exchange.staging')}
          </Text>
          <Group gap="xs" wrap="nowrap">
            {w.status && (
              <Text size="xs" className="sn-num" data-testid="ex-progress-text">
                {w.running && w.status.total === 0
                  ? t('exchange.starting')
                  : t('exchange.progress', { done: w.status.done, total: Math.max(w.status.total, w.status.done) })}
                {w.running && w.status.etaSeconds !== null ? ` · ${t('exchange.eta', { s: w.status.etaSeconds })}` : ''}
                {w.status.rejected !== null && w.status.rejected > 0 ? ` · ${t('exchange.rejected')} ${w.status.rejected}` : ''}
              </Text>
            )}
            {w.running && (
              <Button size="compact-xs" color="red" variant="light" onClick={() => w.askCancel()} data-testid="ex-cancel">
                {t('exchange.cancel')}
              </Button>
            )}
          </Group>
        </Group>
        {!w.start?.duplicateFile && (
          <Progress
            value={w.pct}
            animated={w.running}
            color={w.done ? 'teal' : w.status?.status === 'cancelled' || w.status?.error ? 'gray' : 'blue'}
            data-testid="ex-progress"
            aria-label={w.status ? t('exchange.progress', { done: w.status.done, total: w.status.total }) : ''}
          />
        )}
        {w.start?.duplicateFile && (
          <Alert color="orange" data-testid="ex-duplicate">
            {t('exchange.duplicate')}
          </Alert>
        )}
        {w.start?.resumed && (
          <Alert color="blue" variant="light">
            {t('exchange.resumed')}
          </Alert>
        )}
        {w.reattached && (
          <Alert color="blue" variant="light" data-testid="ex-reattached">
            {t('exchange.reattached')}
          </Alert>
        )}
        {w.summary && w.importId !== null && <ImportSummary summary={w.summary} importId={w.importId} />}
        <Group justify="flex-end">
          {(w.done || w.status?.status === 'cancelled' || w.status?.error) && (
            <Button size="xs" variant="default" onClick={w.reset} data-testid="ex-another">
              {t('exchange.another')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

/** An import's summary (docs/rules/assistance.md §6 keys): counts, the rejected rows and the unknown persons, paged. */
export function ImportSummary({ summary, importId }: { summary: Summary; importId: number }) {
  const { t } = useTranslation();
  const [unknown, setUnknown] = useState<Output<'exchange.unknownPersons'> | null>(null);
  const [uPage, setUPage] = useState(1);
  const [rPage, setRPage] = useState(1);
  useEffect(() => {
    if (summary.unknownPersons === 0) return;
    let live = true;
    call('exchange.unknownPersons', { importId, page: uPage, pageSize: 10 })
      .then((r) => {
        if (live) setUnknown(r);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [importId, uPage, summary.unknownPersons]);
  return (
    <Stack gap="xs" data-testid="ex-summary">
      <Text size="xs">
        {t('exchange.file')}: <b>{summary.file}</b> · {t('exchange.sha256')}:{' '}
        <span className="sn-mono" data-testid="ex-sha">
          {summary.sha256}
        </span>
      </Text>
      <Group gap="lg">
        <Count label={t('exchange.rowsRead')} n={summary.rowsRead} testid="ex-s-read" />
        <Count label={t('exchange.accepted')} n={summary.accepted} testid="ex-s-accepted" color="teal" />
        <Count
          label={t('exchange.rejected')}
          n={summary.rejected.length}
          testid="ex-s-rejected"
          color={summary.rejected.length ? 'red' : undefined}
        />
        <Count label={t('exchange.matchedPersons')} n={summary.matchedPersons} testid="ex-s-matched" />
        <Count label={t('exchange.unknownPersons')} n={summary.unknownPersons} testid="ex-s-unknown" />
        <Count
          label={t('exchange.warningsRaised')}
          n={summary.warningsRaised}
          testid="ex-s-warnings"
          color={summary.warningsRaised ? 'orange' : undefined}
        />
        {summary.warningsRaised > 0 && (
          <Button size="compact-xs" variant="light" onClick={() => navigate('/monitoring')} data-testid="ex-open-monitoring">
            {t('exchange.openMonitoring')}
          </Button>
        )}
      </Group>
      <SimpleGrid cols={2} spacing="xs">
        <div>
          {summary.rejected.length > 0 && (
            <>
              <Text size="xs" fw={600}>
                {t('exchange.rejectedList')}
              </Text>
              <Table fz="xs" verticalSpacing={1} data-testid="ex-rejected" style={{ tableLayout: 'fixed' }}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={50}>{t('exchange.row')}</Table.Th>
                    <Table.Th w={110}>{t('exchange.column')}</Table.Th>
                    <Table.Th>{t('exchange.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {summary.rejected.slice((rPage - 1) * 8, rPage * 8).map((r, i) => (
                    <Table.Tr key={i} data-testid="ex-rejected-row" data-row={r.row}>
                      <Table.Td>{r.row}</Table.Td>
                      <Table.Td>{r.column}</Table.Td>
                      <Table.Td style={{ wordBreak: 'break-word' }}>{r.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {summary.rejected.length > 8 && (
                <Pagination size="xs" mt={4} total={Math.ceil(summary.rejected.length / 8)} value={rPage} onChange={setRPage} />
              )}
            </>
          )}
        </div>
        <div>
          {summary.unknownPersons > 0 && unknown && (
            <>
              <Text size="xs" fw={600}>
                {t('exchange.unknownList')}
              </Text>
              <Table fz="xs" verticalSpacing={1} data-testid="ex-unknown">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('exchange.idNumber')}</Table.Th>
                    <Table.Th>{t('exchange.name')}</Table.Th>
                    <Table.Th>{t('exchange.firstRow')}</Table.Th>
                    <Table.Th>{t('exchange.rows')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {unknown.items.map((u) => (
                    <Table.Tr key={u.idNumber} data-testid="ex-unknown-row">
                      <Table.Td className="sn-mono">{u.idNumber}</Table.Td>
                      <Table.Td>{u.name ?? '—'}</Table.Td>
                      <Table.Td>{u.firstRow}</Table.Td>
                      <Table.Td>{u.rows}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {unknown.total > 10 && (
                <Pagination size="xs" mt={4} total={Math.ceil(unknown.total / 10)} value={uPage} onChange={setUPage} />
              )}
            </>
          )}
        </div>
      </SimpleGrid>
    </Stack>
  );
}
