/**
 * One warning: rule, evidence, person and deadlines; assign (managers); record a
 * verification or home visit (date, staff — at least two for a visit — findings); close with
 * an outcome (no change / adjust / new assistance / referral), asked once. "Adjust" opens a
 * re-determination proposal, linked to Approvals.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Anchor, Badge, Button, Divider, Drawer, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { ErrorAlert } from '../lib/errors';
import { date, dateTime } from '../lib/format';
import { navigate } from '../lib/router';
import { useRuleText } from '../components/files';
import type { WarningItem } from './MonitoringPage';
import { sourceName, useSources } from '../exchange/sources';
import { Assign, CloseForm, VisitForm } from './warning-forms';
import { StartCaseButton } from '../temporary/StartCaseButton';

type Detail = Output<'monitoring.get'>;

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
      .then((r) => live && setW(r))
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
            {(w.rule === 'disaster' || w.rule === 'hospital_cost') && <StartCaseButton householdId={w.householdId} warning={w} />}
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

function Row({ k, v }: { k: string; v: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td w={150} c="dimmed" style={{ verticalAlign: 'top' }}>
        {k}
      </Table.Td>
      <Table.Td style={{ wordBreak: 'break-word' }}>{v}</Table.Td>
    </Table.Tr>
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
