import { useEffect, useState } from 'react';
import { Alert, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { ErrorAlert } from '../lib/errors';
import { TIERS } from '../../../src-main/registry/household-file';
import { enumLabel } from '../lib/format';

const PERSONS_LIMIT = 5000;

export function Dashboard() {
  const { t } = useTranslation();
  const [total, setTotal] = useState<number | null>(null);
  const [persons, setPersons] = useState<number | null | 'too_many'>(null);
  const [byTier, setByTier] = useState<Record<string, number>>({});
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const first = await call('households.list', { page: 1, pageSize: 200 });
        if (!live) return;
        setTotal(first.total);
        const tiers = [...TIERS, 'none'] as const;
        const counts = await Promise.all(tiers.map((tier) => call('households.list', { tier, page: 1, pageSize: 10 }).then((r) => r.total)));
        if (!live) return;
        setByTier(Object.fromEntries(tiers.map((tr, i) => [tr, counts[i]])));
        if (first.total > PERSONS_LIMIT) { setPersons('too_many'); return; }
        let sum = first.rows.reduce((s, r) => s + r.size, 0);
        const pages = Math.ceil(first.total / 200);
        for (let p = 2; p <= pages; p++) {
          const r = await call('households.list', { page: p, pageSize: 200 });
          sum += r.rows.reduce((s, x) => s + x.size, 0);
        }
        if (live) setPersons(sum);
      } catch (e) {
        if (live) setError(e);
      }
    })();
    return () => { live = false; };
  }, []);

  return (
    <Stack data-testid="dashboard">
      <Title order={2}>{t('dashboard.title')}</Title>
      <ErrorAlert error={error} />
      <SimpleGrid cols={2} maw={640}>
        <Paper withBorder p="md">
          <Text c="dimmed" size="sm">{t('dashboard.households')}</Text>
          <Text fz={28} fw={700} data-testid="dash-households">{total ?? '…'}</Text>
        </Paper>
        <Paper withBorder p="md">
          <Text c="dimmed" size="sm">{t('dashboard.persons')}</Text>
          {persons === 'too_many' ? <Text size="sm">{t('dashboard.personsUnavailable')}</Text> : <Text fz={28} fw={700} data-testid="dash-persons">{persons ?? '…'}</Text>}
        </Paper>
      </SimpleGrid>
      <Paper withBorder p="md" maw={640}>
        <Title order={4} mb="xs">{t('dashboard.byTier')}</Title>
        <Table data-testid="dash-tiers">
          <Table.Tbody>
            {[...TIERS, 'none'].map((tier) => (
              <Table.Tr key={tier}>
                <Table.Td>{enumLabel('tier', tier)}</Table.Td>
                <Table.Td className="sn-num">{byTier[tier] ?? '…'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Group><Alert color="gray" title={t('later.title')} maw={900}>{t('later.dashboard')}</Alert></Group>
    </Stack>
  );
}
