/**
 * Service records of a month: those accepted (a provider's file through the import wizard, or by
 * hand), with their cost; a record entered by hand is refused with its reason beside the field
 * it concerns (§12.4). And the quarter's satisfaction, from visits.
 */
import { useState } from 'react';
import {
  Button,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { call } from '../api';
import { todayLocal } from '../components/files';
import { SortTh, sortRows, type Sort } from '../components/SortTh';
import { useAction } from '../lib/action';
import { ErrorAlert } from '../lib/errors';
import { money } from '../lib/format';
import { navigate } from '../lib/router';
import { fieldError, KeyForm, useLoad } from './kit';

const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;

export function RecordsTab() {
  const { t } = useTranslation();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [providerId, setProviderId] = useState('');
  const [sort, setSort] = useState<Sort>(null);
  const [adding, setAdding] = useState(false);
  const [rating, setRating] = useState(false);
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const providers = useLoad(() => call('services.providers', {}), []);
  const records = useLoad(
    () => (valid ? call('services.records', { month, ...(providerId ? { providerId: Number(providerId) } : {}) }) : Promise.resolve([])),
    [month, providerId, valid],
  );
  const ratings = useLoad(
    () =>
      valid
        ? call('services.ratings', { quarter: quarterOf(month), ...(providerId ? { providerId: Number(providerId) } : {}) })
        : Promise.resolve([]),
    [month, providerId, valid],
  );
  const rows = sortRows(records.value ?? [], sort);
  const total = rows.reduce((s, r) => s + r.costFen, 0);
  const names = new Map((providers.value ?? []).map((p) => [p.id, p.name]));
  return (
    <Stack gap="sm" data-testid="sv-records">
      <Paper withBorder p="xs">
        <Group justify="space-between" align="flex-end" mb={4}>
          <Group gap="xs" align="flex-end">
            <TextInput
              size="xs"
              w={100}
              label={t('services.month')}
              value={month}
              onChange={(e) => setMonth(e.currentTarget.value)}
              data-testid="sv-rec-month"
            />
            <NativeSelect
              size="xs"
              w={200}
              label={t('services.provider')}
              value={providerId}
              onChange={(e) => setProviderId(e.currentTarget.value)}
              data={[
                { value: '', label: t('services.anyProvider') },
                ...(providers.value ?? []).map((p) => ({ value: String(p.id), label: p.name })),
              ]}
              data-testid="sv-rec-provider"
            />
          </Group>
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => navigate('/exchange')} data-testid="sv-rec-import">
              {t('services.importFile')}
            </Button>
            <Button size="xs" onClick={() => setAdding(true)} data-testid="sv-rec-new">
              {t('services.addRecord')}
            </Button>
          </Group>
        </Group>
        <Text size="xs" c="dimmed" mb={4}>
          {t('services.importHint')}
        </Text>
        <ErrorAlert error={records.error} />
        <Table striped fz="xs" data-testid="sv-rec-table">
          <Table.Thead>
            <Table.Tr>
              <SortTh label={t('services.date')} k="serviceDate" sort={sort} onSort={setSort} />
              <SortTh label={t('services.person')} k="personName" sort={sort} onSort={setSort} />
              <SortTh label={t('services.village')} k="village" sort={sort} onSort={setSort} />
              <SortTh label={t('services.service')} k="nameZh" sort={sort} onSort={setSort} />
              <SortTh label={t('services.quantity')} k="quantity" sort={sort} onSort={setSort} num />
              <SortTh label={t('services.cost')} k="costFen" sort={sort} onSort={setSort} num />
              <SortTh label={t('services.staff')} k="staff" sort={sort} onSort={setSort} />
              <SortTh label={t('services.recordId')} k="recordKey" sort={sort} onSort={setSort} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id} data-testid="sv-rec-row" data-key={r.recordKey}>
                <Table.Td>{r.serviceDate}</Table.Td>
                <Table.Td>{r.personName}</Table.Td>
                <Table.Td>{r.village}</Table.Td>
                <Table.Td>{r.nameZh}</Table.Td>
                <Table.Td className="sn-num">
                  {r.quantity}
                  {r.unitZh}
                </Table.Td>
                <Table.Td className="sn-num">{money(r.costFen)}</Table.Td>
                <Table.Td>{r.staff ?? ''}</Table.Td>
                <Table.Td>{r.recordKey}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" ta="right" fw={600} data-testid="sv-rec-total">
          {t('services.recordTotal', { n: rows.length, amount: money(total) })}
        </Text>
      </Paper>
      <Paper withBorder p="xs">
        <Group justify="space-between" mb={4}>
          <Title order={5}>{t('services.satisfaction', { q: valid ? quarterOf(month) : '—' })}</Title>
          <Button size="xs" variant="default" onClick={() => setRating(true)} data-testid="sv-rate-new">
            {t('services.rate')}
          </Button>
        </Group>
        <Table striped fz="xs" data-testid="sv-ratings">
          <Table.Tbody>
            {(ratings.value ?? []).map((r) => (
              <Table.Tr key={r.id} data-testid="sv-rating">
                <Table.Td>{r.personName}</Table.Td>
                <Table.Td>{names.get(r.providerId) ?? ''}</Table.Td>
                <Table.Td className="sn-num">{r.score} / 5</Table.Td>
                <Table.Td>{r.visitDate}</Table.Td>
                <Table.Td>{r.visitor}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <RecordForm opened={adding} onClose={() => setAdding(false)} providers={providers.value ?? []} onSaved={records.reload} />
      <RateForm
        opened={rating}
        onClose={() => setRating(false)}
        providers={providers.value ?? []}
        quarter={valid ? quarterOf(month) : ''}
        onSaved={ratings.reload}
      />
    </Stack>
  );
}

type Providers = { id: number; name: string }[];

function RecordForm({
  opened,
  onClose,
  providers,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  providers: Providers;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    providerId: '',
    recordId: '',
    idNumber: '',
    serviceCode: '',
    date: todayLocal(),
    quantity: 1,
    staff: '',
    note: '',
  });
  const { busy, error, run } = useAction();
  const set = (k: keyof typeof v) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setV((x) => ({ ...x, [k]: value }));
  };
  const ready = v.providerId && v.idNumber.trim() && v.serviceCode.trim();
  async function save() {
    if (!ready) return;
    const r = await run(() =>
      call('services.addRecord', {
        providerId: Number(v.providerId),
        recordId: v.recordId.trim(),
        idNumber: v.idNumber.trim(),
        serviceCode: v.serviceCode.trim(),
        date: v.date,
        quantity: v.quantity,
        ...(v.staff.trim() ? { staff: v.staff.trim() } : {}),
        ...(v.note.trim() ? { note: v.note.trim() } : {}),
      }),
    );
    if (!r) return;
    notifications.show({ color: 'teal', message: t('services.recordSaved') });
    setV((x) => ({ ...x, recordId: '', quantity: 1, note: '' }));
    onSaved();
  }
  return (
    <Modal opened={opened} onClose={onClose} keepMounted title={t('services.addRecord')}>
      <KeyForm onSave={() => void save()} testid="sv-record-form">
        <Stack gap={6}>
          <NativeSelect
            size="xs"
            label={t('services.provider')}
            value={v.providerId}
            onChange={set('providerId')}
            error={fieldError(error, 'provider')}
            data={[{ value: '', label: '—' }, ...providers.map((p) => ({ value: String(p.id), label: p.name }))]}
            data-testid="sv-r-provider"
          />
          <TextInput
            size="xs"
            label={t('services.idNumber')}
            value={v.idNumber}
            onChange={set('idNumber')}
            error={fieldError(error, 'idNumber')}
            data-testid="sv-r-id"
          />
          <Group gap="xs" grow>
            <TextInput
              size="xs"
              label={t('services.serviceCode')}
              value={v.serviceCode}
              onChange={set('serviceCode')}
              error={fieldError(error, 'serviceCode')}
              data-testid="sv-r-service"
            />
            <TextInput
              size="xs"
              label={t('services.date')}
              value={v.date}
              onChange={set('date')}
              error={fieldError(error, 'date')}
              data-testid="sv-r-date"
            />
            <NumberInput
              size="xs"
              label={t('services.quantity')}
              min={1}
              allowDecimal={false}
              value={v.quantity}
              onChange={(q) => setV((x) => ({ ...x, quantity: typeof q === 'number' ? q : 1 }))}
              error={fieldError(error, 'quantity')}
              data-testid="sv-r-qty"
            />
          </Group>
          <Group gap="xs" grow>
            <TextInput size="xs" label={t('services.staff')} value={v.staff} onChange={set('staff')} data-testid="sv-r-staff" />
            <TextInput
              size="xs"
              label={t('services.recordId')}
              placeholder={t('services.recordIdHint')}
              value={v.recordId}
              onChange={set('recordId')}
              error={fieldError(error, 'recordId')}
              data-testid="sv-r-key"
            />
          </Group>
          <TextInput size="xs" label={t('services.note')} value={v.note} onChange={set('note')} data-testid="sv-r-note" />
          <ErrorAlert error={error} />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {ready ? t('services.keys') : t('services.recordNeeds')}
            </Text>
            <Button size="xs" onClick={() => void save()} loading={busy} disabled={!ready} data-testid="sv-r-save">
              {t('services.save')}
            </Button>
          </Group>
        </Stack>
      </KeyForm>
    </Modal>
  );
}

