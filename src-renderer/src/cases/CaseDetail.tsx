/**
 * One application: its stage and clock, what was recorded (who, when, at which level and station), and the next moves —
 * each disabled with its reason shown before any input (docs/rules/workstations.md, "Delegation, time limits and checks").
 * The service checks the same rules again; this only says them early.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Modal, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract';
import { ErrorAlert } from '../lib/errors';
import { date, dateTime } from '../lib/format';
import { useSession } from '../session';
import { todayLocal } from '../components/files';
import { StepForm, type Action } from './StepForm';

export type Case = Output<'cases.get'>;

/** Why each move is not open now, or null when it is. */
export function reasons(c: Case, manager: boolean, today: string): Record<Action, string | null> {
  const has = (k: string) => c.events.some((e) => e.kind === k);
  const closed = c.closedOn !== null ? 'cases.why.closed' : null;
  const visits = c.events.filter((e) => e.kind === 'home_visit');
  const inPublicity =
    c.stage === 'publicised' && !!c.publicityFrom && !!c.publicityTo && today >= c.publicityFrom && today <= c.publicityTo;
  const lastObjection = c.events.filter((e) => e.kind === 'objection').at(-1);
  const open = (...checks: (string | false | null)[]) => checks.find((x): x is string => typeof x === 'string') ?? null;
  return {
    investigation_started: open(closed, has('investigation_started') && 'cases.why.started'),
    home_visit: open(closed, c.stage !== 'received' && c.stage !== 'investigated' && 'cases.why.beforePublicity'),
    investigated: open(
      closed,
      c.stage !== 'received' && 'cases.why.started',
      !has('investigation_started') && 'cases.why.needStart',
      visits.length === 0 && 'cases.why.needVisit',
      c.relativeOfStaff && !visits.some((v) => v.level === 'county') && 'cases.why.needCountyVisit',
    ),
    check_started: open(closed, c.stage === 'received' && 'cases.why.needInvestigated', has('check_started') && 'cases.why.started'),
    publicity: open(closed, c.stage === 'received' && 'cases.why.needInvestigated', c.stage !== 'investigated' && 'cases.why.started'),
    objection: open(closed, !inPublicity && 'cases.why.needPublicity'),
    appraisal: open(closed, (!lastObjection || c.appraised) && 'cases.why.needObjection'),
    extended: open(closed, !manager && 'cases.why.managerOnly', c.extended && 'cases.why.extendedAlready'),
    decided: open(
      closed,
      !manager && 'cases.why.managerOnly',
      c.stage !== 'publicised' && 'cases.why.needPublicity',
      !!c.publicityTo && today <= c.publicityTo && 'cases.why.publicityRunning',
      c.objection && !c.appraised && 'cases.why.needAppraisal',
    ),
    withdrawn: closed,
  };
}

const ACTIONS: Action[] = [
  'investigation_started',
  'home_visit',
  'investigated',
  'check_started',
  'publicity',
  'objection',
  'appraisal',
  'extended',
  'decided',
  'withdrawn',
];

