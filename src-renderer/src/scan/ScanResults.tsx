/** A scan's results by kind and area, a page at a time, each change with its key reasons; a manager proposes from here. */
import { Fragment, useEffect, useState } from 'react';
import { Badge, Button, Group, NativeSelect, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { SCAN_KINDS } from '../../../src-main/common/codes';
import { ErrorAlert, errorText } from '../lib/errors';
import { enumLabel, money } from '../lib/format';
import { ExportButton, ListPager, listSort, useListState } from '../components/ListKit';
import { SortTh } from '../components/SortTh';
import { SCAN_SORT_KEYS } from '../../../src-main/contract/scan';
import { navigate } from '../lib/router';
import { useAreas, villageOptions } from '../lib/areas';

type Status = NonNullable<Output<'scan.status'>>;
type Results = Output<'scan.results'>;
type Kind = (typeof SCAN_KINDS)[number];
const PAGE_SIZE = 25;

export function ScanResults({ status }: { status: Status }) {
  const { t, i18n } = useTranslation();
  const areas = useAreas();
  const firstKind = SCAN_KINDS.find((k) => (status.counts[k] ?? 0) > 0) ?? 'newly_eligible';
  const [kind, setKind] = useState<Kind>(firstKind);
  const [townshipId, setTownshipId] = useState<string>('');
  const [villageId, setVillageId] = useState<string>('');
  const { page, setPage, sort, setSort } = useListState();
  const [res, setRes] = useState<Results | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [proposals, setProposals] = useState<Record<number, number | string>>({});

  const filter = {
    id: status.id,
    kind,
    ...(villageId ? { villageId: Number(villageId) } : townshipId ? { townshipId: Number(townshipId) } : {}),
    sort: listSort(sort, SCAN_SORT_KEYS),
  };
  const key = JSON.stringify(filter);
  useEffect(() => {
    let live = true;
    call('scan.results', { ...JSON.parse(key), page, pageSize: PAGE_SIZE })
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
  }, [key, page, i18n.language]);

  async function propose(householdId: number) {
    try {
      const r = await call('determinations.propose', {
        householdId,
        source: 'scan',
        scanId: status.id,
        referenceDate: status.referenceDate,
      });
      setProposals((p) => ({ ...p, [householdId]: r.id }));
      notifications.show({ color: 'teal', message: t('screening.proposed', { id: r.id }) });
    } catch (e) {
      setProposals((p) => ({ ...p, [householdId]: e instanceof ApiError ? e.message : errorText(e) }));
    }
  }

  const townships = areas.filter((a) => a.level === 'township');
  const villages = villageOptions(areas, townshipId);
  return (
    <Paper withBorder p="xs" data-testid="scan-results">
      <Group justify="space-between" wrap="nowrap" mb={6}>
        <SegmentedControl
          size="xs"
          value={kind}
          onChange={(v) => {
            setKind(SCAN_KINDS.find((k) => k === v) ?? kind);
            setPage(1);
            setOpen(new Set());
          }}
          data-testid="scan-kinds"
          data={SCAN_KINDS.map((k) => ({ value: k, label: `${enumLabel('scanKind', k)} ${status.counts[k] ?? 0}` }))}
        />
        <Text size="xs" c="dimmed" data-testid="scan-unchanged">
          {t('scan.unchanged', { n: status.counts.unchanged ?? 0 })}
        </Text>
      </Group>
      <Group gap="xs" align="flex-end" mb={6}>
        <NativeSelect
          size="xs"
          w={170}
          label={t('scan.township')}
          value={townshipId}
          data-testid="scan-township"
          onChange={(e) => {
            setTownshipId(e.currentTarget.value);
            setVillageId('');
            setPage(1);
          }}
          data={[{ value: '', label: t('scan.anyTownship') }, ...townships.map((a) => ({ value: String(a.id), label: a.name }))]}
        />
        <NativeSelect
          size="xs"
          w={190}
          label={t('scan.village')}
          value={villageId}
          data-testid="scan-village"
          onChange={(e) => {
            setVillageId(e.currentTarget.value);
            setPage(1);
          }}
          data={[{ value: '', label: t('scan.anyVillage') }, ...villages]}
        />
        <Text size="sm" data-testid="scan-total">
          {res ? t('common.total', { n: res.total }) : ''}
        </Text>
        <Group ml="auto">
          <ExportButton run={() => call('scan.exportXlsx', filter)} testid="scan-export" onError={setError} />
        </Group>
      </Group>
      <ErrorAlert error={error} />
      {res && res.rows.length === 0 && (
        <Text c="dimmed" size="sm" data-testid="scan-no-results">
          {t('scan.noResults')}
        </Text>
      )}
      {res && res.rows.length > 0 && (
        <Table verticalSpacing={3} fz="xs" striped data-testid="scan-table" style={{ tableLayout: 'fixed' }}>
          <Table.Thead>
            <Table.Tr>
              <SortTh w={60} label="#" k="householdId" sort={sort} onSort={setSort} />
              <SortTh w={90} label={t('scan.head')} k="headName" sort={sort} onSort={setSort} />
              <SortTh w={160} label={t('scan.village')} k="area" sort={sort} onSort={setSort} />
              <SortTh label={t('scan.tier')} k="newTier" sort={sort} onSort={setSort} />
              <SortTh w={190} num label={t('scan.benefit')} k="newBenefitFen" sort={sort} onSort={setSort} />
              <Table.Th w={110}>{t('scan.reasons')}</Table.Th>
              <Table.Th w={150} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {res.rows.map((r) => {
              const p = proposals[r.householdId];
              const isOpen = open.has(r.id);
              return (
                <Fragment key={r.id}>
                  <Table.Tr data-testid="scan-row" data-household={r.householdId} data-village={r.village} data-township={r.township}>
                    <Table.Td>
                      <a
                        href={`#/households/${r.householdId}`}
                        onClick={(e) => {
                          e.preventDefault();
                          navigate(`/households/${r.householdId}`);
                        }}
                        data-testid="scan-row-link"
                      >
                        {r.householdId}
                      </a>
                    </Table.Td>
                    <Table.Td>{r.headName}</Table.Td>
                    <Table.Td>
                      {r.township} · {r.village}
                    </Table.Td>
                    <Table.Td>
                      {enumLabel('tier', r.oldTier ?? 'none')} → <b>{enumLabel('tier', r.newTier)}</b>
                    </Table.Td>
                    <Table.Td className="sn-num">
                      {money(r.oldBenefitFen)} → <b>{money(r.newBenefitFen)}</b>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        aria-expanded={isOpen}
                        data-testid="scan-reasons-toggle"
                        onClick={() =>
                          setOpen((s) => {
                            const n = new Set(s);
                            if (n.has(r.id)) n.delete(r.id);
                            else n.add(r.id);
                            return n;
                          })
                        }
                      >
                        {isOpen ? t('scan.hideReasons') : t('scan.showReasons', { n: r.reasons.length })}
                      </Button>
                    </Table.Td>
                    <Table.Td>
                      {typeof p === 'number' ? (
                        <Badge color="teal" data-testid="scan-proposed">
                          {t('scan.proposed', { id: p })}
                        </Badge>
                      ) : (
                        <Button size="compact-xs" onClick={() => void propose(r.householdId)} data-testid="scan-propose">
                          {t('scan.propose')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                  {typeof p === 'string' && (
                    <Table.Tr>
                      <Table.Td colSpan={7}>
                        <Text size="xs" c="red.8" data-testid="scan-propose-error">
                          {p}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  )}
                  {isOpen && (
                    <Table.Tr>
                      <Table.Td colSpan={7} bg="gray.0">
                        <Stack gap={1} data-testid="scan-reasons">
                          {r.reasons.map((x, i) => (
                            <Text key={i} size="xs" style={{ wordBreak: 'break-word' }}>
                              · {x}
                            </Text>
                          ))}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {res && res.total > 0 && <ListPager total={res.total} page={page} pageSize={PAGE_SIZE} onPage={setPage} testid="scan" />}
    </Paper>
  );
}
