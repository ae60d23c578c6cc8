/**
 * The county recovery ledger (docs/rules/temporary-service-recovery.md §13): every case with
 * what is owed, repaid, deducted, waived and still open, by township — sorted and filtered on
 * screen, printed, saved as PDF or exported to XLSX as the signed ledger.
 */
import { useState } from 'react';
import { Alert, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { SortTh, sortRows, type Sort } from '../components/SortTh';
import { useAreas } from '../lib/areas';
import { ErrorAlert } from '../lib/errors';
import { money } from '../lib/format';
import { navigate } from '../lib/router';
import { useSession } from '../session';
import { PrintPanel, useLoad } from '../services/kit';

export function RecoveryLedgerPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const staff = user.role === 'clerk' || user.role === 'manager';
  const [townshipId, setTownshipId] = useState('');
  const [open, setOpen] = useState(false);
  const [sort, setSort] = useState<Sort>(null);
  const towns = useAreas().filter((a) => a.level === 'township');
  const ledger = useLoad(
    () => (staff ? call('recovery.ledger', { open, ...(townshipId ? { townshipId: Number(townshipId) } : {}) }) : Promise.resolve([])),
    [open, townshipId, staff],
  );
  if (!staff) return <Alert color="gray">{t('overpaid.notForAdmin')}</Alert>;
  const rows = sortRows(
    (ledger.value ?? []).map((c) => ({
      ...c,
      monthCount: c.months.length,
      factText: `${c.fact.date} ${c.fact.personName ?? ''}${t(`overpaid.kind.${c.fact.kind}`)}`,
    })),
    sort,
  );
  const sum = (f: (c: (typeof rows)[number]) => number) => rows.reduce((s, c) => s + f(c), 0);
  return (
    <Stack gap="xs" data-testid="recovery-page">
      <Group gap="sm">
        <Title order={2}>{t('overpaid.ledgerTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('overpaid.ledgerSubtitle')}
        </Text>
      </Group>
      <Paper withBorder p="xs">
        <Group gap="xs" mb={4}>
          <NativeSelect
            size="xs"
            w={180}
            value={townshipId}
            onChange={(e) => setTownshipId(e.currentTarget.value)}
            data={[{ value: '', label: t('overpaid.anyTownship') }, ...towns.map((a) => ({ value: String(a.id), label: a.name }))]}
            data-testid="rc-ledger-town"
          />
          <Checkbox
            size="xs"
            label={t('overpaid.openOnly')}
            checked={open}
            onChange={(e) => setOpen(e.currentTarget.checked)}
            data-testid="rc-ledger-open"
          />
        </Group>
        <ErrorAlert error={ledger.error} />
        <Table striped fz="xs" data-testid="rc-ledger">
          <Table.Thead>
            <Table.Tr>
              <SortTh label={t('overpaid.number')} k="number" sort={sort} onSort={setSort} />
              <SortTh label={t('overpaid.place')} k="village" sort={sort} onSort={setSort} />
              <SortTh label={t('overpaid.liable')} k="liableName" sort={sort} onSort={setSort} />
              <SortTh label={t('overpaid.fact')} k="factText" sort={sort} onSort={setSort} />
              <SortTh label={t('overpaid.monthsCount')} k="monthCount" sort={sort} onSort={setSort} num />
              <SortTh label={t('overpaid.total')} k="totalFen" sort={sort} onSort={setSort} num />
              <SortTh label={t('overpaid.repaidLabel')} k="repaidFen" sort={sort} onSort={setSort} num />
              <SortTh label={t('overpaid.deductedLabel')} k="deductedFen" sort={sort} onSort={setSort} num />
              <SortTh label={t('overpaid.waivedLabel')} k="waivedFen" sort={sort} onSort={setSort} num />
              <SortTh label={t('overpaid.balance')} k="balanceFen" sort={sort} onSort={setSort} num />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr
                key={c.id}
                data-testid="rc-ledger-row"
                data-number={c.number}
                className="sn-clickable"
                onClick={() => navigate(`/households/${c.householdId}`)}
              >
                <Table.Td>{c.number}</Table.Td>
                <Table.Td>
                  {c.township} {c.village}
                </Table.Td>
                <Table.Td>{c.liableName}</Table.Td>
                <Table.Td>{c.factText}</Table.Td>
                <Table.Td className="sn-num">{c.monthCount}</Table.Td>
                <Table.Td className="sn-num">{money(c.totalFen)}</Table.Td>
                <Table.Td className="sn-num">{money(c.repaidFen)}</Table.Td>
                <Table.Td className="sn-num">{money(c.deductedFen)}</Table.Td>
                <Table.Td className="sn-num">{money(c.waivedFen)}</Table.Td>
                <Table.Td className="sn-num">{money(c.balanceFen)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" fw={600} ta="right" data-testid="rc-ledger-total">
          {t('overpaid.ledgerTotal', { n: rows.length, total: money(sum((c) => c.totalFen)), balance: money(sum((c) => c.balanceFen)) })}
        </Text>
      </Paper>
      <PrintPanel request={{ kind: 'recovery', ...(townshipId ? { townshipId: Number(townshipId) } : {}) }} prefix="rc-lg" />
    </Stack>
  );
}
