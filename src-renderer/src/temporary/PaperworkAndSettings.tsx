/**
 * 先行救助 paperwork due, with overdue ones marked and the check that raises their warnings
 * (docs/rules/temporary-service-recovery.md §11.1); and, for the administrator, the dated figures of §11.2–§11.4.
 */
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Group, NativeSelect, Paper, Stack, Table, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { isCode, TEMPORARY_PARAMETER_IDS, type TemporaryParameterId } from '../../../src-main/common/codes';
import { useSession } from '../session';
import { ErrorAlert } from '../lib/errors';
import { navigate } from '../lib/router';
import { tw } from './common';

export function PaperworkTab() {
  const { t } = useTranslation();
  const { user } = useSession();
  const [rows, setRows] = useState<Output<'temporary.paperworkDue'>>([]);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    call('temporary.paperworkDue', {}).then(setRows).catch(setError);
  }, []);
  useEffect(load, [load]);
  async function check() {
    try {
      const r = await call('temporary.checkPaperwork', {});
      notifications.show({
        color: r.overdue ? 'orange' : 'teal',
        message: t('temporary.checked', { o: r.overdue, r: r.raised, n: r.overdueNonLocal }),
      });
      load();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Stack gap="xs" data-testid="tmp-paperwork-due">
      <Group>
        <Button
          size="xs"
          variant="default"
          disabled={user.role === 'administrator'}
          onClick={() => void check()}
          data-testid="tmp-check-paperwork"
        >
          {t('temporary.checkPaperwork')}
        </Button>
      </Group>
      <ErrorAlert error={error} />
      <Table fz="xs" verticalSpacing={2} striped maw={900}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('temporary.number')}</Table.Th>
            <Table.Th>{t('temporary.person')}</Table.Th>
            <Table.Th>{t('temporary.paidOn')}</Table.Th>
            <Table.Th>{t('temporary.dueOn', { d: '' })}</Table.Th>
            <Table.Th>{t('temporary.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr
              key={r.caseId}
              data-testid="tmp-due-row"
              data-overdue={r.overdue ? 1 : 0}
              style={{ cursor: 'pointer' }}
              onClick={() => navigate(`/temporary/list/${r.caseId}`)}
            >
              <Table.Td className="sn-mono">{r.number}</Table.Td>
              <Table.Td>
                {r.personName}
                {r.householdId === null ? ` · ${t('temporary.nonLocalShort')}` : ''}
              </Table.Td>
              <Table.Td>{r.paidOn}</Table.Td>
              <Table.Td>{r.dueOn}</Table.Td>
              <Table.Td>
                {r.done ? (
                  <Badge color="teal" size="sm">
                    {t('temporary.done')}
                  </Badge>
                ) : r.overdue ? (
                  <Badge color="red" size="sm">
                    {t('temporary.overdue')}
                  </Badge>
                ) : (
                  '—'
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

export function SettingsTab() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Output<'temporary.parameters'>>([]);
  const [error, setError] = useState<unknown>(null);
  const [pid, setPid] = useState<TemporaryParameterId>('temporary.standbyFund');
  const [from, setFrom] = useState('');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const load = useCallback(() => {
    call('temporary.parameters', {}).then(setRows).catch(setError);
  }, []);
  useEffect(load, [load]);
  async function add() {
    setError(null);
    try {
      await call('temporary.addParameter', { parameterId: pid, effectiveFrom: from, value: Number(value), note: note.trim() || undefined });
      // Asked: it takes effect when a second manager confirms it (Settings → Requests; docs/security.md "Roles and the two-person rule").
      notifications.show({ color: 'orange', message: t('requests.paramAsked', { d: from }) });
      setValue('');
      setNote('');
      load();
    } catch (e) {
      setError(e);
    }
  }
  return (
    <Stack gap="xs" data-testid="tmp-settings">
      <Table fz="xs" verticalSpacing={2} striped maw={980}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('temporary.parameter')}</Table.Th>
            <Table.Th>{t('temporary.effectiveFrom')}</Table.Th>
            <Table.Th className="sn-num">{t('temporary.value')}</Table.Th>
            <Table.Th>{t('temporary.note')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => (
            <Table.Tr key={i}>
              <Table.Td>{tw('parameter', r.parameterId)}</Table.Td>
              <Table.Td>{r.effectiveFrom}</Table.Td>
              <Table.Td className="sn-num">{r.value}</Table.Td>
              <Table.Td>{r.id === null ? t('temporary.shipped') : `${r.note ?? ''} · ${r.createdBy ?? ''}`}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Paper withBorder p="xs" maw={980}>
        <Group gap="xs" align="flex-end">
          <NativeSelect
            size="xs"
            w={320}
            label={t('temporary.parameter')}
            value={pid}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (isCode(TEMPORARY_PARAMETER_IDS, v)) setPid(v);
            }}
            data={TEMPORARY_PARAMETER_IDS.map((p) => ({ value: p, label: tw('parameter', p) }))}
          />
          <TextInput
            size="xs"
            w={110}
            label={t('temporary.effectiveFrom')}
            placeholder="YYYY-MM-DD"
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput size="xs" w={110} label={t('temporary.value')} value={value} onChange={(e) => setValue(e.currentTarget.value)} />
          <TextInput size="xs" w={200} label={t('temporary.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Button size="xs" disabled={!from || value.trim() === '' || Number.isNaN(Number(value))} onClick={() => void add()}>
            {t('temporary.addValue')}
          </Button>
        </Group>
      </Paper>
      <ErrorAlert error={error} />
    </Stack>
  );
}
