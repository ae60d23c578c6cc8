/**
 * Monitoring 动态监测 (UX.md, docs/rules/assistance.md §4): the warning queue (filters by area,
 * severity, status, assignee, overdue; paged; overdue marked; counts for managers), a warning's
 * page in a drawer (assign, record a verification or home visit, close with an outcome) and
 * the review schedule (due and overdue reviews; record a review).
 * Routes: /monitoring, /monitoring/warning/<id>, /monitoring/reviews.
 */
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Checkbox, Group, NativeSelect, Paper, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { isCode } from '../../../src-main/common/codes';
import { useSession } from '../session';
import { ErrorAlert } from '../lib/errors';
import { date } from '../lib/format';
import { navigate, routeQuery, useRoute } from '../lib/router';
import { AreaFilter, areaIdOf, useRuleText } from '../components/files';
import { WarningDrawer } from './WarningDrawer';
import { ReviewSchedule } from './ReviewSchedule';
import { SortTh } from '../components/SortTh';
import { ExportButton, ListPager, listSort, useListState } from '../components/ListKit';
import { WARNING_SORT_KEYS } from '../../../src-main/contract/monitoring';

export type WarningItem = Output<'monitoring.queue'>['items'][number];
const PAGE = 20;
const SEVERITIES = ['urgent', 'normal'] as const;
type Severity = (typeof SEVERITIES)[number];
const STATUSES = ['open', 'closed', 'all'] as const;
type Status = (typeof STATUSES)[number];

