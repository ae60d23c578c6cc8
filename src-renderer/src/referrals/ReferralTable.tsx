/**
 * The referrals table shared by the Referrals screen and the household's 需求推送 tab, with its
 * status actions: acknowledge, record a result, the referral's history.
 */
import { RecordText } from '../components/RecordText';
import { Fragment, useEffect, useState } from 'react';
import { Button, Group, Modal, NativeSelect, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { isCode, REFERRAL_RESULTS, type ReferralResult } from '../../../src-main/common/codes';
import { todayIso } from '../../../src-main/common/dates';
import { ErrorAlert } from '../lib/errors';
import { date, money } from '../lib/format';
import { navigate } from '../lib/router';
import { StatusBadge, word, type Referral } from './common';
import { SortTh, type Sort } from '../components/SortTh';

function ReferralEvents({ id }: { id: number }) {
  const { t } = useTranslation();
  const [r, setR] = useState<Output<'referrals.get'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('referrals.get', { id }).then(setR).catch(setError);
  }, [id]);
  return (
    <Stack gap={2} data-testid="referral-events">
      <ErrorAlert error={error} />
      {r && (
        <Text size="xs">
          <b>{t('referrals.reason')}:</b> <RecordText text={r.reason} />
          {r.programmeName ? ' · ' : ''}
          {r.programmeName ? <RecordText text={`${r.organisationName ?? ''} ${r.programmeName}`} /> : null} · {word('source', r.source)}
        </Text>
      )}
      {r?.resultReason && (
        <Text size="xs">
          <b>{t('referrals.note')}:</b> <RecordText text={r.resultReason} />
        </Text>
      )}
      {r?.events.map((e, i) => (
        <Text key={i} size="xs" c="dimmed">
          {date(e.at)} · {word('status', e.status)} · {t('referrals.by')} {e.by}
          {e.note ? ' — ' : ''}
          <RecordText text={e.note} />
        </Text>
      ))}
    </Stack>
  );
}

