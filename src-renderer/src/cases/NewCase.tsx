/**
 * Taking an application (受理申请): the household, the tier applied for, the date, and whether the applicant is a close
 * relative of a case worker or village cadre (docs/rules/workstations.md, "Close relatives of staff"). Keyboard first:
 * Enter in the search picks the first household, Ctrl+S saves, Esc closes.
 */
import { useEffect, useState } from 'react';
import { Button, Checkbox, Group, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract';
import { APPLIED_TIERS } from '../../../src-main/contract/cases';
import { isCode } from '../../../src-main/common/codes';
import { useAction } from '../lib/action';
import { ErrorAlert } from '../lib/errors';
import { isIso, todayLocal } from '../components/files';

type Hit = Output<'registry.search'>['hits'][number];

export function NewCase({ onClose, onDone }: { onClose: () => void; onDone: (id: number) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [deb] = useDebouncedValue(q, 120);
  const [hits, setHits] = useState<Hit[]>([]);
  const [picked, setPicked] = useState<Hit | null>(null);
  const [tier, setTier] = useState<(typeof APPLIED_TIERS)[number]>('dibao');
  const [receivedOn, setReceivedOn] = useState(todayLocal());
  const [relative, setRelative] = useState(false);
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  useEffect(() => {
    let live = true;
    if (!deb.trim() || picked) return;
    call('registry.search', { q: deb.trim(), limit: 20 })
      .then((r) => live && setHits(r.hits.filter((h, i) => r.hits.findIndex((x) => x.householdId === h.householdId) === i).slice(0, 6)))
      .catch(() => live && setHits([]));
    return () => {
      live = false;
    };
  }, [deb, picked]);
  const missing = !picked
    ? t('cases.form.noHousehold')
    : !isIso(receivedOn)
      ? t('errors.date')
      : relative && !note.trim()
        ? t('cases.form.relativeNote')
        : null;
  async function save() {
    if (missing || !picked) return;
    const r = await run(() =>
      call('cases.open', {
        householdId: picked.householdId,
        tierApplied: tier,
        receivedOn,
        relativeOfStaff: relative,
        ...(relative ? { relativeNote: note.trim() } : {}),
      }),
    );
    if (r === undefined) return;
    notifications.show({ color: 'teal', message: t('cases.form.opened', { id: r.id }) });
    onDone(r.id);
  }
  return (
    <Modal opened onClose={onClose} title={t('cases.newCase')} size="lg">
      <Stack
        gap="xs"
        data-testid="case-new-form"
        onKeyDown={(e) => {
          if (e.key === 's' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      >
        <TextInput
          size="xs"
          label={t('cases.form.household')}
          description={t('cases.form.householdHint')}
          value={picked ? `#${picked.householdId} ${picked.headName} · ${picked.township} ${picked.village}` : q}
          data-autofocus
          onChange={(e) => {
            setPicked(null);
            setQ(e.currentTarget.value);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !picked && hits[0]) setPicked(hits[0]);
          }}
          data-testid="case-new-search"
        />
        {!picked &&
          hits.map((h) => (
            <Button
              key={h.householdId}
              size="compact-xs"
              variant="default"
              justify="flex-start"
              onClick={() => setPicked(h)}
              data-testid="case-new-hit"
            >
              #{h.householdId} · {h.headName} · {h.township} {h.village}
            </Button>
          ))}
        <Group gap="xs" align="flex-end">
          <NativeSelect
            size="xs"
            w={140}
            label={t('cases.form.tierApplied')}
            value={tier}
            onChange={(e) => {
              const v = e.currentTarget.value;
              if (isCode(APPLIED_TIERS, v)) setTier(v);
            }}
            data={APPLIED_TIERS.map((x) => ({ value: x, label: t(`cases.tier.${x}`) }))}
            data-testid="case-new-tier"
          />
          <TextInput
            size="xs"
            w={130}
            label={t('cases.form.receivedOn')}
            value={receivedOn}
            maxLength={10}
            onChange={(e) => setReceivedOn(e.currentTarget.value)}
            error={isIso(receivedOn) ? undefined : t('errors.date')}
            data-testid="case-new-date"
          />
        </Group>
        <Checkbox
          size="xs"
          label={t('cases.form.relative')}
          checked={relative}
          onChange={(e) => setRelative(e.currentTarget.checked)}
          data-testid="case-new-relative"
        />
        {relative && (
          <TextInput
            size="xs"
            label={t('cases.form.relativeNote')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={note.trim() ? undefined : t('cases.form.relativeNote')}
            data-testid="case-new-relative-note"
          />
        )}
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          {missing && (
            <Text size="xs" c="dimmed" data-testid="case-new-why">
              {missing}
            </Text>
          )}
          <Button size="xs" variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button size="xs" loading={busy} disabled={!!missing} onClick={() => void save()} data-testid="case-new-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
