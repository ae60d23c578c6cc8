/**
 * Referral pieces shared by the Referrals screen and the household's 需求推送 tab: the table
 * with its status actions (acknowledge, record a result, history), the new-referral dialog
 * (manual, charity with its programme, or every entitlement at once), the push-list export
 * and the feedback import.
 */
import { Fragment, useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Group, Modal, NativeSelect, Paper, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { todayIso } from '../../../src-main/common/dates';
import { ErrorAlert } from '../lib/errors';
import { date, money } from '../lib/format';
import { downloadBase64 } from '../lib/policy';
import { navigate } from '../lib/router';
import {
  ASSISTANCES,
  DEPARTMENTS,
  HouseholdPicker,
  RESULTS,
  StatusBadge,
  downloadText,
  sha256Hex,
  word,
  type Department,
  type Referral,
} from './common';

const DEPARTMENT_OF: Record<string, Department> = {
  medical: 'medical_insurance',
  education: 'education',
  housing: 'housing',
  employment: 'hrss',
  temporary: 'civil_affairs',
  charity: 'charity',
};
type Charity = Output<'charity.list'>;

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
          <b>{t('referrals.reason')}:</b> {r.reason}
          {r.programmeName ? ` · ${r.organisationName ?? ''} ${r.programmeName}` : ''} · {word('source', r.source)}
        </Text>
      )}
      {r?.resultReason && (
        <Text size="xs">
          <b>{t('referrals.note')}:</b> {r.resultReason}
        </Text>
      )}
      {r?.events.map((e, i) => (
        <Text key={i} size="xs" c="dimmed">
          {date(e.at)} · {word('status', e.status)} · {t('referrals.by')} {e.by}
          {e.note ? ` — ${e.note}` : ''}
        </Text>
      ))}
    </Stack>
  );
}