export function ReferralTable({
  rows,
  onChanged,
  showHousehold = true,
  sort,
  onSort,
}: {
  rows: Referral[];
  onChanged: () => void;
  showHousehold?: boolean;
  /** Sorted by the service over all pages (the Referrals screen); the household's tab lists all its referrals unsorted. */
  sort?: Sort;
  onSort?: (s: Sort) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Set<number>>(new Set());
  const [resultFor, setResultFor] = useState<Referral | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function acknowledge(r: Referral) {
    try {
      await call('referrals.acknowledge', { id: r.id });
      notifications.show({ color: 'teal', message: t('referrals.ackDone', { n: r.number }) });
      onChanged();
    } catch (e) {
      setError(e);
    }
  }
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="referrals-empty">
        {t('loop.noRows')}
      </Text>
    );
  const cols = showHousehold ? 9 : 8;
  const th = (label: string, k: string, w?: number) =>
    sort !== undefined && onSort ? (
      <SortTh key={k} w={w} label={label} k={k} sort={sort} onSort={onSort} />
    ) : (
      <Table.Th key={k} w={w}>
        {label}
      </Table.Th>
    );
  return (
    <>
      <ErrorAlert error={error} />
      <Table verticalSpacing={3} fz="xs" striped style={{ tableLayout: 'fixed' }} data-testid="referral-table">
        <Table.Thead>
          <Table.Tr>
            {th(t('referrals.number'), 'number', 130)}
            {showHousehold && th(t('loop.household'), 'household', 140)}
            {th(t('loop.person'), 'personName', 72)}
            {th(t('referrals.assistance'), 'assistance', 84)}
            {th(t('referrals.department'), 'department')}
            {th(t('referrals.status'), 'status', 124)}
            {th(t('referrals.dueDate'), 'dueDate', 92)}
            {th(t('referrals.result'), 'result', 150)}
            <Table.Th w={170} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => {
            const isOpen = open.has(r.id);
            const canResult = r.status === 'pushed' || r.status === 'acknowledged';
            return (
              <Fragment key={r.id}>
                <Table.Tr
                  data-testid="referral-row"
                  data-number={r.number}
                  data-household={r.householdId}
                  data-township={r.township}
                  data-department={r.department}
                  data-status={r.status}
                  data-overdue={r.overdue ? 1 : 0}
                >
                  <Table.Td className="sn-mono" style={{ whiteSpace: 'nowrap' }}>
                    {r.number}
                  </Table.Td>
                  {showHousehold && (
                    <Table.Td style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                      <a
                        href={`#/households/${r.householdId}`}
                        onClick={(e) => {
                          e.preventDefault();
                          navigate(`/households/${r.householdId}`);
                        }}
                      >
                        {r.headName}
                      </a>{' '}
                      · {r.village}
                    </Table.Td>
                  )}
                  <Table.Td>{r.personName ?? t('loop.wholeHousehold')}</Table.Td>
                  <Table.Td>{word('assistance', r.assistance)}</Table.Td>
                  <Table.Td style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                    {r.department === 'charity' && r.organisationName ? (
                      <RecordText text={`${r.organisationName} · ${r.programmeName ?? ''}`} />
                    ) : (
                      word('department', r.department)
                    )}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge r={r} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.dueDate ?? '—'}</Table.Td>
                  <Table.Td data-testid="referral-result">
                    {r.result ? (
                      <>
                        {`${word('result', r.result)}${r.amountFen !== null ? ` ${money(r.amountFen)}` : ''}`}
                        {r.item ? ' ' : ''}
                        <RecordText text={r.item} />
                      </>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {r.status === 'pushed' && (
                        <Button size="compact-xs" variant="light" onClick={() => void acknowledge(r)} data-testid="referral-ack">
                          {t('referrals.acknowledge')}
                        </Button>
                      )}
                      {canResult && (
                        <Button size="compact-xs" variant="light" onClick={() => setResultFor(r)} data-testid="referral-record">
                          {t('referrals.recordResult')}
                        </Button>
                      )}
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        aria-expanded={isOpen}
                        data-testid="referral-details"
                        onClick={() =>
                          setOpen((s) => {
                            const n = new Set(s);
                            if (n.has(r.id)) n.delete(r.id);
                            else n.add(r.id);
                            return n;
                          })
                        }
                      >
                        {isOpen ? t('referrals.hide') : t('referrals.details')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
                {isOpen && (
                  <Table.Tr>
                    <Table.Td colSpan={cols} bg="gray.0">
                      <ReferralEvents id={r.id} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
      {resultFor && (
        <ResultModal
          r={resultFor}
          onClose={() => setResultFor(null)}
          onDone={() => {
            setResultFor(null);
            onChanged();
          }}
        />
      )}
    </>
  );
}

function ResultModal({ r, onClose, onDone }: { r: Referral; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<ReferralResult>('assisted');
  const [amount, setAmount] = useState('');
  const [item, setItem] = useState('');
  const [day, setDay] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function save() {
    setBusy(true);
    setError(null);
    try {
      const a = amount.trim().replaceAll(',', '');
      if (a && !/^\d+(\.\d{1,2})?$/.test(a)) throw new Error(t('referrals.amount') + ' ?');
      await call('referrals.recordResult', {
        id: r.id,
        result,
        amountFen: a ? Math.round(Number(a) * 100) : null,
        item: item.trim() || null,
        date: day,
        reason: reason.trim() || null,
      });
      notifications.show({ color: 'teal', message: t('referrals.resultDone', { n: r.number }) });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened onClose={onClose} title={t('referrals.resultTitle', { n: r.number })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack gap="xs">
          <NativeSelect
            size="xs"
            label={t('referrals.result')}
            value={result}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (isCode(REFERRAL_RESULTS, v)) setResult(v);
            }}
            data-autofocus
            data-testid="result-kind"
            data={REFERRAL_RESULTS.map((x) => ({ value: x, label: word('result', x) }))}
          />
          <Group grow>
            <TextInput
              size="xs"
              label={t('referrals.amount')}
              value={amount}
              onChange={(e) => setAmount(e.currentTarget.value)}
              data-testid="result-amount"
            />
            <TextInput
              size="xs"
              label={t('referrals.date')}
              value={day}
              maxLength={10}
              onChange={(e) => setDay(e.currentTarget.value)}
              data-testid="result-date"
            />
          </Group>
          <TextInput
            size="xs"
            label={t('referrals.item')}
            value={item}
            onChange={(e) => setItem(e.currentTarget.value)}
            data-testid="result-item"
          />
          <Textarea
            size="xs"
            label={t('referrals.note')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            autosize
            minRows={2}
            data-testid="result-reason"
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" size="xs" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button size="xs" type="submit" loading={busy} data-testid="result-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
