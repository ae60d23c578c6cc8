/** The months tab of Reports: open and closed months, closing the open one (asked once), and the change list against the month before. */
import { useEffect, useState } from 'react';
import { Badge, Button, Grid, Group, Loader, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { ErrorAlert } from '../lib/errors';
import { dateTime, money } from '../lib/format';
import { useSession } from '../session';
import { monthLabel, word } from '../referrals/common';

export type Month = Output<'payments.months'>[number];
type Change = Output<'payments.changes'>['rows'][number];
const KIND_COLOR: Record<Change['kind'], string> = { added: 'teal', removed: 'red', changed: 'blue' };

export function Months({
  months,
  onChanged,
  onPreview,
}: {
  months: Month[] | null;
  onChanged: () => void;
  onPreview: (m: string) => void;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  const manager = user.role === 'manager' || user.role === 'administrator';
  const [closing, setClosing] = useState<Month | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!selected && months?.length) setSelected(months[0].month);
  }, [months, selected]);
  async function close() {
    if (!closing) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('payments.close', { month: closing.month });
      notifications.show({
        color: 'teal',
        message: t('reports.closeDone', { m: monthLabel(closing.month), r: r.recipients, a: money(r.totalFen) }),
      });
      setClosing(null);
      onChanged();
    } catch (e) {
      setError(e);
      setClosing(null);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Grid gap="xs">
      <Grid.Col span={6}>
        <Paper withBorder p="xs">
          <ErrorAlert error={error} />
          <div style={{ maxHeight: 'calc(100vh - 210px)', overflowY: 'auto' }}>
            <Table fz="xs" verticalSpacing={3} stickyHeader data-testid="months-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reports.month')}</Table.Th>
                  <Table.Th w={64} />
                  <Table.Th className="sn-num">{t('reports.recipients')}</Table.Th>
                  <Table.Th className="sn-num">{t('reports.total')}</Table.Th>
                  <Table.Th w={150} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {months?.map((m) => (
                  <Table.Tr
                    key={m.month}
                    data-testid="month-row"
                    data-month={m.month}
                    data-closed={String(m.closed)}
                    bg={selected === m.month ? 'teal.0' : undefined}
                    className="sn-clickable"
                    tabIndex={0}
                    onClick={() => setSelected(m.month)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        setSelected(m.month);
                      }
                    }}
                  >
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{monthLabel(m.month)}</Table.Td>
                    <Table.Td title={m.closedAt ? t('reports.closedBy', { at: dateTime(m.closedAt), by: m.closedBy ?? '' }) : undefined}>
                      <Text size="xs" fw={m.closed ? 400 : 700} c={m.closed ? 'dimmed' : 'teal.8'} style={{ whiteSpace: 'nowrap' }}>
                        {m.closed ? t('reports.closed') : t('reports.open')}
                      </Text>
                    </Table.Td>
                    <Table.Td className="sn-num">{m.recipients}</Table.Td>
                    <Table.Td className="sn-num">{money(m.totalFen)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {manager && (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            onClick={(e) => {
                              e.stopPropagation();
                              onPreview(m.month);
                            }}
                            data-testid="month-preview"
                          >
                            {t('reports.preview')}
                          </Button>
                        )}
                        {manager && !m.closed && (
                          <Button
                            size="compact-xs"
                            color="red"
                            variant="light"
                            onClick={(e) => {
                              e.stopPropagation();
                              setClosing(m);
                            }}
                            data-testid="month-close"
                          >
                            {t('reports.closeMonth')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </Paper>
      </Grid.Col>
      <Grid.Col span={6}>{selected && <ChangeList month={selected} />}</Grid.Col>
      <Modal
        opened={!!closing}
        onClose={() => setClosing(null)}
        title={closing ? t('reports.closeTitle', { m: monthLabel(closing.month) }) : ''}
      >
        {closing && (
          <Stack>
            <Text size="sm" data-testid="close-text">
              {t('reports.closeText', { m: monthLabel(closing.month), r: closing.recipients, a: money(closing.totalFen) })}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setClosing(null)} data-autofocus>
                {t('common.cancel')}
              </Button>
              <Button color="red" loading={busy} onClick={() => void close()} data-testid="close-confirm">
                {t('reports.closeDo', { m: monthLabel(closing.month) })}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Grid>
  );
}

function ChangeList({ month }: { month: string }) {
  const { t } = useTranslation();
  const [res, setRes] = useState<Output<'payments.changes'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    setRes(null);
    call('payments.changes', { month })
      .then((r) => live && setRes(r))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [month]);
  return (
    <Paper withBorder p="xs" data-testid="change-list">
      {res && (
        <Text fw={600} size="sm" mb={4}>
          {t('reports.changes', { m: monthLabel(res.month), p: monthLabel(res.previousMonth) })}
        </Text>
      )}
      <ErrorAlert error={error} />
      {!res && !error && <Loader size="sm" />}
      {res && res.rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('reports.noChanges')}
        </Text>
      )}
      {res && res.rows.length > 0 && (
        <div style={{ maxHeight: 'calc(100vh - 240px)', overflowY: 'auto' }}>
          <Table fz="xs" verticalSpacing={2} stickyHeader style={{ tableLayout: 'fixed' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={84} />
                <Table.Th>
                  {t('loop.household')} · {t('loop.tierLabel')} · {t('reports.reasons')}
                </Table.Th>
                <Table.Th w={150} className="sn-num">
                  {t('reports.difference')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {res.rows.map((r) => (
                <Table.Tr key={`${r.kind}-${r.householdId}`} data-testid="change-row" data-kind={r.kind}>
                  <Table.Td>
                    <Badge size="xs" tt="none" color={KIND_COLOR[r.kind]}>
                      {t(`reports.${r.kind}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }}>
                    <Text size="xs">
                      <a href={`#/households/${r.householdId}`}>{r.headName}</a> · {r.township} {r.village} ·{' '}
                      {r.previousTier ? word('tier', r.previousTier) : '—'} → {r.tier ? word('tier', r.tier) : '—'}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {r.reasons.join('；')}
                    </Text>
                  </Table.Td>
                  <Table.Td className="sn-num">
                    {money(r.previousFen)} → {money(r.amountFen)}
                    <br />
                    <b>
                      {r.differenceFen > 0 ? '+' : ''}
                      {money(r.differenceFen)}
                    </b>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Paper>
  );
}
