/**
 * What staff do on a warning's page (./WarningDrawer.tsx): assign it (managers), record a
 * verification or home visit (date, staff — at least two for a visit — findings), and close it
 * with an outcome, asked once.
 */
import { useEffect, useState } from 'react';
import { Button, Group, Modal, NativeSelect, Paper, Radio, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import {
  ASSISTANCES,
  DEPARTMENTS,
  isCode,
  WARNING_OUTCOMES,
  type AssistanceCode,
  type DepartmentCode,
  type Outcome,
} from '../../../src-main/common/codes';
import { useAction } from '../lib/action';
import { useSession } from '../session';
import { ErrorAlert } from '../lib/errors';
import { enumLabel } from '../lib/format';
import { isIso, todayLocal } from '../components/files';
import type { WarningItem } from './MonitoringPage';

type Detail = Output<'monitoring.get'>;
// A warning's referral goes to a public department; charity is referred by hand (Referrals).
const ASSISTANCE = ASSISTANCES.filter((a) => a !== 'charity');
const DEPARTMENT = DEPARTMENTS.filter((d) => d !== 'charity');

export function Assign({ w, seen, onDone }: { w: Detail; seen: WarningItem[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const manager = user.role === 'manager' || user.role === 'administrator';
  const [users, setUsers] = useState<{ id: number; name: string }[]>([]);
  const [to, setTo] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!manager) return;
    const fallback = () => {
      const m = new Map<number, string>([[user.id, `${user.displayName} (${t('monitoring.me')})`]]);
      for (const s of seen) if (s.assigneeId && s.assigneeName && !m.has(s.assigneeId)) m.set(s.assigneeId, s.assigneeName);
      setUsers([...m].map(([id, name]) => ({ id, name })));
    };
    call('users.assignable', {})
      .then((list) => setUsers(list.map((u) => ({ id: u.id, name: `${u.displayName} (${u.username})` }))))
      .catch(fallback);
  }, [manager, user, seen, t]);
  if (!manager) return null;
  async function assign() {
    setError(null);
    try {
      await call('monitoring.assign', { ids: [w.id], assigneeId: Number(to) });
      notifications.show({
        color: 'teal',
        message: t('monitoring.assigned', { id: w.id, u: users.find((u) => u.id === Number(to))?.name ?? to }),
      });
      onDone();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-end">
        <NativeSelect
          size="xs"
          w={260}
          label={t('monitoring.assignTo')}
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          data-testid="mon-assign-to"
          data={[{ value: '', label: '—' }, ...users.map((u) => ({ value: String(u.id), label: u.name }))]}
        />
        <Button size="xs" variant="default" disabled={!to} onClick={() => void assign()} data-testid="mon-assign">
          {t('monitoring.assign')}
        </Button>
      </Group>
      {user.role === 'manager' && (
        <Text size="xs" c="dimmed">
          {t('monitoring.assignHint')}
        </Text>
      )}
      <ErrorAlert error={error} />
    </Stack>
  );
}

export function VisitForm({ w, onDone }: { w: Detail; onDone: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const canAct = user.role === 'clerk' || user.role === 'manager';
  const [kind, setKind] = useState<'home_visit' | 'verification'>('home_visit');
  const [visitDate, setVisitDate] = useState(todayLocal());
  const [staff, setStaff] = useState<string[]>([user.displayName, '']);
  const [findings, setFindings] = useState('');
  const { busy, error, run } = useAction();
  if (!canAct)
    return (
      <Text size="xs" c="dimmed">
        {t('monitoring.readOnly')}
      </Text>
    );
  const names = staff.map((s) => s.trim()).filter(Boolean);
  const tooFew = kind === 'home_visit' && new Set(names).size < 2;
  async function save() {
    const r = await run(() =>
      call('monitoring.recordVisit', { warningId: w.id, kind, visitDate, staff: names, findings: findings.trim() }),
    );
    if (!r) return;
    notifications.show({ color: 'teal', message: t('monitoring.visitSaved') });
    setFindings('');
    onDone();
  }
  return (
    <Paper withBorder p="xs" data-testid="mon-visit-form">
      <Text size="sm" fw={600} mb={4}>
        {t('monitoring.visit')}
      </Text>
      <Stack gap={6}>
        <Group gap="xs" align="flex-end">
          <SegmentedControl
            size="xs"
            value={kind}
            onChange={(v) => setKind(v === 'verification' ? 'verification' : 'home_visit')}
            data-testid="mon-visit-kind"
            data={[
              { value: 'home_visit', label: t('monitoring.kinds.home_visit') },
              { value: 'verification', label: t('monitoring.kinds.verification') },
            ]}
          />
          <TextInput
            size="xs"
            w={120}
            label={t('monitoring.visitDate')}
            placeholder="YYYY-MM-DD"
            maxLength={10}
            value={visitDate}
            onChange={(e) => setVisitDate(e.currentTarget.value)}
            error={isIso(visitDate) ? undefined : t('errors.date')}
            data-testid="mon-visit-date"
          />
        </Group>
        <Group gap="xs" align="flex-end">
          {staff.map((s, i) => (
            <TextInput
              key={i}
              size="xs"
              w={120}
              label={t('monitoring.staffN', { n: i + 1 })}
              value={s}
              data-testid={`mon-staff-${i}`}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setStaff((x) => x.map((y, j) => (j === i ? v : y)));
              }}
            />
          ))}
          {staff.length < 10 && (
            <Button size="xs" variant="subtle" onClick={() => setStaff((x) => [...x, ''])} data-testid="mon-add-staff">
              {t('monitoring.addStaff')}
            </Button>
          )}
        </Group>
        {tooFew && (
          <Text size="xs" c="orange.8" data-testid="mon-two-staff">
            {t('monitoring.twoStaff')}
          </Text>
        )}
        <Textarea
          size="xs"
          label={t('monitoring.findings')}
          autosize
          minRows={2}
          maxRows={5}
          value={findings}
          onChange={(e) => setFindings(e.currentTarget.value)}
          data-testid="mon-findings"
        />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button
            size="xs"
            loading={busy}
            disabled={tooFew || names.length === 0 || findings.trim().length < 2 || !isIso(visitDate)}
            onClick={() => void save()}
            data-testid="mon-visit-save"
          >
            {t('monitoring.saveVisit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function CloseForm({ w, onDone }: { w: Detail; onDone: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const canAct = user.role === 'clerk' || user.role === 'manager';
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [note, setNote] = useState('');
  const [assistance, setAssistance] = useState<AssistanceCode | ''>('');
  const [department, setDepartment] = useState<DepartmentCode | ''>('');
  const [ask, setAsk] = useState(false);
  const { busy, error, run } = useAction();
  if (!canAct) return null;
  const withReferral = outcome === 'referral' || outcome === 'new_assistance';
  async function close() {
    if (!outcome) return;
    const r = await run(() =>
      call('monitoring.close', {
        warningId: w.id,
        outcome,
        note: note.trim(),
        ...(withReferral && assistance && department ? { referral: { assistance, department } } : {}),
      }),
    );
    setAsk(false);
    if (!r) return;
    notifications.show({ color: 'teal', message: t('monitoring.closed', { id: w.id, o: t(`monitoring.outcomes.${outcome}`) }) });
    if (r.determinationId) notifications.show({ color: 'blue', message: t('monitoring.proposalOpened', { id: r.determinationId }) });
    onDone();
  }
  return (
    <Paper withBorder p="xs" data-testid="mon-close-form">
      <Text size="sm" fw={600} mb={4}>
        {t('monitoring.close')}
      </Text>
      <Stack gap={6}>
        <Radio.Group value={outcome} onChange={(v) => setOutcome(isCode(WARNING_OUTCOMES, v) ? v : '')} data-testid="mon-outcome">
          <Stack gap={4}>
            {WARNING_OUTCOMES.map((o) => (
              <Radio
                key={o}
                size="xs"
                value={o}
                label={t(`monitoring.outcomes.${o}`)}
                description={t(`monitoring.outcomeHint.${o}`)}
                data-testid={`mon-outcome-${o}`}
              />
            ))}
          </Stack>
        </Radio.Group>
        {(outcome === 'referral' || outcome === 'new_assistance') && (
          <Group gap="xs">
            <NativeSelect
              size="xs"
              w={200}
              label={t('monitoring.referralAssistance')}
              value={assistance}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setAssistance(isCode(ASSISTANCES, v) ? v : '');
              }}
              data={[
                { value: '', label: t('monitoring.automatic') },
                ...ASSISTANCE.map((a) => ({ value: a, label: enumLabel('assistance', a) })),
              ]}
            />
            <NativeSelect
              size="xs"
              w={220}
              label={t('monitoring.referralDepartment')}
              value={department}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setDepartment(isCode(DEPARTMENTS, v) ? v : '');
              }}
              data={[
                { value: '', label: t('monitoring.automatic') },
                ...DEPARTMENT.map((d) => ({ value: d, label: enumLabel('department', d) })),
              ]}
            />
          </Group>
        )}
        <Textarea
          size="xs"
          label={t('monitoring.note')}
          autosize
          minRows={2}
          maxRows={4}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-testid="mon-close-note"
        />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button size="xs" color="teal" disabled={!outcome || note.trim().length < 2} onClick={() => setAsk(true)} data-testid="mon-close">
            {t('monitoring.closeIt')}
          </Button>
        </Group>
      </Stack>
      <Modal opened={ask} onClose={() => setAsk(false)} title={t('monitoring.closeIt')} zIndex={400}>
        <Stack>
          <Text data-testid="mon-close-confirm-text">
            {outcome && t('monitoring.confirmClose', { id: w.id, o: t(`monitoring.outcomes.${outcome}`) })}
          </Text>
          {outcome && (
            <Text size="sm" c="dimmed">
              {t(`monitoring.outcomeHint.${outcome}`)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAsk(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="teal" loading={busy} onClick={() => void close()} data-testid="mon-close-confirm" data-autofocus>
              {t('monitoring.closeIt')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
