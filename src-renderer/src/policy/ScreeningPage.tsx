/**
 * Screening 政策匹配 — "people looking for policies". A saved household (found with the
 * registry search) or a quick unsaved screener, a reference date, and the engine's full
 * explanation beside the form; every change re-evaluates (debounced), keeping the previous
 * result while the new one loads. A saved household can be proposed for a determination.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  Loader,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue, randomId } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../api';
import type { Output } from '../../../src-main/contract/index';
import {
  RESIDENCES,
  RELATIONS,
  MEMBER_STATUSES,
  SUPPORTER_STATUSES,
  DISABILITY_KINDS,
  ILLNESSES,
  LABOURS,
  SCHOOLINGS,
  SUPPORT_MODES,
  INCOME_TYPES,
  SUPPORTER_RELATIONS,
  TIERS,
  VEHICLE_KINDS,
  BUSINESS_ROLES,
  HOUSING_CONDITIONS,
  HOUSING_TENURES,
  EXPENSE_KEYS,
  type HouseholdData,
} from '../../../src-main/common/household-file';
import type { ScreenOutput } from '../../../src-main/policy/screen-output';
import type { Determination } from '../../../src-main/policy/types';
import { todayIso } from '../../../src-main/common/dates';
import {
  emptyForm,
  emptyMember,
  emptySupporter,
  idProblem,
  serverFieldToPath,
  stripKeys,
  toForm,
  validateForm,
  type FormValues,
} from '../registry/household-form';
import { enumLabel } from '../lib/format';
import { ErrorAlert, errorText } from '../lib/errors';
import { navigate } from '../lib/router';
import { ScreenResult, namesOf } from './ScreenResult';
import { FOCUSABLE, getIn, setIn } from '../lib/paths';

type Screening = { output: ScreenOutput; determination: Determination; parameters: { id: string; referenceDate: string } };
type Hit = Output<'registry.search'>['hits'][number];

/** Enter moves to the next field (the intake form's habit). */
function enterMovesOn(root: HTMLElement | null) {
  return (e: React.KeyboardEvent<HTMLElement>) => {
    if (!root || e.key !== 'Enter' || e.ctrlKey || e.altKey || e.metaKey) return;
    const el = e.target as HTMLElement;
    if (el.tagName === 'BUTTON' || el.tagName === 'TEXTAREA' || el.dataset.enter === 'self') return;
    e.preventDefault();
    const all = Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((x) => x.tabIndex >= 0 && x.offsetParent !== null);
    const next = all[all.indexOf(el) + (e.shiftKey ? -1 : 1)];
    if (next) {
      next.focus();
      if (next instanceof HTMLInputElement && next.type === 'text') next.select();
    }
  };
}

