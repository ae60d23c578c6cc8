/**
 * Scenarios 政策测算 (UX.md): a manager drafts a parameter change, runs it on the registry as it
 * stands (the scan's threads; progress with counts, cancellable; the app stays usable), reads
 * it by kind, tier and township, compares up to three, prints the summary and asks to adopt one.
 * Drafts written down but not run (the demo county's) open in the form.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Badge, Button, Checkbox, Group, Modal, Paper, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { ErrorAlert } from '../lib/errors';
import { dateTime, money } from '../lib/format';
import { useSession } from '../session';
import { DraftForm, fromStored, type Draft } from './DraftForm';
import { RunSummary, type Run } from './RunSummary';
import { ScenarioResults } from './ScenarioResults';
import { Compare } from './Compare';

type Listed = Output<'scenarios.list'>[number];
type Stored = Output<'scenarios.drafts'>[number];

export function ScenariosPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const manager = user.role === 'manager' || user.role === 'administrator';
  const [runs, setRuns] = useState<Listed[]>([]);
  const [drafts, setDrafts] = useState<Stored[]>([]);
  const [form, setForm] = useState<{ key: number; initial?: Draft }>({ key: 0 });
  const [current, setCurrent] = useState<Run | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [comparing, setComparing] = useState(false);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<number | null>(null);

  const refresh = useCallback(async () => {
    try {
      setRuns(await call('scenarios.list', {}));
    } catch (e) {
      setError(e);
    }
  }, []);
  const open = useCallback(
    async (id: number) => {
      if (timer.current) window.clearTimeout(timer.current);
      try {
        const r = await call('scenarios.get', { id });
        setCurrent(r);
        setComparing(false);
        if (r.status === 'running') timer.current = window.setTimeout(() => void open(id), 500);
        else void refresh();
      } catch (e) {
        setError(e);
      }
    },
    [refresh],
  );
  useEffect(() => {
    if (manager) call('scenarios.drafts', {}).then(setDrafts).catch(setError);
  }, [manager]);
  useEffect(() => {
    if (manager) void refresh();
    return () => {
      if (timer.current) window.clearTimeout(timer.current);
    };
  }, [manager, refresh]);

  if (!manager)
    return (
      <Text c="dimmed" data-testid="scenarios-readonly">
        {t('scenarios.managersOnly')}
      </Text>
    );
  const running = current?.status === 'running' ? current : null;
  const p = running?.progress;
  const pct = p && p.total > 0 ? Math.round(((p.pass - 1 + p.done / p.total) / p.passes) * 100) : 0;
  async function cancel() {
    setConfirmCancel(false);
    if (!running) return;
    try {
      await call('scenarios.cancel', { id: running.id });
    } catch (e) {
      setError(e);
    }
    await open(running.id);
  }
  const toggle = (id: number) => setPicked((xs) => (xs.includes(id) ? xs.filter((x) => x !== id) : xs.length < 3 ? [...xs, id] : xs));

  return (
    <Stack gap="xs" data-testid="scenarios-page">
      <Group gap="sm" wrap="nowrap">
        <Title order={2}>{t('scenarios.title')}</Title>
        <Text size="sm" c="dimmed" truncate maw={620}>
          {t('scenarios.subtitle')}
        </Text>
      </Group>
      <ErrorAlert error={error} />
      {drafts.length > 0 && (
        <Group gap="xs" data-testid="scenario-drafts">
          <Text size="sm" c="dimmed">
            {t('scenarios.drafts')}
          </Text>
          {drafts.map((d) => (
            <Button
              key={d.id}
              size="compact-xs"
              variant="light"
              onClick={() => setForm((f) => ({ key: f.key + 1, initial: fromStored(d) }))}
              data-testid="scenario-draft-open"
              data-draft={d.id}
            >
              {d.name} · {d.effectiveFrom}
            </Button>
          ))}
        </Group>
      )}
      <DraftForm key={form.key} initial={form.initial} running={running !== null} onStarted={(id) => void open(id)} />
      {running && (
        <Paper withBorder p="xs" data-testid="scenario-progress">
          <Group justify="space-between" wrap="nowrap">
            <Text fw={600}>{t('scenarios.running', { id: running.id })}</Text>
            <Group gap="xs">
              <Text size="sm" className="sn-num" data-testid="scenario-progress-text">
                {p && p.passes > 1 ? `${t('scenarios.pass', { pass: p.pass, passes: p.passes })} · ` : ''}
                {t('scenarios.progress', { done: p?.done ?? 0, total: p?.total ?? 0 })}
              </Text>
              <Button size="compact-xs" color="red" variant="light" onClick={() => setConfirmCancel(true)} data-testid="scenario-cancel">
                {t('scenarios.cancel')}
              </Button>
            </Group>
          </Group>
          <Progress value={pct} mt={6} animated aria-label={t('scenarios.progress', { done: p?.done ?? 0, total: p?.total ?? 0 })} />
        </Paper>
      )}
      <Paper withBorder p="xs" data-testid="scenario-runs">
        <Group justify="space-between" mb={4}>
          <Title order={4}>{t('scenarios.runs')}</Title>
          <Group gap="xs">
            <Text size="xs" c="dimmed">
              {t('scenarios.compareHint')}
            </Text>
            <Button
              size="xs"
              variant="default"
              disabled={picked.length < 2}
              onClick={() => setComparing(true)}
              data-testid="scenario-compare-open"
            >
              {t('scenarios.compare', { n: picked.length })}
            </Button>
          </Group>
        </Group>
        {runs.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('scenarios.noRuns')}
          </Text>
        ) : (
          <Table verticalSpacing={2} fz="xs" striped highlightOnHover>
            <Table.Tbody>
              {runs.map((r) => (
                <Table.Tr
                  key={r.id}
                  data-testid="scenario-run-row"
                  data-run={r.id}
                  style={{ cursor: 'pointer' }}
                  onClick={() => void open(r.id)}
                >
                  <Table.Td w={30} onClick={(e) => e.stopPropagation()}>
                    <Checkbox
                      size="xs"
                      aria-label={`#${r.id}`}
                      checked={picked.includes(r.id)}
                      disabled={r.status !== 'done'}
                      onChange={() => toggle(r.id)}
                      data-testid="scenario-pick"
                    />
                  </Table.Td>
                  <Table.Td>
                    #{r.id} {r.name}
                  </Table.Td>
                  <Table.Td>{r.effectiveFrom}</Table.Td>
                  <Table.Td>
                    <Badge size="xs" variant="light">
                      {t(`scenarios.mode.${r.mode}`)}
                    </Badge>{' '}
                    <Badge size="xs" color={r.status === 'done' ? 'teal' : r.status === 'running' ? 'blue' : 'gray'}>
                      {t(`scenarios.status.${r.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{r.solved ? `${r.solved.valueYuan} ${t('scenarios.yuan')}` : ''}</Table.Td>
                  <Table.Td>{t('scenarios.startedBy', { u: r.startedBy, t: dateTime(r.startedAt) })}</Table.Td>
                  <Table.Td data-testid="scenario-row-adoption">{r.adoption ? t(`scenarios.adoption.${r.adoption.status}`) : ''}</Table.Td>
                  <Table.Td className="sn-num">{r.budgetFen !== null ? money(r.budgetFen) : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {comparing && picked.length > 1 && <Compare ids={picked} />}
      {!comparing && current && current.status !== 'running' && (
        <>
          <RunSummary run={current} onChanged={() => void open(current.id)} />
          {current.status === 'done' && <ScenarioResults key={current.id} runId={current.id} />}
        </>
      )}
      <Modal opened={confirmCancel} onClose={() => setConfirmCancel(false)} title={t('scenarios.cancel')}>
        <Stack>
          <Text>{running && t('scenarios.confirmCancel', { id: running.id })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmCancel(false)}>
              {t('scenarios.keepRunning')}
            </Button>
            <Button color="red" onClick={() => void cancel()} data-testid="scenario-cancel-confirm" data-autofocus>
              {t('scenarios.cancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
