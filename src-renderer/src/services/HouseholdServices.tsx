/** The household page's services tab: who is suggested for an assessment, the assessments made, and the plans with this month's delivery. */
import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { ErrorAlert } from '../lib/errors';
import { navigate } from '../lib/router';
import { useLoad } from './kit';

export function HouseholdServices({ householdId }: { householdId: number }) {
  const { t, i18n } = useTranslation();
  const { value, error } = useLoad(() => call('services.household', { householdId }), [householdId]);
  const en = i18n.language === 'en';
  return (
    <Stack gap="sm" data-testid="household-services">
      <ErrorAlert error={error} />
      {value && value.suggestions.length > 0 && (
        <Paper withBorder p="xs" bg="yellow.0">
          <Group justify="space-between">
            <Text size="sm">{t('services.suggestedHere', { names: value.suggestions.map((s) => s.name).join('、') })}</Text>
            <Button size="compact-xs" onClick={() => navigate('/services/assessments')}>
              {t('services.goAssess')}
            </Button>
          </Group>
        </Paper>
      )}
      <Paper withBorder p="xs">
        <Title order={5} mb={4}>
          {t('services.assessmentsTitle')}
        </Title>
        <Table fz="xs" striped>
          <Table.Tbody>
            {(value?.assessments ?? []).map((a) => (
              <Table.Tr key={a.id} data-testid="hh-assessment">
                <Table.Td>{a.personName}</Table.Td>
                <Table.Td>{a.assessedOn}</Table.Td>
                <Table.Td>{a.atHome ? t('services.atHome') : t('services.interview')}</Table.Td>
                <Table.Td>{a.assessors.join('、')}</Table.Td>
                <Table.Td>
                  {Object.entries(a.scores)
                    .filter(([, s]) => s.score > 0)
                    .map(([k, s]) => `${t(`services.area.${k}`)} ${s.score}${s.note ? `（${s.note}）` : ''}`)
                    .join('；') || t('services.noNeed')}
                </Table.Td>
                <Table.Td>{t('services.reviewBy', { d: a.reviewDue })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="xs">
        <Title order={5} mb={4}>
          {t('services.plansTitle')}
        </Title>
        <Table fz="xs" striped>
          <Table.Tbody>
            {(value?.plans ?? []).map((p) => (
              <Table.Tr key={p.id} data-testid="hh-plan">
                <Table.Td>{p.personName}</Table.Td>
                <Table.Td>{p.providerName}</Table.Td>
                <Table.Td>
                  {p.startMonth} – {p.endMonth}
                </Table.Td>
                <Table.Td>
                  {p.items.map((i) => (
                    <Badge
                      key={i.serviceCode}
                      size="xs"
                      mr={4}
                      color={i.received ? 'teal' : 'yellow'}
                      variant={i.received ? 'filled' : 'light'}
                    >
                      {en ? i.nameEn : i.nameZh} {i.delivered}/{i.monthlyQuantity}
                    </Badge>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