export function ScreeningPage({ householdId }: { householdId?: number }) {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<'saved' | 'quick'>('saved');
  const [values, setValues] = useState<FormValues | null>(null);
  const [savedForm, setSavedForm] = useState<FormValues | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [refDate, setRefDate] = useState(todayIso());
  const [result, setResult] = useState<Screening | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [touched, setTouched] = useState(false);
  const [proposing, setProposing] = useState(false);
  const [proposal, setProposal] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLDivElement>(null);

  // A saved household: load it into the form (what-if edits stay here until saved).
  useEffect(() => {
    if (!householdId) return;
    call('households.get', { id: householdId })
      .then((d) => {
        const f = toForm(d.household as HouseholdData);
        setValues(f);
        setSavedForm(f);
        setVersion(d.version);
      })
      .catch(setError);
  }, [householdId]);

  const dirty =
    householdId !== undefined &&
    values !== null &&
    savedForm !== null &&
    JSON.stringify(stripKeys(values)) !== JSON.stringify(stripKeys(savedForm));
  const request = useMemo(() => ({ values, refDate, dirty, lang: i18n.language }), [values, refDate, dirty, i18n.language]);
  const [debounced] = useDebouncedValue(request, 150);
  const seq = useRef(0);

  useEffect(() => {
    const { values: v, refDate: ref, dirty: changed } = debounced;
    if (!v) return;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(ref)) return;
    const mine = ++seq.current;
    let input: { householdId?: number; household?: any; referenceDate: string };
    if (householdId !== undefined && !changed) {
      input = { householdId, referenceDate: ref };
      setErrors({});
    } else {
      const quick = householdId === undefined;
      const withArea = quick ? { ...v, area: { township: v.area.township || '—', village: v.area.village || '—' } } : v;
      const r = validateForm(withArea);
      setErrors(r.errors);
      if (!r.data) return;
      input = { household: stripKeys(r.data), referenceDate: ref };
    }
    setLoading(true);
    call('screening.evaluate', input as never)
      .then((r) => {
        if (mine === seq.current) {
          setResult(r as Screening);
          setError(null);
        }
      })
      .catch((e) => {
        if (mine === seq.current) setError(e);
      })
      .finally(() => {
        if (mine === seq.current) setLoading(false);
      });
  }, [debounced, householdId]);

  const set = useCallback((path: string, value: unknown) => {
    setTouched(true);
    setProposal(null);
    setValues((v) => (v ? setIn(v, path, value) : v));
  }, []);

  async function saveChanges() {
    if (!values || householdId === undefined || version === null) return;
    const r = validateForm(values);
    setErrors(r.errors);
    if (!r.data) return;
    setSaving(true);
    try {
      const res = await call('households.update', { id: householdId, version, household: stripKeys(r.data) as never });
      setVersion(res.version);
      setSavedForm(values);
      notifications.show({ color: 'teal', message: t('screening.savedChanges') });
    } catch (e) {
      const p = e instanceof ApiError ? serverFieldToPath(e.field) : null;
      if (p) setErrors((x) => ({ ...x, [p]: errorText(e) }));
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  function startQuick() {
    setMode('quick');
    setValues({ ...emptyForm(), residence: 'rural' });
    setResult(null);
    setTouched(false);
    if (householdId !== undefined) navigate('/screening');
  }

  const showErrors = touched || householdId !== undefined;
  const names = namesOf(
    values ? { members: values.members.map((m) => ({ idNumber: m.idNumber.trim().toUpperCase(), name: m.name })) } : null,
  );
  const headName = values?.members.find((m) => m.relation === 'head')?.name ?? '';

  return (
    <Stack gap="xs" data-testid="screening-page">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Title order={2}>{t('screening.title')}</Title>
          <Text size="sm" c="dimmed" truncate maw={420}>
            {t('screening.subtitle')}
          </Text>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <TextInput
            size="xs"
            w={120}
            placeholder="YYYY-MM-DD"
            maxLength={10}
            error={/^\d{4}-\d{2}-\d{2}$/.test(refDate) ? undefined : t('errors.date')}
            label={t('screening.refDate')}
            value={refDate}
            onChange={(e) => setRefDate(e.currentTarget.value)}
            data-testid="screen-ref-date"
          />
          {loading ? <Loader size="xs" mt={20} data-testid="screen-loading" /> : <span style={{ width: 18 }} />}
        </Group>
      </Group>

      {householdId === undefined && mode === 'saved' && !values && (
        <Paper withBorder p="sm">
          <Group align="flex-start" gap="lg">
            <HouseholdPicker onPick={(id) => navigate(`/screening/${id}`)} />
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t('screening.quick')}
              </Text>
              <Button variant="light" onClick={startQuick} data-testid="screen-quick">
                {t('screening.newQuick')}
              </Button>
            </Stack>
          </Group>
          <Text size="sm" c="dimmed" mt="sm">
            {t('screening.empty')}
          </Text>
        </Paper>
      )}

      {values && (
        <Paper withBorder p={6}>
          <Group justify="space-between" wrap="nowrap">
            <Group gap="xs" wrap="nowrap">
              {householdId !== undefined ? (
                <>
                  <Badge variant="light">{t('screening.saved')}</Badge>
                  <Text fw={600} data-testid="screen-household">
                    #{householdId} · {headName}
                  </Text>
                  <Button size="compact-xs" variant="subtle" onClick={() => navigate(`/households/${householdId}`)}>
                    {t('screening.open')}
                  </Button>
                </>
              ) : (
                <Badge color="orange" variant="light" data-testid="screen-quick-badge">
                  {t('screening.quick')}
                </Badge>
              )}
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => {
                  setValues(null);
                  setResult(null);
                  setMode('saved');
                  navigate('/screening');
                }}
                data-testid="screen-clear"
              >
                {t('screening.clear')}
              </Button>
            </Group>
            <Group gap="xs" wrap="nowrap">
              {dirty && (
                <Text size="xs" c="orange.8" data-testid="screen-dirty">
                  {t('screening.dirty')}
                </Text>
              )}
              {dirty && (
                <Button size="xs" variant="default" onClick={() => setValues(savedForm)} data-testid="screen-reset">
                  {t('screening.reset')}
                </Button>
              )}
              {dirty && (
                <Button size="xs" variant="light" loading={saving} onClick={() => void saveChanges()} data-testid="screen-save">
                  {t('screening.saveChanges')}
                </Button>
              )}
              {proposal !== null && (
                <Badge color="teal" data-testid="screen-proposal">
                  {t('screening.proposedBadge', { id: proposal })}
                </Badge>
              )}
              {householdId !== undefined && (
                <Tooltip label={t('screening.proposeNeedsSave')} disabled={!dirty}>
                  <Button size="xs" disabled={dirty || !result} onClick={() => setProposing(true)} data-testid="screen-propose">
                    {t('screening.propose')}
                  </Button>
                </Tooltip>
              )}
            </Group>
          </Group>
        </Paper>
      )}

      {values && (
        <Grid gap="xs">
          <Grid.Col span={6}>
            <div ref={formRef} onKeyDownCapture={(e) => enterMovesOn(formRef.current)(e)} data-testid="screen-form">
              <CompactForm values={values} set={set} errors={showErrors ? errors : {}} />
            </div>
          </Grid.Col>
          <Grid.Col span={6}>
            <div
              className="sn-sticky"
              style={{ maxHeight: 'calc(100vh - 90px)', overflowY: 'auto', opacity: loading ? 0.7 : 1, transition: 'opacity 120ms' }}
              data-testid="screen-result-pane"
            >
              <ErrorAlert error={error} />
              {Object.keys(errors).length > 0 && showErrors && (
                <Alert color="yellow" py={6} mb={4} data-testid="screen-fix">
                  {t('screening.fixErrors')}
                </Alert>
              )}
              {result ? (
                <ScreenResult output={result.output} determination={result.determination} names={names} compact />
              ) : (
                !error && (
                  <Text c="dimmed" size="sm">
                    {t('common.loading')}
                  </Text>
                )
              )}
            </div>
          </Grid.Col>
        </Grid>
      )}
      {!values && householdId !== undefined && <ErrorAlert error={error} />}

      {householdId !== undefined && (
        <ProposeModal
          opened={proposing}
          onClose={() => setProposing(false)}
          householdId={householdId}
          referenceDate={refDate}
          onDone={(id) => {
            setProposal(id);
            setProposing(false);
          }}
        />
      )}
    </Stack>
  );
}

