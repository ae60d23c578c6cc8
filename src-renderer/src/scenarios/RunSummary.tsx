/**
 * One scenario run: who ran it on which registry state, its figures by kind, tier and township, the
 * benefit changes as bars; print, and ask to adopt — a two-person request another manager confirms in
 * Settings → Requests (docs/security.md), whose state the page shows with a link to it.
 */
import { Fragment, useState } from 'react';
import { Alert, Badge, Button, Group, Modal, Paper, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { ErrorAlert } from '../lib/errors';
import { dateTime, enumLabel, money } from '../lib/format';
import { downloadBase64 } from '../lib/policy';
import { navigate } from '../lib/router';
import { monthsLeftInYear } from '../../../src-main/common/dates';

export type Run = Output<'scenarios.get'>;
type Summary = NonNullable<Run['summary']>;
const KINDS = ['newlyEligible', 'leaving', 'tierUp', 'tierDown', 'benefitChanged', 'unchanged'] as const;

function CostRows({
  rows,
  label,
}: {
  rows: { key: string; name: string; householdsBefore: number; householdsAfter: number; before: number; after: number; delta: number }[];
  label: string;
}) {
  const { t } = useTranslation();
  const sum = rows.reduce(
    (a, r) => ({ hb: a.hb + r.householdsBefore, ha: a.ha + r.householdsAfter, b: a.b + r.before, af: a.af + r.after, d: a.d + r.delta }),
    { hb: 0, ha: 0, b: 0, af: 0, d: 0 },
  );
  return (
    <Table verticalSpacing={2} fz="xs" striped data-testid={`scenario-cost-${label}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t(`scenarios.${label === 'tier' ? 'tier' : 'township'}`)}</Table.Th>
          <Table.Th className="sn-num">{t('scenarios.householdsBefore')}</Table.Th>
          <Table.Th className="sn-num">{t('scenarios.householdsAfter')}</Table.Th>
          <Table.Th className="sn-num">{t('scenarios.before')}</Table.Th>
          <Table.Th className="sn-num">{t('scenarios.after')}</Table.Th>
          <Table.Th className="sn-num">{t('scenarios.delta')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key} data-testid="scenario-cost-row">
            <Table.Td>{r.name}</Table.Td>
            <Table.Td className="sn-num">{r.householdsBefore}</Table.Td>
            <Table.Td className="sn-num">{r.householdsAfter}</Table.Td>
            <Table.Td className="sn-num">{money(r.before)}</Table.Td>
            <Table.Td className="sn-num">{money(r.after)}</Table.Td>
            <Table.Td className="sn-num">{money(r.delta)}</Table.Td>
          </Table.Tr>
        ))}
        <Table.Tr fw={700}>
          <Table.Td>{t('scenarios.total')}</Table.Td>
          <Table.Td className="sn-num">{sum.hb}</Table.Td>
          <Table.Td className="sn-num">{sum.ha}</Table.Td>
          <Table.Td className="sn-num">{money(sum.b)}</Table.Td>
          <Table.Td className="sn-num">{money(sum.af)}</Table.Td>
          <Table.Td className="sn-num">{money(sum.d)}</Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

export function Bars({ s }: { s: Summary }) {
  const { t } = useTranslation();
  const most = Math.max(1, ...s.deltas.map((d) => d.households));
  const band = (d: Summary['deltas'][number]) =>
    d.fromFen === null
      ? t('scenarios.below', { v: -(d.toFen ?? 0) / 100 })
      : d.toFen === null
        ? t('scenarios.above', { v: d.fromFen / 100 })
        : t('scenarios.between', { a: d.fromFen / 100, b: d.toFen / 100 });
  return (
    <Stack gap={2} data-testid="scenario-deltas">
      {s.deltas.map((d, i) => (
        <Group key={i} gap="xs" wrap="nowrap">
          <Text size="xs" w={130}>
            {band(d)}
          </Text>
          <div
            style={{
              width: `${(d.households / most) * 220}px`,
              height: 10,
              background: d.toFen !== null && d.toFen <= 0 ? '#e8590c' : '#1c7ed6',
            }}
          />
          <Text size="xs" className="sn-num">
            {d.households}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

export function RunSummary({ run, onChanged }: { run: Run; onChanged: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [printing, setPrinting] = useState(false);
  const [adopting, setAdopting] = useState(false);
  const [openTown, setOpenTown] = useState<number | null>(null);
  const s = run.summary;
  const a = run.adoption;
  // A refused, withdrawn or expired request may be followed by another; a waiting or confirmed one may not.
  const canAsk = !a || a.status === 'refused' || a.status === 'withdrawn' || a.status === 'expired';
  const adoptBlocked = run.status !== 'done' ? t('scenarios.notDone') : null;

  async function print() {
    setPrinting(true);
    try {
      const f = await call('scenarios.print', { ids: [run.id] });
      downloadBase64(f.fileName, f.base64, 'application/pdf');
      notifications.show({ color: 'teal', message: t('scenarios.printed', { n: f.pages, f: f.fileName }) });
    } catch (e) {
      setError(e);
    } finally {
      setPrinting(false);
    }
  }
  async function adopt() {
    setAdopting(false);
    try {
      const r = await call('scenarios.adopt', { id: run.id });
      notifications.show({ color: 'teal', message: t('scenarios.adoptAsked', { id: r.id }) });
      onChanged();
    } catch (e) {
      setError(e);
    }
  }

  return (
    <Paper withBorder p="xs" data-testid="scenario-view" data-run={run.id} data-status={run.status}>
      <Group justify="space-between" wrap="nowrap" mb={4}>
        <Stack gap={0}>
          <Title order={4} data-testid="scenario-run-title">
            #{run.id} {run.name} · {run.effectiveFrom}
          </Title>
          <Text size="xs" c="dimmed">
            {t('scenarios.startedBy', { u: run.startedBy, t: dateTime(run.startedAt) })} · {run.beforeSet} ·{' '}
            {t('scenarios.registryState', { seq: run.auditSeq })}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" loading={printing} disabled={!s} onClick={() => void print()} data-testid="scenario-print">
            {t('scenarios.print')}
          </Button>
          {canAsk && (
            <Button
              size="xs"
              disabled={adoptBlocked !== null}
              title={adoptBlocked ?? undefined}
              onClick={() => setAdopting(true)}
              data-testid="scenario-adopt"
            >
              {t('scenarios.adopt')}
            </Button>
          )}
        </Group>
      </Group>
      {adoptBlocked && canAsk && (
        <Text size="xs" c="dimmed" data-testid="scenario-adopt-reason">
          {adoptBlocked}
        </Text>
      )}
      {a && (
        <Group gap="xs" data-testid="scenario-adoption" data-status={a.status} data-request={a.requestId}>
          <Badge color={a.status === 'confirmed' ? 'teal' : a.status === 'pending' ? 'yellow' : 'gray'} variant="light">
            {t(`scenarios.adoption.${a.status}`)}
          </Badge>
          <Text size="xs">
            {a.status === 'pending'
              ? t('scenarios.asked', { u: a.askedBy, t: dateTime(a.askedAt) })
              : a.status === 'confirmed'
                ? t('scenarios.adopted', { a: a.askedBy, c: a.decidedBy, t: dateTime(a.decidedAt) })
                : a.status === 'refused'
                  ? t('scenarios.refused', { a: a.askedBy, c: a.decidedBy, t: dateTime(a.decidedAt), r: a.reason ?? '' })
                  : t('scenarios.notAdopted', { a: a.askedBy, t: dateTime(a.askedAt) })}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => navigate(`/settings/requests/${a.requestId}`)}
            data-testid="scenario-request-link"
          >
            {t('scenarios.openRequest', { id: a.requestId })}
          </Button>
        </Group>
      )}
      {run.registryChanged && (
        <Alert color="yellow" p={6} mt={4} data-testid="scenario-registry-changed">
          {t('scenarios.registryChanged')}
        </Alert>
      )}
      {run.solved && (
        <Text size="sm" fw={600} mt={4} data-testid="scenario-solved">
          {t('scenarios.solved', {
            budget: money(run.budgetFen ?? 0),
            param: t(`params.names.${run.solved.parameterId}`, { defaultValue: run.solved.parameterId }),
            col: t(`scenarios.${run.solved.residence}`),
            v: run.solved.valueYuan,
          })}{' '}
          · {t('scenarios.evaluations', { n: run.evaluations })}
        </Text>
      )}
      {run.solved && run.budgetFen !== null && (
        <Text size="xs" className="sn-num" data-testid="scenario-budget-annual">
          {t('scenarios.budgetAnnual', {
            year: money(run.budgetFen * 12),
            n: monthsLeftInYear(run.effectiveFrom),
            d: run.effectiveFrom,
            left: money(run.budgetFen * monthsLeftInYear(run.effectiveFrom)),
          })}
          {s &&
            ' · ' +
              t('scenarios.costAnnual', {
                m: money(s.monthlyCost.after),
                year: money(s.annualCost.after),
                left: money(s.monthlyCost.after * monthsLeftInYear(run.effectiveFrom)),
              })}
        </Text>
      )}
      <ErrorAlert error={error} />
      {s && (
        <Stack gap={6} mt={6}>
          <SimpleGrid cols={3} spacing="xs">
            <Paper withBorder p={6}>
              <Text size="xs" c="dimmed">
                {t('scenarios.monthly')}
              </Text>
              <Text fw={700} className="sn-num" data-testid="scenario-monthly">
                {money(s.monthlyCost.before)} → {money(s.monthlyCost.after)}
              </Text>
              <Text size="sm" c={s.monthlyCost.delta >= 0 ? 'red.8' : 'teal.8'} className="sn-num" data-testid="scenario-monthly-delta">
                {s.monthlyCost.delta >= 0 ? '+' : ''}
                {money(s.monthlyCost.delta)}
              </Text>
            </Paper>
            <Paper withBorder p={6}>
              <Text size="xs" c="dimmed">
                {t('scenarios.annual')}
              </Text>
              <Text fw={700} className="sn-num">
                {money(s.annualCost.before)} → {money(s.annualCost.after)}
              </Text>
              <Text size="sm" className="sn-num">
                {s.annualCost.delta >= 0 ? '+' : ''}
                {money(s.annualCost.delta)}
              </Text>
            </Paper>
            <Paper withBorder p={6}>
              <Text size="xs" c="dimmed">
                {t('scenarios.deltas')}
              </Text>
              <Bars s={s} />
            </Paper>
          </SimpleGrid>
          <Table verticalSpacing={2} fz="xs" data-testid="scenario-kinds">
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                {KINDS.map((k) => (
                  <Table.Th key={k} className="sn-num">
                    {t(`scenarios.kind.${k}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(['households', 'persons'] as const).map((of) => (
                <Table.Tr key={of}>
                  <Table.Td>{t(`scenarios.${of}`)}</Table.Td>
                  {KINDS.map((k) => (
                    <Table.Td key={k} className="sn-num" data-testid={`scenario-${of}-${k}`}>
                      {s[of][k]}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {s.gradualExits.households > 0 && (
            <Text size="xs" data-testid="scenario-gradual">
              {t('scenarios.gradualExits', { h: s.gradualExits.households, p: s.gradualExits.persons, m: money(s.gradualExits.fen) })}
            </Text>
          )}
          <SimpleGrid cols={2} spacing="xs">
            <CostRows label="tier" rows={s.byTier.map((x) => ({ ...x, key: x.tier, name: enumLabel('tier', x.tier) }))} />
            <Stack gap={2}>
              <CostRows label="township" rows={s.byTownship.map((x) => ({ ...x, key: String(x.id) }))} />
              <Group gap={4}>
                {s.byTownship.map((x) => (
                  <UnstyledButton key={x.id} fz="xs" c="blue" onClick={() => setOpenTown(openTown === x.id ? null : x.id)}>
                    {x.name}
                  </UnstyledButton>
                ))}
              </Group>
              {s.byTownship
                .filter((x) => x.id === openTown)
                .map((x) => (
                  <Fragment key={x.id}>
                    <CostRows label="village" rows={x.villages.map((v) => ({ ...v, key: String(v.id) }))} />
                  </Fragment>
                ))}
            </Stack>
          </SimpleGrid>
        </Stack>
      )}
      <Modal opened={adopting} onClose={() => setAdopting(false)} title={t('scenarios.adoptTitle')}>
        <Stack>
          <Text>{t('scenarios.adoptAsk', { d: run.effectiveFrom })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAdopting(false)}>
              {t('scenarios.close')}
            </Button>
            <Button onClick={() => void adopt()} data-testid="scenario-adopt-confirm" data-autofocus>
              {t('scenarios.adopt')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
