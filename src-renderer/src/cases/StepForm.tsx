/**
 * Recording one stage of an application: the fields that stage needs (docs/rules/workstations.md), the date defaulting to
 * today. Enter moves to the next field, Ctrl+S saves, Esc closes; a decision and a withdrawal are confirmed first.
 */
import { useState, type KeyboardEvent } from 'react';
import { Button, Group, Modal, NativeSelect, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract';
import { useAction } from '../lib/action';
import { ErrorAlert } from '../lib/errors';
import { isIso, todayLocal } from '../components/files';

type Case = Output<'cases.get'>;
export type Action =
  | 'investigation_started'
  | 'home_visit'
  | 'investigated'
  | 'check_started'
  | 'publicity'
  | 'objection'
  | 'appraisal'
  | 'extended'
  | 'decided'
  | 'withdrawn';

/** Enter moves on to the next field (a text area keeps its Enter); Ctrl+S saves. */
function keys(save: () => void) {
  return (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 's' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      save();
      return;
    }
    const el = e.target;
    if (e.key === 'Enter' && el instanceof HTMLInputElement) {
      e.preventDefault();
      const fields = [...e.currentTarget.querySelectorAll<HTMLElement>('input, textarea, select, button:not([disabled])')];
      fields[fields.indexOf(el) + 1]?.focus();
    }
  };
}

export function StepForm({ c, action, onClose, onDone }: { c: Case; action: Action; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [on, setOn] = useState(todayLocal());
  const [level, setLevel] = useState<'township' | 'county'>(
    // A decision is the county's unless delegated; a relative's visit is the county's own (docs/rules/workstations.md).
    action === 'decided' || c.relativeOfStaff ? 'county' : 'township',
  );
  const [staff, setStaff] = useState('');
  const [text1, setText1] = useState('');
  const [text2, setText2] = useState('');
  const [by, setBy] = useState('');
  const [outcome, setOutcome] = useState<'eligible' | 'not_eligible'>('eligible');
  const [decision, setDecision] = useState<'decided' | 'refused'>('decided');
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction();
  const names = staff.split(/[,，、;；\s]+/).filter((s) => s.trim());
  const missing = !isIso(on)
    ? t('errors.date')
    : action === 'home_visit' && names.length < 2
      ? t('cases.why.needVisit')
      : ['home_visit', 'objection', 'appraisal', 'extended', 'decided', 'withdrawn'].includes(action) && !text1.trim()
        ? t('errors.required')
        : action === 'objection' && !text2.trim()
          ? t('errors.required')
          : null;
  const send = () => {
    const id = c.id;
    switch (action) {
      case 'extended':
        return call('cases.extend', { id, on, reason: text1.trim() });
      case 'decided':
        return call('cases.decide', { id, on, decision, level, reason: text1.trim() });
      case 'home_visit':
        return call('cases.record', { id, step: { kind: 'home_visit', on, level, staff: names, findings: text1.trim() } });
      case 'objection':
        return call('cases.record', {
          id,
          step: { kind: 'objection', on, what: text1.trim(), handling: text2.trim(), ...(by.trim() ? { by: by.trim() } : {}) },
        });
      case 'appraisal':
        return call('cases.record', { id, step: { kind: 'appraisal', on, minutes: text1.trim(), outcome } });
      case 'withdrawn':
        return call('cases.record', { id, step: { kind: 'withdrawn', on, reason: text1.trim() } });
      default:
        return call('cases.record', { id, step: { kind: action, on } });
    }
  };
  async function save() {
    if (missing) return;
    if ((action === 'decided' || action === 'withdrawn') && !confirming) {
      setConfirming(true);
      return;
    }
    const r = await run(send);
    setConfirming(false);
    if (r === undefined) return;
    notifications.show({ color: 'teal', message: t('cases.saved') });
    onDone();
  }
  const title = action === 'decided' ? `${t('cases.kind.decided')} / ${t('cases.kind.refused')}` : t(`cases.kind.${action}`);
  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack gap="xs" onKeyDown={keys(() => void save())} data-testid="case-step-form">
        <TextInput
          size="xs"
          w={140}
          label={t('cases.field.on')}
          value={on}
          maxLength={10}
          data-autofocus
          onChange={(e) => setOn(e.currentTarget.value)}
          error={isIso(on) ? undefined : t('errors.date')}
          data-testid="step-on"
        />
        {(action === 'home_visit' || action === 'decided') && (
          <NativeSelect
            size="xs"
            w={140}
            label={t('cases.field.level')}
            value={level}
            onChange={(e) => setLevel(e.currentTarget.value === 'county' ? 'county' : 'township')}
            data={(['township', 'county'] as const).map((l) => ({ value: l, label: t(`cases.level.${l}`) }))}
            data-testid="step-level"
          />
        )}
        {action === 'decided' && (
          <SegmentedControl
            size="xs"
            value={decision}
            onChange={(v) => setDecision(v === 'refused' ? 'refused' : 'decided')}
            data={[
              { value: 'decided', label: t('cases.kind.decided') },
              { value: 'refused', label: t('cases.kind.refused') },
            ]}
            data-testid="step-decision"
          />
        )}
        {action === 'home_visit' && (
          <TextInput
            size="xs"
            label={t('cases.field.staff')}
            value={staff}
            onChange={(e) => setStaff(e.currentTarget.value)}
            error={names.length >= 2 || !staff ? undefined : t('cases.why.needVisit')}
            data-testid="step-staff"
          />
        )}
        {action === 'objection' && (
          <TextInput
            size="xs"
            label={t('cases.field.by')}
            value={by}
            onChange={(e) => setBy(e.currentTarget.value)}
            data-testid="step-by"
          />
        )}
        {['home_visit', 'objection', 'appraisal', 'extended', 'decided', 'withdrawn'].includes(action) && (
          <Textarea
            size="xs"
            autosize
            minRows={2}
            label={t(
              action === 'home_visit'
                ? 'cases.field.findings'
                : action === 'objection'
                  ? 'cases.field.what'
                  : action === 'appraisal'
                    ? 'cases.field.minutes'
                    : action === 'extended'
                      ? 'cases.field.extendReason'
                      : action === 'decided' && decision === 'refused'
                        ? 'cases.field.refusalReason'
                        : 'cases.field.reason',
            )}
            value={text1}
            onChange={(e) => setText1(e.currentTarget.value)}
            data-testid="step-text"
          />
        )}
        {action === 'objection' && (
          <Textarea
            size="xs"
            autosize
            minRows={2}
            label={t('cases.field.handling')}
            value={text2}
            onChange={(e) => setText2(e.currentTarget.value)}
            data-testid="step-handling"
          />
        )}
        {action === 'appraisal' && (
          <SegmentedControl
            size="xs"
            value={outcome}
            onChange={(v) => setOutcome(v === 'not_eligible' ? 'not_eligible' : 'eligible')}
            data={[
              { value: 'eligible', label: t('cases.field.eligible') },
              { value: 'not_eligible', label: t('cases.field.not_eligible') },
            ]}
          />
        )}
        <ErrorAlert error={error} />
        {confirming && (
          <Text size="sm" c="red.8" data-testid="step-confirm-text">
            {action === 'withdrawn' ? t('cases.confirmWithdraw') : t('cases.confirmDecide')}
          </Text>
        )}
        <Group justify="flex-end">
          {missing && (
            <Text size="xs" c="dimmed">
              {missing}
            </Text>
          )}
          <Button size="xs" variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button size="xs" loading={busy} disabled={!!missing} onClick={() => void save()} data-testid="step-save">
            {confirming ? t('common.ok') : t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
