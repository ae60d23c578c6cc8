import { useCallback, useEffect, useRef, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../api';
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
  MONITORING_FLAGS,
  EXPENSE_KEYS,
  type HouseholdData,
} from '../../../src-main/common/household-file';
import { parseIdNumber } from '../../../src-main/common/id-number';
import { todayIso } from '../../../src-main/common/dates';
import {
  emptyForm,
  emptyMember,
  emptySupporter,
  idProblem,
  serverFieldToPath,
  toForm,
  validateForm,
  type FormValues,
} from './household-form';
import { enumLabel } from '../lib/format';
import { errorText } from '../lib/errors';
import { navigate } from '../lib/router';
import { useAreas, invalidateAreas } from '../lib/areas';
import { randomId } from '@mantine/hooks';
import { FOCUSABLE, getIn, setIn } from '../lib/paths';

export function HouseholdForm({ id }: { id?: number }) {
  const { t } = useTranslation();
  const draftKey = `safetynet.draft.${id ?? 'new'}`;
  const [values, setValues] = useState<FormValues | null>(id ? null : emptyForm());
  const [version, setVersion] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<{ message: string; code?: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const [draftRestored, setDraftRestored] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const areas = useAreas();

  // Load: a draft kept in this tab wins (typed input is never lost), else the stored household.
  useEffect(() => {
    const raw = sessionStorage.getItem(draftKey);
    if (raw) {
      try {
        const d = JSON.parse(raw) as { values: FormValues; version: number | null };
        setValues(d.values);
        setVersion(d.version);
        setDraftRestored(true);
        return;
      } catch {
        /* ignore a broken draft */
      }
    }
    if (id) {
      call('households.get', { id })
        .then((d) => {
          setValues(toForm(d.household as HouseholdData));
          setVersion(d.version);
        })
        .catch(setLoadError);
    }
  }, [id, draftKey]);

  const dirty = useRef(false);
  useEffect(() => {
    if (!values || !dirty.current) return;
    const h = window.setTimeout(() => sessionStorage.setItem(draftKey, JSON.stringify({ values, version })), 300);
    return () => window.clearTimeout(h);
  }, [values, version, draftKey]);

  const set = useCallback((path: string, value: unknown) => {
    dirty.current = true;
    setValues((v) => (v ? setIn(v, path, value) : v));
    setErrors((e) => {
      if (!(path in e)) return e;
      const { [path]: _drop, ...rest } = e;
      return rest;
    });
  }, []);

  const focusPath = (path: string) =>
    window.setTimeout(() => rootRef.current?.querySelector<HTMLElement>(`[data-testid="f-${path}"]`)?.focus(), 30);

  const addMember = useCallback(() => {
    setValues((v) => {
      if (!v) return v;
      dirty.current = true;
      focusPath(`members.${v.members.length}.idNumber`);
      return { ...v, members: [...v.members, emptyMember(v.members.some((m) => m.relation === 'head') ? '' : 'head')] };
    });
  }, []);

  const save = useCallback(async () => {
    if (!values || saving) return;
    const r = validateForm(values);
    setErrors(r.errors);
    if (!r.data) {
      setGeneral({ message: t('form.fixErrors') });
      window.setTimeout(() => rootRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 30);
      return;
    }
    setSaving(true);
    setGeneral(null);
    try {
      const res =
        id && version !== null
          ? await call('households.update', { id, version, household: r.data as never })
          : await call('households.create', { household: r.data as never });
      sessionStorage.removeItem(draftKey);
      dirty.current = false;
      invalidateAreas();
      notifications.show({ color: 'teal', message: id ? t('form.updated') : t('form.created', { id: res.id }) });
      navigate(`/households/${res.id}`);
    } catch (e) {
      // Keep every typed value; show the service's message at its field and on top.
      const path = e instanceof ApiError ? serverFieldToPath(e.field) : null;
      if (path) setErrors((x) => ({ ...x, [getIn(values, path) !== undefined ? path : 'form']: errorText(e) }));
      setGeneral({ message: t('form.saveFailed', { msg: errorText(e) }), code: e instanceof ApiError ? e.code : undefined });
      if (path) focusPath(path);
    } finally {
      setSaving(false);
    }
  }, [values, saving, id, version, draftKey, t]);

  // Ctrl+S saves, Alt+N adds a member — from any field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S')) {
        e.preventDefault();
        void save();
      } else if (e.altKey && e.code === 'KeyN') {
        e.preventDefault();
        addMember();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save, addMember]);

  // Enter moves to the next field instead of submitting.
  const onKeyDownCapture = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' || e.ctrlKey || e.altKey || e.metaKey) return;
    const el = e.target as HTMLElement;
    if (el.tagName === 'BUTTON' || el.tagName === 'TEXTAREA') return;
    // An open autocomplete with a highlighted option takes Enter (to pick it); otherwise move on.
    const listbox = el.getAttribute('aria-controls') ? document.getElementById(el.getAttribute('aria-controls')!) : null;
    if (el.getAttribute('aria-expanded') === 'true' && listbox?.querySelector('[data-combobox-selected]')) return;
    e.preventDefault();
    const all = Array.from(rootRef.current!.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
      (x) => x.tabIndex >= 0 && x.offsetParent !== null,
    );
    const i = all.indexOf(el);
    const next = all[i + (e.shiftKey ? -1 : 1)];
    if (next) {
      next.focus();
      if (next instanceof HTMLInputElement && next.type === 'text') next.select();
    }
  };

  if (loadError) return <Alert color="red">{errorText(loadError)}</Alert>;
  if (!values) return <Text>{t('common.loading')}</Text>;

  const err = (p: string) => errors[p];
  const txt = (p: string, label: string, w: number | string, extra: Record<string, unknown> = {}) => (
    <TextInput
      label={label}
      w={w}
      size="xs"
      value={getIn(values, p) ?? ''}
      onChange={(e) => set(p, e.currentTarget.value)}
      error={err(p)}
      data-testid={`f-${p}`}
      errorProps={{ 'data-testid': `err-${p}` }}
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
      error={err(p)}
      data-testid={`f-${p}`}
      errorProps={{ 'data-testid': `err-${p}` }}
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
      data-testid={`f-${p}`}
    />
  );
  const removeBtn = (label: string, onClick: () => void, testid: string) => (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color="red" mt={20} aria-label={label} onClick={onClick} data-testid={testid}>
        ×
      </ActionIcon>
    </Tooltip>
  );
  const push = (p: string, item: unknown, focus?: string) => {
    set(p, [...(getIn(values, p) as unknown[]), item]);
    if (focus) focusPath(focus);
  };
  const drop = (p: string, i: number) =>
    set(
      p,
      (getIn(values, p) as unknown[]).filter((_, j) => j !== i),
    );
  const choose = t('form.choose'),
    none = t('form.noneOption');
  const townships = [...new Set(areas.filter((a) => a.level === 'township').map((a) => a.name))];
  const townshipId = areas.find((a) => a.level === 'township' && a.name === values.area.township)?.id;
  const villages = [
    ...new Set(areas.filter((a) => a.level === 'village' && (!townshipId || a.parentId === townshipId)).map((a) => a.name)),
  ];

  return (
    <div ref={rootRef} onKeyDownCapture={onKeyDownCapture} data-testid="household-form">
      <Stack gap="sm">
        <Group justify="space-between" className="sn-sticky" py={4}>
          <Group gap="sm">
            <Title order={3}>{id ? t('form.editTitle', { id }) : t('form.newTitle')}</Title>
            <Text size="xs" c="dimmed">
              {t('form.keys')}
            </Text>
          </Group>
          <Group gap="xs">
            <Button
              variant="default"
              onClick={() => {
                sessionStorage.removeItem(draftKey);
                navigate(id ? `/households/${id}` : '/households');
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void save()} loading={saving} data-testid="form-save">
              {t('form.save')}
            </Button>
          </Group>
        </Group>
        {draftRestored && (
          <Alert color="blue" py={6} data-testid="draft-restored">
            <Group justify="space-between">
              <Text size="sm">{t('form.draftRestored')}</Text>
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => {
                  sessionStorage.removeItem(draftKey);
                  window.location.reload();
                }}
              >
                {t('form.discardDraft')}
              </Button>
            </Group>
          </Alert>
        )}
        {general && (
          <Alert color="red" py={6} data-testid="form-error" data-code={general.code}>
            <Group justify="space-between">
              <Text size="sm">
                {general.message}
                {errors.form ? ` — ${errors.form}` : ''}
              </Text>
              {general.code === 'stale_household' && (
                <Button
                  size="compact-xs"
                  onClick={() => {
                    sessionStorage.removeItem(draftKey);
                    window.location.reload();
                  }}
                >
                  {t('form.stale')}
                </Button>
              )}
            </Group>
          </Alert>
        )}

        <Paper withBorder p="xs">
          <Title order={5}>{t('form.household')}</Title>
          <Group gap="xs" align="flex-start">
            <NativeSelect
              label={t('form.residence')}
              w={110}
              size="xs"
              value={values.residence}
              onChange={(e) => set('residence', e.currentTarget.value)}
              error={err('residence')}
              autoFocus={!id}
              data-testid="f-residence"
              errorProps={{ 'data-testid': 'err-residence' }}
              data={[{ value: '', label: choose }, ...RESIDENCES.map((o) => ({ value: o, label: enumLabel('residence', o) }))]}
            />
            <Autocomplete
              label={t('form.township')}
              w={150}
              size="xs"
              data={townships}
              value={values.area.township}
              onChange={(v) => set('area.township', v)}
              error={err('area.township')}
              data-testid="f-area.township"
              errorProps={{ 'data-testid': 'err-area.township' }}
            />
            <Autocomplete
              label={t('form.village')}
              w={150}
              size="xs"
              data={villages}
              value={values.area.village}
              onChange={(v) => set('area.village', v)}
              error={err('area.village')}
              data-testid="f-area.village"
              errorProps={{ 'data-testid': 'err-area.village' }}
            />
            {txt('address', t('form.address'), 230)}
            {txt('externalId', t('form.externalId'), 120)}
            {sel('housing.condition', t('form.housingCondition'), 100, 'housingCondition', HOUSING_CONDITIONS, null)}
            {sel('housing.tenure', t('form.housingTenure'), 110, 'housingTenure', HOUSING_TENURES, null)}
            {sel('flags.returnToPovertyMonitoring', t('form.monitoring'), 180, 'monitoring', MONITORING_FLAGS, none)}
          </Group>
        </Paper>

        <Paper withBorder p="xs" data-testid="members-section">
          <Group justify="space-between">
            <Title order={5}>
              {t('form.members')}{' '}
              <Text span size="xs" c="dimmed">
                {t('form.headHint')}
              </Text>
            </Title>
          </Group>
          {errors.members && (
            <Text c="red" size="sm" data-testid="err-members">
              {errors.members}
            </Text>
          )}
          <Stack gap={6}>
            {values.members.map((m, i) => {
              const p = `members.${i}`;
              const parsed = parseIdNumber(m.idNumber, todayIso());
              const live = m.idNumber.trim().length >= 15 ? idProblem(m.idNumber) : null;
              return (
                <Paper key={m.key} withBorder p={6} bg={i % 2 ? 'gray.0' : undefined} data-testid={`member-${i}`}>
                  <Group gap="xs" align="flex-start" wrap="wrap">
                    <Text size="xs" fw={700} w={50} mt={24}>
                      {t('form.member', { n: i + 1 })}
                    </Text>
                    {txt(`${p}.idNumber`, t('form.idNumber'), 190, {
                      error: err(`${p}.idNumber`) ?? live ?? undefined,
                      maxLength: 18,
                      className: 'sn-mono',
                      autoComplete: 'off',
                    })}
                    <TextInput
                      label={t('form.sex')}
                      w={56}
                      size="xs"
                      readOnly
                      tabIndex={-1}
                      variant="filled"
                      value={parsed.ok ? enumLabel('sex', parsed.value.sex) : ''}
                      data-testid={`${p}.sex`}
                    />
                    <TextInput
                      label={t('form.birthDate')}
                      w={96}
                      size="xs"
                      readOnly
                      tabIndex={-1}
                      variant="filled"
                      value={parsed.ok ? parsed.value.birthDate : ''}
                      data-testid={`${p}.birthDate`}
                    />
                    {txt(`${p}.name`, t('form.name'), 110)}
                    {sel(`${p}.relation`, t('form.relation'), 110, 'relation', RELATIONS, choose)}
                    {sel(`${p}.status`, t('form.status'), 130, 'status', MEMBER_STATUSES, null)}
                    {sel(`${p}.labour`, t('form.labour'), 140, 'labour', LABOURS, null)}
                    {sel(`${p}.schooling`, t('form.schooling'), 100, 'schooling', SCHOOLINGS, none)}
                    {values.members.length > 1 && removeBtn(t('form.removeMember'), () => drop('members', i), `remove-member-${i}`)}
                  </Group>
                  <Group gap="xs" align="flex-start" wrap="wrap" pl={58}>
                    {sel(`${p}.disability.kind`, t('form.disabilityKind'), 100, 'disability', DISABILITY_KINDS, none)}
                    {sel(`${p}.disability.grade`, t('form.disabilityGrade'), 70, 'grade', ['1', '2', '3', '4'], none)}
                    {sel(`${p}.illness`, t('form.illness'), 120, 'illness', ILLNESSES, none)}
                    {txt(`${p}.selfCareUnmanaged`, t('form.selfCare'), 170, { inputMode: 'numeric' })}
                    {sel(`${p}.supportMode`, t('form.supportMode'), 130, 'supportMode', SUPPORT_MODES, none)}
                    {txt(`${p}.authorisedOn`, t('form.authorisedOn'), 140, { placeholder: 'YYYY-MM-DD' })}
                  </Group>
                  <Group gap="xs" align="flex-start" wrap="wrap" pl={58}>
                    {m.monthlyIncome.map((inc, j) => (
                      <Group key={inc.key} gap={4} align="flex-start" wrap="nowrap">
                        {sel(`${p}.monthlyIncome.${j}.type`, t('form.incomeType'), 190, 'income', INCOME_TYPES, choose)}
                        {txt(`${p}.monthlyIncome.${j}.amount`, t('form.amount'), 100, { inputMode: 'decimal' })}
                        {removeBtn(t('common.remove'), () => drop(`${p}.monthlyIncome`, j), `remove-income-${i}-${j}`)}
                      </Group>
                    ))}
                    <Button
                      size="compact-xs"
                      variant="light"
                      mt={m.monthlyIncome.length ? 22 : 4}
                      data-testid={`add-income-${i}`}
                      onClick={() =>
                        push(
                          `${p}.monthlyIncome`,
                          { key: randomId(), type: 'wage', amount: '' },
                          `${p}.monthlyIncome.${m.monthlyIncome.length}.type`,
                        )
                      }
                    >
                      + {t('form.addIncome')}
                    </Button>
                  </Group>
                </Paper>
              );
            })}
            <Group>
              <Button size="xs" variant="light" onClick={addMember} data-testid="add-member">
                + {t('form.addMember')}
              </Button>
            </Group>
          </Stack>
        </Paper>

        <Paper withBorder p="xs">
          <Title order={5}>{t('form.supporters')}</Title>
          <Stack gap={4}>
            {values.supportersOutside.map((s, i) => {
              const p = `supportersOutside.${i}`;
              return (
                <Group key={s.key} gap="xs" align="flex-start" wrap="wrap" data-testid={`supporter-${i}`}>
                  {txt(`${p}.idNumber`, t('form.idNumber'), 190, {
                    maxLength: 18,
                    className: 'sn-mono',
                    error: err(`${p}.idNumber`) ?? (s.idNumber.trim().length >= 15 ? idProblem(s.idNumber) : null) ?? undefined,
                  })}
                  {txt(`${p}.name`, t('form.name'), 110)}
                  {sel(`${p}.relation`, t('form.relation'), 90, 'supporterRelation', SUPPORTER_RELATIONS, choose)}
                  {txt(`${p}.age`, t('form.age'), 60, { inputMode: 'numeric' })}
                  {txt(`${p}.annualIncome`, t('form.annualIncome'), 120, { inputMode: 'decimal' })}
                  {sel(`${p}.tier`, t('form.supporterTier'), 150, 'tier', TIERS, none)}
                  {sel(`${p}.status`, t('form.status'), 130, 'status', SUPPORTER_STATUSES, null)}
                  {chk(`${p}.severeDisability`, t('form.severeDisability'))}
                  {removeBtn(t('common.remove'), () => drop('supportersOutside', i), `remove-supporter-${i}`)}
                </Group>
              );
            })}
            <Group>
              <Button
                size="compact-xs"
                variant="light"
                data-testid="add-supporter"
                onClick={() => push('supportersOutside', emptySupporter(), `supportersOutside.${values.supportersOutside.length}.idNumber`)}
              >
                + {t('form.addSupporter')}
              </Button>
            </Group>
          </Stack>
        </Paper>

        <Paper withBorder p="xs">
          <Title order={5}>{t('form.assets')}</Title>
          <Group gap="xs" align="flex-start">
            {txt('assets.financialAssets', t('form.financialAssets'), 140, { inputMode: 'decimal' })}
            {chk('assets.largeMachineryOrVessel', t('form.largeMachinery'))}
            {chk('assets.recentPurchase', t('form.recentPurchase'))}
          </Group>
          <Group gap="xs" align="flex-start" mt={4}>
            <Text size="xs" fw={600} w={60} mt={24}>
              {t('form.vehicles')}
            </Text>
            {values.assets.vehicles.map((v, i) => (
              <Group key={v.key} gap={4} wrap="nowrap" align="flex-start">
                {sel(`assets.vehicles.${i}.kind`, t('form.vehicleKind'), 170, 'vehicle', VEHICLE_KINDS, choose)}
                {removeBtn(t('common.remove'), () => drop('assets.vehicles', i), `remove-vehicle-${i}`)}
              </Group>
            ))}
            <Button
              size="compact-xs"
              variant="light"
              mt={22}
              data-testid="add-vehicle"
              onClick={() =>
                push('assets.vehicles', { key: randomId(), kind: '' }, `assets.vehicles.${values.assets.vehicles.length}.kind`)
              }
            >
              + {t('form.addVehicle')}
            </Button>
          </Group>
          <Group gap="xs" align="flex-start" mt={4}>
            <Text size="xs" fw={600} w={60} mt={24}>
              {t('form.homes')}
            </Text>
            {values.assets.homes.map((h, i) => (
              <Group key={h.key} gap={4} wrap="nowrap" align="flex-start">
                {txt(`assets.homes.${i}.floorArea`, t('form.floorArea'), 120, { inputMode: 'decimal' })}
                {chk(`assets.homes.${i}.resettlement`, t('form.resettlement'))}
                {removeBtn(t('common.remove'), () => drop('assets.homes', i), `remove-home-${i}`)}
              </Group>
            ))}
            <Button
              size="compact-xs"
              variant="light"
              mt={22}
              data-testid="add-home"
              onClick={() =>
                push(
                  'assets.homes',
                  { key: randomId(), floorArea: '', resettlement: false },
                  `assets.homes.${values.assets.homes.length}.floorArea`,
                )
              }
            >
              + {t('form.addHome')}
            </Button>
          </Group>
          <Group gap="xs" align="flex-start" mt={4}>
            <Text size="xs" fw={600} w={60} mt={24}>
              {t('form.businesses')}
            </Text>
            {values.assets.businesses.map((b, i) => (
              <Group key={b.key} gap={4} wrap="nowrap" align="flex-start">
                {sel(`assets.businesses.${i}.role`, t('form.role'), 150, 'businessRole', BUSINESS_ROLES, choose)}
                {chk(`assets.businesses.${i}.operating`, t('form.operating'))}
                {txt(`assets.businesses.${i}.employees`, t('form.employees'), 80, { inputMode: 'numeric' })}
                {removeBtn(t('common.remove'), () => drop('assets.businesses', i), `remove-business-${i}`)}
              </Group>
            ))}
            <Button
              size="compact-xs"
              variant="light"
              mt={22}
              data-testid="add-business"
              onClick={() =>
                push(
                  'assets.businesses',
                  { key: randomId(), role: '', operating: true, employees: '0' },
                  `assets.businesses.${values.assets.businesses.length}.role`,
                )
              }
            >
              + {t('form.addBusiness')}
            </Button>
          </Group>
        </Paper>

        <Paper withBorder p="xs">
          <Title order={5}>{t('form.expenses')}</Title>
          <Group gap="xs" align="flex-start">
            {EXPENSE_KEYS.map((k) => (
              <span key={k}>{txt(`expenses12Months.${k}`, enumLabel('expense', k), 150, { inputMode: 'decimal' })}</span>
            ))}
          </Group>
        </Paper>

        <Paper withBorder p="xs">
          <Title order={5}>{t('form.current')}</Title>
          <Group gap="xs" align="flex-start">
            {sel('current.tier', t('form.tier'), 240, 'tier', TIERS, none)}
            {txt('current.monthlyBenefit', t('form.monthlyBenefit'), 140, { inputMode: 'decimal' })}
            {txt('current.gradualExitSince', t('form.gradualExitSince'), 170, { placeholder: 'YYYY-MM' })}
          </Group>
        </Paper>
        <Group justify="flex-end" pb="xl">
          <Button onClick={() => void save()} loading={saving}>
            {t('form.save')}
          </Button>
        </Group>
      </Stack>
    </div>
  );
}
