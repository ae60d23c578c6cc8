/** The county's dated delegation settings (docs/rules/workstations.md, "Delegation"): whether townships decide 低保 / 特困, their temporary band. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Checkbox, Group, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract';
import { useAction } from '../lib/action';
import { ErrorAlert } from '../lib/errors';
import { dateTime, money } from '../lib/format';
import { useSession } from '../session';
import { isIso, todayLocal } from '../components/files';

export function DelegationTab() {
  const { t } = useTranslation();
  const { user } = useSession();
  const manager = user.role === 'manager' || user.role === 'administrator';
  const [rows, setRows] = useState<Output<'cases.delegation'> | null>(null);
  const [from, setFrom] = useState(todayLocal());
  const [dibao, setDibao] = useState(false);
  const [tekun, setTekun] = useState(false);
  const [band, setBand] = useState<number>(0);
  const { busy, error, setError, run } = useAction();
  const load = useCallback(() => void call('cases.delegation', {}).then(setRows, setError), [setError]);
  useEffect(load, [load]);
  const save = async () => {
    const r = await run(() =>
      call('cases.setDelegation', {
        effectiveFrom: from,
        townshipsDecideDibao: dibao,
        townshipsDecideTekun: tekun,
        temporaryBandFen: Math.round(band * 100),
      }),
    );
    if (r !== undefined) load();
  };
  return (
    <Stack gap="xs" data-testid="cases-delegation">
      <Text size="sm">{t('cases.delegation.intro')}</Text>
      {manager && (
        <Group gap="xs" align="flex-end">
          <TextInput
            size="xs"
            w={130}
            label={t('cases.delegation.effectiveFrom')}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
            error={isIso(from) ? undefined : t('errors.date')}
          />
          <Checkbox
            size="xs"
            mb={6}
            label={t('cases.delegation.dibao')}
            checked={dibao}
            onChange={(e) => setDibao(e.currentTarget.checked)}
          />
          <Checkbox
            size="xs"
            mb={6}
            label={t('cases.delegation.tekun')}
            checked={tekun}
            onChange={(e) => setTekun(e.currentTarget.checked)}
          />
          <NumberInput
            size="xs"
            w={180}
            min={0}
            decimalScale={2}
            label={t('cases.delegation.band')}
            value={band}
            onChange={(v) => setBand(Math.max(0, Number(v) || 0))}
          />
          <Button size="xs" loading={busy} disabled={!isIso(from)} onClick={() => void save()}>
            {t('cases.delegation.save')}
          </Button>
        </Group>
      )}
      <ErrorAlert error={error} />
      {rows && rows.length === 0 && <Alert p="xs">{t('cases.delegation.none')}</Alert>}
      {rows && rows.length > 0 && (
        <Table fz="xs" striped verticalSpacing={3}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('cases.delegation.effectiveFrom')}</Table.Th>
              <Table.Th>{t('cases.delegation.dibao')}</Table.Th>
              <Table.Th>{t('cases.delegation.tekun')}</Table.Th>
              <Table.Th>{t('cases.delegation.band')}</Table.Th>
              <Table.Th>{t('cases.delegation.recordedBy')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={i}>
                <Table.Td>{r.effectiveFrom}</Table.Td>
                <Table.Td>{r.townshipsDecideDibao ? t('common.yes') : t('common.no')}</Table.Td>
                <Table.Td>{r.townshipsDecideTekun ? t('common.yes') : t('common.no')}</Table.Td>
                <Table.Td>{money(r.temporaryBandFen)}</Table.Td>
                <Table.Td>
                  {r.recordedBy} {dateTime(r.recordedAt)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
