/**
 * Cases 申请办理 (clerk, manager): applications by stage with the working days left against their legal limit
 * (docs/rules/workstations.md, "Delegation, time limits and checks"); filters live in the address, so a dashboard number
 * links to exactly its list; sorted by the service; exported to XLSX. One case opens at #/cases/<id>.
 */
import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, NativeSelect, Pagination, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Input, Output } from '../../../src-main/contract';
import { APPLIED_TIERS, CASE_SORT_KEYS, CASE_STAGES } from '../../../src-main/contract/cases';
import { isCode } from '../../../src-main/common/codes';
import { ErrorAlert } from '../lib/errors';
import { date } from '../lib/format';
import { downloadBase64 } from '../lib/files';
import { navigate, useRoute } from '../lib/router';
import { useAreas } from '../lib/areas';
import { useSession } from '../session';
import { SortTh, type Sort } from '../components/SortTh';
import { casesRoute, parseCasesRoute, type CasesQuery } from './route';
import { CaseDetail } from './CaseDetail';
import { NewCase } from './NewCase';
import { TownshipsTab, SpotChecksTab } from './CountyTabs';
import { DelegationTab } from './DelegationTab';

type List = Output<'cases.list'>;
type SortKey = NonNullable<Input<'cases.list'>['sort']>;
const PAGE = 50;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function CasesPage() {
  const { t } = useTranslation();
  const route = useRoute();
  const { caseId, q } = parseCasesRoute(route);
  const { user } = useSession();
  const canAct = user.role === 'clerk' || user.role === 'manager';
  const go = (next: Partial<CasesQuery>) => navigate(casesRoute({ ...q, ...next }));
  return (
    <Stack gap="xs" data-testid="cases-page">
      <Group justify="space-between">
        <Title order={2}>{t('cases.title')}</Title>
      </Group>
      <Tabs
        value={q.tab}
        onChange={(v) => v && (v === 'list' || v === 'townships' || v === 'spot' || v === 'delegation') && go({ tab: v })}
      >
        <Tabs.List>
          <Tabs.Tab value="list" data-testid="cases-tab-list">
            {t('cases.tabs.list')}
          </Tabs.Tab>
          <Tabs.Tab value="townships" data-testid="cases-tab-townships">
            {t('cases.tabs.townships')}
          </Tabs.Tab>
          <Tabs.Tab value="spot" data-testid="cases-tab-spot">
            {t('cases.tabs.spot')}
          </Tabs.Tab>
          <Tabs.Tab value="delegation" data-testid="cases-tab-delegation">
            {t('cases.tabs.delegation')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {q.tab === 'list' && <CaseList q={q} go={go} canAct={canAct} />}
      {q.tab === 'townships' && <TownshipsTab onOpen={(townshipId) => navigate(casesRoute({ tab: 'list', townshipId, overdue: true }))} />}
      {q.tab === 'spot' && <SpotChecksTab />}
      {q.tab === 'delegation' && <DelegationTab />}
      {caseId !== null && <CaseDetail id={caseId} onClose={() => navigate(casesRoute(q))} />}
    </Stack>
  );
}

function CaseList({ q, go, canAct }: { q: CasesQuery; go: (n: Partial<CasesQuery>) => void; canAct: boolean }) {
  const { t } = useTranslation();
  const areas = useAreas();
  const route = useRoute();
  const [sort, setSort] = useState<Sort>(null);
  const [page, setPage] = useState(1);
  const [res, setRes] = useState<List | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const { tab: _tab, ...filter } = q;
  const sortKey: SortKey | undefined = sort && isCode(CASE_SORT_KEYS, sort.key) ? sort.key : undefined;
  const key = JSON.stringify({ filter, sort, page, route });
  useEffect(() => {
    let live = true;
    call('cases.list', { ...filter, ...(sortKey ? { sort: sortKey, desc: sort?.dir === 'desc' } : {}), page, pageSize: PAGE })
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
    // The key holds every input of the query (filters from the address, sort, page) and the route (a case closed or saved).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const exportXlsx = async () => {
    try {
      const f = await call('cases.export', { ...filter, ...(sortKey ? { sort: sortKey, desc: sort?.dir === 'desc' } : {}) });
      downloadBase64(f.fileName, f.base64, XLSX);
    } catch (e) {
      setError(e);
    }
  };
  const printPublicity = async () => {
    try {
      const f = await call('cases.print', { form: 'case-publicity', format: 'pdf', ...(q.townshipId ? { townshipId: q.townshipId } : {}) });
      if (f.base64) downloadBase64(f.fileName, f.base64, 'application/pdf');
    } catch (e) {
      setError(e);
    }
  };
  const pages = res ? Math.max(1, Math.ceil(res.total / PAGE)) : 1;
  const th = (k: SortKey, label: string, num?: boolean) => (
    <SortTh
      k={k}
      label={label}
      sort={sort}
      num={num}
      onSort={(s) => {
        setSort(s);
        setPage(1);
      }}
    />
  );
  return (
    <Stack gap="xs">
      {res && res.calendarGaps.length > 0 && (
        <Alert color="yellow" p="xs" data-testid="cases-calendar-gap">
          <Text size="xs">{t('cases.calendarGap', { years: res.calendarGaps.join('、') })}</Text>
        </Alert>
      )}
      <Group gap="xs" align="flex-end">
        <NativeSelect
          size="xs"
          w={140}
          label={t('cases.filters.township')}
          value={q.townshipId ? String(q.townshipId) : ''}
          data-testid="cases-f-township"
          onChange={(e) => go({ townshipId: Number(e.currentTarget.value) || undefined })}
          data={[
            { value: '', label: t('cases.filters.anyTownship') },
            ...areas.filter((a) => a.level === 'township').map((a) => ({ value: String(a.id), label: a.name })),
          ]}
        />
        <NativeSelect
          size="xs"
          w={120}
          label={t('cases.filters.stage')}
          value={q.stage ?? ''}
          data-testid="cases-f-stage"
          onChange={(e) => {
            const v = e.currentTarget.value;
            go({ stage: v === 'open' ? 'open' : isCode(CASE_STAGES, v) ? v : undefined });
          }}
          data={[
            { value: '', label: t('cases.filters.anyStage') },
            { value: 'open', label: t('cases.filters.open') },
            ...CASE_STAGES.map((s) => ({ value: s, label: t(`cases.stage.${s}`) })),
          ]}
        />
        <NativeSelect
          size="xs"
          w={120}
          label={t('cases.filters.tier')}
          value={q.tierApplied ?? ''}
          data-testid="cases-f-tier"
          onChange={(e) => {
            const v = e.currentTarget.value;
            go({ tierApplied: isCode(APPLIED_TIERS, v) ? v : undefined });
          }}
          data={[
            { value: '', label: t('cases.filters.anyTier') },
            ...APPLIED_TIERS.map((s) => ({ value: s, label: t(`cases.tier.${s}`) })),
          ]}
        />
        <Checkbox
          size="xs"
          mb={6}
          label={t('cases.filters.overdue')}
          checked={!!q.overdue}
          onChange={(e) => go({ overdue: e.currentTarget.checked || undefined })}
          data-testid="cases-f-overdue"
        />
        <Checkbox
          size="xs"
          mb={6}
          label={t('cases.filters.relative')}
          checked={!!q.relativeOfStaff}
          onChange={(e) => go({ relativeOfStaff: e.currentTarget.checked || undefined })}
          data-testid="cases-f-relative"
        />
        <Checkbox
          size="xs"
          mb={6}
          label={t('cases.filters.delegated')}
          checked={!!q.decidedAtTownship}
          onChange={(e) => go({ decidedAtTownship: e.currentTarget.checked || undefined })}
          data-testid="cases-f-delegated"
        />
        <Text size="sm" mb={4} data-testid="cases-total">
          {res ? t('cases.summary', { n: res.total, o: res.overdue }) : ''}
        </Text>
        <Group gap="xs" ml="auto" mb={2}>
          {canAct && (
            <Button size="xs" onClick={() => setAdding(true)} data-testid="cases-new">
              {t('cases.newCase')}
            </Button>
          )}
          <Button size="xs" variant="default" onClick={() => void exportXlsx()} data-testid="cases-export">
            {t('cases.export')}
          </Button>
          <Button size="xs" variant="default" onClick={() => void printPublicity()} data-testid="cases-print-publicity">
            {t('cases.printPublicity')}
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={error} />
      {res && res.items.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="cases-empty">
          {t('cases.empty')}
        </Text>
      )}
      {res && res.items.length > 0 && (
        <Table fz="xs" verticalSpacing={3} striped highlightOnHover data-testid="cases-table">
          <Table.Thead>
            <Table.Tr>
              {th('id', t('cases.col.id'), true)}
              {th('headName', t('cases.col.head'))}
              {th('township', t('cases.col.township'))}
              {th('village', t('cases.col.village'))}
              {th('tierApplied', t('cases.col.tier'))}
              {th('receivedOn', t('cases.col.received'))}
              {th('stage', t('cases.col.stage'))}
              {th('dueOn', t('cases.col.due'))}
              {th('daysLeft', t('cases.col.left'), true)}
              {th('workingDays', t('cases.col.used'), true)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {res.items.map((r) => (
              <Table.Tr
                key={r.id}
                data-testid="cases-row"
                data-case={r.id}
                data-overdue={String(r.overdue)}
                style={r.overdue ? { color: 'var(--mantine-color-red-8)' } : undefined}
              >
                <Table.Td className="sn-num">
                  <Anchor size="xs" href={`#${casesRoute(q, r.id)}`} data-testid="cases-open">
                    {r.id}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  {r.headName}{' '}
                  {r.relativeOfStaff && (
                    <Badge size="xs" color="grape">
                      {t('cases.relativeBadge')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{r.township}</Table.Td>
                <Table.Td>{r.village}</Table.Td>
                <Table.Td>{t(`cases.tier.${r.tierApplied}`)}</Table.Td>
                <Table.Td>{date(r.receivedOn)}</Table.Td>
                <Table.Td>
                  {t(`cases.stage.${r.stage}`)}{' '}
                  {r.objection && (
                    <Badge size="xs" color="orange">
                      {t('cases.objectionBadge')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {r.dueOn ? `${date(r.dueOn)} ${r.limit ? t(`cases.limit.${r.limit}`) : ''}` : '—'}{' '}
                  {r.overdue && (
                    <Badge size="xs" color="red">
                      {t('cases.overdueBadge')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td className="sn-num" fw={r.overdue ? 700 : undefined}>
                  {r.daysLeft ?? '—'}
                </Table.Td>
                <Table.Td className="sn-num">{r.workingDays}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {pages > 1 && (
        <Group justify="center">
          <Pagination size="sm" total={pages} value={page} onChange={setPage} />
        </Group>
      )}
      {adding && (
        <NewCase
          onClose={() => setAdding(false)}
          onDone={(id) => {
            setAdding(false);
            navigate(casesRoute(q, id));
          }}
        />
      )}
    </Stack>
  );
}
