/** Settings → the working-day calendar (administrator): holidays and make-up workdays by year; import a CSV. */
import { useEffect, useState } from 'react';
import { Alert, Badge, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { useSession } from '../session';
import { ErrorAlert } from '../lib/errors';
import { FileButton, fileToBase64 } from '../components/files';

export function SettingsCalendar() {
  const { t } = useTranslation();
  const { user } = useSession();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear));
  const [days, setDays] = useState<Output<'calendar.list'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    call('calendar.list', { year })
      .then((d) => {
        if (live) {
          setDays(d);
          setError(null);
        }
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [year, tick]);
  async function importCsv(f: File) {
    setError(null);
    setDone(null);
    try {
      const r = await call('calendar.import', { file: { base64: await fileToBase64(f), name: f.name } });
      setDone(t('calendar.imported', { d: r.days, y: r.years.join(', ') }));
      if (r.years.length && !r.years.includes(year)) setYear(r.years[0]);
      setTick((x) => x + 1);
    } catch (e) {
      setError(e);
    }
  }
  const years = Array.from({ length: 6 }, (_, i) => String(thisYear - 2 + i));
  return (
    <Stack gap="xs" data-testid="settings-calendar">
      <Title order={4}>{t('calendar.title')}</Title>
      <Group gap="xs" align="flex-end">
        <NativeSelect
          size="xs"
          w={100}
          label={t('calendar.year')}
          value={year}
          onChange={(e) => setYear(e.currentTarget.value)}
          data={years}
          data-testid="cal-year"
        />
        {user.role === 'administrator' && (
          <FileButton label={t('calendar.import')} accept=".csv,.txt" onFile={(f) => void importCsv(f)} testid="cal-file" />
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {t('calendar.hint')}
      </Text>
      <ErrorAlert error={error} />
      {done && (
        <Alert color="teal" data-testid="cal-imported">
          {done}
        </Alert>
      )}
      {days && days.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="cal-empty">
          {t('calendar.empty', { y: year })}
        </Text>
      )}
      {days && days.length > 0 && (
        <Table fz="xs" verticalSpacing={2} striped maw={640} data-testid="cal-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('calendar.date')}</Table.Th>
              <Table.Th>{t('calendar.weekday')}</Table.Th>
              <Table.Th>{t('calendar.kind')}</Table.Th>
              <Table.Th>{t('calendar.name')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {days.map((d) => (
              <Table.Tr key={d.date} data-testid="cal-row" data-kind={d.kind}>
                <Table.Td className="sn-mono">{d.date}</Table.Td>
                <Table.Td>{t(`calendar.weekdays.${new Date(`${d.date}T00:00:00Z`).getUTCDay()}`)}</Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="light" color={d.kind === 'holiday' ? 'red' : 'blue'}>
                    {t(`calendar.kinds.${d.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{d.name ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
