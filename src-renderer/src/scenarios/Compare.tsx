/** Up to three scenarios side by side, each against the parameters in force on its date; printed together. */
import { useEffect, useState } from 'react';
import { Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { ErrorAlert } from '../lib/errors';
import { enumLabel, money } from '../lib/format';
import { downloadBase64 } from '../lib/policy';
import type { Run } from './RunSummary';

const KINDS = ['newlyEligible', 'leaving', 'tierUp', 'tierDown', 'benefitChanged', 'unchanged'] as const;

export function Compare({ ids }: { ids: number[] }) {
  const { t } = useTranslation();
  const [runs, setRuns] = useState<Run[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [printing, setPrinting] = useState(false);
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    Promise.all(key.split(',').map((id) => call('scenarios.get', { id: Number(id) })))
      .then((r) => live && setRuns(r))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [key]);
  async function print() {
    setPrinting(true);
    try {
      const f = await call('scenarios.print', { ids });
      downloadBase64(f.fileName, f.base64, 'application/pdf');
      notifications.show({ color: 'teal', message: t('scenarios.printed', { n: f.pages, f: f.fileName }) });
    } catch (e) {
      setError(e);
    } finally {
      setPrinting(false);
    }
  }
  const done = runs.filter((r) => r.summary);
  const first = done[0]?.summary;
  const tiers = [...new Set(done.flatMap((r) => r.summary?.byTier.map((x) => x.tier) ?? []))];
  return (
    <Paper withBorder p="xs" data-testid="scenario-compare">
      <Group justify="space-between" mb={4}>
        <Title order={4}>{t('scenarios.compare', { n: ids.length })}</Title>
        <Button size="xs" variant="default" loading={printing} onClick={() => void print()} data-testid="scenario-compare-print">
          {t('scenarios.print')}
        </Button>
      </Group>
      <ErrorAlert error={error} />
      {first && (
        <Table verticalSpacing={2} fz="xs" striped data-testid="scenario-compare-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th className="sn-num">{t('scenarios.current')}</Table.Th>
              {done.map((r) => (
                <Table.Th key={r.id} className="sn-num" data-testid="scenario-compare-col">
                  #{r.id} {r.name}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr fw={700}>
              <Table.Td>{t('scenarios.monthly')}</Table.Td>
              <Table.Td className="sn-num">{money(first.monthlyCost.before)}</Table.Td>
              {done.map((r) => (
                <Table.Td key={r.id} className="sn-num" data-testid="scenario-compare-monthly">
                  {money(r.summary!.monthlyCost.after)} ({r.summary!.monthlyCost.delta >= 0 ? '+' : ''}
                  {money(r.summary!.monthlyCost.delta)})
                </Table.Td>
              ))}
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{t('scenarios.annual')}</Table.Td>
              <Table.Td className="sn-num">{money(first.annualCost.before)}</Table.Td>
              {done.map((r) => (
                <Table.Td key={r.id} className="sn-num">
                  {money(r.summary!.annualCost.after)}
                </Table.Td>
              ))}
            </Table.Tr>
            {KINDS.map((k) => (
              <Table.Tr key={k}>
                <Table.Td>{t(`scenarios.kind.${k}`)}</Table.Td>
                <Table.Td />
                {done.map((r) => (
                  <Table.Td key={r.id} className="sn-num">
                    {r.summary!.households[k]} / {r.summary!.persons[k]}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            {tiers.map((tier) => (
              <Table.Tr key={tier}>
                <Table.Td>{enumLabel('tier', tier)}</Table.Td>
                <Table.Td className="sn-num">{money(first.byTier.find((x) => x.tier === tier)?.before ?? 0)}</Table.Td>
                {done.map((r) => (
                  <Table.Td key={r.id} className="sn-num">
                    {money(r.summary!.byTier.find((x) => x.tier === tier)?.after ?? 0)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="xs" c="dimmed" mt={4}>
        {t('scenarios.households')} / {t('scenarios.persons')}
      </Text>
    </Paper>
  );
}
