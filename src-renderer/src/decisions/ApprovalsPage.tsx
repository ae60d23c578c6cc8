/**
 * Approvals 审批: proposals awaiting a decision, each with its full explanation and the change
 * against the determination in force. A manager approves or rejects with a reason, after one
 * confirmation saying what will happen; the service refuses the proposer (maker-checker) and
 * clerks (who see the queue read-only) — and the screen says so before any input is asked.
 */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Grid, Group, Modal, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { ErrorAlert } from '../lib/errors';
import { dateTime, enumLabel, money, parameterSetText } from '../lib/format';
import { monthText, nextMonth } from '../lib/policy';
import { navigate } from '../lib/router';
import { useSession } from '../session';
import { ScreenResult, namesOf } from '../policy/ScreenResult';
import { ParametersInForce } from '../policy/ParametersInForce';
import { SortTh } from '../components/SortTh';
import { AreaFilter } from '../components/files';
import { ExportButton, ListPager, listSort, useListState } from '../components/ListKit';
import { PENDING_SORT_KEYS } from '../../../src-main/contract/determinations';

type Summary = Output<'determinations.queue'>['rows'][number];
const PAGE = 20;
type Full = Output<'determinations.get'>;

export function ApprovalsPage() {
  const { t } = useTranslation();
  const [res, setRes] = useState<Output<'determinations.queue'> | null>(null);
  const rows: Summary[] | null = res?.rows ?? null;
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const { page, setPage, sort, setSort } = useListState();
  const [township, setTownship] = useState('');
  const [village, setVillage] = useState('');
  // The filters and the sort the page and its export share: the export writes what is shown.
  const shown = {
    ...(village ? { villageId: Number(village) } : township ? { townshipId: Number(township) } : {}),
    sort: listSort(sort, PENDING_SORT_KEYS),
  };
  const shownKey = JSON.stringify(shown);
  const load = useCallback(() => {
    call('determinations.queue', { ...JSON.parse(shownKey), page, pageSize: PAGE })
      .then((r) => {
        setRes(r);
        setError(null);
        setSelected((s) => (s !== null && r.rows.some((x) => x.id === s) ? s : (r.rows[0]?.id ?? null)));
      })
      .catch(setError);
  }, [shownKey, page]);
  useEffect(load, [load]);

  return (
    <Stack gap="xs" data-testid="approvals-page">
      <Group justify="space-between">
        <Title order={2}>{t('approvals.title')}</Title>
        <Button size="xs" variant="default" onClick={load} data-testid="approvals-refresh">
          {t('common.refresh')}
        </Button>
      </Group>
      <ErrorAlert error={error} />
      <Grid gap="xs">
        <Grid.Col span={5}>
          <Stack gap="xs">
            <Paper withBorder p={6}>
              <Title order={5} mb={4}>
                {t('approvals.pending')}{' '}
                {res && (
                  <Badge variant="light" data-testid="pending-count">
                    {res.total}
                  </Badge>
                )}
              </Title>
              <Group gap="xs" align="flex-end" mb={4} wrap="nowrap">
                <AreaFilter
                  prefix="approvals"
                  township={township}
                  village={village}
                  onChange={(a, b) => {
                    setTownship(a);
                    setVillage(b);
                    setPage(1);
                  }}
                />
                <ExportButton run={() => call('determinations.exportXlsx', shown)} testid="approvals-export" onError={setError} />
              </Group>
              {rows && rows.length === 0 && (
                <Text c="dimmed" size="sm" data-testid="approvals-empty">
                  {t('approvals.empty')}
                </Text>
              )}
              {rows && rows.length > 0 && (
                <Table highlightOnHover verticalSpacing={3} fz="xs" data-testid="pending-table">
                  <Table.Thead>
                    <Table.Tr>
                      <SortTh label="#" k="id" sort={sort} onSort={setSort} />
                      <SortTh label={t('households.head')} k="headName" sort={sort} onSort={setSort} />
                      <SortTh label={t('approvals.change')} k="tier" sort={sort} onSort={setSort} />
                      <SortTh num label={t('households.benefit')} k="monthlyBenefitFen" sort={sort} onSort={setSort} />
                      <SortTh label={t('approvals.proposedBy')} k="proposedBy" sort={sort} onSort={setSort} />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((r) => (
                      <Table.Tr
                        key={r.id}
                        className="sn-clickable"
                        tabIndex={0}
                        data-testid="pending-row"
                        data-id={r.id}
                        aria-selected={selected === r.id}
                        bg={selected === r.id ? 'teal.1' : undefined}
                        onClick={() => setSelected(r.id)}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter' || e.key === ' ') {
                            e.preventDefault();
                            setSelected(r.id);
                          }
                        }}
                      >
                        <Table.Td>{r.id}</Table.Td>
                        <Table.Td>
                          {r.headName}
                          <Text size="xs" c="dimmed">
                            {r.village}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          {enumLabel('tier', r.previousTier ?? 'none')} → <b>{enumLabel('tier', r.tier)}</b>
                        </Table.Td>
                        <Table.Td className="sn-num">
                          {money(r.previousBenefitFen ?? 0)}
                          <br />→ <b>{money(r.monthlyBenefitFen)}</b>
                        </Table.Td>
                        <Table.Td>
                          {r.proposedByName}
                          <Text size="xs" c="dimmed">
                            {enumLabel('source', r.source)}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {res && res.total > 0 && <ListPager total={res.total} page={page} pageSize={PAGE} onPage={setPage} testid="approvals" />}
            </Paper>
            <ParametersInForce />
          </Stack>
        </Grid.Col>
        <Grid.Col span={7}>
          {selected !== null ? (
            <ProposalDetail key={selected} id={selected} onDecided={load} />
          ) : (
            <Text c="dimmed">{t('approvals.select')}</Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function ProposalDetail({ id, onDecided }: { id: number; onDecided: () => void }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const canDecide = user.role === 'manager' || user.role === 'administrator';
  const [d, setD] = useState<Full | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'approved' | 'rejected' | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('determinations.get', { id }).then(setD).catch(setError);
  }, [id, i18n.language]);

  function ask(decision: 'approved' | 'rejected') {
    if (reason.trim().length < 2) {
      setReasonError(t('approvals.reasonRequired'));
      return;
    }
    setReasonError(null);
    setConfirm(decision);
  }
  async function decide() {
    if (!confirm) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('determinations.decide', { id, decision: confirm, reason: reason.trim() });
      notifications.show({
        color: 'teal',
        message:
          confirm === 'approved' ? t('approvals.approved', { id, month: monthText(r.effectiveMonth) }) : t('approvals.rejected', { id }),
      });
      setConfirm(null);
      onDecided();
    } catch (e) {
      setConfirm(null);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  if (!d)
    return (
      <Stack>
        <ErrorAlert error={error} />
        {!error && <Text>{t('common.loading')}</Text>}
      </Stack>
    );
  const delta = d.monthlyBenefitFen - (d.previousBenefitFen ?? 0);
  // Maker-checker (docs/security.md): the proposer may not decide; said before any input is asked.
  const ownProposal = d.proposedBy === user.username;
  return (
    <Stack gap="xs" data-testid="proposal-detail" data-id={id}>
      <Paper withBorder p="xs">
        <Group justify="space-between" wrap="nowrap">
          <Title order={4}>
            {t('approvals.proposal', { id })} ·{' '}
            <a
              href={`#/households/${d.householdId}`}
              onClick={(e) => {
                e.preventDefault();
                navigate(`/households/${d.householdId}`);
              }}
            >
              #{d.householdId} {d.headName}
            </a>
          </Title>
          <Badge variant="light">{enumLabel('source', d.source)}</Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {d.township} · {d.village} · {t('approvals.proposedBy')} {d.proposedByName} · {dateTime(d.proposedAt)} ·{' '}
          {t('approvals.referenceDate')} {d.referenceDate} · {parameterSetText(d.parameterSet)}
        </Text>
        {d.note && (
          <Text size="sm">
            {t('approvals.note')}: {d.note}
          </Text>
        )}
        <Table mt={4} fz="sm" verticalSpacing={2} data-testid="proposal-diff" withColumnBorders>
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th>{t('approvals.current')}</Table.Th>
              <Table.Th>{t('approvals.proposed')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            <Table.Tr>
              <Table.Td>{t('household.tier')}</Table.Td>
              <Table.Td data-testid="diff-old-tier">{enumLabel('tier', d.previousTier ?? 'none')}</Table.Td>
              <Table.Td data-testid="diff-new-tier" className={d.previousTier !== d.tier ? 'sn-diff-after' : undefined}>
                <b>{enumLabel('tier', d.tier)}</b>
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Td>{t('household.benefit')}</Table.Td>
              <Table.Td className="sn-num" data-testid="diff-old-benefit">
                {money(d.previousBenefitFen ?? 0)}
              </Table.Td>
              <Table.Td className="sn-num" data-testid="diff-new-benefit">
                <b>{money(d.monthlyBenefitFen)}</b>{' '}
                {delta !== 0 && (
                  <Text span size="xs" c={delta > 0 ? 'teal.8' : 'red.8'}>
                    ({delta > 0 ? '+' : '−'}
                    {money(Math.abs(delta))})
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Paper>
      <ErrorAlert error={error} />
      {canDecide ? (
        <Paper withBorder p="xs">
          {ownProposal && (
            <Alert color="orange" py={6} mb="xs" data-testid="approvals-own">
              {t('approvals.ownProposal')}
            </Alert>
          )}
          <Textarea
            disabled={ownProposal}
            label={t('approvals.reason')}
            description={t('approvals.reasonHint')}
            value={reason}
            maxLength={500}
            autosize
            minRows={2}
            error={reasonError}
            onChange={(e) => setReason(e.currentTarget.value)}
            data-testid="decide-reason"
          />
          <Group justify="flex-end" mt="xs">
            <Button color="red" variant="light" disabled={ownProposal} onClick={() => ask('rejected')} data-testid="decide-reject">
              {t('approvals.reject')}
            </Button>
            <Button disabled={ownProposal} onClick={() => ask('approved')} data-testid="decide-approve">
              {t('approvals.approve')}
            </Button>
          </Group>
        </Paper>
      ) : (
        <Alert color="gray" py={6} data-testid="approvals-readonly">
          {t('approvals.readOnly')}
        </Alert>
      )}
      <Title order={5}>{t('approvals.explanation')}</Title>
      <ScreenResult output={d.output} names={namesOf(d.input)} />
      <Modal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm === 'approved' ? t('approvals.approve') : t('approvals.reject')}
      >
        <Stack>
          <Text data-testid="decide-confirm-text">
            {confirm === 'approved'
              ? t('approvals.confirmApprove', {
                  id,
                  h: d.householdId,
                  head: d.headName,
                  tier: enumLabel('tier', d.tier),
                  benefit: money(d.monthlyBenefitFen),
                  month: monthText(nextMonth()),
                })
              : t('approvals.confirmReject', { id, h: d.householdId, head: d.headName })}
          </Text>
          <Text size="sm" c="dimmed">
            {t('approvals.reason')}: {reason}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color={confirm === 'rejected' ? 'red' : undefined}
              loading={busy}
              onClick={() => void decide()}
              data-testid="decide-confirm"
              data-autofocus
            >
              {t('approvals.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
