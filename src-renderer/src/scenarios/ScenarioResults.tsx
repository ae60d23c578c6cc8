/** The households a scenario changes: filtered by kind, tier, township and village, sorted by any column on the server, paged, exported to XLSX. */
import { Fragment, useEffect, useState } from 'react';
import { Badge, Button, Group, NativeSelect, Pagination, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Input, Output } from '../../../src-main/contract/index';
import { SCAN_KINDS } from '../../../src-main/common/codes';
import { HOUSEHOLD_TIERS } from '../../../src-main/common/determination';
import { SCENARIO_SORTS } from '../../../src-main/contract/scenarios';
import { ErrorAlert } from '../lib/errors';
import { enumLabel, money } from '../lib/format';
import { downloadBase64 } from '../lib/policy';
import { navigate } from '../lib/router';
import { useAreas } from '../lib/areas';
import { SortTh, type Sort } from '../components/SortTh';

type Results = Output<'scenarios.results'>;
type Filter = Omit<Input<'scenarios.results'>, 'page' | 'pageSize'>;
const PAGE_SIZE = 25;

export function ScenarioResults({ runId }: { runId: number }) {
  const { t, i18n } = useTranslation();
  const areas = useAreas();
  const [kind, setKind] = useState('');
  const [tier, setTier] = useState('');
  const [townshipId, setTownshipId] = useState('');
  const [villageId, setVillageId] = useState('');
  const [sort, setSort] = useState<Sort>(null);
  const [page, setPage] = useState(1);
  const [res, setRes] = useState<Results | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [exporting, setExporting] = useState(false);

  const filter: Filter = {
    id: runId,
    kind: SCAN_KINDS.find((k) => k === kind),
    tier: HOUSEHOLD_TIERS.find((x) => x === tier),
    ...(villageId ? { villageId: Number(villageId) } : townshipId ? { townshipId: Number(townshipId) } : {}),
    sort: SCENARIO_SORTS.find((k) => k === sort?.key) ?? 'householdId',
    desc: sort?.dir === 'desc',
  };
  const key = JSON.stringify(filter);
  useEffect(() => {
    let live = true;
    const f: Filter = JSON.parse(key);
    call('scenarios.results', { ...f, page, pageSize: PAGE_SIZE })
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

  async function exportXlsx() {
    setExporting(true);
    try {
      const f = await call('scenarios.exportXlsx', filter);
      downloadBase64(f.fileName, f.base64, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      notifications.show({ color: 'teal', message: t('scenarios.exported', { n: f.rows, f: f.fileName }) });
    } catch (e) {
      setError(e);
    } finally {
      setExporting(false);
    }
  }
  const reset = (fn: () => void) => {
    fn();
    setPage(1);
    setOpen(new Set());
  };
  const townships = areas.filter((a) => a.level === 'township');
  const villages = areas.filter((a) => a.level === 'village' && (!townshipId || a.parentId === Number(townshipId)));
  const pages = res ? Math.max(1, Math.ceil(res.total / PAGE_SIZE)) : 1;
  const th = (k: (typeof SCENARIO_SORTS)[number], label: string, num?: boolean) => (
    <SortTh k={k} label={label} sort={sort} num={num} onSort={(s) => reset(() => setSort(s))} />
  );
  return (
    <Paper withBorder p="xs" data-testid="scenario-results">
      <Group gap="xs" align="flex-end" mb={6}>
        <Title order={5}>{t('scenarios.list')}</Title>
        <NativeSelect
          size="xs"
          w={130}
          aria-label={t('scenarios.kind.benefitChanged')}
          value={kind}
          data-testid="scenario-filter-kind"
          onChange={(e) => reset(() => setKind(e.currentTarget.value))}
          data={[{ value: '', label: t('scenarios.anyKind') }, ...SCAN_KINDS.map((k) => ({ value: k, label: enumLabel('scanKind', k) }))]}
        />
        <NativeSelect
          size="xs"
          w={150}
          aria-label={t('scenarios.tier')}
          value={tier}
          data-testid="scenario-filter-tier"
          onChange={(e) => reset(() => setTier(e.currentTarget.value))}
          data={[{ value: '', label: t('scenarios.anyTier') }, ...HOUSEHOLD_TIERS.map((k) => ({ value: k, label: enumLabel('tier', k) }))]}
        />
        <NativeSelect
          size="xs"
          w={150}
          aria-label={t('scenarios.township')}
          value={townshipId}
          data-testid="scenario-filter-township"
          onChange={(e) =>
            reset(() => {
              setTownshipId(e.currentTarget.value);
              setVillageId('');
            })
          }
          data={[{ value: '', label: t('scenarios.anyTownship') }, ...townships.map((a) => ({ value: String(a.id), label: a.name }))]}
        />
        <NativeSelect
          size="xs"
          w={150}
          aria-label={t('scenarios.village')}
          value={villageId}
          data-testid="scenario-filter-village"
          onChange={(e) => reset(() => setVillageId(e.currentTarget.value))}
          data={[{ value: '', label: t('scenarios.anyVillage') }, ...villages.map((a) => ({ value: String(a.id), label: a.name }))]}
        />
        <Text size="sm" data-testid="scenario-total">
          {res ? t('common.total', { n: res.total }) : ''}
        </Text>
        <Button size="xs" variant="default" ml="auto" loading={exporting} onClick={() => void exportXlsx()} data-testid="scenario-export">
          {t('scenarios.export')}
        </Button>
      </Group>
      <ErrorAlert error={error} />
      {res && res.rows.length === 0 && (
        <Text c="dimmed" size="sm" data-testid="scenario-no-results">
          {t('scenarios.noResults')}
        </Text>
      )}
      {res && res.rows.length > 0 && (
        <Table verticalSpacing={3} fz="xs" striped data-testid="scenario-table">
          <Table.Thead>
            <Table.Tr>
              {th('householdId', '#')}
              {th('headName', t('scenarios.head'))}
              {th('township', t('scenarios.township'))}
              {th('village', t('scenarios.village'))}
              {th('kind', t('scenarios.kind.benefitChanged'))}
              {th('persons', t('scenarios.persons'), true)}
              {th('beforeTier', t('scenarios.before'))}
              {th('afterTier', t('scenarios.after'))}
              {th('beforeFen', t('scenarios.before'), true)}
              {th('afterFen', t('scenarios.after'), true)}
              {th('deltaFen', t('scenarios.delta'), true)}
              <Table.Th>{t('scenarios.reasons')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {res.rows.map((r) => (
              <Fragment key={r.id}>
                <Table.Tr data-testid="scenario-row" data-household={r.householdId} data-delta={r.afterFen - r.beforeFen}>
                  <Table.Td>
                    <a
                      href={`#/households/${r.householdId}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(`/households/${r.householdId}`);
                      }}
                    >
                      {r.householdId}
                    </a>
                  </Table.Td>
                  <Table.Td>{r.headName}</Table.Td>
                  <Table.Td>{r.township}</Table.Td>
                  <Table.Td>{r.village}</Table.Td>
                  <Table.Td>
                    {enumLabel('scanKind', r.kind)}
                    {r.gradualExit && (
                      <Badge size="xs" ml={4} color="orange">
                        {t(r.gradualExit === 'enters' ? 'scenarios.exitEnters' : 'scenarios.exitLeaves')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td className="sn-num">{r.persons}</Table.Td>
                  <Table.Td>{enumLabel('tier', r.beforeTier)}</Table.Td>
                  <Table.Td>
                    <b>{enumLabel('tier', r.afterTier)}</b>
                  </Table.Td>
                  <Table.Td className="sn-num">{money(r.beforeFen)}</Table.Td>
                  <Table.Td className="sn-num">
                    <b>{money(r.afterFen)}</b>
                  </Table.Td>
                  <Table.Td className="sn-num">{money(r.afterFen - r.beforeFen)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      aria-expanded={open.has(r.id)}
                      data-testid="scenario-reasons-toggle"
                      onClick={() =>
                        setOpen((s) => {
                          const n = new Set(s);
                          if (n.has(r.id)) n.delete(r.id);
                          else n.add(r.id);
                          return n;
                        })
                      }
                    >
                      {open.has(r.id) ? t('scenarios.hideReasons') : t('scenarios.showReasons', { n: r.reasons.length })}
                    </Button>
                  </Table.Td>
                </Table.Tr>
                {open.has(r.id) && (
                  <Table.Tr>
                    <Table.Td colSpan={12} bg="gray.0">
                      <Stack gap={1} data-testid="scenario-reasons">
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
            ))}
          </Table.Tbody>
        </Table>
      )}
      {pages > 1 && (
        <Group justify="center" mt={6}>
          <Pagination size="sm" total={pages} value={page} onChange={setPage} data-testid="scenario-pages" />
        </Group>
      )}
    </Paper>
  );
}
