/** One member of the household form: who they are (the ID number typed first fills sex and birth date), their situation, their incomes. */
import { Button, Group, Paper, Text, TextInput, type NativeSelectProps } from '@mantine/core';
import { randomId } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import {
  DISABILITY_KINDS,
  ILLNESSES,
  INCOME_TYPES,
  LABOURS,
  MEMBER_STATUSES,
  RELATIONS,
  SCHOOLINGS,
  SUPPORT_MODES,
} from '../../../src-main/common/household-file';
import { parseIdNumber } from '../../../src-main/common/id-number';
import { todayIso } from '../../../src-main/common/dates';
import { enumLabel } from '../lib/format';
import type { FormKit, HouseholdFormApi } from './form-kit';
import { derivedLabour, idProblem, type MemberForm } from './household-form';

const GRADES = ['1', '2', '3', '4'] as const;

export function MemberFields({ form, kit, member: m, i }: { form: HouseholdFormApi; kit: FormKit; member: MemberForm; i: number }) {
  const { t } = useTranslation();
  const { txt, sel, w, gap, removeBtn, itemId } = kit;
  const choose = t('form.choose'),
    none = t('form.noneOption');
  const p = `members.${i}`;
  const parsed = parseIdNumber(m.idNumber, todayIso());
  // While typing: the ID check's message as soon as the number is long enough to judge.
  const live = m.idNumber.trim().length >= 15 ? idProblem(m.idNumber) : null;
  const many = form.values.members.length > 1;
  // Under 16 by the ID number: labour is certainly `none` (shown, not editable); else the clerk chooses.
  const labourByAge = derivedLabour(m.idNumber.trim());
  const addIncome = () => {
    form.insertListItem(`${p}.monthlyIncome`, { key: randomId(), type: 'wage', amount: '' });
    kit.focusPath(`${p}.monthlyIncome.${m.monthlyIncome.length}.type`);
  };
  return (
    <Paper withBorder p={w(6, 4)} bg={i % 2 ? 'gray.0' : undefined} data-testid={itemId(`member-${i}`)}>
      <Group gap={gap} align="flex-start" wrap="wrap">
        {!kit.compact && (
          <Text size="xs" fw={700} w={50} mt={24}>
            {t('form.member', { n: i + 1 })}
          </Text>
        )}
        {txt(`${p}.idNumber`, t('form.idNumber'), w(190, 172), {
          error: form.errors[`${p}.idNumber`] ?? live ?? undefined,
          maxLength: 18,
          className: 'sn-mono',
          autoComplete: 'off',
        })}
        <TextInput
          label={t('form.sex')}
          w={w(56, 48)}
          size="xs"
          readOnly
          tabIndex={-1}
          variant="filled"
          value={parsed.ok ? enumLabel('sex', parsed.value.sex) : ''}
          data-testid={`${p}.sex`}
        />
        <TextInput
          label={t('form.birthDate')}
          w={w(96, 90)}
          size="xs"
          readOnly
          tabIndex={-1}
          variant="filled"
          value={parsed.ok ? parsed.value.birthDate : ''}
          data-testid={`${p}.birthDate`}
        />
        {txt(`${p}.name`, t('form.name'), w(110, 84))}
        {sel(`${p}.relation`, t('form.relation'), w(110, 96), 'relation', RELATIONS, choose)}
        {sel(`${p}.status`, t('form.status'), w(130, 110), 'status', MEMBER_STATUSES, null)}
        {labourByAge
          ? sel(`${p}.labour`, kit.compact ? t('form.labour') : t('form.labourByAge'), w(140, 100), 'labour', LABOURS, null, {
              value: labourByAge,
              disabled: true,
              title: t('form.labourByAgeHint'),
              'data-derived': 'age',
            } as Partial<NativeSelectProps>)
          : sel(`${p}.labour`, t('form.labour'), w(140, 100), 'labour', LABOURS, choose)}
        {sel(`${p}.schooling`, t('form.schooling'), w(100, 76), 'schooling', SCHOOLINGS, none)}
        {many && removeBtn(t('form.removeMember'), () => form.removeListItem('members', i), `remove-member-${i}`)}
      </Group>
      <Group gap={gap} align="flex-start" wrap="wrap" pl={kit.compact ? undefined : 58}>
        {sel(`${p}.disability.kind`, t('form.disabilityKind'), w(100, 76), 'disability', DISABILITY_KINDS, none)}
        {sel(`${p}.disability.grade`, t('form.disabilityGrade'), w(70, 58), 'grade', GRADES, none)}
        {sel(`${p}.illness`, t('form.illness'), w(120, 86), 'illness', ILLNESSES, none)}
        {txt(`${p}.selfCareUnmanaged`, t('form.selfCare'), w(170, 120), { inputMode: 'numeric' })}
        {sel(`${p}.supportMode`, t('form.supportMode'), w(130, 84), 'supportMode', SUPPORT_MODES, none)}
        {txt(`${p}.authorisedOn`, t('form.authorisedOn'), w(140, 110), { placeholder: 'YYYY-MM-DD' })}
      </Group>
      <Group gap={gap} align="flex-start" wrap="wrap" pl={kit.compact ? undefined : 58}>
        {m.monthlyIncome.map((inc, j) => (
          <Group key={inc.key} gap={w(4, 2)} align="flex-start" wrap="nowrap">
            {sel(`${p}.monthlyIncome.${j}.type`, t('form.incomeType'), w(190, 150), 'income', INCOME_TYPES, choose)}
            {txt(`${p}.monthlyIncome.${j}.amount`, t('form.amount'), w(100, 86), { inputMode: 'decimal' })}
            {removeBtn(t('common.remove'), () => form.removeListItem(`${p}.monthlyIncome`, j), `remove-income-${i}-${j}`)}
          </Group>
        ))}
        <Button
          size="compact-xs"
          variant="light"
          mt={m.monthlyIncome.length ? 22 : 4}
          data-testid={itemId(`add-income-${i}`)}
          data-enter-stop
          onClick={addIncome}
        >
          + {t('form.addIncome')}
        </Button>
      </Group>
    </Paper>
  );
}
