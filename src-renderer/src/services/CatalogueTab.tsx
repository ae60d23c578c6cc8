/**
 * The service list (§12.3), dated like the parameters: the list in force on a date, its history,
 * and — a manager's — a new price, name or withdrawal as a new row from the date it takes effect.
 */
import { useState } from 'react';
import { Badge, Button, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { CATALOGUE_AREAS, isCode, type CatalogueArea } from '../../../src-main/common/codes';
import { todayLocal } from '../components/files';
import { useAction } from '../lib/action';
import { ErrorAlert } from '../lib/errors';
import { money } from '../lib/format';
import { useSession } from '../session';
import { fenOf, fieldError, KeyForm, useLoad } from './kit';

export function CatalogueTab() {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const manager = user.role === 'manager';
  const [on, setOn] = useState(todayLocal());
  const list = useLoad(() => call('services.catalogue', /^\d{4}-\d{2}-\d{2}$/.test(on) ? { on } : {}), [on]);
  const en = i18n.language === 'en';
  const { busy, error, run } = useAction();
  const [v, setV] = useState({
    code: '',
    nameZh: '',
    nameEn: '',
    area: 'health' as CatalogueArea,
    unitZh: '次',
    unitEn: 'visit',
    price: '',
    effectiveFrom: todayLocal(),
    withdrawn: false,
  });
  const fen = fenOf(v.price);
  const fill = (code: string) => {
    const e = [...(list.value?.history ?? [])].reverse().find((x) => x.code === code);
    setV((x) =>
      e ? { ...x, code, nameZh: e.nameZh, nameEn: e.nameEn, area: e.area, unitZh: e.unitZh, unitEn: e.unitEn } : { ...x, code },
    );
  };
  async function save() {
    if (fen === null) return;
    const r = await run(() =>
      call('services.addPrice', {
        code: v.code,
        nameZh: v.nameZh,
        nameEn: v.nameEn,
        area: v.area,
        unitZh: v.unitZh,
        unitEn: v.unitEn,
        unitPriceFen: fen,
        effectiveFrom: v.effectiveFrom,
        withdrawn: v.withdrawn,
      }),
    );
    if (r) {
      notifications.show({ color: 'teal', message: t('services.priceSaved', { code: v.code, d: v.effectiveFrom }) });
      list.reload();
    }
  }
  async function standard() {
    const r = await run(() => call('services.addStandardList', { from: '2026-01-01' }));
    if (r) list.reload();
  }
  return (
    <Stack gap="sm" data-testid="sv-catalogue">
      <Paper withBorder p="xs">
        <Group justify="space-between" mb={4}>
          <Title order={5}>{t('services.listOn', { d: list.value?.on ?? on })}</Title>
          <TextInput size="xs" w={130} value={on} onChange={(e) => setOn(e.currentTarget.value)} data-testid="sv-cat-on" />
        </Group>
        <Table striped fz="xs" data-testid="sv-cat-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('services.service')}</Table.Th>
              <Table.Th>{t('services.areaLabel')}</Table.Th>
              <Table.Th className="sn-num">{t('services.unitPrice')}</Table.Th>
              <Table.Th>{t('services.effectiveFrom')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(list.value?.inForce ?? []).map((e) => (
              // The code is the providers' files' key, not a word to read (issue 21): a manager's click puts it in the form below.
              <Table.Tr
                key={e.id}
                data-testid="sv-cat-row"
                data-code={e.code}
                onClick={() => manager && fill(e.code)}
                style={manager ? { cursor: 'pointer' } : undefined}
              >
                <Table.Td>{en ? e.nameEn : e.nameZh}</Table.Td>
                <Table.Td>{t(`services.area.${e.area}`)}</Table.Td>
                <Table.Td className="sn-num">
                  {money(e.unitPriceFen)} / {en ? e.unitEn : e.unitZh}
                </Table.Td>
                <Table.Td>{e.effectiveFrom}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {list.value && list.value.history.length === 0 && (
          <Group mt={4}>
            <Text size="xs" c="dimmed">
              {t('services.emptyList')}
            </Text>
            <Button size="compact-xs" disabled={!manager} onClick={() => void standard()} data-testid="sv-cat-standard">
              {t('services.addStandard')}
            </Button>
          </Group>
        )}
      </Paper>
      <Paper withBorder p="xs">
        <Title order={5} mb={4}>
          {t('services.newRow')}
        </Title>
        {!manager && (
          <Text size="xs" c="dimmed" mb={4}>
            {t('services.managersOnly')}
          </Text>
        )}
        <KeyForm onSave={() => void save()} testid="sv-price-form">
          <Group gap="xs" align="flex-end">
            <TextInput
              size="xs"
              w={120}
              label={t('services.code')}
              value={v.code}
              onChange={(e) => fill(e.currentTarget.value)}
              error={fieldError(error, 'code')}
              disabled={!manager}
              data-testid="sv-price-code"
            />
            <TextInput
              size="xs"
              w={100}
              label={t('services.nameZh')}
              value={v.nameZh}
              onChange={(e) => setV({ ...v, nameZh: e.currentTarget.value })}
              disabled={!manager}
            />
            <TextInput
              size="xs"
              w={120}
              label={t('services.nameEn')}
              value={v.nameEn}
              onChange={(e) => setV({ ...v, nameEn: e.currentTarget.value })}
              disabled={!manager}
            />
            <NativeSelect
              size="xs"
              w={110}
              label={t('services.areaLabel')}
              value={v.area}
              onChange={(e) => isCode(CATALOGUE_AREAS, e.currentTarget.value) && setV({ ...v, area: e.currentTarget.value })}
              data={CATALOGUE_AREAS.map((a) => ({ value: a, label: t(`services.area.${a}`) }))}
              disabled={!manager}
            />
            <TextInput
              size="xs"
              w={60}
              label={t('services.unitZh')}
              value={v.unitZh}
              onChange={(e) => setV({ ...v, unitZh: e.currentTarget.value })}
              disabled={!manager}
            />
            <TextInput
              size="xs"
              w={70}
              label={t('services.unitEn')}
              value={v.unitEn}
              onChange={(e) => setV({ ...v, unitEn: e.currentTarget.value })}
              disabled={!manager}
            />
            <TextInput
              size="xs"
              w={90}
              label={t('services.priceYuan')}
              value={v.price}
              onChange={(e) => setV({ ...v, price: e.currentTarget.value })}
              error={v.price && fen === null ? t('services.notAmount') : undefined}
              disabled={!manager}
              data-testid="sv-price-price"
            />
            <TextInput
              size="xs"
              w={110}
              label={t('services.effectiveFrom')}
              value={v.effectiveFrom}
              onChange={(e) => setV({ ...v, effectiveFrom: e.currentTarget.value })}
              error={fieldError(error, 'effectiveFrom')}
              disabled={!manager}
              data-testid="sv-price-from"
            />
            <Checkbox
              size="xs"
              mb={6}
              label={t('services.withdrawn')}
              checked={v.withdrawn}
              onChange={(e) => setV({ ...v, withdrawn: e.currentTarget.checked })}
              disabled={!manager}
            />
            <Button
              size="xs"
              onClick={() => void save()}
              loading={busy}
              disabled={!manager || fen === null || !v.code}
              data-testid="sv-price-save"
            >
              {t('services.save')}
            </Button>
          </Group>
        </KeyForm>
        <ErrorAlert error={error} />
      </Paper>
      <Paper withBorder p="xs">
        <Title order={5} mb={4}>
          {t('services.history')} <Badge variant="light">{list.value?.history.length ?? 0}</Badge>
        </Title>
        <Table fz="xs" striped>
          <Table.Tbody>
            {(list.value?.history ?? []).map((e) => (
              <Table.Tr key={e.id} data-code={e.code}>
                <Table.Td>{en ? e.nameEn : e.nameZh}</Table.Td>
                <Table.Td className="sn-num">{e.withdrawn ? t('services.withdrawn') : money(e.unitPriceFen)}</Table.Td>
                <Table.Td>{e.effectiveFrom}</Table.Td>
                <Table.Td>{e.createdBy}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