function RateForm({
  opened,
  onClose,
  providers,
  quarter,
  onSaved,
}: {
  opened: boolean;
  onClose: () => void;
  providers: Providers;
  quarter: string;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState({ providerId: '', idNumber: '', score: '5', visitDate: todayLocal(), visitor: '' });
  const { busy, error, run } = useAction();
  const ready = v.providerId && v.idNumber.trim() && v.visitor.trim() && quarter;
  async function save() {
    if (!ready) return;
    const r = await run(() =>
      call('services.rate', {
        providerId: Number(v.providerId),
        idNumber: v.idNumber.trim(),
        quarter,
        score: Number(v.score),
        visitDate: v.visitDate,
        visitor: v.visitor.trim(),
      }),
    );
    if (!r) return;
    notifications.show({ color: 'teal', message: t('services.rated') });
    onSaved();
    onClose();
  }
  return (
    <Modal opened={opened} onClose={onClose} keepMounted title={t('services.rateTitle', { q: quarter })}>
      <KeyForm onSave={() => void save()} testid="sv-rate-form">
        <Stack gap={6}>
          <NativeSelect
            size="xs"
            label={t('services.provider')}
            value={v.providerId}
            onChange={(e) => setV({ ...v, providerId: e.currentTarget.value })}
            data={[{ value: '', label: '—' }, ...providers.map((p) => ({ value: String(p.id), label: p.name }))]}
          />
          <TextInput
            size="xs"
            label={t('services.idNumber')}
            value={v.idNumber}
            onChange={(e) => setV({ ...v, idNumber: e.currentTarget.value })}
            error={fieldError(error, 'idNumber')}
          />
          <SegmentedControl size="xs" value={v.score} onChange={(score) => setV({ ...v, score })} data={['1', '2', '3', '4', '5']} />
          <Group gap="xs" grow>
            <TextInput
              size="xs"
              label={t('services.visitDate')}
              value={v.visitDate}
              onChange={(e) => setV({ ...v, visitDate: e.currentTarget.value })}
              error={fieldError(error, 'visitDate')}
            />
            <TextInput
              size="xs"
              label={t('services.visitor')}
              value={v.visitor}
              onChange={(e) => setV({ ...v, visitor: e.currentTarget.value })}
            />
          </Group>
          <ErrorAlert error={error} />
          <Button size="xs" onClick={() => void save()} loading={busy} disabled={!ready}>
            {t('services.save')}
          </Button>
        </Stack>
      </KeyForm>
    </Modal>
  );
}
