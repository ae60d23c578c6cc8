/**
 * Exchange 数据交换 (UX.md): the import wizard (file → source → column mapping → preview →
 * validation report → import with progress and cancel → summary), the history of every file
 * ever imported with its SHA-256, and the export of verification requests per department.
 */
import { useEffect, useState } from 'react';
import { Badge, Group, NativeSelect, Pagination, Stack, Table, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { useSession } from '../session';
import { ErrorAlert } from '../lib/errors';
import { date, dateTime } from '../lib/format';
import { ImportWizard } from './ImportWizard';
import { ExportRequests } from './ExportRequests';
import { StationPackagesTab } from '../stations/StationPackages';
import { sizeText } from '../components/files';
import { asSource, useSources, sourceName } from './sources';
import type { Output } from '../../../src-main/contract/index';

export function ExchangePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const canImport = user.role === 'clerk' || user.role === 'manager';
  const [tab, setTab] = useState<string | null>(canImport ? 'import' : 'history');
  return (
    <Stack gap="xs" data-testid="exchange-page">
      <Group gap="sm" wrap="nowrap">
        <Title order={2}>{t('exchange.title')}</Title>
        <Text size="sm" c="dimmed" truncate maw={700}>
          {t('exchange.subtitle')}
        </Text>
      </Group>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="import" data-testid="ex-tab-import">
            {t('exchange.tabImport')}
          </Tabs.Tab>
          <Tabs.Tab value="history" data-testid="ex-tab-history">
            {t('exchange.tabHistory')}
          </Tabs.Tab>
          <Tabs.Tab value="export" data-testid="ex-tab-export">
            {t('exchange.tabExport')}
          </Tabs.Tab>
          <Tabs.Tab value="stations" data-testid="ex-tab-stations">
            {t('stations.tabPackages')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="import" pt="xs">
          {canImport ? (
            <ImportWizard />
          ) : (
            <Text c="dimmed" data-testid="ex-import-readonly">
              {t('exchange.readOnlyImport')}
            </Text>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="xs">
          <ImportHistory />
        </Tabs.Panel>
        <Tabs.Panel value="export" pt="xs">
          <ExportRequests />
        </Tabs.Panel>
        <Tabs.Panel value="stations" pt="xs">
          <StationPackagesTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

type History = Output<'exchange.history'>;
const HISTORY_PAGE = 20;
const STATUS_COLOR: Record<string, string> = {
  running: 'blue',
  applied: 'teal',
  staging: 'yellow',
  staged: 'yellow',
  cancelled: 'gray',
  failed: 'red',
};

function ImportHistory() {
  const { t, i18n } = useTranslation();
  const sources = useSources();
  const [source, setSource] = useState('');
  const [page, setPage] = useState(1);
  const [res, setRes] = useState<History | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    const chosen = asSource(source);
    call('exchange.history', { ...(chosen ? { source: chosen } : {}), page, pageSize: HISTORY_PAGE })
      .then((r) => {
        if (live) {
          setRes(r);
          setError(null);
        }
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [source, page]);
  const pages = res ? Math.max(1, Math.ceil(res.total / HISTORY_PAGE)) : 1;
  return (
    <Stack gap="xs" data-testid="ex-history">
      <Group gap="xs" align="flex-end">
        <NativeSelect
          size="xs"
          w={260}
          label={t('exchange.source')}
          value={source}
          data-testid="ex-history-source"
          onChange={(e) => {
            setSource(e.currentTarget.value);
            setPage(1);
          }}
          data={[
            { value: '', label: t('exchange.allSources') },
            ...sources.map((s) => ({ value: s.source, label: sourceName(s, i18n.language) })),
          ]}
        />
        <Text size="sm" data-testid="ex-history-total">
          {res ? t('common.total', { n: res.total }) : ''}
        </Text>
      </Group>
      <ErrorAlert error={error} />
      {res && res.items.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('exchange.historyEmpty')}
        </Text>
      )}
      {res && res.items.length > 0 && (
        <Table fz="xs" verticalSpacing={3} striped style={{ tableLayout: 'fixed' }} data-testid="ex-history-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={44}>#</Table.Th>
              <Table.Th>{t('exchange.file')}</Table.Th>
              <Table.Th w={92}>{t('exchange.fileDateCol')}</Table.Th>
              <Table.Th w={150}>{t('exchange.startedAt')}</Table.Th>
              <Table.Th w={80}>{t('exchange.status')}</Table.Th>
              <Table.Th w={300}>{t('exchange.summary')}</Table.Th>
              <Table.Th w={150}>{t('exchange.sha256')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {res.items.map((h) => {
              const s = sources.find((x) => x.source === h.source);
              return (
                <Table.Tr
                  key={h.id}
                  data-testid="ex-history-row"
                  data-id={h.id}
                  data-sha={h.sha256}
                  data-status={h.running ? 'running' : h.status}
                >
                  <Table.Td>{h.id}</Table.Td>
                  <Table.Td>
                    <Text size="xs" fw={600} truncate title={h.file}>
                      {h.file}
                    </Text>
                    <Text size="xs" c="dimmed" truncate>
                      {s ? sourceName(s, i18n.language) : h.source} · {h.format.toUpperCase()}
                      {h.encoding ? ` · ${h.encoding}` : ''} · {sizeText(h.bytes)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{date(h.fileDate)}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{dateTime(h.startedAt)}</Text>
                    <Text size="xs" c="dimmed">
                      {h.startedBy}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={h.error ?? ''} disabled={!h.error}>
                      <Badge
                        size="sm"
                        variant="light"
                        color={STATUS_COLOR[h.running ? 'running' : h.status] ?? 'gray'}
                        data-testid="ex-history-status"
                      >
                        {t(`exchange.statusText.${h.running ? 'running' : h.status}`, { defaultValue: h.status })}
                      </Badge>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" data-testid="ex-history-counts">
                      {t('exchange.rowsRead')} {h.rowsRead} · {t('exchange.accepted')} {h.accepted ?? '—'} · {t('exchange.rejected')}{' '}
                      {h.rejected ?? '—'} · {t('exchange.matchedPersons')} {h.matchedPersons ?? '—'} · {t('exchange.unknownPersons')}{' '}
                      {h.unknownPersons ?? '—'} · {t('exchange.warningsRaised')} {h.warningsRaised ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={h.sha256} multiline w={300}>
                      <Text size="xs" className="sn-mono" truncate tabIndex={0} aria-label={h.sha256}>
                        {h.sha256.slice(0, 16)}…
                      </Text>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {pages > 1 && (
        <Group justify="center">
          <Pagination size="sm" total={pages} value={page} onChange={setPage} />
        </Group>
      )}
    </Stack>
  );
}
