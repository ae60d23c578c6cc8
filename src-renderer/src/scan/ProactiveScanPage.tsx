/**
 * Proactive scan 主动发现 — "policies looking for people". A manager runs the county against
 * the parameters in force (a worker thread; progress with counts and ETA, cancellable); the
 * results by kind, filtered by township/village, paged, exportable to XLSX, each row one
 * click from a proposal. Clerks read the results.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Group, Modal, Paper, Progress, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { todayIso } from '../../../src-main/common/dates';
import { ErrorAlert } from '../lib/errors';
import { dateTime, parameterSetText } from '../lib/format';
import { useSession } from '../session';
import { ParametersInForce } from '../policy/ParametersInForce';
import { ScanResults } from './ScanResults';

type Status = NonNullable<Output<'scan.status'>>;

export function ProactiveScanPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const manager = user.role === 'manager' || user.role === 'administrator';
  const [status, setStatus] = useState<Status | null | undefined>(undefined);
  const [refDate, setRefDate] = useState(todayIso());
  const [error, setError] = useState<unknown>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [starting, setStarting] = useState(false);
  const timer = useRef<number | null>(null);

  const poll = useCallback(async (id?: number) => {
    try {
      const s = await call('scan.status', id !== undefined ? { id } : {});
      setStatus(s);
      if (s && s.status === 'running') timer.current = window.setTimeout(() => void poll(s.id), 500);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void poll();
    return () => {
      if (timer.current) window.clearTimeout(timer.current);
    };
  }, [poll]);

  async function run() {
    setStarting(true);
    setError(null);
    try {
      const r = await call('scan.start', { referenceDate: refDate });
      if (timer.current) window.clearTimeout(timer.current);
      await poll(r.id);
    } catch (e) {
      setError(e);
    } finally {
      setStarting(false);
    }
  }
  async function cancel() {
    if (!status) return;
    setConfirmCancel(false);
    try {
      await call('scan.cancel', { id: status.id });
    } catch (e) {
      setError(e);
    }
    if (timer.current) window.clearTimeout(timer.current);
    await poll(status.id);
  }

  const running = status?.status === 'running';
  const pct = status && status.total > 0 ? Math.round((status.done / status.total) * 100) : running ? 0 : 100;
  return (
    <Stack gap="xs" data-testid="scan-page">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Title order={2}>{t('scan.title')}</Title>
          <Text size="sm" c="dimmed" truncate maw={460}>
            {t('scan.subtitle')}
          </Text>
        </Group>
        {manager ? (
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              size="xs"
              w={120}
              placeholder="YYYY-MM-DD"
              maxLength={10}
              label={t('scan.refDate')}
              value={refDate}
              onChange={(e) => setRefDate(e.currentTarget.value)}
              data-testid="scan-ref-date"
            />
            <Button
              size="xs"
              onClick={() => void run()}
              loading={starting}
              disabled={running || !/^\d{4}-\d{2}-\d{2}$/.test(refDate)}
              data-testid="scan-run"
            >
              {t('scan.run')}
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed" data-testid="scan-readonly">
            {t('scan.readOnly')}
          </Text>
        )}
      </Group>
      <ErrorAlert error={error} />
      {status === null && (
        <Text c="dimmed" data-testid="scan-none">
          {t('scan.none')}
        </Text>
      )}
      {status && (
        <Paper withBorder p="xs" data-testid="scan-status" data-status={status.status}>
          <Group justify="space-between" wrap="nowrap">
            <Text fw={600} data-testid="scan-status-text">
              {status.status === 'failed'
                ? t('scan.failed', { id: status.id, e: status.error ?? '' })
                : t(`scan.${status.status}`, { id: status.id })}
              <Text span size="xs" c="dimmed" fw={400}>
                {' '}
                · {status.referenceDate} · {t(`scan.trigger.${status.trigger}`, { defaultValue: status.trigger })} ·{' '}
                {t('scan.startedAt', { t: dateTime(status.startedAt), p: parameterSetText(status.parameterSet) })}
              </Text>
            </Text>
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" className="sn-num" data-testid="scan-progress-text">
                {t('scan.progress', { done: status.done, total: status.total })}
                {running && status.etaSeconds !== null ? ` · ${t('scan.eta', { s: status.etaSeconds })}` : ''}
              </Text>
              {running && manager && (
                <Button size="compact-xs" color="red" variant="light" onClick={() => setConfirmCancel(true)} data-testid="scan-cancel">
                  {t('scan.cancel')}
                </Button>
              )}
            </Group>
          </Group>
          <Progress
            value={pct}
            mt={6}
            animated={running}
            color={status.status === 'done' ? 'teal' : status.status === 'running' ? 'blue' : 'gray'}
            aria-label={t('scan.progress', { done: status.done, total: status.total })}
            data-testid="scan-progress"
          />
        </Paper>
      )}
      {status && status.status === 'done' && <ScanResults key={status.id} status={status} />}
      <ParametersInForce />
      <Modal opened={confirmCancel} onClose={() => setConfirmCancel(false)} title={t('scan.cancel')}>
        <Stack>
          <Text>{status && t('scan.confirmCancel', { id: status.id })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmCancel(false)}>
              {t('scan.keepRunning')}
            </Button>
            <Button color="red" onClick={() => void cancel()} data-testid="scan-cancel-confirm" data-autofocus>
              {t('scan.cancel')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