export function CaseDetail({ id, onClose }: { id: number; onClose: () => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const canAct = user.role === 'clerk' || user.role === 'manager';
  const manager = user.role === 'manager' || user.role === 'administrator';
  const [c, setC] = useState<Case | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [action, setAction] = useState<Action | null>(null);
  const load = useCallback(() => {
    call('cases.get', { id })
      .then((r) => {
        setC(r);
        setError(null);
      })
      .catch(setError);
  }, [id]);
  useEffect(load, [load]);
  const today = todayLocal();
  const why = c ? reasons(c, manager, today) : null;
  return (
    <Modal opened onClose={onClose} size="xl" title={c ? t('cases.detail.title', { id, name: c.headName }) : ''}>
      <Stack gap="xs" data-testid="case-detail" data-stage={c?.stage}>
        <ErrorAlert error={error} />
        {c && (
          <>
            <Group gap="xs">
              <Badge data-testid="case-stage">{t(`cases.stage.${c.stage}`)}</Badge>
              <Text size="sm">
                {c.township} · {c.village} · {t(`cases.tier.${c.tierApplied}`)} · {t('cases.col.received')} {date(c.receivedOn)}
              </Text>
              <Anchor size="sm" href={`#/households/${c.householdId}`}>
                {t('cases.detail.household')} #{c.householdId}
              </Anchor>
              {c.relativeOfStaff && (
                <Badge color="grape" data-testid="case-relative">
                  {t('cases.relativeBadge')}
                </Badge>
              )}
              {c.extended && <Badge color="gray">{t('cases.extendedBadge')}</Badge>}
            </Group>
            {c.dueOn && (
              <Alert color={c.overdue ? 'red' : 'blue'} p="xs" data-testid="case-clock" data-overdue={String(c.overdue)}>
                <Text size="sm">
                  {t('cases.detail.limitNow')}: {c.limit ? t(`cases.limit.${c.limit}`) : ''} — {date(c.dueOn)}{' '}
                  <b>{c.overdue ? t('cases.daysOver', { n: -(c.daysLeft ?? 0) }) : t('cases.daysLeft', { n: c.daysLeft ?? 0 })}</b>
                </Text>
              </Alert>
            )}
            {c.publicityFrom && (
              <Text size="sm" data-testid="case-publicity">
                {t('cases.detail.publicity')}: {c.publicityFrom} — {c.publicityTo}
              </Text>
            )}
            {c.relativeNote && (
              <Text size="sm">
                {t('cases.detail.relativeNote')}: {c.relativeNote}
              </Text>
            )}
            {canAct && why && (
              <Group gap={6} data-testid="case-actions">
                {ACTIONS.map((a) => {
                  const reason = why[a];
                  const label = a === 'decided' ? `${t('cases.kind.decided')} / ${t('cases.kind.refused')}` : t(`cases.kind.${a}`);
                  return (
                    <Tooltip key={a} label={reason ? t(reason, { to: c.publicityTo }) : label} withArrow>
                      <span>
                        <Button
                          size="compact-xs"
                          variant={reason ? 'default' : 'light'}
                          disabled={!!reason}
                          onClick={() => setAction(a)}
                          data-testid={`case-act-${a}`}
                          data-reason={reason ? t(reason, { to: c.publicityTo }) : ''}
                        >
                          {label}
                        </Button>
                      </span>
                    </Tooltip>
                  );
                })}
              </Group>
            )}
            <Text fw={600} size="sm">
              {t('cases.detail.events')}
            </Text>
            {c.events.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('cases.detail.none')}
              </Text>
            ) : (
              <Table fz="xs" verticalSpacing={3} data-testid="case-events">
                <Table.Tbody>
                  {c.events.map((e) => (
                    <Table.Tr key={e.id} data-testid="case-event" data-kind={e.kind}>
                      <Table.Td w={90}>{date(e.onDate)}</Table.Td>
                      <Table.Td w={120}>{t(`cases.kind.${e.kind}`)}</Table.Td>
                      <Table.Td>
                        {Object.entries(e.detail)
                          .map(([k, v]) => `${i18nField(t, k)}：${Array.isArray(v) ? v.join('、') : String(v)}`)
                          .join('；')}
                      </Table.Td>
                      <Table.Td w={260}>
                        <Text size="xs" c="dimmed">
                          {t('cases.detail.by', {
                            who: e.recordedBy,
                            at: dateTime(e.recordedAt),
                            level: t(`cases.level.${e.level}`),
                            station: e.station,
                          })}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
      </Stack>
      {c && action && (
        <StepForm
          c={c}
          action={action}
          onClose={() => setAction(null)}
          onDone={() => {
            setAction(null);
            load();
          }}
        />
      )}
    </Modal>
  );
}

const FIELD_KEYS = ['staff', 'findings', 'by', 'what', 'handling', 'minutes', 'outcome', 'reason'];
function i18nField(t: (k: string) => string, k: string): string {
  return FIELD_KEYS.includes(k) ? t(`cases.field.${k}`) : k;
}
