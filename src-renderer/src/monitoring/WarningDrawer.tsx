/**
 * One warning: rule, evidence, person and deadlines; assign (managers); record a
 * verification or home visit (date, staff — at least two for a visit — findings); close with
 * an outcome (no change / adjust / new assistance / referral), asked once. "Adjust" opens a
 * re-determination proposal, linked to Approvals.
 */
import { useEffect, useState } from 'react';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Divider,
  Drawer,
  Group,
  Modal,
  NativeSelect,
  Paper,
  Radio,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { useAction } from '../lib/action';
import { useSession } from '../session';
import { ErrorAlert } from '../lib/errors';
import { date, dateTime, enumLabel } from '../lib/format';
import { navigate } from '../lib/router';
import { isIso, todayLocal, useRuleText } from '../components/files';
import type { WarningItem } from './MonitoringPage';
import { sourceName, useSources } from '../exchange/sources';

const OUTCOMES = ['no_change', 'adjust', 'new_assistance', 'referral'] as const;
type Outcome = (typeof OUTCOMES)[number];
const ASSISTANCE = ['medical', 'education', 'housing', 'employment', 'temporary'];
const DEPARTMENTS = ['medical_insurance', 'education', 'housing', 'hrss', 'civil_affairs'];

interface Visit {
  id: number;
  kind: string;
  visitDate: string;
  staff: string[];
  findings: string;
  recordedBy: string;
  recordedAt: string;
}
interface Detail {
  id: number;
  rule: string;
  ruleText: string;
  action: string;
  severity: string;
  householdId: number;
  idNumber: string;
  personName: string | null;
  evidence: string;
  source: string;
  raisedOn: string;
  dueOn: string;
  status: 'open' | 'closed';
  assigneeId: number | null;
  outcome: string | null;
  closeNote: string | null;
  closedBy: string | null;
  closedAt: string | null;
  determinationId: number | null;
  referralId: number | null;
  visits: Visit[];
}

export function WarningDrawer({
  id,
  queueItem,
  seen,
  onClose,
  onChanged,
}: {
  id: number | null;
  queueItem: WarningItem | null;
  seen: WarningItem[];
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const ruleText = useRuleText();
  const [w, setW] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (id === null) {
      setW(null);
      return;
    }
    let live = true;
    setError(null);
    call('monitoring.get', { id })
      .then((r) => live && setW(r as Detail))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [id, tick]);
  // The queue row carries the area and the assignee's name; a warning opened from elsewhere looks it up.
  const [item, setItem] = useState<WarningItem | null>(null);
  useEffect(() => {
    if (!w || queueItem?.id === w.id) {
      setItem(null);
      return;
    }
    let live = true;
    call('monitoring.queue', { householdId: w.householdId, status: 'all', pageSize: 500 })
      .then((r) => live && setItem(r.items.find((x) => x.id === w.id) ?? null))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [w, queueItem]);
  const qi = queueItem?.id === w?.id ? queueItem : item;
  const sources = useSources();
  const changed = () => {
    setTick((x) => x + 1);
    onChanged();
  };
  return (
    <Drawer
      opened={id !== null}
      onClose={onClose}
      position="right"
      size={600}
      title={<Text fw={700}>{id !== null ? t('monitoring.warning', { id }) : ''}</Text>}
      data-testid="mon-drawer"
    >
      <ErrorAlert error={error} />
      {w && w.id === id && (
        <Stack gap="xs" data-testid="mon-detail" data-id={w.id} data-status={w.status}>
          <Group gap="xs">
            <Badge color={w.severity === 'urgent' ? 'orange' : 'gray'}>{t(`monitoring.sev.${w.severity}`)}</Badge>
            <Text fw={700}>{ruleText(w.rule, w.ruleText)}</Text>
            <Badge variant="light" color={w.status === 'open' ? 'blue' : 'teal'} data-testid="mon-detail-status">
              {t(`monitoring.st.${w.status}`)}
            </Badge>
            {qi?.overdue && <Badge color="red">{t('monitoring.overdue')}</Badge>}
          </Group>
          <Table fz="xs" verticalSpacing={2} withRowBorders={false}>
            <Table.Tbody>
              <Row
                k={t('monitoring.person')}
                v={
                  <>
                    {w.personName ?? '—'} <span className="sn-mono">{qi?.idNumber ?? w.idNumber}</span>
                  </>
                }
              />
              <Row
                k={t('monitoring.household', { id: w.householdId })}
                v={
                  <Anchor
                    size="xs"
                    href={`#/households/${w.householdId}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/households/${w.householdId}`);
                    }}
                    data-testid="mon-household-link"
                  >
                    {t('monitoring.openHousehold')}
                  </Anchor>
                }
              />
              {qi && <Row k={t('monitoring.area')} v={`${qi.township} · ${qi.village}`} />}
              <Row k={t('monitoring.evidence')} v={<span data-testid="mon-evidence">{w.evidence}</span>} />
              <Row k={t('monitoring.action')} v={w.action} />
              <Row
                k={t('monitoring.source')}
                v={(() => {
                  const x = sources.find((y) => y.source === w.source);
                  return x ? sourceName(x, i18n.language) : w.source;
                })()}
              />
              <Row k={`${t('monitoring.raisedOn')} / ${t('monitoring.dueOn')}`} v={`${date(w.raisedOn)} → ${date(w.dueOn)}`} />
              <Row k={t('monitoring.assignee')} v={qi?.assigneeName ?? (w.assigneeId ? `#${w.assigneeId}` : '—')} />
            </Table.Tbody>
          </Table>
          {w.status === 'open' && <Assign w={w} seen={seen} onDone={changed} />}
          <Divider label={t('monitoring.visits')} labelPosition="left" />
          {w.visits.length === 0 ? (
            <Text size="xs" c="dimmed" data-testid="mon-no-visits">
              {t('monitoring.noVisits')}
            </Text>
          ) : (
            <Stack gap={4} data-testid="mon-visits">
              {w.visits.map((v) => (
                <Paper key={v.id} withBorder p={6} data-testid="mon-visit">
                  <Text size="xs" fw={600}>
                    {date(v.visitDate)} · {t(`monitoring.kinds.${v.kind}`)} · {v.staff.join('、')}
                  </Text>
                  <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
                    {v.findings}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('monitoring.recordedBy', { u: v.recordedBy })} · {dateTime(v.recordedAt)}
                  </Text>
                </Paper>
              ))}
            </Stack>
          )}
          {w.status === 'open' && <VisitForm w={w} onDone={changed} />}
          {w.status === 'open' && w.visits.length > 0 && <CloseForm w={w} onDone={changed} />}
          {w.status === 'closed' && <Closed w={w} />}
        </Stack>
      )}
    </Drawer>
  );
}

