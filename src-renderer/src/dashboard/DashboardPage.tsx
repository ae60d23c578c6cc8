/**
 * Dashboard 工作台 (all roles): today's queue for me (warnings, reviews, referrals, proposals),
 * county figures by tier and township for the open month, the trend of the last twelve closed
 * months, warnings by status and referrals by department and status. Real data only: a figure
 * the service does not give is not shown.
 */
import '@mantine/charts/styles.css';
import { useEffect, useState } from 'react';
import { Alert, Button, Grid, Group, Paper, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { BarChart, LineChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { ErrorAlert } from '../lib/errors';
import { money } from '../lib/format';
import { navigate } from '../lib/router';
import { useSession } from '../session';
import { DEPARTMENTS, STATUSES, monthLabel, word } from '../referrals/common';

interface Figure {
  recipients: number;
  persons: number;
  amountFen: number;
}
interface Summary {
  month: string;
  total: Figure;
  byTier: Record<string, Figure>;
  byTownship: Record<string, Figure>;
  trend: { month: string; recipients: number; amountFen: number; byTier: Record<string, Figure> }[];
  referrals: { byDepartmentStatus: { department: string; status: string; n: number }[]; overdue: number; drafted: number };
  warnings: { byStatus: Record<string, number>; overdue: number } | null;
  queue: { overdueReferrals: number; draftedReferrals: number; pendingProposals: number; overdueWarnings: number };
}
interface Counts {
  open: number;
  urgent: number;
  overdue: number;
  dueSoon: number;
  mine: number;
  mineOverdue: number;
  reviews?: { due: number; overdue: number };
}

const TIER_ORDER = ['tekun', 'dibao', 'marginal', 'rigid'];
const TIER_COLOR: Record<string, string> = { tekun: 'grape.6', dibao: 'teal.6', marginal: 'blue.6', rigid: 'orange.6' };
const STATUS_COLOR: Record<string, string> = {
  drafted: 'gray.5',
  pushed: 'blue.5',
  acknowledged: 'cyan.6',
  completed: 'teal.6',
  declined: 'orange.5',
};
const tiersOf = (keys: string[]) => [...TIER_ORDER.filter((x) => keys.includes(x)), ...keys.filter((x) => !TIER_ORDER.includes(x)).sort()];
const yuan = (fen: number) => Math.round(fen) / 100;

function QueueCard({
  label,
  value,
  hint,
  to,
  testid,
  alert,
}: {
  label: string;
  value: number | null;
  hint?: string;
  to?: string;
  testid: string;
  alert?: boolean;
}) {
  const body = (
    <Paper
      withBorder
      p="xs"
      h="100%"
      data-testid={testid}
      data-value={value ?? ''}
      style={alert && value ? { borderLeft: '4px solid var(--mantine-color-red-6)' } : undefined}
    >
      <Text size="xs" c="dimmed" truncate>
        {label}
      </Text>
      <Text fz={24} fw={700} className="sn-num" ta="left" c={alert && value ? 'red.8' : undefined}>
        {value ?? '—'}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" truncate>
          {hint}
        </Text>
      )}
    </Paper>
  );
  return to ? (
    <UnstyledButton onClick={() => navigate(to)} aria-label={label} style={{ display: 'block' }}>
      {body}
    </UnstyledButton>
  ) : (
    body
  );
}

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const manager = user.role === 'manager' || user.role === 'administrator';
  const [s, setS] = useState<Summary | null>(null);
  const [counts, setCounts] = useState<Counts | null | 'missing'>(null);
  const [proposals, setProposals] = useState<number | null>(null);
  const [households, setHouseholds] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    call('dashboard.summary', {})
      .then((r) => live && setS(r as Summary))
      .catch((e) => live && setError(e));
    call('households.list', { page: 1, pageSize: 10 })
      .then((r) => live && setHouseholds(r.total))
      .catch(() => {});
    // The monitoring backend may be absent on an older service: degrade to "not available".
    call('monitoring.counts', {})
      .then((r) => live && setCounts(r as Counts))
      .catch(() => live && setCounts('missing'));
    call('determinations.pending', {})
      .then((r) => live && setProposals(r.length))
      .catch(() => live && setProposals(null));
    return () => {
      live = false;
    };
  }, [tick]);

  const c = counts && counts !== 'missing' ? counts : null;
  const tiers = s ? tiersOf(Object.keys(s.byTier)) : [];
  const trendTiers = s ? tiersOf([...new Set(s.trend.flatMap((m) => Object.keys(m.byTier)))]) : [];
  const trendData =
    s?.trend.map((m) => ({
      month: monthLabel(m.month),
      ...Object.fromEntries(trendTiers.map((x) => [x, m.byTier[x]?.recipients ?? 0])),
    })) ?? [];
  const spendData =
    s?.trend.map((m) => ({
      month: monthLabel(m.month),
      ...Object.fromEntries(trendTiers.map((x) => [x, yuan(m.byTier[x]?.amountFen ?? 0)])),
    })) ?? [];
  const towns = s ? Object.entries(s.byTownship).sort((a, b) => b[1].amountFen - a[1].amountFen) : [];
  const refMatrix = new Map<string, Record<string, number>>();
  for (const r of s?.referrals.byDepartmentStatus ?? [])
    refMatrix.set(r.department, { ...(refMatrix.get(r.department) ?? {}), [r.status]: r.n });
  const refDepartments = [
    ...DEPARTMENTS.filter((d) => refMatrix.has(d)),
    ...[...refMatrix.keys()].filter((d) => !(DEPARTMENTS as readonly string[]).includes(d)),
  ];
  const refData = refDepartments.map((d) => ({
    department: word('department', d),
    ...Object.fromEntries(STATUSES.map((st) => [st, refMatrix.get(d)?.[st] ?? 0])),
  }));
  const fmtYuan = (v: number) => `${v.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;

  return (
    <Stack gap="xs" data-testid="dashboard-page" key={i18n.language}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm">
          <Title order={2}>{t('dashboard.title')}</Title>
          {s && (
            <Text size="sm" c="dimmed" data-testid="dash-month">
              {t('dashboard.openMonth', { m: monthLabel(s.month) })}
            </Text>
          )}
        </Group>
        <Button size="xs" variant="default" onClick={() => setTick((x) => x + 1)} data-testid="dash-refresh">
          {t('dashboard.refresh')}
        </Button>
      </Group>
      <ErrorAlert error={error} />

      <Paper withBorder p="xs" data-testid="dash-queue">
        <Text fw={600} size="sm" mb={4}>
          {t('dashboard.queue')}
        </Text>
        <SimpleGrid cols={6} spacing="xs">
          {c ? (
            <>
              <QueueCard
                testid="q-warnings-mine"
                label={t('dashboard.warningsMine')}
                value={c.mine}
                hint={t('dashboard.warningsMineHint', { overdue: c.mineOverdue })}
                to="/monitoring"
                alert={c.mineOverdue > 0}
              />
              <QueueCard
                testid="q-warnings-overdue"
                label={t('dashboard.warningsOverdue')}
                value={c.overdue}
                hint={`${t('dashboard.warningsDue')} ${c.dueSoon}`}
                to="/monitoring"
                alert
              />
              <QueueCard
                testid="q-reviews"
                label={t('dashboard.reviewsDue')}
                value={c.reviews?.due ?? null}
                hint={c.reviews ? t('dashboard.reviewsHint', { overdue: c.reviews.overdue }) : undefined}
                to="/monitoring"
                alert={(c.reviews?.overdue ?? 0) > 0}
              />
            </>
          ) : counts === 'missing' ? (
            <Alert color="gray" p="xs" style={{ gridColumn: 'span 3' }} data-testid="q-monitoring-missing">
              <Text size="xs">{t('dashboard.monitoringMissing')}</Text>
            </Alert>
          ) : (
            <div style={{ gridColumn: 'span 3' }} />
          )}
          <QueueCard
            testid="q-referrals-overdue"
            label={t('dashboard.referralsOverdue')}
            value={s?.queue.overdueReferrals ?? null}
            to="/referrals"
            alert
          />
          <QueueCard
            testid="q-referrals-drafted"
            label={t('dashboard.referralsDrafted')}
            value={s?.queue.draftedReferrals ?? null}
            to="/referrals"
          />
          <QueueCard
            testid="q-proposals"
            label={manager ? t('dashboard.proposals') : t('dashboard.proposalsAll')}
            value={proposals ?? s?.queue.pendingProposals ?? null}
            to={manager ? '/approvals' : undefined}
          />
        </SimpleGrid>
      </Paper>

      {s && (
        <Grid gap="xs">
          <Grid.Col span={6}>
            <Paper withBorder p="xs" h="100%" data-testid="dash-county">
              <Text fw={600} size="sm">
                {t('dashboard.county', { m: monthLabel(s.month) })}
              </Text>
              <SimpleGrid cols={4} spacing="xs" my={4}>
                <div>
                  <Text size="xs" c="dimmed">
                    {t('dashboard.households')}
                  </Text>
                  <Text fw={700} className="sn-num" ta="left" data-testid="dash-households">
                    {households ?? '…'}
                  </Text>
                </div>
                <div>
                  <Text size="xs" c="dimmed">
                    {t('dashboard.recipients')}
                  </Text>
                  <Text fw={700} className="sn-num" ta="left" data-testid="dash-recipients">
                    {s.total.recipients}
                  </Text>
                </div>
                <div>
                  <Text size="xs" c="dimmed">
                    {t('dashboard.persons')}
                  </Text>
                  <Text fw={700} className="sn-num" ta="left" data-testid="dash-persons">
                    {s.total.persons}
                  </Text>
                </div>
                <div>
                  <Text size="xs" c="dimmed">
                    {t('dashboard.spending')}
                  </Text>
                  <Text fw={700} className="sn-num" ta="left" data-testid="dash-spending">
                    {money(s.total.amountFen)}
                  </Text>
                </div>
              </SimpleGrid>
              <Table fz="xs" verticalSpacing={2} data-testid="dash-by-tier">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dashboard.byTier')}</Table.Th>
                    <Table.Th className="sn-num">{t('dashboard.recipients')}</Table.Th>
                    <Table.Th className="sn-num">{t('dashboard.persons')}</Table.Th>
                    <Table.Th className="sn-num">{t('dashboard.spending')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {tiers.map((x) => (
                    <Table.Tr key={x} data-testid="dash-tier-row" data-tier={x}>
                      <Table.Td>{word('tier', x)}</Table.Td>
                      <Table.Td className="sn-num">{s.byTier[x].recipients}</Table.Td>
                      <Table.Td className="sn-num">{s.byTier[x].persons}</Table.Td>
                      <Table.Td className="sn-num">{money(s.byTier[x].amountFen)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          </Grid.Col>
          <Grid.Col span={6}>
            <Paper withBorder p="xs" h="100%" data-testid="dash-by-township">
              <Text fw={600} size="sm" mb={4}>
                {t('dashboard.byTownship')}
              </Text>
              <div style={{ maxHeight: 190, overflowY: 'auto' }}>
                <Table fz="xs" verticalSpacing={2} stickyHeader>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('loop.township')}</Table.Th>
                      <Table.Th className="sn-num">{t('dashboard.recipients')}</Table.Th>
                      <Table.Th className="sn-num">{t('dashboard.persons')}</Table.Th>
                      <Table.Th className="sn-num">{t('dashboard.spending')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {towns.map(([name, f]) => (
                      <Table.Tr key={name} data-testid="dash-town-row">
                        <Table.Td>{name}</Table.Td>
                        <Table.Td className="sn-num">{f.recipients}</Table.Td>
                        <Table.Td className="sn-num">{f.persons}</Table.Td>
                        <Table.Td className="sn-num">{money(f.amountFen)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </div>
            </Paper>
          </Grid.Col>

          <Grid.Col span={12}>
            <Paper withBorder p="xs" data-testid="dash-trend">
              <Text fw={600} size="sm" mb={4}>
                {t('dashboard.trend')}
              </Text>
              {s.trend.length === 0 ? (
                <Text size="sm" c="dimmed" data-testid="dash-no-trend">
                  {t('dashboard.noTrend')}
                </Text>
              ) : (
                <Grid gap="xs">
                  <Grid.Col span={6} data-testid="chart-recipients">
                    <Text size="xs" c="dimmed">
                      {t('dashboard.trendRecipients')}
                    </Text>
                    <LineChart
                      h={200}
                      data={trendData}
                      dataKey="month"
                      withLegend
                      legendProps={{ verticalAlign: 'top', height: 26 }}
                      curveType="linear"
                      tickLine="y"
                      series={trendTiers.map((x) => ({ name: x, label: word('tier', x), color: TIER_COLOR[x] ?? 'gray.6' }))}
                    />
                  </Grid.Col>
                  <Grid.Col span={6} data-testid="chart-spending">
                    <Text size="xs" c="dimmed">
                      {t('dashboard.trendSpending')}
                    </Text>
                    <BarChart
                      h={200}
                      data={spendData}
                      dataKey="month"
                      type="stacked"
                      withLegend
                      legendProps={{ verticalAlign: 'top', height: 26 }}
                      valueFormatter={fmtYuan}
                      tickLine="y"
                      series={trendTiers.map((x) => ({ name: x, label: word('tier', x), color: TIER_COLOR[x] ?? 'gray.6' }))}
                    />
                  </Grid.Col>
                </Grid>
              )}
            </Paper>
          </Grid.Col>

          <Grid.Col span={8}>
            <Paper withBorder p="xs" h="100%" data-testid="dash-referrals">
              <Text fw={600} size="sm" mb={4}>
                {t('dashboard.referrals')}
              </Text>
              {refDepartments.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('dashboard.referralsNone')}
                </Text>
              ) : (
                <Grid gap="xs">
                  <Grid.Col span={7}>
                    <Table fz="xs" verticalSpacing={2} data-testid="dash-referral-table">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t('referrals.department')}</Table.Th>
                          {STATUSES.map((st) => (
                            <Table.Th key={st} className="sn-num">
                              {word('status', st)}
                            </Table.Th>
                          ))}
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {refDepartments.map((d) => (
                          <Table.Tr key={d} data-testid="dash-referral-row" data-department={d}>
                            <Table.Td>{word('department', d)}</Table.Td>
                            {STATUSES.map((st) => (
                              <Table.Td key={st} className="sn-num">
                                {refMatrix.get(d)?.[st] ?? 0}
                              </Table.Td>
                            ))}
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                    <Text size="xs" mt={4}>
                      {t('dashboard.referralsOverdue')}: <b data-testid="dash-referrals-overdue">{s.referrals.overdue}</b>
                    </Text>
                  </Grid.Col>
                  <Grid.Col span={5} data-testid="chart-referrals">
                    <BarChart
                      h={170}
                      data={refData}
                      dataKey="department"
                      type="stacked"
                      orientation="vertical"
                      yAxisProps={{ width: 90 }}
                      tickLine="none"
                      gridAxis="none"
                      series={STATUSES.map((st) => ({ name: st, label: word('status', st), color: STATUS_COLOR[st] }))}
                    />
                  </Grid.Col>
                </Grid>
              )}
            </Paper>
          </Grid.Col>
          <Grid.Col span={4}>
            <Paper withBorder p="xs" h="100%" data-testid="dash-warnings">
              <Text fw={600} size="sm" mb={4}>
                {t('dashboard.warnings')}
              </Text>
              {s.warnings ? (
                <Table fz="xs" verticalSpacing={2}>
                  <Table.Tbody>
                    {Object.entries(s.warnings.byStatus).map(([st, n]) => (
                      <Table.Tr key={st} data-testid="dash-warning-row" data-status={st}>
                        <Table.Td>
                          {st === 'open' ? t('dashboard.warningsOpen') : st === 'closed' ? t('dashboard.warningsClosed') : st}
                        </Table.Td>
                        <Table.Td className="sn-num">{n}</Table.Td>
                      </Table.Tr>
                    ))}
                    <Table.Tr>
                      <Table.Td c="red.8">{t('dashboard.warningsOverdue')}</Table.Td>
                      <Table.Td className="sn-num" c="red.8" data-testid="dash-warnings-overdue">
                        {s.warnings.overdue}
                      </Table.Td>
                    </Table.Tr>
                    {c && (
                      <Table.Tr>
                        <Table.Td>{t('dashboard.warningsDue')}</Table.Td>
                        <Table.Td className="sn-num">{c.dueSoon}</Table.Td>
                      </Table.Tr>
                    )}
                  </Table.Tbody>
                </Table>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('dashboard.warningsNone')}
                </Text>
              )}
            </Paper>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
