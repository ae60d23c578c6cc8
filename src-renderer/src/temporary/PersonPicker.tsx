/** Whom a case is for: a member found in the registry as you type (Enter takes the first), shown by name and relation. */
import { useEffect, useState } from 'react';
import { Group, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { enumLabel } from '../lib/format';

type Hit = Output<'registry.search'>['hits'][number];
export interface Picked {
  householdId: number;
  idNumber: string;
  name: string;
  relation: string;
  headName: string;
  township: string;
  village: string;
}

export function PersonPicker({
  picked,
  onPick,
  error,
  inputRef,
  autoFocus,
}: {
  picked: Picked | null;
  onPick: (p: Picked | null) => void;
  error?: string | null;
  inputRef?: React.Ref<HTMLInputElement>;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [deb] = useDebouncedValue(q, 120);
  const [hits, setHits] = useState<Hit[]>([]);
  useEffect(() => {
    let live = true;
    if (!deb.trim()) {
      setHits([]);
      return;
    }
    call('registry.search', { q: deb.trim(), limit: 8 })
      .then((r) => live && setHits(r.hits.filter((h) => h.status === 'present')))
      .catch(() => live && setHits([]));
    return () => {
      live = false;
    };
  }, [deb]);
  const take = (h: Hit) => {
    onPick({
      householdId: h.householdId,
      idNumber: h.idNumber,
      name: h.name,
      relation: h.relation,
      headName: h.headName,
      township: h.township,
      village: h.village,
    });
    setQ('');
    setHits([]);
  };
  return (
    <Stack gap={2}>
      <TextInput
        ref={inputRef}
        size="xs"
        label={t('temporary.person')}
        placeholder={t('temporary.personHint')}
        value={q}
        autoFocus={autoFocus}
        error={error}
        onChange={(e) => setQ(e.currentTarget.value)}
        onKeyDown={(e) => {
          // The form moves focus on Enter (lib/paths.ts); here Enter also takes the first hit.
          if (e.key === 'Enter' && hits[0]) take(hits[0]);
        }}
        data-testid="tmp-person"
      />
      {hits.slice(0, 6).map((h) => (
        <UnstyledButton key={h.memberId} onClick={() => take(h)} data-testid="tmp-person-hit" tabIndex={-1}>
          <Text size="xs">
            {h.name}（{enumLabel('relation', h.relation)}）· {h.headName} · {h.township} {h.village}
          </Text>
        </UnstyledButton>
      ))}
      <Group gap={4} data-testid="tmp-picked" data-household={picked?.householdId ?? ''}>
        <Text size="xs" c={picked ? undefined : 'dimmed'} fw={picked ? 600 : undefined}>
          {picked
            ? `${picked.name}（${enumLabel('relation', picked.relation)}）· ${t('temporary.household')} #${picked.householdId} ${picked.headName} · ${picked.township} › ${picked.village}`
            : t('temporary.pickedNone')}
        </Text>
      </Group>
    </Stack>
  );
}
