import { useEffect, useState } from 'react';
import { Button, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract';
import { ErrorAlert } from '../lib/errors';

type Hit = Output<'registry.search'>['hits'][number];

/** Search box over the registry; Enter picks the first hit, Tab walks the list. */
export function HouseholdPicker({ onPick }: { onPick: (householdId: number) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [deb] = useDebouncedValue(q, 120);
  const [hits, setHits] = useState<Hit[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    if (!deb.trim()) {
      setHits([]);
      return;
    }
    call('registry.search', { q: deb.trim(), limit: 20 })
      .then((r) => {
        if (live) {
          setHits(r.hits);
          setError(null);
        }
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [deb]);
  const unique = hits.filter((h, i) => hits.findIndex((x) => x.householdId === h.householdId) === i).slice(0, 8);
  return (
    <Stack gap={4} w={520}>
      <TextInput
        label={t('screening.pick')}
        placeholder={t('screening.pickHint')}
        value={q}
        autoFocus
        onChange={(e) => setQ(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && unique[0]) onPick(unique[0].householdId);
        }}
        data-testid="screen-search"
      />
      <ErrorAlert error={error} />
      {unique.map((h) => (
        <Button
          key={h.householdId}
          variant="default"
          justify="flex-start"
          size="xs"
          onClick={() => onPick(h.householdId)}
          data-testid="screen-hit"
        >
          #{h.householdId} · {h.headName} · {h.township} {h.village} · {h.name} <span className="sn-mono">&nbsp;{h.idNumber}</span>
        </Button>
      ))}
    </Stack>
  );
}