function Row({ k, v }: { k: string; v: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td w={150} c="dimmed" style={{ verticalAlign: 'top' }}>
        {k}
      </Table.Td>
      <Table.Td style={{ wordBreak: 'break-word' }}>{v}</Table.Td>
    </Table.Tr>
  );
}

function Assign({ w, seen, onDone }: { w: Detail; seen: WarningItem[]; onDone: () => void }) {
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

function VisitForm({ w, onDone }: { w: Detail; onDone: () => void }) {
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
            onChange={(v) => setKind(v as never)}
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

function CloseForm({ w, onDone }: { w: Detail; onDone: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const canAct = user.role === 'clerk' || user.role === 'manager';
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [note, setNote] = useState('');
  const [assistance, setAssistance] = useState('');
  const [department, setDepartment] = useState('');
  const [ask, setAsk] = useState(false);
  const { busy, error, run } = useAction();
  if (!canAct) return null;
  const withReferral = (outcome === 'referral' || outcome === 'new_assistance') && assistance && department;
  async function close() {
    if (!outcome) return;
    const r = await run(() =>
      call('monitoring.close', {
        warningId: w.id,
        outcome,
        note: note.trim(),
        ...(withReferral ? { referral: { assistance, department } } : {}),
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
        <Radio.Group value={outcome} onChange={(v) => setOutcome(v as Outcome)} data-testid="mon-outcome">
          <Stack gap={4}>
            {OUTCOMES.map((o) => (
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
              onChange={(e) => setAssistance(e.currentTarget.value)}
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
              onChange={(e) => setDepartment(e.currentTarget.value)}
              data={[
                { value: '', label: t('monitoring.automatic') },
                ...DEPARTMENTS.map((d) => ({ value: d, label: enumLabel('department', d) })),
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

function Closed({ w }: { w: Detail }) {
  const { t } = useTranslation();
  return (
    <Alert color="teal" data-testid="mon-closed" data-outcome={w.outcome ?? ''}>
      <Text size="sm" fw={700}>
        {t(`monitoring.outcomes.${w.outcome}`, { defaultValue: w.outcome ?? '' })}
      </Text>
      <Text size="xs">{w.closeNote}</Text>
      <Text size="xs" c="dimmed">
        {t('monitoring.closedBy', { d: dateTime(w.closedAt), u: w.closedBy ?? '' })}
      </Text>
      {w.determinationId && (
        <Group gap="xs" mt={4}>
          <Text size="xs" data-testid="mon-proposal">
            {t('monitoring.proposalOpened', { id: w.determinationId })}
          </Text>
          <Button size="compact-xs" variant="light" onClick={() => navigate('/approvals')} data-testid="mon-go-approvals">
            {t('monitoring.goApprovals')}
          </Button>
        </Group>
      )}
      {w.referralId && (
        <Text size="xs" mt={4} data-testid="mon-referral">
          {t('monitoring.referralOpened', { id: w.referralId })}
        </Text>
      )}
    </Alert>
  );
}