export function MonitoringPage() {
  const { t } = useTranslation();
  const route = useRoute();
  const tab = route.startsWith('/monitoring/reviews') ? 'reviews' : 'queue';
  const m = /^\/monitoring\/warning\/(\d+)/.exec(route);
  const openId = m ? Number(m[1]) : null;
  return (
    <Stack gap="xs" data-testid="monitoring-page">
      <Group gap="sm" wrap="nowrap">
        <Title order={2}>{t('monitoring.title')}</Title>
        <Text size="sm" c="dimmed" truncate maw={700}>
          {t('monitoring.subtitle')}
        </Text>
      </Group>
      <Counts />
      <Tabs value={tab} onChange={(v) => navigate(v === 'reviews' ? '/monitoring/reviews' : '/monitoring')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="queue" data-testid="mon-tab-queue">
            {t('monitoring.tabQueue')}
          </Tabs.Tab>
          <Tabs.Tab value="reviews" data-testid="mon-tab-reviews">
            {t('monitoring.tabReviews')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="queue" pt="xs">
          <WarningQueue openId={openId} />
        </Tabs.Panel>
        <Tabs.Panel value="reviews" pt="xs">
          <ReviewSchedule />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** Figures for the day; managers also see them by township. */
function Counts() {
  const { t } = useTranslation();
  const { user } = useSession();
  const manager = user.role !== 'clerk';
  const [c, setC] = useState<Output<'monitoring.counts'> | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    call('monitoring.counts', {})
      .then((r) => live && setC(r))
      .catch(() => {});
    const h = () => setTick((x) => x + 1);
    window.addEventListener('safetynet:warnings-changed', h);
    return () => {
      live = false;
      window.removeEventListener('safetynet:warnings-changed', h);
    };
  }, [tick]);
  if (!c) return null;
  const item = (k: string, n: number, color?: string) => (
    <Badge
      key={k}
      size="lg"
      variant={n > 0 && color ? 'filled' : 'light'}
      color={n > 0 && color ? color : 'gray'}
      data-testid={`mon-count-${k}`}
      data-n={n}
      styles={{ label: { textTransform: 'none' } }}
    >
      {t(`monitoring.counts.${k}`)} {n}
    </Badge>
  );
  return (
    <Paper withBorder p={6} data-testid="mon-counts">
      <Group gap={6}>
        {item('open', c.open)}
        {item('urgent', c.urgent, 'orange')}
        {item('overdue', c.overdue, 'red')}
        {item('dueSoon', c.dueSoon, 'yellow')}
        {manager && item('unassigned', c.unassigned, 'grape')}
        {item('mine', c.mine)}
        {item('mineOverdue', c.mineOverdue, 'red')}
        {item('reviewsDue', c.reviews.due)}
        {item('reviewsOverdue', c.reviews.overdue, 'red')}
      </Group>
      {manager && c.byArea.length > 0 && (
        <Text size="xs" c="dimmed" mt={4} data-testid="mon-by-area">
          {c.byArea.map((a) => `${a.township} ${a.open}${a.overdue ? ` (${t('monitoring.overdue')} ${a.overdue})` : ''}`).join(' · ')}
        </Text>
      )}
    </Paper>
  );
}

export function warningsChanged() {
  window.dispatchEvent(new Event('safetynet:warnings-changed'));
}

function WarningQueue({ openId }: { openId: number | null }) {
  const { t } = useTranslation();
  const ruleText = useRuleText();
  const { user } = useSession();
  const canAct = user.role === 'clerk' || user.role === 'manager';
  const [township, setTownship] = useState('');
  const [village, setVillage] = useState('');
  const [severity, setSeverity] = useState<'' | Severity>('');
  const [status, setStatus] = useState<Status>('open');
  // Opened from a dashboard number: filtered to exactly what it counts.
  const query = routeQuery(useRoute());
  const [assignee, setAssignee] = useState(() => (query.get('assignee') === 'me' ? 'me' : ''));
  const [overdue, setOverdue] = useState(() => query.get('overdue') === '1');
  const { page, setPage, sort, setSort, filter: set } = useListState();
  const [res, setRes] = useState<Output<'monitoring.queue'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const [checking, setChecking] = useState(false);

  const areaId = areaIdOf(township, village);
  const reload = useCallback(() => setTick((x) => x + 1), []);
  // The filters and the sort the page and its export share: the export writes what is shown.
  const shown = {
    status,
    ...(areaId !== undefined ? { areaId } : {}),
    ...(severity ? { severity } : {}),
    ...(assignee === 'me' ? { assigneeId: user.id } : assignee === 'none' ? { assigneeId: null } : {}),
    ...(overdue ? { overdue: true } : {}),
    sort: listSort(sort, WARNING_SORT_KEYS),
  };
  const shownKey = JSON.stringify(shown);
  useEffect(() => {
    let live = true;
    call('monitoring.queue', { ...JSON.parse(shownKey), page, pageSize: PAGE })
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
  }, [shownKey, page, tick]);
  useEffect(() => {
    const h = () => reload();
    window.addEventListener('safetynet:warnings-changed', h);
    return () => window.removeEventListener('safetynet:warnings-changed', h);
  }, [reload]);

  async function checkRegistry() {
    setChecking(true);
    try {
      const r = await call('monitoring.checkRegistry', {});
      notifications.show({ color: 'teal', message: t('monitoring.checked', { a: r.turned60, b: r.turned18, c: r.reviewsOverdue }) });
      warningsChanged();
    } catch (e) {
      setError(e);
    } finally {
      setChecking(false);
    }
  }

  const open = (id: number) => navigate(`/monitoring/warning/${id}`);
  return (
    <Stack gap="xs" data-testid="mon-queue">
      <Group gap="xs" align="flex-end">
        <AreaFilter
          prefix="mon"
          township={township}
          village={village}
          onChange={(a, b) => {
            setTownship(a);
            setVillage(b);
            setPage(1);
          }}
        />
        <NativeSelect
          size="xs"
          w={110}
          label={t('monitoring.severity')}
          value={severity}
          data-testid="mon-severity"
          onChange={(e) => {
            const v = e.currentTarget.value;
            set(setSeverity)(isCode(SEVERITIES, v) ? v : '');
          }}
          data={[
            { value: '', label: t('monitoring.anySeverity') },
            { value: 'urgent', label: t('monitoring.sev.urgent') },
            { value: 'normal', label: t('monitoring.sev.normal') },
          ]}
        />
        <NativeSelect
          size="xs"
          w={100}
          label={t('monitoring.status')}
          value={status}
          data-testid="mon-status"
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (isCode(STATUSES, v)) set(setStatus)(v);
          }}
          data={STATUSES.map((s) => ({ value: s, label: t(`monitoring.st.${s}`) }))}
        />
        <NativeSelect
          size="xs"
          w={110}
          label={t('monitoring.assignee')}
          value={assignee}
          data-testid="mon-assignee"
          onChange={(e) => set(setAssignee)(e.currentTarget.value)}
          data={[
            { value: '', label: t('monitoring.anyAssignee') },
            { value: 'me', label: t('monitoring.me') },
            { value: 'none', label: t('monitoring.unassigned') },
          ]}
        />
        <Checkbox
          size="xs"
          mb={6}
          label={t('monitoring.overdueOnly')}
          checked={overdue}
          onChange={(e) => set(setOverdue)(e.currentTarget.checked)}
          data-testid="mon-overdue"
        />
        <Text size="sm" mb={4} data-testid="mon-total">
          {res ? t('common.total', { n: res.total }) : ''}
        </Text>
        <ExportButton run={() => call('monitoring.exportXlsx', shown)} testid="mon-export" onError={setError} />
        {canAct && (
          <Button
            size="xs"
            variant="default"
            ml="auto"
            loading={checking}
            onClick={() => void checkRegistry()}
            data-testid="mon-check-registry"
          >
            {t('monitoring.checkRegistry')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={error} />
      {res && res.items.length === 0 && (
        <Text c="dimmed" size="sm" data-testid="mon-empty">
          {t('monitoring.empty')}
        </Text>
      )}
      {res && res.items.length > 0 && (
        <Table fz="xs" verticalSpacing={3} striped highlightOnHover style={{ tableLayout: 'fixed' }} data-testid="mon-table">
          <Table.Thead>
            <Table.Tr>
              <SortTh w={46} label="#" k="id" sort={sort} onSort={setSort} />
              <SortTh w={76} label={t('monitoring.severity')} k="severity" sort={sort} onSort={setSort} />
              <SortTh label={t('monitoring.rule')} k="rule" sort={sort} onSort={setSort} />
              <SortTh w={160} label={t('monitoring.person')} k="personName" sort={sort} onSort={setSort} />
              <SortTh w={150} label={t('monitoring.area')} k="area" sort={sort} onSort={setSort} />
              <SortTh w={92} label={t('monitoring.raisedOn')} k="raisedOn" sort={sort} onSort={setSort} />
              <SortTh w={120} label={t('monitoring.dueOn')} k="dueOn" sort={sort} onSort={setSort} />
              <SortTh w={80} label={t('monitoring.assignee')} k="assigneeName" sort={sort} onSort={setSort} />
              <SortTh w={44} label={t('monitoring.visits')} k="visits" sort={sort} onSort={setSort} />
              <SortTh w={90} label={t('monitoring.status')} k="status" sort={sort} onSort={setSort} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {res.items.map((w) => (
              <Table.Tr
                key={w.id}
                className="sn-clickable"
                tabIndex={0}
                onClick={() => open(w.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') open(w.id);
                }}
                data-testid="mon-row"
                data-id={w.id}
                data-rule={w.rule}
                data-status={w.status}
                data-overdue={String(w.overdue)}
                data-household={w.householdId}
                style={w.overdue ? { boxShadow: 'inset 3px 0 0 var(--mantine-color-red-6)' } : undefined}
              >
                <Table.Td>{w.id}</Table.Td>
                <Table.Td>
                  <Badge
                    size="xs"
                    color={w.severity === 'urgent' ? 'orange' : 'gray'}
                    variant={w.severity === 'urgent' ? 'filled' : 'light'}
                  >
                    {t(`monitoring.sev.${w.severity}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" fw={600} truncate>
                    {ruleText(w.rule, w.ruleText)}
                  </Text>
                  {/* A record in the office's language, not the interface's words (components/RecordText.tsx). */}
                  <Text size="xs" c="dimmed" truncate title={w.evidence} lang={/[\u3400-\u9fff]/.test(w.evidence) ? 'zh-CN' : undefined}>
                    {w.evidence}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" truncate>
                    {w.personName ?? '—'}
                  </Text>
                  <Text size="xs" c="dimmed" className="sn-mono" truncate>
                    {w.idNumber}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" truncate>
                    {w.township} · {w.village}
                  </Text>
                </Table.Td>
                <Table.Td>{date(w.raisedOn)}</Table.Td>
                <Table.Td>
                  <Text size="xs" c={w.overdue ? 'red.8' : undefined} fw={w.overdue ? 700 : undefined}>
                    {date(w.dueOn)}
                  </Text>
                  {w.overdue ? (
                    <Badge size="xs" color="red" data-testid="mon-overdue-badge">
                      {t('monitoring.overdue')}
                    </Badge>
                  ) : w.status === 'open' ? (
                    <Text size="xs" c="dimmed">
                      {t('monitoring.age', { n: w.ageWorkingDays })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" truncate>
                    {w.assigneeName ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td className="sn-num">{w.visits}</Table.Td>
                <Table.Td>
                  {w.status === 'open' ? (
                    <Badge size="xs" variant="light">
                      {t('monitoring.st.open')}
                    </Badge>
                  ) : (
                    <Badge size="xs" color="teal" variant="light" data-testid="mon-row-outcome">
                      {t(`monitoring.outcomes.${w.outcome}`, { defaultValue: w.outcome ?? '' })}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {res && res.total > 0 && <ListPager total={res.total} page={page} pageSize={PAGE} onPage={setPage} testid="mon" />}
      <WarningDrawer
        id={openId}
        queueItem={res?.items.find((w) => w.id === openId) ?? null}
        seen={res?.items ?? []}
        onClose={() => navigate('/monitoring')}
        onChanged={() => warningsChanged()}
      />
    </Stack>
  );
}
