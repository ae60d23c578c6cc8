/**
 * A scenario drafted from the keyboard: name, effective date, any parameter changes (each with
 * the value in force beside it), and budget mode. Enter moves on, Ctrl+S runs; a problem is
 * shown next to its field, the server's too (its `field` names the change).
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { ActionIcon, Button, Checkbox, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../api';
import type { Input, Output } from '../../../src-main/contract/index';
import { ErrorAlert } from '../lib/errors';

type Params = Output<'scenarios.params'>['parameters'];
type ParamId = Params[number]['id'];
type Residence = 'both' | 'urban' | 'rural';
export interface DraftChange {
  parameterId: ParamId;
  residence: Residence;
  value: string;
}
export interface Draft {
  name: string;
  effectiveFrom: string;
  changes: DraftChange[];
  budgetOn: boolean;
  budgetYuan: string;
  solveId: ParamId;
  solveResidence: Residence;
}

export function nextJanuary(): string {
  return `${new Date().getFullYear() + 1}-01-01`;
}
export const emptyDraft = (): Draft => ({
  name: '',
  effectiveFrom: nextJanuary(),
  changes: [{ parameterId: 'dibao.standard', residence: 'rural', value: '' }],
  budgetOn: false,
  budgetYuan: '',
  solveId: 'dibao.standard',
  solveResidence: 'rural',
});

function parseValue(p: Params[number] | undefined, text: string): number | string | number[] {
  if (p?.unit === 'mode') return text.trim();
  if (p?.unit === 'percent_list')
    return text
      .split(/[,，\s]+/)
      .filter(Boolean)
      .map(Number);
  return Number(text);
}

/** A stored draft (the demo county's) as the form holds it. */
export const fromStored = (d: Output<'scenarios.drafts'>[number]): Draft => ({
  ...emptyDraft(),
  name: d.name,
  effectiveFrom: d.effectiveFrom,
  changes: d.changes.map((c) => ({ ...c, value: Array.isArray(c.value) ? c.value.join(',') : String(c.value) })),
});

