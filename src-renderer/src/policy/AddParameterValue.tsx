/** The administrator adds a dated value of one parameter (a correction for the same date supersedes the older row). */
import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../api';
import type { Output } from '../../../src-main/contract';
import type { ParameterId, ParameterUnit } from '../../../src-main/common/parameters';
import { errorText } from '../lib/errors';
import { enumLabel } from '../lib/format';
import { inputText, MODES, parseValue, showValue } from './parameter-values';

type Row = Output<'parameters.list'>[number];
const FIELDS = ['urban', 'rural', 'effectiveFrom'] as const;
const isField = (f: string | undefined): f is (typeof FIELDS)[number] => FIELDS.some((x) => x === f);

export function AddParameterValue({
  id,
  unit,
  current,
  onClose,
  onAdded,
}: {
  id: ParameterId;
  unit: ParameterUnit;
  current: Row | null;
  onClose: () => void;
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const valueError = (text: string) => {
    const r = parseValue(unit, text);
    return 'error' in r ? t(`errors.${r.error}`) : null;
  };
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      effectiveFrom: '',
      urban: current ? inputText(unit, current.urban) : '',
      rural: current ? inputText(unit, current.rural) : '',
      note: '',
      rescan: true,
    },
    validate: {
      effectiveFrom: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : t('errors.date')),
      urban: valueError,
      rural: valueError,
    },
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const suffix = t(`params.units.${unit}`, { defaultValue: unit });

  const submit = form.onSubmit(async (v) => {
    const u = parseValue(unit, v.urban),
      r = parseValue(unit, v.rural);
    if ('error' in u || 'error' in r) return; // the form's validation has shown them
    setBusy(true);
    try {
      await call('parameters.add', {
        parameterId: id,
        effectiveFrom: v.effectiveFrom,
        urban: u.value,
        rural: r.value,
        rescan: v.rescan,
        ...(v.note.trim() ? { note: v.note.trim() } : {}),
      });
      // Asked: it takes effect when a second manager confirms it (Settings → Requests).
      notifications.show({ color: 'orange', message: t('requests.paramAsked', { d: v.effectiveFrom }) });
      onAdded();
    } catch (err) {
      const field = err instanceof ApiError ? err.field : undefined;
      if (isField(field)) form.setFieldError(field, errorText(err));
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  });

  const mode = MODES[id];
  const valueInput = (k: 'urban' | 'rural') =>
    unit === 'mode' ? (
      <NativeSelect
        label={t(`params.${k}`)}
        {...form.getInputProps(k)}
        data={(mode?.options ?? []).map((o) => ({ value: o, label: enumLabel(mode?.group ?? '', o) }))}
        data-testid={`pa-${k}`}
      />
    ) : (
      <TextInput
        label={`${t(`params.${k}`)} (${suffix})`}
        {...form.getInputProps(k)}
        data-testid={`pa-${k}`}
        description={unit === 'percent_list' ? t('params.percentList') : undefined}
        inputMode="decimal"
      />
    );
  return (
    <Modal opened onClose={onClose} title={t('params.addFor', { p: t(`params.names.${id}`, { defaultValue: id }) })}>
      <form onSubmit={submit}>
        <Stack gap="xs">
          {current && (
            <Text size="sm" c="dimmed">
              {t('params.inForceBadge')}: {showValue(id, unit, current.urban)} / {showValue(id, unit, current.rural)} (
              {current.effectiveFrom})
            </Text>
          )}
          <TextInput
            label={t('params.effectiveFrom')}
            placeholder="YYYY-MM-DD"
            maxLength={10}
            {...form.getInputProps('effectiveFrom')}
            data-testid="pa-effective"
            data-autofocus
          />
          <Group grow>
            {valueInput('urban')}
            {valueInput('rural')}
          </Group>
          <TextInput label={t('params.note')} maxLength={200} {...form.getInputProps('note')} data-testid="pa-note" />
          <Checkbox label={t('params.rescan')} {...form.getInputProps('rescan', { type: 'checkbox' })} data-testid="pa-rescan" />
          {error && (
            <Alert color="red" data-testid="pa-error">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="pa-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
