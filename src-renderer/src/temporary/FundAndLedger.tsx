/**
 * The township standby fund (§11.4: allocations, payments, balance; the county's top-up) and the
 * printed forms of the month (§11.5: the temporary-assistance ledger and publicity list, previewed
 * as printed, printed, saved as PDF or XLSX — by a manager, who signs them).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { todayIso } from '../../../src-main/common/dates';
import { useSession } from '../session';
import { useAreas } from '../lib/areas';
import { ErrorAlert } from '../lib/errors';
import { RecordText } from '../components/RecordText';
import { money } from '../lib/format';
import { downloadBase64 } from '../lib/files';
import { fenOfText, tw } from './common';

function useTownship(): [string, (v: string) => void, { value: string; label: string }[]] {
  const areas = useAreas();
  const townships = areas.filter((a) => a.level === 'township').map((a) => ({ value: String(a.id), label: a.name }));
  const [township, setTownship] = useState('');
  const chosen = township || townships[0]?.value || '';
  return [chosen, setTownship, townships];
}

export function FundTab() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [township, setTownship, townships] = useTownship();
  const [year, setYear] = useState(todayIso().slice(0, 4));
  const [fund, setFund] = useState<Output<'temporary.fund'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!township || !/^\d{4}$/.test(year)) return;
    let live = true;
    call('temporary.fund', { townshipId: Number(township), year: Number(year) })
      .then((f) => live && (setFund(f), setError(null)))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [township, year, tick]);
  const manager = user.role === 'manager' || user.role === 'administrator';
  async function topUp() {
    setError(null);
    try {
      const r = await call('temporary.topUp', {
        townshipId: Number(township),
        year: Number(year),
        amountFen: fenOfText(amount) ?? 0,
        onDate: todayIso(),
        note: note.trim(),
      });
      notifications.show({ color: 'teal', message: t('temporary.topUpDone', { b: money(r.balanceFen) }) });
      setAmount('');
      setNote('');
      setTick((x) => x + 1);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Stack gap="xs" data-testid="tmp-fund">
      <Group gap="xs" align="flex-end">
        <NativeSelect
          size="xs"
          w={160}
          label={t('temporary.township')}
          value={township}
          onChange={(e) => setTownship(e.currentTarget.value)}
          data={townships}
          data-testid="tmp-fund-township"
        />
        <TextInput size="xs" w={80} label={t('temporary.year')} value={year} onChange={(e) => setYear(e.currentTarget.value)} />
      </Group>
      <ErrorAlert error={error} />
      {fund && (
        <>
          <Text size="sm" fw={700} data-testid="tmp-fund-balance" data-fen={fund.balanceFen}>
            {fund.township} {fund.year}：{t('temporary.allocated')} {money(fund.allocatedFen)} · {t('temporary.paid')} {money(fund.paidFen)}{' '}
            · {t('temporary.balance')} {money(fund.balanceFen)}
          </Text>
          <Table fz="xs" verticalSpacing={2} striped maw={900}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('temporary.onDate')}</Table.Th>
                <Table.Th>{t('temporary.kind')}</Table.Th>
                <Table.Th>{t('temporary.number')}</Table.Th>
                <Table.Th className="sn-num">{t('temporary.amount')}</Table.Th>
                <Table.Th className="sn-num">{t('temporary.balance')}</Table.Th>
                <Table.Th>{t('temporary.note')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fund.entries.map((e, i) => (
                <Table.Tr key={i} data-testid="tmp-fund-entry" data-kind={e.kind}>
                  <Table.Td>{e.onDate}</Table.Td>
                  <Table.Td>{tw('fund', e.kind)}</Table.Td>
                  <Table.Td>{e.caseNumber ?? ''}</Table.Td>
                  <Table.Td className="sn-num">{money(e.amountFen)}</Table.Td>
                  <Table.Td className="sn-num">{money(e.balanceFen)}</Table.Td>
                  <Table.Td>
                    <RecordText text={e.note} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <Paper withBorder p="xs" maw={600}>
        <Stack gap={4}>
          <Text size="xs" fw={700}>
            {t('temporary.topUp')}
          </Text>
          {!manager && (
            <Text size="xs" c="dimmed">
              {t('temporary.clerkOnlyQuick')}
            </Text>
          )}
          <Group grow align="flex-end">
            <TextInput
              size="xs"
              label={t('temporary.amount')}
              value={amount}
              disabled={!manager}
              onChange={(e) => setAmount(e.currentTarget.value)}
              data-testid="tmp-topup-amount"
            />
            <TextInput
              size="xs"
              label={t('temporary.note')}
              value={note}
              disabled={!manager}
              onChange={(e) => setNote(e.currentTarget.value)}
              data-testid="tmp-topup-note"
            />
            <Button
              size="xs"
              disabled={!manager || fenOfText(amount) === null || note.trim().length < 2}
              onClick={() => void topUp()}
              data-testid="tmp-topup"
            >
              {t('temporary.topUp')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

const FORMS = ['temporary_ledger', 'temporary_publicity'] as const;
type Form = (typeof FORMS)[number];

export function LedgerTab() {
  const { t } = useTranslation();
  const { user } = useSession();
  const manager = user.role === 'manager' || user.role === 'administrator';
  const [form, setForm] = useState<Form>('temporary_ledger');
  const [month, setMonth] = useState(todayIso().slice(0, 7));
  const [township, setTownship] = useState('');
  const areas = useAreas();
  const townships = areas.filter((a) => a.level === 'township');
  const [preview, setPreview] = useState<{ html: string; pages: number | null; fileName: string } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [totals, setTotals] = useState<Output<'temporary.month'> | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  useEffect(() => {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return;
    let live = true;
    call('temporary.month', { month })
      .then((m) => live && setTotals(m))
      .catch(() => live && setTotals(null));
    return () => {
      live = false;
    };
  }, [month]);
  const choice = useMemo(() => ({ kind: form, month, ...(township ? { townshipId: Number(township) } : {}) }), [form, month, township]);
  const request = (format: 'html' | 'pdf' | 'xlsx') => ({ ...choice, format });
  useEffect(() => {
    if (!manager || !/^\d{4}-(0[1-9]|1[0-2])$/.test(choice.month)) return;
    let live = true;
    call('reports.render', { ...choice, format: 'html' })
      .then((r) => live && (setPreview({ html: r.html ?? '', pages: r.pages, fileName: r.fileName }), setError(null)))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [choice, manager]);
  async function save(format: 'pdf' | 'xlsx') {
    try {
      const r = await call('reports.render', request(format));
      downloadBase64(r.fileName, r.base64 ?? '', r.mime);
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Stack gap="xs" data-testid="tmp-ledger">
      {!manager && (
        <Alert color="gray" p="xs">
          <Text size="xs">{t('temporary.managerPrints')}</Text>
        </Alert>
      )}
      <Group gap="xs" align="flex-end">
        <NativeSelect
          size="xs"
          w={200}
          label={t('temporary.form')}
          value={form}
          data-testid="tmp-form"
          onChange={(e) => setForm(e.currentTarget.value === 'temporary_publicity' ? 'temporary_publicity' : 'temporary_ledger')}
          data={FORMS.map((f) => ({ value: f, label: tw('form', f) }))}
        />
        <TextInput
          size="xs"
          w={100}
          label={t('temporary.month')}
          value={month}
          onChange={(e) => setMonth(e.currentTarget.value)}
          data-testid="tmp-month"
        />
        <NativeSelect
          size="xs"
          w={150}
          label={t('temporary.township')}
          value={township}
          onChange={(e) => setTownship(e.currentTarget.value)}
          data={[{ value: '', label: t('temporary.any') }, ...townships.map((a) => ({ value: String(a.id), label: a.name }))]}
        />
        <Button
          size="xs"
          variant="default"
          disabled={!preview}
          onClick={() => frame.current?.contentWindow?.print()}
          data-testid="tmp-print"
        >
          {t('temporary.print')}
        </Button>
        <Button size="xs" variant="default" disabled={!manager} onClick={() => void save('pdf')} data-testid="tmp-pdf">
          {t('temporary.pdf')}
        </Button>
        <Button size="xs" variant="default" disabled={!manager} onClick={() => void save('xlsx')} data-testid="tmp-xlsx">
          {t('temporary.exportXlsx')}
        </Button>
        {/* The page count only: the file's name is the printed form's, in Chinese, given when it is saved. */}
        {preview && (
          <Text size="xs" c="dimmed">
            {t('temporary.pages', { n: preview.pages ?? 0 })}
          </Text>
        )}
      </Group>
      {totals && (
        <Text size="xs" data-testid="tmp-month-totals" data-closed={totals.closed ? 1 : 0}>
          {t('temporary.monthTotals', { n: totals.payments, fen: money(totals.totalFen) })}
          {' · '}
          {totals.closed ? t('temporary.monthClosed') : t('temporary.monthOpen')}
        </Text>
      )}
      <ErrorAlert error={error} />
      {preview && (
        <div style={{ height: 520, border: '1px solid #ccc' }}>
          <iframe
            ref={frame}
            title={t('temporary.preview')}
            srcDoc={preview.html}
            sandbox="allow-same-origin allow-modals"
            data-testid="tmp-preview"
            style={{ width: '100%', height: '100%', border: 0, display: 'block' }}
          />
        </div>
      )}
    </Stack>
  );
}
