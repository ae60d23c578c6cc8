/** Small shared pieces of the referral screens: words, badges, files, the household picker. */
import { useEffect, useState } from 'react';
import { Badge, Group, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import i18n from '../i18n/index';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';

// dashboard/DashboardPage.tsx reads the code lists from here.
export { DEPARTMENTS, REFERRAL_STATUSES as STATUSES } from '../../../src-main/common/codes';
export type Referral = Output<'referrals.list'>['rows'][number];
type Happiness = Output<'chain.happiness'>['items'][number]['status'];

/** `loop.<group>.<value>` or the value itself. */
export function word(group: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const key = `loop.${group}.${value}`;
  return i18n.exists(key) ? i18n.t(key) : value;
}

const STATUS_COLOR: Record<Referral['status'], string> = {
  drafted: 'gray',
  pushed: 'blue',
  acknowledged: 'cyan',
  completed: 'teal',
  declined: 'orange',
};
export function StatusBadge({ r }: { r: Pick<Referral, 'status' | 'overdue' | 'escalatedAt'> }) {
  const { t } = useTranslation();
  return (
    <Group gap={2}>
      <Badge size="sm" variant="light" color={STATUS_COLOR[r.status]} data-testid="referral-status" data-status={r.status}>
        {word('status', r.status)}
      </Badge>
      {r.overdue && (
        <Badge size="sm" color="red" data-testid="referral-overdue">
          {t('loop.overdue')}
        </Badge>
      )}
      {r.escalatedAt && (
        <Badge size="sm" color="red" variant="outline">
          {t('loop.escalated')}
        </Badge>
      )}
    </Group>
  );
}

const HAPPY_COLOR: Record<Happiness, string> = { received: 'teal', pending: 'yellow', declined: 'gray' };
export function HappyBadge({ status }: { status: Happiness }) {
  return (
    <Badge
      size="sm"
      color={HAPPY_COLOR[status]}
      variant={status === 'received' ? 'filled' : 'light'}
      data-testid="happy-status"
      data-status={status}
    >
      {word('happy', status)}
    </Badge>
  );
}

/** `2026年11月` / `2026-11`: one month format across the app. */
export { monthText as monthLabel } from '../lib/policy';

export { fileToBase64, downloadText } from '../lib/files';

type Hit = Output<'registry.search'>['hits'][number];
/** Registry search as you type; Enter takes the first household. */
export function HouseholdPicker({ onPick, autoFocus }: { onPick: (h: { id: number; label: string }) => void; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [deb] = useDebouncedValue(q, 200);
  const [hits, setHits] = useState<Hit[]>([]);
  useEffect(() => {
    let live = true;
    if (!deb.trim()) {
      setHits([]);
      return;
    }
    call('registry.search', { q: deb.trim(), limit: 20 })
      .then((r) => {
        if (live) setHits(r.hits);
      })
      .catch(() => live && setHits([]));
    return () => {
      live = false;
    };
  }, [deb]);
  const unique = hits.filter((h, i) => hits.findIndex((x) => x.householdId === h.householdId) === i).slice(0, 6);
  const pick = (h: Hit) => onPick({ id: h.householdId, label: `#${h.householdId} ${h.headName} · ${h.township} ${h.village}` });
  return (
    <Stack gap={2}>
      <TextInput
        size="xs"
        label={t('referrals.pickHousehold')}
        placeholder={t('referrals.pickHint')}
        value={q}
        autoFocus={autoFocus}
        data-autofocus={autoFocus || undefined}
        onChange={(e) => setQ(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && unique[0]) {
            e.preventDefault();
            pick(unique[0]);
          }
        }}
        data-testid="hh-pick-search"
      />
      {unique.map((h) => (
        <UnstyledButton key={h.householdId} className="sn-clickable" px={6} py={2} onClick={() => pick(h)} data-testid="hh-pick-hit">
          <Text size="xs">
            #{h.householdId} <b>{h.headName}</b> · {h.township} {h.village}{' '}
            <Text span c="dimmed" size="xs">
              ({h.name})
            </Text>
          </Text>
        </UnstyledButton>
      ))}
    </Stack>
  );
}
