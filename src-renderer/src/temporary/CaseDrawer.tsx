/**
 * One case: who, what, the computation with its reasons, the decisions, the payments and the 先行救助
 * paperwork; and what the reader may do now — approve (the second manager confirms 一事一议), refuse,
 * pay a stage, record the paperwork. An action the reader may not take is disabled with its reason.
 */
import { useCallback, useEffect, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Divider,
  Drawer,
  Group,
  List,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { todayIso } from '../../../src-main/common/dates';
import { DECIDING_LEVELS, isCode, type DecidingLevel } from '../../../src-main/common/codes';
import { ErrorAlert } from '../lib/errors';
import { money } from '../lib/format';
import { navigate } from '../lib/router';
import { fenOfText, StatusBadge, tw, type CaseDetail } from './common';

export function CaseDrawer({ id, onClose, onChanged }: { id: number; onClose: () => void; onChanged: () => void }) {
  const { t } = useTranslation();
  const [c, setC] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    call('temporary.get', { id }).then(setC).catch(setError);
  }, [id]);
  useEffect(load, [load]);
  const changed = () => {
    load();
    onChanged();
  };
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size={640}
      title={c ? t('temporary.details', { n: c.number }) : ''}
      data-testid="tmp-drawer"
    >
      <ErrorAlert error={error} />
      {c && (
        <Stack gap="xs" data-testid="tmp-case" data-status={c.status} data-number={c.number}>
          <Group gap="xs">
            <StatusBadge status={c.status} />
            <Badge variant="light">{tw('band', c.band)}</Badge>
            <Badge variant="outline">{`${tw('kind', c.kind)} · ${tw('reason', c.reason)} · ${tw('track', c.track)}`}</Badge>
          </Group>
          <Text size="sm">
            {c.personName}
            {c.householdId !== null ? (
              <>
                {' · '}
                <a href={`#/households/${c.householdId}`} onClick={(e) => (e.preventDefault(), navigate(`/households/${c.householdId}`))}>
                  {t('temporary.household')} #{c.householdId}
                </a>
                {` · ${c.township} › ${c.village ?? ''}`}
              </>
            ) : (
              ` · ${t('temporary.nonLocalShort')} · ${c.hukouPlace ?? ''} · ${c.phone ?? ''} · ${c.township}`
            )}
          </Text>
          <Text size="xs" c="dimmed">
            {t('temporary.eventDate')} {c.eventDate} · {t('temporary.eventId')} {c.eventId} · {t('temporary.requestedOn')} {c.requestedOn} ·{' '}
            {tw('paidFrom', c.paidFrom)}
            {c.earlierCase ? ` · ${t('temporary.earlier', { n: c.earlierCase })}` : ''}
          </Text>
          <Text size="sm" fw={700}>
            {t('temporary.proposed')} {money(c.proposedFen)}
            {c.approvedFen !== null ? ` · ${t('temporary.approved')} ${money(c.approvedFen)}` : ''} · {t('temporary.paid')}{' '}
            {money(c.paidFen)}
          </Text>
          <Divider label={t('temporary.reasons')} labelPosition="left" />
          <List size="xs" spacing={2}>
            {c.reasons.map((r, i) => (
              <List.Item key={i} c={r.pass === false ? 'red' : undefined}>
                {r.text}
              </List.Item>
            ))}
          </List>
          {c.decisions.length > 0 && (
            <>
              <Divider label={t('temporary.decisions')} labelPosition="left" />
              {c.decisions.map((d, i) => (
                <Text key={i} size="xs" data-testid="tmp-decision">
                  {d.decidedAt.slice(0, 10)} · {d.username}（{tw('level', d.level)}）·{' '}
                  {d.step === 'refuse'
                    ? t('temporary.refuse')
                    : d.step === 'confirm'
                      ? t('temporary.confirmSecond')
                      : t('temporary.approve')}
                  {d.amountFen !== null ? ` ${money(d.amountFen)}` : ''} — {d.reason}
                </Text>
              ))}
            </>
          )}
          <Decide c={c} onDone={changed} />
          {c.payments.length > 0 && (
            <>
              <Divider label={t('temporary.payments')} labelPosition="left" />
              <Table fz="xs" verticalSpacing={2}>
                <Table.Tbody>
                  {c.payments.map((p) => (
                    <Table.Tr key={p.stage} data-testid="tmp-payment">
                      <Table.Td>{t('temporary.stage', { n: p.stage })}</Table.Td>
                      <Table.Td>{p.paidOn}</Table.Td>
                      <Table.Td className="sn-num">{money(p.amountFen)}</Table.Td>
                      <Table.Td>{tw('paidFrom', p.paidFrom)}</Table.Td>
                      <Table.Td>{p.recordedBy}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
          {c.can.pay && <Pay c={c} onDone={changed} />}
          {c.track === 'assist_first' && <Paperwork c={c} onDone={changed} />}
        </Stack>
      )}
    </Drawer>
  );
}

function Decide({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const second = c.status === 'awaiting_second';
  const first = c.decisions.find((d) => d.step === 'approve');
  const [amount, setAmount] = useState(((second ? (first?.amountFen ?? 0) : c.proposedFen) / 100).toFixed(2));
  const [reason, setReason] = useState('');
  const [level, setLevel] = useState<DecidingLevel>('county');
  const [ask, setAsk] = useState<'approve' | 'refuse' | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (c.status !== 'pending' && c.status !== 'awaiting_second') return null;
  const fen = fenOfText(amount);
  async function go(decision: 'approve' | 'refuse') {
    setError(null);
    try {
      const r = await call('temporary.decide', {
        id: c.id,
        decision,
        level,
        reason: reason.trim(),
        amountFen: decision === 'approve' && !second ? fen : null,
      });
      notifications.show({ color: 'teal', message: t('temporary.decided', { n: c.number, status: tw('status', r.status) }) });
      setAsk(null);
      onDone();
    } catch (e) {
      setAsk(null);
      setError(e);
    }
  }
  const why = c.can.approve ? null : c.can.approveWhy;
  return (
    <Stack gap={4} data-testid="tmp-decide">
      <Divider label={second ? t('temporary.confirmSecond') : t('temporary.decisions')} labelPosition="left" />
      {why && (
        <Alert color="gray" p={6} data-testid="tmp-decide-why">
          <Text size="xs">{why}</Text>
        </Alert>
      )}
      <Group grow align="flex-end">
        <TextInput
          size="xs"
          label={t('temporary.decisionAmount')}
          value={amount}
          disabled={second || !c.can.approve}
          onChange={(e) => setAmount(e.currentTarget.value)}
          data-testid="tmp-decide-amount"
        />
        <NativeSelect
          size="xs"
          label={t('temporary.level')}
          value={level}
          disabled={!c.can.approve && !c.can.refuse}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (isCode(DECIDING_LEVELS, v)) setLevel(v);
          }}
          // docs/rules/temporary-service-recovery.md §11.3: a township decides up to 3 × S only.
          data={DECIDING_LEVELS.filter((x) => x === 'county' || c.band === 'quick' || c.band === 'township').map((x) => ({
            value: x,
            label: tw('level', x),
          }))}
          data-testid="tmp-decide-level"
        />
        <TextInput
          size="xs"
          label={t('temporary.decisionReason')}
          value={reason}
          disabled={!c.can.approve && !c.can.refuse}
          onChange={(e) => setReason(e.currentTarget.value)}
          data-testid="tmp-decide-reason"
        />
      </Group>
      <Group justify="flex-end" gap="xs">
        <Button
          size="xs"
          variant="default"
          color="red"
          disabled={!c.can.refuse || reason.trim().length < 2}
          onClick={() => setAsk('refuse')}
          data-testid="tmp-refuse"
        >
          {t('temporary.refuse')}
        </Button>
        <Button
          size="xs"
          disabled={!c.can.approve || reason.trim().length < 2 || fen === null}
          onClick={() => setAsk('approve')}
          data-testid="tmp-approve"
        >
          {second ? t('temporary.confirmSecond') : t('temporary.approve')}
        </Button>
      </Group>
      <ErrorAlert error={error} />
      <Modal
        opened={ask !== null}
        onClose={() => setAsk(null)}
        title={ask === 'refuse' ? t('temporary.refuse') : t('temporary.approve')}
        size="sm"
      >
        <Stack gap="xs">
          <Text size="sm">
            {ask === 'refuse' ? t('temporary.confirmRefuse') : t('temporary.confirmApprove', { amount: money(fen ?? 0) })}
          </Text>
          <Group justify="flex-end">
            <Button size="xs" variant="default" onClick={() => setAsk(null)}>
              {t('common.cancel')}
            </Button>
            <Button size="xs" onClick={() => ask && void go(ask)} data-testid="tmp-confirm" data-autofocus>
              {t('common.ok')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function Pay({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const left = (c.approvedFen ?? 0) - c.paidFen;
  const [amount, setAmount] = useState((left / 100).toFixed(2));
  const [paidOn, setPaidOn] = useState(todayIso());
  const [error, setError] = useState<unknown>(null);
  async function go() {
    setError(null);
    try {
      const r = await call('temporary.pay', { id: c.id, paidOn, amountFen: fenOfText(amount) ?? 0 });
      notifications.show({ color: 'teal', message: t('temporary.payDone', { amount: money(fenOfText(amount) ?? 0), stage: r.stage }) });
      onDone();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Stack gap={4} data-testid="tmp-pay">
      <Group grow align="flex-end">
        <TextInput
          size="xs"
          label={t('temporary.amount')}
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          data-testid="tmp-pay-amount"
        />
        <TextInput
          size="xs"
          label={t('temporary.paidOn')}
          value={paidOn}
          maxLength={10}
          onChange={(e) => setPaidOn(e.currentTarget.value)}
          data-testid="tmp-pay-date"
        />
        <Button size="xs" onClick={() => void go()} disabled={fenOfText(amount) === null} data-testid="tmp-pay-go">
          {t('temporary.pay')}
        </Button>
      </Group>
      <ErrorAlert error={error} />
    </Stack>
  );
}

function Paperwork({ c, onDone }: { c: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState({ verifiedOn: todayIso(), visitedOn: todayIso(), staff: '', publicityFrom: todayIso(), note: '' });
  const [error, setError] = useState<unknown>(null);
  const done = c.paperwork.length > 0;
  async function go() {
    setError(null);
    try {
      await call('temporary.paperwork', {
        id: c.id,
        verifiedOn: f.verifiedOn,
        visitedOn: f.visitedOn || null,
        visitStaff: f.staff.split(/[、,，\s]+/).filter(Boolean),
        publicityFrom: f.publicityFrom || null,
        note: f.note.trim(),
      });
      notifications.show({ color: 'teal', message: t('temporary.paperworkDone', { n: c.number }) });
      onDone();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Stack gap={4} data-testid="tmp-paperwork">
      <Divider label={t('temporary.paperwork')} labelPosition="left" />
      {c.paperworkDueOn && (
        <Group gap="xs">
          <Text size="xs">{t('temporary.dueOn', { d: c.paperworkDueOn })}</Text>
          {c.paperworkOverdue && (
            <Badge color="red" size="sm">
              {t('temporary.overdue')}
            </Badge>
          )}
          {done && (
            <Badge color="teal" size="sm">
              {t('temporary.done')}
            </Badge>
          )}
        </Group>
      )}
      {c.paperwork.map((p, i) => (
        <Text key={i} size="xs">
          {t('temporary.verifiedOn')} {p.verifiedOn} · {t('temporary.visitedOn')} {p.visitedOn ?? '—'}（{p.visitStaff.join('、')}）·{' '}
          {t('temporary.publicityFrom')} {p.publicityFrom ?? '—'} — {p.note}
        </Text>
      ))}
      {!done && c.status !== 'refused' && (
        <>
          <Group grow>
            <TextInput
              size="xs"
              label={t('temporary.verifiedOn')}
              value={f.verifiedOn}
              onChange={(e) => setF({ ...f, verifiedOn: e.currentTarget.value })}
            />
            <TextInput
              size="xs"
              label={t('temporary.visitedOn')}
              value={f.visitedOn}
              onChange={(e) => setF({ ...f, visitedOn: e.currentTarget.value })}
            />
            <TextInput
              size="xs"
              label={t('temporary.publicityFrom')}
              value={f.publicityFrom}
              onChange={(e) => setF({ ...f, publicityFrom: e.currentTarget.value })}
            />
          </Group>
          <TextInput
            size="xs"
            label={t('temporary.visitStaff')}
            value={f.staff}
            onChange={(e) => setF({ ...f, staff: e.currentTarget.value })}
            data-testid="tmp-pw-staff"
          />
          <Textarea
            size="xs"
            label={t('temporary.note')}
            value={f.note}
            autosize
            minRows={1}
            onChange={(e) => setF({ ...f, note: e.currentTarget.value })}
            data-testid="tmp-pw-note"
          />
          <Group justify="flex-end">
            <Button size="xs" onClick={() => void go()} disabled={f.note.trim().length < 2} data-testid="tmp-pw-save">
              {t('temporary.recordPaperwork')}
            </Button>
          </Group>
        </>
      )}
      <ErrorAlert error={error} />
    </Stack>
  );
}
