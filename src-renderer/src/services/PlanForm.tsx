/**
 * A service plan made from an assessment (docs/rules/temporary-service-recovery.md §12.4): the
 * provider, the months, and a quantity per month of each service — offered only where the
 * assessment found a need in the service's area and the provider's contract names it; a service
 * that cannot be chosen says why beside it.
 */
import { useMemo, useState } from 'react';
import { Button, Checkbox, Group, Modal, NativeSelect, NumberInput, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { useAction } from '../lib/action';
import { ErrorAlert } from '../lib/errors';
import { fieldError, KeyForm, useLoad } from './kit';

type Assessment = Output<'services.assessments'>[number];

export function PlanForm({
  assessment,
  opened,
  onClose,
  onSaved,
}: {
  assessment: Assessment | null;
  opened: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const providers = useLoad(() => call('services.providers', {}), []);
  const list = useLoad(() => call('services.catalogue', {}), []);
  const [providerId, setProviderId] = useState('');
  const [start, setStart] = useState(dayjs().format('YYYY-MM'));
  const [end, setEnd] = useState(dayjs().add(11, 'month').format('YYYY-MM'));
  const [chosen, setChosen] = useState<Record<string, number>>({});
  const { busy, error, run } = useAction();
  const provider = providers.value?.find((p) => String(p.id) === providerId) ?? null;
  const contract = provider?.contracts.find((c) => c.year === Number(start.slice(0, 4))) ?? null;
  const en = i18n.language === 'en';
  const options = useMemo(
    () =>
      (list.value?.inForce ?? []).map((s) => {
        const need = s.area === 'any' ? 2 : (assessment?.scores[s.area].score ?? 0);
        const why =
          need < 1
            ? t('services.noNeedIn', { area: t(`services.area.${s.area}`) })
            : !provider
              ? t('services.chooseProvider')
              : !contract
                ? t('services.noContractYear', { y: start.slice(0, 4) })
                : !contract.services.includes(s.code)
                  ? t('services.notInContract')
                  : null;
        return { ...s, why };
      }),
    [list.value, assessment, provider, contract, start, t],
  );
  const items = Object.entries(chosen)
    .filter(([code]) => options.some((o) => o.code === code && o.why === null))
    .map(([serviceCode, monthlyQuantity]) => ({ serviceCode, monthlyQuantity }));
  async function save() {
    if (!assessment || !provider || items.length === 0) return;
    const r = await run(() =>
      call('services.createPlan', { assessmentId: assessment.id, providerId: provider.id, startMonth: start, endMonth: end, items }),
    );
    if (!r) return;
    notifications.show({ color: 'teal', message: t('services.planSaved', { id: r.id }) });
    setChosen({});
    onSaved();
  }
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      keepMounted
      size="lg"
      title={assessment ? t('services.planTitle', { name: assessment.personName, date: assessment.assessedOn }) : ''}
    >
      <KeyForm onSave={() => void save()} testid="sv-plan-form">
        <Stack gap={6}>
          <Group gap="xs" align="flex-end">
            <NativeSelect
              size="xs"
              w={220}
              label={t('services.provider')}
              value={providerId}
              onChange={(e) => setProviderId(e.currentTarget.value)}
              error={fieldError(error, 'providerId')}
              data={[
                { value: '', label: '—' },
                ...(providers.value ?? []).filter((p) => p.active).map((p) => ({ value: String(p.id), label: p.name })),
              ]}
              data-testid="sv-p-provider"
            />
            <TextInput
              size="xs"
              w={90}
              label={t('services.startMonth')}
              value={start}
              onChange={(e) => setStart(e.currentTarget.value)}
              error={fieldError(error, 'startMonth')}
              data-testid="sv-p-start"
            />
            <TextInput
              size="xs"
              w={90}
              label={t('services.endMonth')}
              value={end}
              onChange={(e) => setEnd(e.currentTarget.value)}
              error={fieldError(error, 'endMonth')}
              data-testid="sv-p-end"
            />
          </Group>
          <Table fz="xs" data-testid="sv-p-services">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('services.service')}</Table.Th>
                <Table.Th>{t('services.areaLabel')}</Table.Th>
                <Table.Th>{t('services.perMonth')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {options.map((o) => (
                <Table.Tr key={o.code} data-testid="sv-p-service" data-code={o.code}>
                  <Table.Td>
                    <Checkbox
                      size="xs"
                      label={en ? o.nameEn : o.nameZh}
                      disabled={o.why !== null}
                      checked={o.code in chosen && o.why === null}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        setChosen((c) => {
                          const next = { ...c };
                          if (on) next[o.code] = next[o.code] ?? 1;
                          else delete next[o.code];
                          return next;
                        });
                      }}
                      data-testid={`sv-p-check-${o.code}`}
                    />
                  </Table.Td>
                  <Table.Td>{t(`services.area.${o.area}`)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <NumberInput
                        size="xs"
                        w={70}
                        min={1}
                        max={999}
                        allowDecimal={false}
                        disabled={!(o.code in chosen) || o.why !== null}
                        value={chosen[o.code] ?? ''}
                        onChange={(v) => setChosen((c) => ({ ...c, [o.code]: typeof v === 'number' ? v : Number(v) || 1 }))}
                        data-testid={`sv-p-qty-${o.code}`}
                      />
                      <Text size="xs">{en ? o.unitEn : o.unitZh}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {o.why ?? ''}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="red">
            {fieldError(error, 'items') ?? ''}
          </Text>
          <ErrorAlert error={error} />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {!provider ? t('services.chooseProvider') : items.length === 0 ? t('services.chooseService') : t('services.keys')}
            </Text>
            <Button size="xs" onClick={() => void save()} loading={busy} disabled={!provider || items.length === 0} data-testid="sv-p-save">
              {t('services.save')}
            </Button>
          </Group>
        </Stack>
      </KeyForm>
    </Modal>
  );
}
