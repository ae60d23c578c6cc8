/**
 * Service plans: each person's services for the month asked, delivered against planned (received
 * when the month's records reach the plan), and a new plan made from a current assessment.
 */
import { useState } from 'react';
import { Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { SortTh, sortRows, type Sort } from '../components/SortTh';
import { ErrorAlert } from '../lib/errors';
import { navigate } from '../lib/router';
import { useSession } from '../session';
import { useLoad } from './kit';
import { PlanForm } from './PlanForm';

type Assessment = Output<'services.assessments'>[number];

export function PlansTab() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [providerId, setProviderId] = useState('');
  const [sort, setSort] = useState<Sort>(null);
  const providers = useLoad(() => call('services.providers', {}), []);
  const plans = useLoad(
    () =>
      call('services.plans', {
        ...(/^\d{4}-\d{2}$/.test(month) ? { month } : {}),
        activeOnly: true,
        ...(providerId ? { providerId: Number(providerId) } : {}),
      }),
    [month, providerId],
  );
  const assessments = useLoad(() => call('services.assessments', {}), []);
  const [chosen, setChosen] = useState<Assessment | null>(null);
  const [opened, setOpened] = useState(false);
  const today = dayjs().format('YYYY-MM-DD');
  // A plan is made from each person's current assessment (their latest, made within the year).
  const current = (assessments.value ?? []).filter(
    (a, i, all) => a.reviewDue > today && all.findIndex((b) => b.idNumber === a.idNumber) === i,
  );
  const en = i18n.language === 'en';
  const rows = sortRows(
    (plans.value ?? []).map((p) => ({ ...p, done: p.items.every((i) => i.received) ? 1 : 0 })),
    sort,
  );
  const canPlan = user.role === 'clerk' || user.role === 'manager';
  return (
    <Stack gap="sm" data-testid="sv-plans">
      <Paper withBorder p="xs">
        <Group justify="space-between" mb={4}>
          <Group gap="xs" align="flex-end">
            <TextInput
              size="xs"
              w={100}
              label={t('services.month')}
              value={month}
              onChange={(e) => setMonth(e.currentTarget.value)}
              data-testid="sv-plan-month"
            />
            <NativeSelect
              size="xs"
              w={200}
              label={t('services.provider')}
              value={providerId}
              onChange={(e) => setProviderId(e.currentTarget.value)}
              data={[
                { value: '', label: t('services.anyProvider') },
                ...(providers.value ?? []).map((p) => ({ value: String(p.id), label: p.name })),
              ]}
              data-testid="sv-plan-provider"
            />
          </Group>
          <Text size="xs" c="dimmed">
            {t('services.planCount', { n: rows.length, r: rows.filter((r) => r.done).length })}
          </Text>
        </Group>
        <ErrorAlert error={plans.error} />
        <Table striped fz="xs" data-testid="sv-plan-table">
          <Table.Thead>
            <Table.Tr>
              <SortTh label={t('services.person')} k="personName" sort={sort} onSort={setSort} />
              <SortTh label={t('services.provider')} k="providerName" sort={sort} onSort={setSort} />
              <SortTh label={t('services.months')} k="startMonth" sort={sort} onSort={setSort} />
              <Table.Th>{t('services.thisMonth')}</Table.Th>
              <SortTh label={t('services.status')} k="done" sort={sort} onSort={setSort} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((p) => (
              <Table.Tr key={p.id} data-testid="sv-plan-row" data-id={p.id} data-status={p.done ? 'received' : 'pending'}>
                <Table.Td>
                  <Text size="xs" className="sn-clickable" onClick={() => navigate(`/households/${p.householdId}`)}>
                    {p.personName}
                  </Text>
                </Table.Td>
                <Table.Td>{p.providerName}</Table.Td>
                <Table.Td>
                  {p.startMonth} – {p.endMonth}
                </Table.Td>
                <Table.Td>
                  {p.items
                    .map((i) => `${en ? i.nameEn : i.nameZh} ${i.delivered}/${i.monthlyQuantity}${en ? ` ${i.unitEn}` : i.unitZh}`)
                    .join('；')}
                </Table.Td>
                <Table.Td>
                  <Badge size="xs" color={p.done ? 'teal' : 'yellow'} variant={p.done ? 'filled' : 'light'}>
                    {p.done ? t('services.received') : t('services.pending')}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="xs">
        <Title order={5} mb={4}>
          {t('services.newPlan')}
        </Title>
        <Text size="xs" c="dimmed" mb={4}>
          {canPlan ? t('services.newPlanHint') : t('services.clerksOnly')}
        </Text>
        <Table fz="xs" data-testid="sv-current-assessments">
          <Table.Tbody>
            {current.map((a) => (
              <Table.Tr key={a.id} data-testid="sv-assessment-row" data-id={a.idNumber}>
                <Table.Td>{a.personName}</Table.Td>
                <Table.Td>{a.assessedOn}</Table.Td>
                <Table.Td>
                  {Object.entries(a.scores)
                    .filter(([, s]) => s.score > 0)
                    .map(([k, s]) => `${t(`services.area.${k}`)} ${s.score}`)
                    .join('、') || t('services.noNeed')}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    disabled={!canPlan}
                    onClick={() => {
                      setChosen(a);
                      setOpened(true);
                    }}
                    data-testid={`sv-plan-from-${a.idNumber}`}
                  >
                    {t('services.makePlan')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <PlanForm
        assessment={chosen}
        opened={opened}
        onClose={() => setOpened(false)}
        onSaved={() => {
          setOpened(false);
          plans.reload();
        }}
      />
    </Stack>
  );
}
