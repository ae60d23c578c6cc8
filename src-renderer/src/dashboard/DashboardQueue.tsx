/** The dashboard's queue: what waits for the user — warnings, reviews, referrals, proposals — each a way to the page that handles it. */
import { Alert, Anchor, Group, Paper, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/contract';
import { navigate } from '../lib/router';

/** The monitoring counts, or 'missing' when the service has none (an older service), or null while loading. */
export type Counts = Output<'monitoring.counts'> | 'missing' | null;

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

export function DashboardQueue({
  counts,
  s,
  proposals,
  manager,
}: {
  counts: Counts;
  s: Output<'dashboard.summary'> | null;
  proposals: number | null;
  manager: boolean;
}) {
  const { t } = useTranslation();
  const c = counts && counts !== 'missing' ? counts : null;
  return (
    <Paper withBorder p="xs" data-testid="dash-queue">
      <Text fw={600} size="sm" mb={4}>
        {t('dashboard.queue')}
      </Text>
      <SimpleGrid cols={7} spacing="xs">
        {c ? (
          <>
            <QueueCard
              testid="q-warnings-mine"
              label={t('dashboard.warningsMine')}
              value={c.mine}
              hint={t('dashboard.warningsMineHint', { overdue: c.mineOverdue })}
              to="/monitoring?assignee=me"
              alert={c.mineOverdue > 0}
            />
            <QueueCard
              testid="q-warnings-overdue"
              label={t('dashboard.warningsOverdue')}
              value={c.overdue}
              hint={`${t('dashboard.warningsDue')} ${c.dueSoon}`}
              to="/monitoring?overdue=1"
              alert
            />
            <QueueCard
              testid="q-reviews"
              label={t('dashboard.reviewsDue')}
              value={c.reviews?.due ?? null}
              hint={c.reviews ? t('dashboard.reviewsHint', { overdue: c.reviews.overdue }) : undefined}
              to="/monitoring/reviews"
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
          to="/referrals?overdue=1"
          alert
        />
        <QueueCard
          testid="q-referrals-drafted"
          label={t('dashboard.referralsDrafted')}
          value={s?.queue.draftedReferrals ?? null}
          to="/referrals?status=drafted"
        />
        <QueueCard
          testid="q-proposals"
          label={manager ? t('dashboard.proposals') : t('dashboard.proposalsAll')}
          value={proposals ?? s?.queue.pendingProposals ?? null}
          to={manager ? '/approvals' : undefined}
        />
        <QueueCard
          testid="q-cases-overdue"
          label={t('dashboard.casesOverdue')}
          value={s?.queue.overdueCases ?? null}
          to="/cases?overdue=1"
          alert
        />
      </SimpleGrid>
      {s && s.cases.calendarGaps.length > 0 && (
        <Alert color="yellow" p={4} mt={4} data-testid="q-calendar-gap">
          <Text size="xs">{t('dashboard.calendarGap', { years: s.cases.calendarGaps.join('、') })}</Text>
        </Alert>
      )}
      {s && s.cases.overdue > 0 && (
        // Each township's overdue applications, each a link to exactly that list (docs/rules/workstations.md, time limits).
        <Group gap="sm" mt={4} data-testid="q-cases-by-township">
          <Text size="xs" c="dimmed">
            {t('dashboard.casesOverdueByTownship')}
          </Text>
          {Object.entries(s.cases.overdueByTownship).map(([name, v]) => (
            <Anchor
              key={name}
              size="xs"
              c="red.8"
              href={`#/cases?overdue=1&township=${v.townshipId}`}
              data-testid={`q-cases-township-${v.townshipId}`}
            >
              {name} {v.n}
            </Anchor>
          ))}
        </Group>
      )}
    </Paper>
  );
}
