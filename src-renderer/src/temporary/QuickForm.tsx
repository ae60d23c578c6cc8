/**
 * 小额快救 in under a minute from the keyboard (UX.md, docs/rules/temporary-service-recovery.md §11.1):
 * person (search) or a non-local person, reason, amount — Enter moves on, Ctrl+S saves, decided
 * and paid at once from the township's standby fund. The form is cleared for the next one.
 */
import { useRef, useState } from 'react';
import { Button, Checkbox, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../api';
import { EMERGENCY_REASONS, isCode, PAID_FROM, type PaidFrom } from '../../../src-main/common/codes';
import { todayIso } from '../../../src-main/common/dates';
import { ErrorAlert, errorText } from '../lib/errors';
import { money } from '../lib/format';
import { enterMovesOn } from '../lib/paths';
import { useAreas } from '../lib/areas';
import { fenOfText, tw, useCtrlS } from './common';
import { PersonPicker, type Picked } from './PersonPicker';

type Reason = (typeof EMERGENCY_REASONS)[number];
const FIELD_OF: Record<string, string> = {
  requestedFen: 'amount',
  'nonLocal.idNumber': 'idNumber',
  'nonLocal.name': 'name',
  'nonLocal.hukouPlace': 'hukouPlace',
  householdId: 'person',
  idNumber: 'person',
  reason: 'reason',
  paidFrom: 'paidFrom',
  eventDate: 'eventDate',
};

export function QuickForm() {
  const { t } = useTranslation();
  const areas = useAreas();
  const root = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLInputElement>(null);
  const [picked, setPicked] = useState<Picked | null>(null);
  const [nonLocal, setNonLocal] = useState(false);
  const [nl, setNl] = useState({ idNumber: '', name: '', hukouPlace: '', phone: '', townshipId: '' });
  const [reason, setReason] = useState<Reason>('fire');
  const [amount, setAmount] = useState('');
  const [paidFrom, setPaidFrom] = useState<PaidFrom>('standby_fund');
  const [eventDate, setEventDate] = useState(todayIso());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const townships = areas.filter((a) => a.level === 'township');

  async function save() {
    if (busy) return;
    const fen = fenOfText(amount);
    const local: Record<string, string> = {};
    if (!nonLocal && !picked) local.person = t('temporary.pickedNone');
    if (fen === null || fen <= 0) local.amount = t('temporary.amount');
    if (nonLocal && !nl.townshipId) local.township = t('temporary.township');
    setErrors(local);
    setGeneral(null);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const r = await call('temporary.create', {
        track: 'quick',
        kind: 'emergency',
        reason,
        eventDate,
        requestedFen: fen,
        paidFrom,
        ...(nonLocal
          ? {
              householdId: null,
              nonLocal: {
                idNumber: nl.idNumber.trim(),
                name: nl.name.trim(),
                hukouPlace: nl.hukouPlace.trim(),
                phone: nl.phone.trim() || null,
                residence: 'urban',
                townshipId: Number(nl.townshipId),
              },
            }
          : { householdId: picked?.householdId ?? null, idNumber: picked?.idNumber ?? null }),
      });
      notifications.show({
        color: 'teal',
        message: t('temporary.saved', { n: r.number, amount: money(r.amountFen), status: tw('status', r.status) }),
      });
      setPicked(null);
      setAmount('');
      setNl({ idNumber: '', name: '', hukouPlace: '', phone: '', townshipId: nl.townshipId });
      setErrors({});
      window.setTimeout(() => first.current?.focus(), 0);
    } catch (e) {
      const f = e instanceof ApiError && e.field ? FIELD_OF[e.field] : undefined;
      if (f) setErrors({ [f]: errorText(e) });
      else setGeneral(e);
    } finally {
      setBusy(false);
    }
  }
  useCtrlS(() => void save());

  return (
    <Paper withBorder p="sm" maw={760} data-testid="tmp-quick">
      <div ref={root} onKeyDownCapture={(e) => enterMovesOn(root.current)(e)}>
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            {t('temporary.keys')}
          </Text>
          <Checkbox
            size="xs"
            label={t('temporary.nonLocal')}
            checked={nonLocal}
            onChange={(e) => setNonLocal(e.currentTarget.checked)}
            data-testid="tmp-nonlocal"
          />
          {!nonLocal ? (
            <PersonPicker picked={picked} onPick={setPicked} error={errors.person} inputRef={first} autoFocus />
          ) : (
            <SimpleGrid cols={3} spacing="xs">
              <TextInput
                ref={first}
                size="xs"
                label={t('temporary.idNumber')}
                value={nl.idNumber}
                error={errors.idNumber}
                autoFocus
                onChange={(e) => setNl({ ...nl, idNumber: e.currentTarget.value })}
                data-testid="tmp-nl-id"
              />
              <TextInput
                size="xs"
                label={t('temporary.name')}
                value={nl.name}
                error={errors.name}
                onChange={(e) => setNl({ ...nl, name: e.currentTarget.value })}
                data-testid="tmp-nl-name"
              />
              <TextInput
                size="xs"
                label={t('temporary.hukouPlace')}
                value={nl.hukouPlace}
                error={errors.hukouPlace}
                onChange={(e) => setNl({ ...nl, hukouPlace: e.currentTarget.value })}
                data-testid="tmp-nl-hukou"
              />
              <TextInput
                size="xs"
                label={t('temporary.phone')}
                value={nl.phone}
                onChange={(e) => setNl({ ...nl, phone: e.currentTarget.value })}
                data-testid="tmp-nl-phone"
              />
              <NativeSelect
                size="xs"
                label={t('temporary.township')}
                value={nl.townshipId}
                error={errors.township}
                onChange={(e) => setNl({ ...nl, townshipId: e.currentTarget.value })}
                data-testid="tmp-nl-township"
                data={[{ value: '', label: '—' }, ...townships.map((a) => ({ value: String(a.id), label: a.name }))]}
              />
            </SimpleGrid>
          )}
          <SimpleGrid cols={4} spacing="xs">
            <NativeSelect
              size="xs"
              label={t('temporary.reason')}
              value={reason}
              error={errors.reason}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (isCode(EMERGENCY_REASONS, v)) setReason(v);
              }}
              data={EMERGENCY_REASONS.map((r) => ({ value: r, label: tw('reason', r) }))}
              data-testid="tmp-reason"
            />
            <TextInput
              size="xs"
              label={t('temporary.amount')}
              value={amount}
              error={errors.amount}
              inputMode="decimal"
              onChange={(e) => setAmount(e.currentTarget.value)}
              data-testid="tmp-amount"
            />
            <NativeSelect
              size="xs"
              label={t('temporary.paidFrom')}
              value={paidFrom}
              error={errors.paidFrom}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (isCode(PAID_FROM, v)) setPaidFrom(v);
              }}
              data={PAID_FROM.map((p) => ({ value: p, label: tw('paidFrom', p) }))}
              data-testid="tmp-paid-from"
            />
            <TextInput
              size="xs"
              label={t('temporary.eventDate')}
              value={eventDate}
              maxLength={10}
              error={errors.eventDate}
              onChange={(e) => setEventDate(e.currentTarget.value)}
              data-testid="tmp-event-date"
            />
          </SimpleGrid>
          <ErrorAlert error={general} />
          <Group justify="flex-end">
            <Button size="xs" onClick={() => void save()} loading={busy} data-testid="tmp-quick-save">
              {t('temporary.save')}
            </Button>
          </Group>
        </Stack>
      </div>
    </Paper>
  );
}
