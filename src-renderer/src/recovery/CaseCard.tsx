/**
 * A recovery case: the fact, the person liable, the overpaid months and amounts, what was repaid,
 * waived or deducted, the balance; a repayment (clerks and managers), a waiver, a deduction from
 * next payments and the months closed since (a manager's decisions — disabled for a clerk, who is
 * told why), and the notice printed.
 */
import { useState } from 'react';
import { Badge, Button, Grid, Group, Modal, Paper, Stack, Table, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { todayLocal } from '../components/files';
import { useAction } from '../lib/action';
import { ErrorAlert } from '../lib/errors';
import { enumLabel, money } from '../lib/format';
import { useSession } from '../session';
import { fenOf, fieldError, KeyForm, PrintPanel } from '../services/kit';

type Case = Output<'recovery.case'>;
type Act = 'repay' | 'waive' | 'deduct' | 'notice' | null;

export function CaseCard({ c, onChanged }: { c: Case; onChanged: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const manager = user.role === 'manager';
  const [act, setAct] = useState<Act>(null);
  const { busy, error, run } = useAction();
  const closed = c.openFen <= 0;
  const managerOnly = (label: string, a: Act, testid: string) => (
    <Tooltip label={t('overpaid.managersOnly')} disabled={manager}>
      <span>
        <Button size="compact-xs" variant="default" disabled={!manager || closed} onClick={() => setAct(a)} data-testid={testid}>
          {label}
        </Button>
      </span>
    </Tooltip>
  );
  async function extend() {
    const r = await run(() => call('recovery.extend', { caseId: c.id }));
    if (!r) return;
    notifications.show({ color: 'teal', message: t('overpaid.extended', { n: r.added }) });
    onChanged();
  }
  const done = () => {
    setAct(null);
    onChanged();
  };
  return (
    <Paper withBorder p="xs" data-testid="rc-case" data-id={c.id} data-status={c.status}>
      <Group justify="space-between" mb={4}>
        <Title order={5}>
          {c.number}{' '}
          <Badge size="sm" color={c.status === 'open' ? 'orange' : 'teal'}>
            {t(`overpaid.status.${c.status}`)}
          </Badge>
        </Title>
        <Group gap={4}>
          <Button size="compact-xs" onClick={() => setAct('repay')} disabled={closed} data-testid="rc-repay">
            {t('overpaid.repay')}
          </Button>
          {managerOnly(t('overpaid.waive'), 'waive', 'rc-waive')}
          {managerOnly(t('overpaid.deduct'), 'deduct', 'rc-deduct')}
          <Tooltip label={t('overpaid.managersOnly')} disabled={manager}>
            <span>
              <Button
                size="compact-xs"
                variant="subtle"
                disabled={!manager}
                loading={busy}
                onClick={() => void extend()}
                data-testid="rc-extend"
              >
                {t('overpaid.extend')}
              </Button>
            </span>
          </Tooltip>
          <Button size="compact-xs" variant="light" onClick={() => setAct('notice')} data-testid="rc-notice">
            {t('overpaid.notice')}
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={error} />
      <Text size="xs">
        {t('overpaid.factLine', { date: c.fact.date, who: c.fact.personName ?? '', what: t(`overpaid.kind.${c.fact.kind}`) })} ·{' '}
        {c.newTier === 'none'
          ? t('overpaid.stopsFrom', { id: c.determinationId, month: c.effectiveMonth ?? '—' })
          : t('overpaid.newDetermination', {
              id: c.determinationId,
              month: c.effectiveMonth ?? '—',
              tier: enumLabel('tier', c.newTier),
              amount: money(c.newBenefitFen),
            })}
      </Text>
      <Text size="xs">
        {t('overpaid.liable')}:{' '}
        {c.liableKind === 'estate' ? t('overpaid.estateOf', { name: c.liableName }) : t('overpaid.headIs', { name: c.liableName })} ·{' '}
        {t('overpaid.basis')}: {c.basis}
      </Text>
      <Grid gap="xs" mt={4}>
        <Grid.Col span={5}>
          <Table fz="xs" striped data-testid="rc-months">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('overpaid.month')}</Table.Th>
                <Table.Th className="sn-num">{t('overpaid.paid')}</Table.Th>
                <Table.Th className="sn-num">{t('overpaid.due')}</Table.Th>
                <Table.Th className="sn-num">{t('overpaid.overpaid')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.months.map((m) => (
                <Table.Tr key={m.month} data-testid="rc-month" data-month={m.month}>
                  <Table.Td>{m.month}</Table.Td>
                  <Table.Td className="sn-num">{money(m.paidFen)}</Table.Td>
                  <Table.Td className="sn-num">{money(m.dueFen)}</Table.Td>
                  <Table.Td className="sn-num">{money(m.overpaidFen)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Grid.Col>
        <Grid.Col span={7}>
          <Table fz="xs" striped data-testid="rc-entries">
            <Table.Tbody>
              {c.entries.map((e) => (
                <Table.Tr key={e.id} data-testid="rc-entry" data-kind={e.kind}>
                  <Table.Td>{e.onDate}</Table.Td>
                  <Table.Td>
                    {t(`overpaid.entry.${e.kind}`)}
                    {e.month ? ` ${e.month}` : ''}
                  </Table.Td>
                  <Table.Td className="sn-num">{money(e.amountFen)}</Table.Td>
                  <Table.Td>{e.reason}</Table.Td>
                  <Table.Td>{e.recordedBy}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" fw={600} mt={4} data-testid="rc-case-balance" data-fen={c.balanceFen}>
            {t('overpaid.totals', {
              total: money(c.totalFen),
              repaid: money(c.repaidFen),
              deducted: money(c.deductedFen),
              scheduled: money(c.scheduledFen),
              waived: money(c.waivedFen),
              balance: money(c.balanceFen),
            })}
          </Text>
        </Grid.Col>
      </Grid>
      <Modal opened={act === 'repay'} onClose={() => setAct(null)} keepMounted title={t('overpaid.repayTitle', { n: c.number })}>
        <Repay c={c} onDone={done} />
      </Modal>
      <Modal opened={act === 'waive'} onClose={() => setAct(null)} keepMounted title={t('overpaid.waiveTitle', { n: c.number })}>
        <Waive c={c} onDone={done} />
      </Modal>
      <Modal
        opened={act === 'deduct'}
        onClose={() => setAct(null)}
        keepMounted
        size="lg"
        title={t('overpaid.deductTitle', { n: c.number })}
      >
        <Deduct c={c} onDone={done} />
      </Modal>
      <Modal opened={act === 'notice'} onClose={() => setAct(null)} size="xl" title={t('overpaid.noticeTitle', { n: c.number })}>
        {act === 'notice' && <PrintPanel request={{ kind: 'recovery_notice', caseId: c.id }} prefix="rc-nt" height={520} />}
      </Modal>
    </Paper>
  );
}

function Repay({ c, onDone }: { c: Case; onDone: () => void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(todayLocal());
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const fen = fenOf(amount);
  async function save() {
    if (fen === null) return;
    const r = await run(() =>
      call('recovery.repay', { caseId: c.id, date, amountFen: fen, ...(note.trim() ? { note: note.trim() } : {}) }),
    );
    if (!r) return;
    notifications.show({ color: 'teal', message: t('overpaid.repaid', { amount: money(fen) }) });
    setAmount('');
    onDone();
  }
  return (
    <KeyForm onSave={() => void save()} testid="rc-repay-form">
      <Stack gap={6}>
        <Text size="xs">{t('overpaid.openNow', { amount: money(c.openFen) })}</Text>
        <Group grow gap="xs">
          <TextInput
            size="xs"
            label={t('overpaid.date')}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={fieldError(error, 'date')}
            data-testid="rc-r-date"
          />
          <TextInput
            size="xs"
            label={t('overpaid.amountYuan')}
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={fieldError(error, 'amountFen') ?? (amount && fen === null ? t('overpaid.notAmount') : undefined)}
            data-testid="rc-r-amount"
          />
        </Group>
        <TextInput
          size="xs"
          label={t('overpaid.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-testid="rc-r-note"
        />
        <ErrorAlert error={error} />
        <Button size="xs" onClick={() => void save()} loading={busy} disabled={fen === null} data-testid="rc-r-save">
          {t('overpaid.save')}
        </Button>
      </Stack>
    </KeyForm>
  );
}

function Waive({ c, onDone }: { c: Case; onDone: () => void }) {
  const { t } = useTranslation();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const fen = fenOf(amount);
  async function save() {
    if (fen === null || reason.trim().length < 4) return;
    const r = await run(() => call('recovery.waive', { caseId: c.id, amountFen: fen, reason: reason.trim() }));
    if (r) onDone();
  }
  return (
    <KeyForm onSave={() => void save()} testid="rc-waive-form">
      <Stack gap={6}>
        <Text size="xs">{t('overpaid.openNow', { amount: money(c.openFen) })}</Text>
        <TextInput
          size="xs"
          label={t('overpaid.amountYuan')}
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          error={fieldError(error, 'amountFen')}
          data-testid="rc-w-amount"
        />
        <Textarea
          size="xs"
          label={t('overpaid.reason')}
          placeholder={t('overpaid.waiveHint')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldError(error, 'reason')}
          data-testid="rc-w-reason"
        />
        <ErrorAlert error={error} />
        <Button
          size="xs"
          onClick={() => void save()}
          loading={busy}
          disabled={fen === null || reason.trim().length < 4}
          data-testid="rc-w-save"
        >
          {t('overpaid.waiveGo')}
        </Button>
      </Stack>
    </KeyForm>
  );
}

function Deduct({ c, onDone }: { c: Case; onDone: () => void }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState([{ month: '', amount: '' }]);
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const months = rows.filter((r) => r.month.trim()).map((r) => ({ month: r.month.trim(), amountFen: fenOf(r.amount) }));
  const ready = months.length > 0 && months.every((m) => m.amountFen !== null) && reason.trim().length >= 4;
  async function save() {
    if (!ready) return;
    const r = await run(() =>
      call('recovery.deduct', {
        caseId: c.id,
        months: months.map((m) => ({ month: m.month, amountFen: m.amountFen ?? 0 })),
        reason: reason.trim(),
      }),
    );
    if (r) onDone();
  }
  return (
    <KeyForm onSave={() => void save()} testid="rc-deduct-form">
      <Stack gap={6}>
        <Text size="xs">{t('overpaid.deductWhat', { amount: money(c.openFen) })}</Text>
        {rows.map((r, i) => (
          <Group key={i} gap="xs">
            <TextInput
              size="xs"
              w={110}
              placeholder="YYYY-MM"
              value={r.month}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setRows((xs) => xs.map((x, j) => (j === i ? { ...x, month: v } : x)));
              }}
              data-testid={`rc-d-month-${i}`}
            />
            <TextInput
              size="xs"
              w={120}
              placeholder={t('overpaid.amountYuan')}
              value={r.amount}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setRows((xs) => xs.map((x, j) => (j === i ? { ...x, amount: v } : x)));
              }}
              data-testid={`rc-d-amount-${i}`}
            />
          </Group>
        ))}
        <Button size="compact-xs" variant="subtle" onClick={() => setRows((xs) => [...xs, { month: '', amount: '' }])}>
          {t('overpaid.addMonth')}
        </Button>
        <Textarea
          size="xs"
          label={t('overpaid.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={fieldError(error, 'reason')}
          data-testid="rc-d-reason"
        />
        <Text size="xs" c="red">
          {fieldError(error, 'months') ?? ''}
        </Text>
        <ErrorAlert error={error} />
        <Button size="xs" onClick={() => void save()} loading={busy} disabled={!ready} data-testid="rc-d-save">
          {t('overpaid.deductGo')}
        </Button>
      </Stack>
    </KeyForm>
  );
}
