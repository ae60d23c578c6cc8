/**
 * Dashboard 工作台 (all roles): today's queue for me (warnings, reviews, referrals, proposals),
 * county figures by tier and township for the open month, the trend of the last twelve closed
 * months, warnings by status and referrals by department and status. Real data only: a figure
 * the service does not give is not shown.
 */
import '@mantine/charts/styles.css';
import { useEffect, useState } from 'react';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract';
import { ErrorAlert } from '../lib/errors';
import { useSession } from '../session';
import { monthLabel } from '../referrals/common';
import { DashboardFigures } from './DashboardFigures';
import { DashboardQueue, type Counts } from './DashboardQueue';

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const manager = user.role === 'manager' || user.role === 'administrator';
  const [s, setS] = useState<Output<'dashboard.summary'> | null>(null);
  const [counts, setCounts] = useState<Counts>(null);
  const [proposals, setProposals] = useState<number | null>(null);
  const [households, setHouseholds] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    call('dashboard.summary', {})
      .then((r) => live && setS(r))
      .catch((e) => live && setError(e));
    call('households.list', { page: 1, pageSize: 10 })
      .then((r) => live && setHouseholds(r.total))
      .catch(() => {});
    // The monitoring backend may be absent on an older service: degrade to "not available".
    call('monitoring.counts', {})
      .then((r) => live && setCounts(r))
      .catch(() => live && setCounts('missing'));
    call('determinations.pending', {})
      .then((r) => live && setProposals(r.length))
      .catch(() => live && setProposals(null));
    return () => {
      live = false;
    };
  }, [tick]);

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
      <DashboardQueue counts={counts} s={s} proposals={proposals} manager={manager} />
      {s && <DashboardFigures s={s} households={households} counts={counts} />}
    </Stack>
  );
}