export function ReferralTable({
  rows,
  onChanged,
  showHousehold = true,
}: {
  rows: Referral[];
  onChanged: () => void;
  showHousehold?: boolean;
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
  return (
    <>
      <ErrorAlert error={error} />
      <Table verticalSpacing={3} fz="xs" striped style={{ tableLayout: 'fixed' }} data-testid="referral-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={130}>{t('referrals.number')}</Table.Th>
            {showHousehold && <Table.Th w={140}>{t('loop.household')}</Table.Th>}
            <Table.Th w={72}>{t('loop.person')}</Table.Th>
            <Table.Th w={84}>{t('referrals.assistance')}</Table.Th>
            <Table.Th>{t('referrals.department')}</Table.Th>
            <Table.Th w={124}>{t('referrals.status')}</Table.Th>
            <Table.Th w={92}>{t('referrals.dueDate')}</Table.Th>
            <Table.Th w={150}>{t('referrals.result')}</Table.Th>
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
                    {r.department === 'charity' && r.organisationName
                      ? `${r.organisationName} · ${r.programmeName ?? ''}`
                      : word('department', r.department)}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge r={r} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{r.dueDate ?? '—'}</Table.Td>
                  <Table.Td data-testid="referral-result">
                    {r.result
                      ? `${word('result', r.result)}${r.amountFen !== null ? ` ${money(r.amountFen)}` : ''}${r.item ? ` ${r.item}` : ''}`
                      : '—'}
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
  const [result, setResult] = useState<(typeof RESULTS)[number]>('assisted');
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
            onChange={(e) => setResult(e.currentTarget.value as typeof result)}
            data-autofocus
            data-testid="result-kind"
            data={RESULTS.map((x) => ({ value: x, label: word('result', x) }))}
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

/** Drafts every entitlement's referral for a household; reports how many. */
export async function pushNeeds(householdId: number, t: (k: string, o?: any) => string): Promise<number> {
  const r = await call('referrals.fromEntitlements', { householdId });
  notifications.show({
    color: r.ids.length ? 'teal' : 'gray',
    message: r.ids.length ? t('referrals.fromEntitlementsDone', { n: r.ids.length }) : t('referrals.fromEntitlementsNone'),
  });
  return r.ids.length;
}

export function useCharity(): [Charity | null, () => void] {
  const [c, setC] = useState<Charity | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    call('charity.list', {})
      .then(setC)
      .catch(() => setC([]));
  }, [n]);
  return [c, () => setN((x) => x + 1)];
}

export function CreateReferralModal({ householdId, onClose, onDone }: { householdId?: number; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [hh, setHh] = useState<{ id: number; label: string } | null>(householdId ? { id: householdId, label: `#${householdId}` } : null);
  const [members, setMembers] = useState<{ idNumber: string; name: string }[]>([]);
  const [person, setPerson] = useState('');
  const [assistance, setAssistance] = useState<(typeof ASSISTANCES)[number]>('medical');
  const [programmeId, setProgrammeId] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [charity] = useCharity();
  useEffect(() => {
    if (!hh) {
      setMembers([]);
      return;
    }
    call('households.get', { id: hh.id })
      .then((h) => {
        const ms = (h.household?.members ?? []) as { idNumber: string; name: string; relation: string }[];
        setMembers(ms);
        const head = ms.find((m) => m.relation === 'head');
        if (head)
          setHh((x) =>
            x && x.label === `#${x.id}`
              ? { ...x, label: `#${x.id} ${head.name} · ${h.household?.area?.township ?? ''} ${h.household?.area?.village ?? ''}` }
              : x,
          );
      })
      .catch(setError);
  }, [hh?.id]);
  const programmes = (charity ?? [])
    .filter((o) => o.active)
    .flatMap((o) => o.programmes.filter((p) => p.active).map((p) => ({ value: String(p.id), label: `${o.name} · ${p.name}` })));
  async function save() {
    if (!hh) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('referrals.create', {
        householdId: hh.id,
        idNumber: person || null,
        assistance,
        department: DEPARTMENT_OF[assistance],
        reason,
        ...(assistance === 'charity' && programmeId ? { programmeId: Number(programmeId) } : {}),
      });
      notifications.show({ color: 'teal', message: t('referrals.created', { n: r.number }) });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  async function fromEntitlements() {
    if (!hh) return;
    setBusy(true);
    setError(null);
    try {
      await pushNeeds(hh.id, t);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened onClose={onClose} title={t('referrals.createTitle')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        data-testid="create-referral"
      >
        <Stack gap="xs">
          {hh ? (
            <Group justify="space-between">
              <Text size="sm" fw={600} data-testid="create-household">
                {hh.label}
              </Text>
              {!householdId && (
                <Button size="compact-xs" variant="subtle" onClick={() => setHh(null)}>
                  {t('common.edit')}
                </Button>
              )}
            </Group>
          ) : (
            <HouseholdPicker onPick={setHh} autoFocus />
          )}
          {hh && (
            <>
              <Group>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => void fromEntitlements()}
                  loading={busy}
                  data-testid="create-from-entitlements"
                >
                  {t('referrals.fromEntitlements')}
                </Button>
              </Group>
              <Group grow>
                <NativeSelect
                  size="xs"
                  label={t('referrals.assistance')}
                  value={assistance}
                  onChange={(e) => setAssistance(e.currentTarget.value as typeof assistance)}
                  data-testid="create-assistance"
                  data={ASSISTANCES.map((a) => ({ value: a, label: `${word('assistance', a)} → ${word('department', DEPARTMENT_OF[a])}` }))}
                />
                <NativeSelect
                  size="xs"
                  label={t('referrals.person')}
                  value={person}
                  onChange={(e) => setPerson(e.currentTarget.value)}
                  data-testid="create-person"
                  data={[
                    { value: '', label: t('loop.wholeHousehold') },
                    ...members.map((m) => ({ value: m.idNumber, label: `${m.name} ${m.idNumber.slice(0, 6)}…${m.idNumber.slice(-4)}` })),
                  ]}
                />
              </Group>
              {assistance === 'charity' && (
                <NativeSelect
                  size="xs"
                  label={t('referrals.programme')}
                  value={programmeId}
                  onChange={(e) => setProgrammeId(e.currentTarget.value)}
                  data-testid="create-programme"
                  data={[{ value: '', label: '—' }, ...programmes]}
                />
              )}
              <Textarea
                size="xs"
                label={t('referrals.reason')}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                autosize
                minRows={2}
                data-testid="create-reason"
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && e.ctrlKey) {
                    e.preventDefault();
                    void save();
                  }
                }}
              />
            </>
          )}
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" size="xs" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button size="xs" type="submit" disabled={!hh} loading={busy} data-testid="create-save">
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function ExportModal({ onClose, onDone, initial }: { onClose: () => void; onDone: () => void; initial?: Department }) {
  const { t } = useTranslation();
  const [department, setDepartment] = useState<Department>(initial ?? 'medical_insurance');
  const [orgId, setOrgId] = useState('');
  const [charity] = useCharity();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function go() {
    setBusy(true);
    setError(null);
    try {
      const f = await call('referrals.exportPushList', {
        department,
        ...(department === 'charity' && orgId ? { organisationId: Number(orgId) } : {}),
      });
      downloadBase64(f.fileName, f.base64, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      downloadText(f.manifestFileName, f.manifest, 'application/json');
      notifications.show({ color: 'teal', message: t('referrals.exported', { f: f.fileName, n: f.rows }) });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened onClose={onClose} title={t('referrals.exportTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void go();
        }}
      >
        <Stack gap="xs">
          <NativeSelect
            size="xs"
            label={t('referrals.department')}
            value={department}
            onChange={(e) => setDepartment(e.currentTarget.value as Department)}
            data-autofocus
            data-testid="export-department"
            data={DEPARTMENTS.map((d) => ({ value: d, label: word('department', d) }))}
          />
          {department === 'charity' && (
            <NativeSelect
              size="xs"
              label={t('referrals.organisation')}
              value={orgId}
              onChange={(e) => setOrgId(e.currentTarget.value)}
              data-testid="export-organisation"
              data={[{ value: '', label: '—' }, ...(charity ?? []).map((o) => ({ value: String(o.id), label: o.name }))]}
            />
          )}
          <Text size="xs">{t('referrals.exportHint')}</Text>
          <Text size="xs" c="dimmed">
            {t('referrals.masking')}: {department === 'charity' ? t('referrals.maskCharity') : t('referrals.maskFull')}
          </Text>
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button variant="default" size="xs" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button size="xs" type="submit" loading={busy} data-testid="export-go">
              {t('referrals.exportDo')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

type Outcome = {
  file: string;
  applied: number;
  rejected: { row: number; column: string; reason: string }[];
  problems: { row: number; column: string; reason: string }[];
  unanswered: number;
};

/** Reads an XLSX (or CSV) feedback file in the renderer with the service's own parser and applies it. */
async function readFeedback(f: File) {
  const buf = await f.arrayBuffer();
  const mod = await import('../../../src-main/referrals/feedback-file');
  let parsed;
  if (/\.csv$/i.test(f.name)) {
    const text = new TextDecoder('utf-8').decode(buf).replace(/^\uFEFF/, '');
    const table = text
      .split(/\r?\n/)
      .filter((l) => l.length > 0)
      .map((l) => splitCsv(l));
    parsed = mod.parseFeedbackRows(table);
  } else {
    parsed = await mod.parseFeedbackXlsx(buf);
  }
  return { parsed, sha256: await sha256Hex(buf) };
}
function splitCsv(line: string): string[] {
  const out: string[] = [];
  let cur = '',
    q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (q) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') q = false;
      else cur += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

export function FeedbackImport({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [out, setOut] = useState<Outcome | null>(null);
  async function onFile(f: File | undefined) {
    if (!f) return;
    setBusy(true);
    setError(null);
    setOut(null);
    try {
      const { parsed, sha256 } = await readFeedback(f);
      let applied = 0;
      let rejected: Outcome['rejected'] = [];
      if (parsed.rows.length > 0) {
        const r = await call('referrals.applyFeedback', { file: { name: f.name, sha256 }, rows: parsed.rows });
        applied = r.applied;
        rejected = r.rejected;
      }
      setOut({ file: f.name, applied, rejected, problems: parsed.problems, unanswered: parsed.unanswered });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }
  const bad = out ? [...out.problems, ...out.rejected].sort((a, b) => a.row - b.row) : [];
  return (
    <Paper withBorder p="xs" data-testid="feedback-import">
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" fw={600}>
          {t('referrals.importTitle')}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {t('referrals.importHint')}
        </Text>
        <input
          ref={input}
          type="file"
          accept=".xlsx,.csv"
          hidden
          onChange={(e) => void onFile(e.currentTarget.files?.[0])}
          data-testid="feedback-file"
        />
        <Button size="xs" variant="default" ml="auto" loading={busy} onClick={() => input.current?.click()} data-testid="feedback-choose">
          {t('referrals.chooseFile')}
        </Button>
      </Group>
      <ErrorAlert error={error} />
      {out && (
        <Stack gap={4} mt={6} data-testid="feedback-result">
          <Group gap="xs">
            <Text size="xs">
              {t('referrals.fileName')}: {out.file}
            </Text>
            <Badge color="teal" data-testid="feedback-applied" data-n={out.applied}>
              {t('referrals.applied', { n: out.applied })}
            </Badge>
            <Badge color={bad.length ? 'red' : 'gray'} data-testid="feedback-rejected" data-n={bad.length}>
              {t('referrals.rejected', { n: bad.length })}
            </Badge>
            {out.unanswered > 0 && (
              <Badge color="gray" variant="light">
                {t('referrals.unanswered', { n: out.unanswered })}
              </Badge>
            )}
          </Group>
          {bad.length > 0 && (
            <Table fz="xs" verticalSpacing={1} data-testid="feedback-rejections">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={50}>{t('referrals.row')}</Table.Th>
                  <Table.Th w={130}>{t('referrals.column')}</Table.Th>
                  <Table.Th>{t('referrals.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {bad.map((b, i) => (
                  <Table.Tr key={i} data-testid="feedback-rejection">
                    <Table.Td>{b.row}</Table.Td>
                    <Table.Td>{b.column}</Table.Td>
                    <Table.Td>{b.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
    </Paper>
  );
}

export function NoEntitlementHint({ text }: { text: string }) {
  return (
    <Alert color="gray" p="xs">
      {text}
    </Alert>
  );
}
