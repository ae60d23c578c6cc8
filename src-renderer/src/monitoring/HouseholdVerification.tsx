/** The household's 核对 tab: every departmental finding on its members — category, amount, source, date — with totals by category. */
import { useEffect, useState } from 'react';
import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { ErrorAlert } from '../lib/errors';
import { date, money } from '../lib/format';
import { sourceName, useSources } from '../exchange/sources';

type Report = Output<'verification.report'>;

export function HouseholdVerification({ householdId }: { householdId: number }) {
  const { t, i18n } = useTranslation();
  const sources = useSources();
  const [r, setR] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    call('verification.report', { householdId })
      .then((x) => live && setR(x))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [householdId]);
  const cat = (c: string, fallback: string) => t(`verification.categories.${c}`, { defaultValue: fallback });
  const src = (s: string, fallback: string) => {
    const x = sources.find((y) => y.source === s);
    return x ? sourceName(x, i18n.language) : fallback;
  };
  return (
    <Stack gap="xs" data-testid="hh-verification">
      <Title order={5}>{t('verification.title')}</Title>
      <ErrorAlert error={error} />
      {r && r.findings.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="hh-verification-empty">
          {t('verification.empty')}
        </Text>
      )}
      {r && r.categories.length > 0 && (
        <Paper withBorder p="xs">
          <Text size="xs" fw={600} mb={4}>
            {t('verification.totals')}
          </Text>
          <Group gap="lg">
            {r.categories.map((c) => (
              <div key={c.category} data-testid="hh-ver-category" data-category={c.category}>
                <Text size="xs" c="dimmed">
                  {cat(c.category, c.categoryText)} · {c.count}
                </Text>
                <Text size="sm" fw={700} className="sn-num">
                  {c.amountFen ? money(c.amountFen) : '—'}
                </Text>
              </div>
            ))}
          </Group>
        </Paper>
      )}
      {r && r.findings.length > 0 && (
        <Table fz="xs" verticalSpacing={3} striped style={{ tableLayout: 'fixed' }} data-testid="hh-ver-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={110}>{t('verification.category')}</Table.Th>
              <Table.Th w={120} className="sn-num">
                {t('verification.amount')}
              </Table.Th>
              <Table.Th w={170}>{t('verification.source')}</Table.Th>
              <Table.Th w={90}>{t('verification.date')}</Table.Th>
              <Table.Th w={150}>{t('verification.person')}</Table.Th>
              <Table.Th>{t('verification.detail')}</Table.Th>
              <Table.Th w={170}>{t('verification.file')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.findings.map((f, i) => (
              <Table.Tr key={i} data-testid="hh-ver-row" data-category={f.category}>
                <Table.Td>
                  {cat(f.category, f.categoryText)}
                  {f.refused && (
                    <Badge size="xs" color="gray" display="block">
                      {t('verification.refused')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td className="sn-num">{f.amountFen !== null ? money(f.amountFen) : '—'}</Table.Td>
                <Table.Td>
                  <Text size="xs" truncate>
                    {src(f.source, f.sourceText)}
                  </Text>
                </Table.Td>
                <Table.Td>{date(f.date)}</Table.Td>
                <Table.Td>
                  <Text size="xs" truncate>
                    {f.name ?? '—'}
                  </Text>
                  {f.nameDiffers && (
                    <Text size="xs" c="orange.8">
                      {t('verification.nameDiffers', { n: f.nameInFile })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="xs" style={{ wordBreak: 'break-word' }}>
                    {f.detail ?? f.evidenceKey}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" truncate title={f.file}>
                    {f.file} ({f.row})
                  </Text>
                  <Text size="xs" c="dimmed">
                    {date(f.fileDate)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