/** `initial`: a stored draft opened in the form (the page remounts the form with another key to open another). */
export function DraftForm({ running, onStarted, initial }: { running: boolean; onStarted: (id: number) => void; initial?: Draft }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>(() => initial ?? emptyDraft());
  const [params, setParams] = useState<Params>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLDivElement>(null);
  const dateOk = /^\d{4}-\d{2}-\d{2}$/.test(draft.effectiveFrom);

  useEffect(() => {
    if (!dateOk) return;
    let live = true;
    call('scenarios.params', { date: draft.effectiveFrom })
      .then((r) => live && setParams(r.parameters))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [draft.effectiveFrom, dateOk]);

  const byId = new Map<string, Params[number]>(params.map((p) => [p.id, p]));
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setChange = (i: number, patch: Partial<DraftChange>) =>
    setDraft((d) => ({ ...d, changes: d.changes.map((c, j) => (j === i ? { ...c, ...patch } : c)) }));
  const shown = (p: Params[number] | undefined, col: 'urban' | 'rural') => {
    if (!p) return '';
    const v = col === 'urban' ? p.urban : p.rural;
    const text = Array.isArray(v) ? v.join(',') : String(v);
    return p.money ? `${text} ${t('scenarios.yuan')}` : text;
  };

  async function run() {
    const e: Record<string, string> = {};
    if (!draft.name.trim()) e.name = t('scenarios.needName');
    if (!dateOk) e.effectiveFrom = t('scenarios.needDate');
    const changes = draft.changes.filter((c) => c.value.trim() !== '');
    if (changes.length === 0 && !draft.budgetOn) e.changes = t('scenarios.needChange');
    if (draft.budgetOn && !(Number(draft.budgetYuan) >= 0 && draft.budgetYuan.trim() !== '')) e.budget = t('scenarios.needBudget');
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    const input: Input<'scenarios.run'> = {
      name: draft.name,
      effectiveFrom: draft.effectiveFrom,
      changes: changes.map((c) => ({
        parameterId: c.parameterId,
        residence: c.residence,
        value: parseValue(byId.get(c.parameterId), c.value),
      })),
      ...(draft.budgetOn
        ? { budget: { monthlyYuan: Number(draft.budgetYuan), parameterId: draft.solveId, residence: draft.solveResidence } }
        : {}),
    };
    setBusy(true);
    setError(null);
    try {
      const r = await call('scenarios.run', input);
      onStarted(r.id);
    } catch (err) {
      // A value the service refused is shown next to its row (`changes.N.value`), anything else above the form.
      const m = err instanceof ApiError && err.field ? /^changes\.(\d+)\.value$/.exec(err.field) : null;
      if (m) {
        const row = draft.changes.indexOf(changes[Number(m[1])]);
        setErrors({ [`value${row}`]: err instanceof Error ? err.message : String(err) });
      } else if (err instanceof ApiError && err.field && ['name', 'effectiveFrom', 'budget.monthlyFen'].includes(err.field))
        setErrors({ [err.field === 'budget.monthlyFen' ? 'budget' : err.field]: err.message });
      else setError(err);
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S')) {
      e.preventDefault();
      if (!running && !busy) void run();
      return;
    }
    if (e.key === 'Enter' && e.target instanceof HTMLElement && e.target.matches('input, select')) {
      // Enter moves to the next field, as on every form of the app (UX.md).
      e.preventDefault();
      const fields = [...(form.current?.querySelectorAll<HTMLElement>('input, select') ?? [])];
      fields[fields.indexOf(e.target) + 1]?.focus();
    }
  }

  const colData: { value: Residence; label: string }[] = [
    { value: 'both', label: t('scenarios.both') },
    { value: 'urban', label: t('scenarios.urban') },
    { value: 'rural', label: t('scenarios.rural') },
  ];
  const paramData = params.map((p) => ({ value: p.id, label: t(`params.names.${p.id}`, { defaultValue: p.id }) }));
  const monthly = params
    .filter((p) => p.unit === 'fen_per_month')
    .map((p) => ({ value: p.id, label: t(`params.names.${p.id}`, { defaultValue: p.id }) }));
  return (
    <Paper withBorder p="xs" ref={form} onKeyDown={onKeyDown} data-testid="scenario-draft">
      <Stack gap={6}>
        <Group justify="space-between">
          <Title order={4}>{t('scenarios.draft')}</Title>
          <Text size="xs" c="dimmed">
            {t('scenarios.runHint')}
          </Text>
        </Group>
        <Group gap="xs" align="flex-start">
          <TextInput
            size="xs"
            w={260}
            label={t('scenarios.name')}
            value={draft.name}
            error={errors.name}
            data-autofocus
            onChange={(e) => set({ name: e.currentTarget.value })}
            data-testid="scenario-name"
          />
          <TextInput
            size="xs"
            w={130}
            label={t('scenarios.effectiveFrom')}
            placeholder="YYYY-MM-DD"
            maxLength={10}
            value={draft.effectiveFrom}
            error={errors.effectiveFrom}
            onChange={(e) => set({ effectiveFrom: e.currentTarget.value })}
            data-testid="scenario-date"
          />
        </Group>
        <Text size="sm" fw={600}>
          {t('scenarios.changes')}
        </Text>
        {draft.changes.map((c, i) => (
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid="scenario-change">
            <NativeSelect
              size="xs"
              w={240}
              aria-label={t('scenarios.parameter')}
              value={c.parameterId}
              data={paramData}
              onChange={(e) => setChange(i, { parameterId: byId.get(e.currentTarget.value)?.id ?? c.parameterId })}
              data-testid="scenario-param"
            />
            <NativeSelect
              size="xs"
              w={100}
              aria-label={t('scenarios.column')}
              value={c.residence}
              data={colData}
              onChange={(e) => setChange(i, { residence: colData.find((x) => x.value === e.currentTarget.value)?.value ?? c.residence })}
              data-testid="scenario-column"
            />
            <TextInput
              size="xs"
              w={120}
              aria-label={t('scenarios.value')}
              value={c.value}
              error={errors[`value${i}`]}
              onChange={(e) => setChange(i, { value: e.currentTarget.value })}
              data-testid="scenario-value"
            />
            <Text size="xs" c="dimmed" pt={6} data-testid="scenario-in-force">
              {t('scenarios.inForce', {
                v:
                  c.residence === 'both'
                    ? `${shown(byId.get(c.parameterId), 'urban')} / ${shown(byId.get(c.parameterId), 'rural')}`
                    : shown(byId.get(c.parameterId), c.residence),
              })}
            </Text>
            <ActionIcon
              size="sm"
              variant="subtle"
              color="red"
              mt={4}
              aria-label={t('scenarios.remove')}
              onClick={() => set({ changes: draft.changes.filter((_, j) => j !== i) })}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        {errors.changes && (
          <Text size="xs" c="red" data-testid="scenario-changes-error">
            {errors.changes}
          </Text>
        )}
        <Group gap="xs">
          <Button
            size="compact-xs"
            variant="default"
            data-testid="scenario-add-change"
            onClick={() => set({ changes: [...draft.changes, { parameterId: 'dibao.standard', residence: 'both', value: '' }] })}
          >
            {t('scenarios.addChange')}
          </Button>
        </Group>
        <Checkbox
          size="xs"
          label={t('scenarios.budgetMode')}
          checked={draft.budgetOn}
          onChange={(e) => set({ budgetOn: e.currentTarget.checked })}
          data-testid="scenario-budget-on"
        />
        {draft.budgetOn && (
          <Group gap="xs" align="flex-start">
            <TextInput
              size="xs"
              w={160}
              label={t('scenarios.budget')}
              value={draft.budgetYuan}
              error={errors.budget}
              onChange={(e) => set({ budgetYuan: e.currentTarget.value })}
              data-testid="scenario-budget"
            />
            <NativeSelect
              size="xs"
              w={220}
              label={t('scenarios.solve')}
              value={draft.solveId}
              data={monthly}
              onChange={(e) => set({ solveId: byId.get(e.currentTarget.value)?.id ?? draft.solveId })}
              data-testid="scenario-solve"
            />
            <NativeSelect
              size="xs"
              w={110}
              label={t('scenarios.column')}
              value={draft.solveResidence}
              data={colData}
              onChange={(e) =>
                set({ solveResidence: colData.find((x) => x.value === e.currentTarget.value)?.value ?? draft.solveResidence })
              }
              data-testid="scenario-solve-column"
            />
          </Group>
        )}
        <ErrorAlert error={error} />
        <Group>
          <Button size="xs" onClick={() => void run()} loading={busy} disabled={running} data-testid="scenario-run">
            {t('scenarios.run')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