function ProposeModal({
  opened,
  onClose,
  householdId,
  referenceDate,
  onDone,
}: {
  opened: boolean;
  onClose: () => void;
  householdId: number;
  referenceDate: string;
  onDone: (id: number) => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const r = await call('determinations.propose', {
        householdId,
        referenceDate,
        source: 'screening',
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      notifications.show({ color: 'teal', message: t('screening.proposed', { id: r.id }) });
      setNote('');
      onDone(r.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened={opened} onClose={onClose} title={t('screening.proposeTitle')}>
      <Stack>
        <Textarea
          label={t('screening.note')}
          value={note}
          maxLength={500}
          autosize
          minRows={2}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-testid="propose-note"
          data-autofocus
        />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={busy} onClick={() => void submit()} data-testid="propose-submit">
            {t('screening.propose')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

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

/** The household in a compact form (the intake form's fields and validation, fewer of them on a line). */
function CompactForm({
  values,
  set,
  errors,
}: {
  values: FormValues;
  set: (p: string, v: unknown) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const choose = t('form.choose'),
    none = t('form.noneOption');
  const txt = (p: string, label: string, w: number, extra: Record<string, unknown> = {}) => (
    <TextInput
      label={label}
      w={w}
      size="xs"
      value={getIn(values, p) ?? ''}
      onChange={(e) => set(p, e.currentTarget.value)}
      error={errors[p]}
      data-testid={`s-${p}`}
      errorProps={{ 'data-testid': `serr-${p}` }}
      {...extra}
    />
  );
  const sel = (p: string, label: string, w: number, group: string, options: readonly string[], blank: string | null) => (
    <NativeSelect
      label={label}
      w={w}
      size="xs"
      value={getIn(values, p) ?? ''}
      onChange={(e) => set(p, e.currentTarget.value)}
      error={errors[p]}
      data-testid={`s-${p}`}
      data={[...(blank !== null ? [{ value: '', label: blank }] : []), ...options.map((o) => ({ value: o, label: enumLabel(group, o) }))]}
    />
  );
  const chk = (p: string, label: string) => (
    <Checkbox
      label={label}
      size="xs"
      mt={22}
      checked={!!getIn(values, p)}
      onChange={(e) => set(p, e.currentTarget.checked)}
      data-testid={`s-${p}`}
    />
  );
  const x = (label: string, onClick: () => void, testid: string) => (
    <ActionIcon variant="subtle" color="red" mt={20} aria-label={label} title={label} onClick={onClick} data-testid={testid}>
      ×
    </ActionIcon>
  );
  const push = (p: string, item: unknown) => set(p, [...(getIn(values, p) as unknown[]), item]);
  const drop = (p: string, i: number) =>
    set(
      p,
      (getIn(values, p) as unknown[]).filter((_, j) => j !== i),
    );
  return (
    <Stack gap={6}>
      <Paper withBorder p={6}>
        <Group gap="xs" align="flex-start">
          {sel('residence', t('form.residence'), 90, 'residence', RESIDENCES, choose)}
          {sel('housing.condition', t('form.housingCondition'), 90, 'housingCondition', HOUSING_CONDITIONS, null)}
          {sel('housing.tenure', t('form.housingTenure'), 100, 'housingTenure', HOUSING_TENURES, null)}
          {sel('current.tier', t('form.current'), 130, 'tier', TIERS, none)}
          {txt('current.gradualExitSince', t('screening.exitSince'), 100, { placeholder: 'YYYY-MM' })}
        </Group>
      </Paper>
      <Paper withBorder p={6}>
        <Title order={6}>{t('form.members')}</Title>
        {errors.members && (
          <Text c="red" size="xs" data-testid="serr-members">
            {errors.members}
          </Text>
        )}
        <Stack gap={4}>
          {values.members.map((m, i) => {
            const p = `members.${i}`;
            const live = m.idNumber.trim().length >= 15 ? idProblem(m.idNumber) : null;
            return (
              <Paper key={m.key} withBorder p={4} bg={i % 2 ? 'gray.0' : undefined} data-testid={`s-member-${i}`}>
                <Group gap={6} align="flex-start">
                  {txt(`${p}.idNumber`, t('form.idNumber'), 172, {
                    error: errors[`${p}.idNumber`] ?? live ?? undefined,
                    maxLength: 18,
                    className: 'sn-mono',
                    autoComplete: 'off',
                  })}
                  {txt(`${p}.name`, t('form.name'), 84)}
                  {sel(`${p}.relation`, t('form.relation'), 96, 'relation', RELATIONS, choose)}
                  {sel(`${p}.status`, t('form.status'), 110, 'status', MEMBER_STATUSES, null)}
                  {values.members.length > 1 && x(t('form.removeMember'), () => drop('members', i), `s-remove-member-${i}`)}
                </Group>
                <Group gap={6} align="flex-start">
                  {sel(`${p}.labour`, t('form.labour'), 100, 'labour', LABOURS, null)}
                  {sel(`${p}.disability.kind`, t('form.disabilityKind'), 76, 'disability', DISABILITY_KINDS, none)}
                  {sel(`${p}.disability.grade`, t('form.disabilityGrade'), 58, 'grade', ['1', '2', '3', '4'], none)}
                  {sel(`${p}.illness`, t('form.illness'), 86, 'illness', ILLNESSES, none)}
                  {sel(`${p}.schooling`, t('form.schooling'), 76, 'schooling', SCHOOLINGS, none)}
                  {txt(`${p}.selfCareUnmanaged`, '0–6', 40, {
                    inputMode: 'numeric',
                    title: t('form.selfCare'),
                    'aria-label': t('form.selfCare'),
                  })}
                </Group>
                <Group gap={6} align="flex-start">
                  {sel(`${p}.supportMode`, t('form.supportMode'), 84, 'supportMode', SUPPORT_MODES, none)}
                  {m.monthlyIncome.map((inc, j) => (
                    <Group key={inc.key} gap={2} align="flex-start" wrap="nowrap">
                      {sel(`${p}.monthlyIncome.${j}.type`, t('form.incomeType'), 150, 'income', INCOME_TYPES, choose)}
                      {txt(`${p}.monthlyIncome.${j}.amount`, t('form.amount'), 86, { inputMode: 'decimal' })}
                      {x(t('common.remove'), () => drop(`${p}.monthlyIncome`, j), `s-remove-income-${i}-${j}`)}
                    </Group>
                  ))}
                  <Button
                    size="compact-xs"
                    variant="light"
                    mt={m.monthlyIncome.length ? 22 : 4}
                    data-testid={`s-add-income-${i}`}
                    onClick={() => push(`${p}.monthlyIncome`, { key: randomId(), type: 'wage', amount: '' })}
                  >
                    + {t('form.addIncome')}
                  </Button>
                </Group>
              </Paper>
            );
          })}
          <Group>
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => push('members', emptyMember(values.members.some((m) => m.relation === 'head') ? '' : 'head'))}
              data-testid="s-add-member"
            >
              + {t('form.addMember')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <Paper withBorder p={6}>
        <Title order={6}>{t('form.supporters')}</Title>
        <Stack gap={4}>
          {values.supportersOutside.map((s, i) => {
            const p = `supportersOutside.${i}`;
            return (
              <Group key={s.key} gap={6} align="flex-start" data-testid={`s-supporter-${i}`}>
                {txt(`${p}.idNumber`, t('form.idNumber'), 172, { maxLength: 18, className: 'sn-mono' })}
                {txt(`${p}.name`, t('form.name'), 80)}
                {sel(`${p}.relation`, t('form.relation'), 80, 'supporterRelation', SUPPORTER_RELATIONS, choose)}
                {txt(`${p}.age`, t('form.age'), 50, { inputMode: 'numeric' })}
                {txt(`${p}.annualIncome`, t('form.annualIncome'), 100, { inputMode: 'decimal' })}
                {sel(`${p}.tier`, t('form.supporterTier'), 110, 'tier', TIERS, none)}
                {sel(`${p}.status`, t('form.status'), 100, 'status', SUPPORTER_STATUSES, null)}
                {chk(`${p}.severeDisability`, t('form.severeDisability'))}
                {x(t('common.remove'), () => drop('supportersOutside', i), `s-remove-supporter-${i}`)}
              </Group>
            );
          })}
          <Group>
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => push('supportersOutside', emptySupporter())}
              data-testid="s-add-supporter"
            >
              + {t('form.addSupporter')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <Paper withBorder p={6}>
        <Title order={6}>{t('form.assets')}</Title>
        <Group gap={6} align="flex-start">
          {txt('assets.financialAssets', t('form.financialAssets'), 120, { inputMode: 'decimal' })}
          {chk('assets.largeMachineryOrVessel', t('form.largeMachinery'))}
          {chk('assets.recentPurchase', t('form.recentPurchase'))}
        </Group>
        <Group gap={6} align="flex-start">
          {values.assets.vehicles.map((v, i) => (
            <Group key={v.key} gap={2} wrap="nowrap" align="flex-start">
              {sel(`assets.vehicles.${i}.kind`, t('form.vehicleKind'), 150, 'vehicle', VEHICLE_KINDS, choose)}
              {x(t('common.remove'), () => drop('assets.vehicles', i), `s-remove-vehicle-${i}`)}
            </Group>
          ))}
          {values.assets.homes.map((h, i) => (
            <Group key={h.key} gap={2} wrap="nowrap" align="flex-start">
              {txt(`assets.homes.${i}.floorArea`, t('form.floorArea'), 110, { inputMode: 'decimal' })}
              {chk(`assets.homes.${i}.resettlement`, t('form.resettlement'))}
              {x(t('common.remove'), () => drop('assets.homes', i), `s-remove-home-${i}`)}
            </Group>
          ))}
          {values.assets.businesses.map((b, i) => (
            <Group key={b.key} gap={2} wrap="nowrap" align="flex-start">
              {sel(`assets.businesses.${i}.role`, t('form.role'), 130, 'businessRole', BUSINESS_ROLES, choose)}
              {chk(`assets.businesses.${i}.operating`, t('form.operating'))}
              {txt(`assets.businesses.${i}.employees`, t('form.employees'), 60, { inputMode: 'numeric' })}
              {x(t('common.remove'), () => drop('assets.businesses', i), `s-remove-business-${i}`)}
            </Group>
          ))}
        </Group>
        <Group gap={4} mt={4}>
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => push('assets.vehicles', { key: randomId(), kind: '' })}
            data-testid="s-add-vehicle"
          >
            + {t('form.addVehicle')}
          </Button>
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => push('assets.homes', { key: randomId(), floorArea: '', resettlement: false })}
            data-testid="s-add-home"
          >
            + {t('form.addHome')}
          </Button>
          <Button
            size="compact-xs"
            variant="light"
            onClick={() => push('assets.businesses', { key: randomId(), role: '', operating: true, employees: '0' })}
            data-testid="s-add-business"
          >
            + {t('form.addBusiness')}
          </Button>
        </Group>
      </Paper>
      <Paper withBorder p={6}>
        <Title order={6}>{t('form.expenses')}</Title>
        <Group gap={6} align="flex-start">
          {EXPENSE_KEYS.map((k) => (
            <span key={k}>{txt(`expenses12Months.${k}`, enumLabel('expense', k), 120, { inputMode: 'decimal' })}</span>
          ))}
        </Group>
      </Paper>
    </Stack>
  );
}
