/**
 * The monthly provider report (§12.4): planned against delivered per provider and service, cost
 * against budget, the quarter's average satisfaction — on screen and as the printed form (print,
 * PDF, XLSX); and a provider's service ledger of the month. Printing is a manager's.
 */
import { useState } from 'react';
import { Alert, Group, NativeSelect, Paper, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { call } from '../api';
import { ErrorAlert } from '../lib/errors';
import { money } from '../lib/format';
import { useSession } from '../session';
import { PrintPanel, useLoad } from './kit';

const pct = (a: number, b: number | null) => (b ? `${((a / b) * 100).toFixed(1)}%` : '—');

export function ReportTab() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const manager = user.role === 'manager';
  const [month, setMonth] = useState(dayjs().subtract(1, 'month').format('YYYY-MM'));
  const [view, setView] = useState<'report' | 'ledger'>('report');
  const [providerId, setProviderId] = useState('');
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const report = useLoad(() => (valid ? call('services.report', { month }) : Promise.resolve(null)), [month, valid]);
  const providers = useLoad(() => call('services.providers', {}), []);
  const en = i18n.language === 'en';
  const r = report.value;
  return (
    <Stack gap="sm" data-testid="sv-report">
      <Group gap="xs" align="flex-end">
        <TextInput
          size="xs"
          w={100}
          label={t('services.month')}
          value={month}
          onChange={(e) => setMonth(e.currentTarget.value)}
          data-testid="sv-report-month"
        />
        <SegmentedControl
          size="xs"
          value={view}
          onChange={(v) => setView(v === 'ledger' ? 'ledger' : 'report')}
          data={[
            { value: 'report', label: t('services.providerReport') },
            { value: 'ledger', label: t('services.ledger') },
          ]}
          data-testid="sv-report-view"
        />
        {view === 'ledger' && (
          <NativeSelect
            size="xs"
            w={220}
            value={providerId}
            onChange={(e) => setProviderId(e.currentTarget.value)}
            data={[
              { value: '', label: t('services.chooseProvider') },
              ...(providers.value ?? []).map((p) => ({ value: String(p.id), label: p.name })),
            ]}
            data-testid="sv-ledger-provider"
          />
        )}
      </Group>
      <ErrorAlert error={report.error} />
      {view === 'report' && r && (
        <Paper withBorder p="xs">
          <Table fz="xs" striped data-testid="sv-report-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('services.provider')}</Table.Th>
                <Table.Th>{t('services.service')}</Table.Th>
                <Table.Th className="sn-num">{t('services.planned')}</Table.Th>
                <Table.Th className="sn-num">{t('services.delivered')}</Table.Th>
                <Table.Th className="sn-num">{t('services.cost')}</Table.Th>
                <Table.Th className="sn-num">{t('services.yearVsBudget')}</Table.Th>
                <Table.Th className="sn-num">{t('services.avgSatisfaction')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {r.providers.flatMap((p) =>
                (p.services.length ? p.services : [null]).map((s, i) => (
                  <Table.Tr
                    key={`${p.providerId}-${s?.serviceCode ?? ''}`}
                    data-testid="sv-report-row"
                    data-provider={p.name}
                    data-service={s?.serviceCode ?? ''}
                  >
                    <Table.Td>{i === 0 ? p.name : ''}</Table.Td>
                    <Table.Td>{s ? (en ? s.nameEn : s.nameZh) : '—'}</Table.Td>
                    <Table.Td className="sn-num">{s?.planned ?? 0}</Table.Td>
                    <Table.Td className="sn-num">{s?.delivered ?? 0}</Table.Td>
                    <Table.Td className="sn-num">{money(s?.costFen ?? 0)}</Table.Td>
                    <Table.Td className="sn-num">
                      {i === 0
                        ? `${money(p.yearCostFen)} / ${p.budgetFen === null ? '—' : money(p.budgetFen)} (${pct(p.yearCostFen, p.budgetFen)})`
                        : ''}
                    </Table.Td>
                    <Table.Td className="sn-num">
                      {i === 0 ? (p.satisfaction === null ? '—' : `${p.satisfaction.toFixed(2)} (${p.rated})`) : ''}
                    </Table.Td>
                  </Table.Tr>
                )),
              )}
            </Table.Tbody>
          </Table>
          <Text size="xs" fw={600} ta="right" data-testid="sv-report-total">
            {t('services.reportTotal', { planned: r.totals.planned, delivered: r.totals.delivered, cost: money(r.totals.costFen) })}
          </Text>
        </Paper>
      )}
      {!manager ? (
        <Alert color="gray" p="xs">
          <Text size="xs">{t('services.printManagers')}</Text>
        </Alert>
      ) : view === 'report' ? (
        <PrintPanel request={valid ? { kind: 'services', month } : null} prefix="sv-rep" />
      ) : (
        <PrintPanel
          request={valid && providerId ? { kind: 'services_ledger', month, providerId: Number(providerId) } : null}
          prefix="sv-led"
        />
      )}
    </Stack>
  );
}
