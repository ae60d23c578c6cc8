/**
 * The household's fields, one component for the intake form (registry/HouseholdForm.tsx) and
 * the screener's compact form (policy/ScreeningPage.tsx): the household, its members, the
 * supporters outside, assets, 12-month expenses and the determination in force. The values,
 * their conversion and validation are ./household-form.ts; the inputs ./form-kit.tsx.
 */
import type { ReactNode } from 'react';
import { Autocomplete, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { randomId } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import {
  BUSINESS_ROLES,
  EXPENSE_KEYS,
  HOUSING_CONDITIONS,
  HOUSING_TENURES,
  MONITORING_FLAGS,
  RESIDENCES,
  SUPPORTER_RELATIONS,
  SUPPORTER_STATUSES,
  TIERS,
  VEHICLE_KINDS,
} from '../../../src-main/common/household-file';
import { useAreas } from '../lib/areas';
import { enumLabel } from '../lib/format';
import { formKit, type FormKit, type FormVariant, type HouseholdFormApi } from './form-kit';
import { emptyMember, emptySupporter, idProblem } from './household-form';
import { MemberFields } from './MemberFields';

export function HouseholdFields({ form, variant, autoFocus }: { form: HouseholdFormApi; variant: FormVariant; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const kit = formKit(form, variant);
  const values = form.values;
  const addMember = () => {
    form.insertListItem('members', emptyMember(values.members.some((m) => m.relation === 'head') ? '' : 'head'));
    kit.focusPath(`members.${values.members.length}.idNumber`);
  };
  return (
    <Stack gap={kit.compact ? 6 : 'sm'}>
      {kit.compact ? <CompactHousehold kit={kit} /> : <IntakeHousehold kit={kit} form={form} autoFocus={autoFocus} />}
      <Paper withBorder p={kit.pad} data-testid={kit.compact ? undefined : 'members-section'}>
        <Title order={kit.compact ? 6 : 5}>
          {t('form.members')}{' '}
          {!kit.compact && (
            <Text span size="xs" c="dimmed">
              {t('form.headHint')}
            </Text>
          )}
        </Title>
        {form.errors.members && (
          <Text c="red" size={kit.compact ? 'xs' : 'sm'} data-testid={`${variant.error}-members`}>
            {form.errors.members}
          </Text>
        )}
        <Stack gap={kit.compact ? 4 : 6}>
          {values.members.map((m, i) => (
            <MemberFields key={m.key} form={form} kit={kit} member={m} i={i} />
          ))}
          <Group>
            <Button
              size={kit.compact ? 'compact-xs' : 'xs'}
              variant="light"
              onClick={addMember}
              data-testid={kit.itemId('add-member')}
              data-enter-stop
            >
              + {t('form.addMember')}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <SupportersFields form={form} kit={kit} />
      <AssetsFields form={form} kit={kit} />
      <Paper withBorder p={kit.pad}>
        <Title order={kit.compact ? 6 : 5}>{t('form.expenses')}</Title>
        <Group gap={kit.gap} align="flex-start">
          {EXPENSE_KEYS.map((k) => (
            <span key={k}>{kit.txt(`expenses12Months.${k}`, enumLabel('expense', k), kit.w(150, 120), { inputMode: 'decimal' })}</span>
          ))}
        </Group>
      </Paper>
      {!kit.compact && (
        <Paper withBorder p="xs">
          <Title order={5}>{t('form.current')}</Title>
          <Group gap="xs" align="flex-start">
            {kit.sel('current.tier', t('form.tier'), 240, 'tier', TIERS, t('form.noneOption'))}
            {kit.txt('current.monthlyBenefit', t('form.monthlyBenefit'), 140, { inputMode: 'decimal' })}
            {kit.txt('current.gradualExitSince', t('form.gradualExitSince'), 170, { placeholder: 'YYYY-MM' })}
          </Group>
        </Paper>
      )}
    </Stack>
  );
}

/** The intake form's first block: where the household lives and how. */
function IntakeHousehold({ kit, form, autoFocus }: { kit: FormKit; form: HouseholdFormApi; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const areas = useAreas();
  const area = form.values.area;
  const townships = [...new Set(areas.filter((a) => a.level === 'township').map((a) => a.name))];
  const townshipId = areas.find((a) => a.level === 'township' && a.name === area.township)?.id;
  const villages = [
    ...new Set(areas.filter((a) => a.level === 'village' && (!townshipId || a.parentId === townshipId)).map((a) => a.name)),
  ];
  const areaInput = (p: 'area.township' | 'area.village', label: string, data: string[]) => (
    <Autocomplete
      label={label}
      w={150}
      size="xs"
      data={data}
      {...form.getInputProps(p)}
      data-testid={kit.testid(p)}
      errorProps={{ 'data-testid': `err-${p}` }}
    />
  );
  return (
    <Paper withBorder p="xs">
      <Title order={5}>{t('form.household')}</Title>
      <Group gap="xs" align="flex-start">
        {kit.sel('residence', t('form.residence'), 110, 'residence', RESIDENCES, t('form.choose'), { autoFocus })}
        {areaInput('area.township', t('form.township'), townships)}
        {areaInput('area.village', t('form.village'), villages)}
        {kit.txt('address', t('form.address'), 230)}
        {kit.txt('externalId', t('form.externalId'), 120)}
        {kit.sel('housing.condition', t('form.housingCondition'), 100, 'housingCondition', HOUSING_CONDITIONS, null)}
        {kit.sel('housing.tenure', t('form.housingTenure'), 110, 'housingTenure', HOUSING_TENURES, null)}
        {kit.sel('flags.returnToPovertyMonitoring', t('form.monitoring'), 180, 'monitoring', MONITORING_FLAGS, t('form.noneOption'))}
      </Group>
    </Paper>
  );
}

/** The screener's first line: what the engine reads of the household itself. */
function CompactHousehold({ kit }: { kit: FormKit }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p={6}>
      <Group gap="xs" align="flex-start">
        {kit.sel('residence', t('form.residence'), 90, 'residence', RESIDENCES, t('form.choose'))}
        {kit.sel('housing.condition', t('form.housingCondition'), 90, 'housingCondition', HOUSING_CONDITIONS, null)}
        {kit.sel('housing.tenure', t('form.housingTenure'), 100, 'housingTenure', HOUSING_TENURES, null)}
        {kit.sel('current.tier', t('form.current'), 130, 'tier', TIERS, t('form.noneOption'))}
        {kit.txt('current.gradualExitSince', t('screening.exitSince'), 100, { placeholder: 'YYYY-MM' })}
      </Group>
    </Paper>
  );
}

function SupportersFields({ form, kit }: { form: HouseholdFormApi; kit: FormKit }) {
  const { t } = useTranslation();
  const { txt, sel, chk, w, removeBtn, itemId } = kit;
  const list = form.values.supportersOutside;
  return (
    <Paper withBorder p={kit.pad}>
      <Title order={kit.compact ? 6 : 5}>{t('form.supporters')}</Title>
      <Stack gap={4}>
        {list.map((s, i) => {
          const p = `supportersOutside.${i}`;
          return (
            <Group key={s.key} gap={kit.gap} align="flex-start" wrap="wrap" data-testid={itemId(`supporter-${i}`)}>
              {txt(`${p}.idNumber`, t('form.idNumber'), w(190, 172), {
                maxLength: 18,
                className: 'sn-mono',
                error: form.errors[`${p}.idNumber`] ?? (s.idNumber.trim().length >= 15 ? idProblem(s.idNumber) : null) ?? undefined,
              })}
              {txt(`${p}.name`, t('form.name'), w(110, 80))}
              {sel(`${p}.relation`, t('form.relation'), w(90, 80), 'supporterRelation', SUPPORTER_RELATIONS, t('form.choose'))}
              {txt(`${p}.age`, t('form.age'), w(60, 50), { inputMode: 'numeric' })}
              {txt(`${p}.annualIncome`, t('form.annualIncome'), w(120, 100), { inputMode: 'decimal' })}
              {sel(`${p}.tier`, t('form.supporterTier'), w(150, 110), 'tier', TIERS, t('form.noneOption'))}
              {sel(`${p}.status`, t('form.status'), w(130, 100), 'status', SUPPORTER_STATUSES, null)}
              {chk(`${p}.severeDisability`, t('form.severeDisability'))}
              {removeBtn(t('common.remove'), () => form.removeListItem('supportersOutside', i), `remove-supporter-${i}`)}
            </Group>
          );
        })}
        <Group>
          <Button
            size="compact-xs"
            variant="light"
            data-testid={itemId('add-supporter')}
            data-enter-stop
            onClick={() => {
              form.insertListItem('supportersOutside', emptySupporter());
              kit.focusPath(`supportersOutside.${list.length}.idNumber`);
            }}
          >
            + {t('form.addSupporter')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function AssetsFields({ form, kit }: { form: HouseholdFormApi; kit: FormKit }) {
  const { t } = useTranslation();
  const { txt, sel, chk, w, removeBtn, itemId } = kit;
  const a = form.values.assets;
  /** A line of one kind of asset: its label, its items, the button that adds one (and puts the cursor in it). */
  const line = (label: string, items: ReactNode, add: () => void, addLabel: string, testid: string) => (
    <Group gap={kit.gap} align="flex-start" mt={4}>
      <Text size="xs" fw={600} w={w(60, 50)} mt={24}>
        {label}
      </Text>
      {items}
      <Button size="compact-xs" variant="light" mt={22} data-testid={itemId(testid)} data-enter-stop onClick={add}>
        + {addLabel}
      </Button>
    </Group>
  );
  const add = (insert: () => void, focus: string) => {
    insert();
    kit.focusPath(focus);
  };
  return (
    <Paper withBorder p={kit.pad}>
      <Title order={kit.compact ? 6 : 5}>{t('form.assets')}</Title>
      <Group gap={kit.gap} align="flex-start">
        {txt('assets.financialAssets', t('form.financialAssets'), w(140, 120), { inputMode: 'decimal' })}
        {chk('assets.largeMachineryOrVessel', t('form.largeMachinery'))}
        {chk('assets.recentPurchase', t('form.recentPurchase'))}
      </Group>
      {line(
        t('form.vehicles'),
        a.vehicles.map((v, i) => (
          <Group key={v.key} gap={4} wrap="nowrap" align="flex-start">
            {sel(`assets.vehicles.${i}.kind`, t('form.vehicleKind'), w(170, 150), 'vehicle', VEHICLE_KINDS, t('form.choose'))}
            {removeBtn(t('common.remove'), () => form.removeListItem('assets.vehicles', i), `remove-vehicle-${i}`)}
          </Group>
        )),
        () => add(() => form.insertListItem('assets.vehicles', { key: randomId(), kind: '' }), `assets.vehicles.${a.vehicles.length}.kind`),
        t('form.addVehicle'),
        'add-vehicle',
      )}
      {line(
        t('form.homes'),
        a.homes.map((h, i) => (
          <Group key={h.key} gap={4} wrap="nowrap" align="flex-start">
            {txt(`assets.homes.${i}.floorArea`, t('form.floorArea'), w(120, 110), { inputMode: 'decimal' })}
            {chk(`assets.homes.${i}.resettlement`, t('form.resettlement'))}
            {removeBtn(t('common.remove'), () => form.removeListItem('assets.homes', i), `remove-home-${i}`)}
          </Group>
        )),
        () =>
          add(
            () => form.insertListItem('assets.homes', { key: randomId(), floorArea: '', resettlement: false }),
            `assets.homes.${a.homes.length}.floorArea`,
          ),
        t('form.addHome'),
        'add-home',
      )}
      {line(
        t('form.businesses'),
        a.businesses.map((b, i) => (
          <Group key={b.key} gap={4} wrap="nowrap" align="flex-start">
            {sel(`assets.businesses.${i}.role`, t('form.role'), w(150, 130), 'businessRole', BUSINESS_ROLES, t('form.choose'))}
            {chk(`assets.businesses.${i}.operating`, t('form.operating'))}
            {txt(`assets.businesses.${i}.employees`, t('form.employees'), w(80, 60), { inputMode: 'numeric' })}
            {removeBtn(t('common.remove'), () => form.removeListItem('assets.businesses', i), `remove-business-${i}`)}
          </Group>
        )),
        () =>
          add(
            () => form.insertListItem('assets.businesses', { key: randomId(), role: '', operating: true, employees: '0' }),
            `assets.businesses.${a.businesses.length}.role`,
          ),
        t('form.addBusiness'),
        'add-business',
      )}
    </Paper>
  );
}
