/** The county's figures for the open month, their trend over the closed months, referrals by department and status, warnings. */
import { Grid, Paper, SimpleGrid, Table, Text } from '@mantine/core';
import { BarChart, LineChart } from '@mantine/charts';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/contract';
import { money } from '../lib/format';
import { DEPARTMENTS, STATUSES, monthLabel, word } from '../referrals/common';
import type { Counts } from './DashboardQueue';

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

export function DashboardFigures({ s, households, counts }: { s: Output<'dashboard.summary'>; households: number | null; counts: Counts }) {
  const { t } = useTranslation();
  const c = counts && counts !== 'missing' ? counts : null;
  const tiers = tiersOf(Object.keys(s.byTier));
  const trendTiers = tiersOf([...new Set(s.trend.flatMap((m) => Object.keys(m.byTier)))]);
  const trendData = s.trend.map((m) => ({
    month: monthLabel(m.month),
    ...Object.fromEntries(trendTiers.map((x) => [x, m.byTier[x]?.recipients ?? 0])),
  }));
  const spendData = s.trend.map((m) => ({
    month: monthLabel(m.month),
    ...Object.fromEntries(trendTiers.map((x) => [x, yuan(m.byTier[x]?.amountFen ?? 0)])),
  }));
  const towns = Object.entries(s.byTownship).sort((a, b) => b[1].amountFen - a[1].amountFen);
  const refMatrix = new Map<string, Record<string, number>>();
  for (const r of s.referrals.byDepartmentStatus) refMatrix.set(r.department, { ...(refMatrix.get(r.department) ?? {}), [r.status]: r.n });
  const refDepartments = [
    ...DEPARTMENTS.filter((d) => refMatrix.has(d)),
    ...[...refMatrix.keys()].filter((d) => !DEPARTMENTS.some((x) => x === d)),
  ];
  const refData = refDepartments.map((d) => ({
    department: word('department', d),
    ...Object.fromEntries(STATUSES.map((st) => [st, refMatrix.get(d)?.[st] ?? 0])),
  }));
  const fmtYuan = (v: number) => `${v.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
  return (
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
  );
}
