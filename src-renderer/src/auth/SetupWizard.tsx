/**
 * First start: the office, its first two accounts (the administrator, and the first manager who
 * confirms what the administrator asks — docs/security.md "Roles and the two-person rule"), the
 * demo county or an empty office, and the recovery sheet of the encrypted database
 * (./SetupWizardRecovery.tsx) — Enter moves on.
 */
import { useState } from 'react';
import { Button, Center, Group, NumberInput, Paper, PasswordInput, Radio, Stack, Stepper, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../api';
import { ErrorAlert } from '../lib/errors';
import { LangSwitch } from '../components/LangSwitch';
import { DEMO_PASSWORD } from '../../../src-main/contract/users';
import { SetupWizardRecovery, type RecoveryState } from './SetupWizardRecovery';

/** The fields of each step, as the service names them in its errors (`office.name`, `admin.username` …). */
/** The recovery sheet's step, the last one. */
const LAST = 3;

const STEPS = [
  ['office.name', 'office.county', 'office.regionCode'],
  [
    'admin.username',
    'admin.displayName',
    'admin.password',
    'admin.confirm',
    'manager.username',
    'manager.displayName',
    'manager.password',
    'manager.confirm',
  ],
] as const;

interface Account {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}

interface SetupValues {
  office: { name: string; county: string; regionCode: string };
  admin: Account;
  manager: Account;
  mode: 'demo' | 'empty';
  /** NumberInput's value: a number, or the text while it is being typed. */
  demoHouseholds: number | string;
}

export function SetupWizard({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [recovery, setRecovery] = useState<RecoveryState>({ done: false, encrypted: true });
  const required = (v: string) => (v.trim() ? null : t('setup.required'));
  // The password policy of the service (src-main/contract/users.ts newPassword), said at the field before any call.
  const account = (who: 'admin' | 'manager') => ({
    username: (v: string, _all?: SetupValues) => (/^[A-Za-z0-9_.-]{2,32}$/.test(v.trim()) ? null : t('setup.usernameInvalid')),
    displayName: required,
    password: (v: string) => (v.length < 8 || !/[A-Za-z]/.test(v) || !/\d/.test(v) ? t('setup.passwordShort') : null),
    confirm: (v: string, all: SetupValues) => (v !== all[who].password ? t('setup.mismatch') : null),
  });
  const form = useForm<SetupValues>({
    mode: 'controlled',
    initialValues: {
      office: { name: '', county: '', regionCode: '' },
      admin: { username: '', displayName: '', password: '', confirm: '' },
      manager: { username: '', displayName: '', password: '', confirm: '' },
      mode: 'demo',
      demoHouseholds: 2000,
    },
    validate: {
      office: {
        name: required,
        county: required,
        regionCode: (v) => (/^\d{6}$/.test(v.trim()) ? null : t('setup.regionInvalid')),
      },
      admin: account('admin'),
      manager: {
        ...account('manager'),
        username: (v, all) => account('manager').username(v, all) ?? (v.trim() === all.admin.username.trim() ? t('setup.sameUser') : null),
      },
    },
  });
  const v = form.values;

  /** Checks the fields of a step; every problem is shown at its field. */
  const stepValid = (s: 0 | 1) => STEPS[s].map((p) => form.validateField(p).hasError).every((bad) => !bad);

  async function finish() {
    setBusy(true);
    setError(null);
    try {
      // The confirmation is on record before the office is (docs/security.md "The recovery sheet").
      if (recovery.encrypted) await call('store.setupRecoveryKept', { username: v.admin.username.trim() });
      await call('setup.complete', {
        office: { name: v.office.name.trim(), county: v.office.county.trim(), regionCode: v.office.regionCode.trim() },
        admin: { username: v.admin.username.trim(), displayName: v.admin.displayName.trim(), password: v.admin.password },
        manager: { username: v.manager.username.trim(), displayName: v.manager.displayName.trim(), password: v.manager.password },
        demo: v.mode === 'demo',
        ...(v.mode === 'demo' ? { demoHouseholds: Number(v.demoHouseholds) || 2000 } : {}),
      });
      onDone();
    } catch (e) {
      setError(e);
      const field = e instanceof ApiError ? e.field : undefined;
      const at = STEPS.findIndex((fields) => fields.some((f) => f === field));
      if (field && at >= 0) {
        form.setFieldError(field, e instanceof ApiError ? e.message : '');
        setStep(at);
      }
    } finally {
      setBusy(false);
    }
  }
  const next = () => {
    if (step === 0 && stepValid(0)) setStep(1);
    else if (step === 1 && stepValid(1)) setStep(2);
    else if (step === 2) setStep(3);
  };
  const onEnter = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (step < LAST) next();
      else if (recovery.done) void finish();
    }
  };

  return (
    <Center mih="100vh" bg="gray.0" data-testid="setup-page">
      <Paper shadow="sm" p="xl" w={640} withBorder>
        <Group justify="space-between" mb="md">
          <Title order={2}>{t('setup.title')}</Title>
          <LangSwitch />
        </Group>
        <Stepper active={step} onStepClick={(s) => s < step && setStep(s)} size="sm">
          <Stepper.Step label={t('setup.stepOffice')}>
            <Stack onKeyDown={onEnter}>
              <TextInput
                label={t('setup.officeName')}
                data-testid="setup-office-name"
                {...form.getInputProps('office.name')}
                data-autofocus
                autoFocus
              />
              <TextInput label={t('setup.county')} data-testid="setup-county" {...form.getInputProps('office.county')} />
              <TextInput
                label={t('setup.regionCode')}
                description={t('setup.regionCodeHint')}
                data-testid="setup-region-code"
                maxLength={6}
                {...form.getInputProps('office.regionCode')}
              />
            </Stack>
          </Stepper.Step>
          <Stepper.Step label={t('setup.stepAdmin')}>
            <Stack onKeyDown={onEnter} gap="xs">
              <Text size="sm" fw={600}>
                {t('setup.adminTitle')}
              </Text>
              <Group grow align="flex-start">
                <TextInput label={t('setup.username')} data-testid="setup-username" autoFocus {...form.getInputProps('admin.username')} />
                <TextInput label={t('setup.displayName')} data-testid="setup-display-name" {...form.getInputProps('admin.displayName')} />
              </Group>
              <Group grow align="flex-start">
                <PasswordInput label={t('setup.password')} data-testid="setup-password" {...form.getInputProps('admin.password')} />
                <PasswordInput label={t('setup.confirm')} data-testid="setup-confirm" {...form.getInputProps('admin.confirm')} />
              </Group>
              <Text size="sm" fw={600} mt="xs">
                {t('setup.managerTitle')}
              </Text>
              <Group grow align="flex-start">
                <TextInput label={t('setup.username')} data-testid="setup-manager-username" {...form.getInputProps('manager.username')} />
                <TextInput
                  label={t('setup.displayName')}
                  data-testid="setup-manager-display-name"
                  {...form.getInputProps('manager.displayName')}
                />
              </Group>
              <Group grow align="flex-start">
                <PasswordInput
                  label={t('setup.password')}
                  data-testid="setup-manager-password"
                  {...form.getInputProps('manager.password')}
                />
                <PasswordInput label={t('setup.confirm')} data-testid="setup-manager-confirm" {...form.getInputProps('manager.confirm')} />
              </Group>
            </Stack>
          </Stepper.Step>
          <Stepper.Step label={t('setup.stepData')}>
            <Stack onKeyDown={onEnter}>
              <Radio.Group {...form.getInputProps('mode')}>
                <Stack>
                  <Radio
                    value="demo"
                    data-testid="setup-demo"
                    label={t('setup.demo')}
                    description={t('setup.demoHint', { p: DEMO_PASSWORD })}
                  />
                  <Radio value="empty" data-testid="setup-empty" label={t('setup.empty')} description={t('setup.emptyHint')} />
                </Stack>
              </Radio.Group>
              {v.mode === 'demo' && (
                <NumberInput
                  label={t('setup.demoHouseholds')}
                  data-testid="setup-demo-households"
                  min={10}
                  max={20000}
                  step={100}
                  allowDecimal={false}
                  {...form.getInputProps('demoHouseholds')}
                  w={220}
                />
              )}
            </Stack>
          </Stepper.Step>
          <Stepper.Step label={t('recovery.step')}>
            <div onKeyDown={onEnter}>
              <SetupWizardRecovery
                officeName={v.office.name.trim()}
                county={v.office.county.trim()}
                kept={recovery.done}
                onChange={setRecovery}
              />
            </div>
          </Stepper.Step>
        </Stepper>
        {error ? <ErrorAlert error={error} /> : null}
        <Group justify="space-between" mt="lg">
          <Button variant="default" disabled={step === 0 || busy} onClick={() => setStep(step - 1)}>
            {t('common.back')}
          </Button>
          {step < LAST ? (
            <Button onClick={next} data-testid="setup-next">
              {t('common.next')}
            </Button>
          ) : (
            <Button onClick={() => void finish()} loading={busy} disabled={!recovery.done} data-testid="setup-finish">
              {t('setup.finish')}
            </Button>
          )}
        </Group>
        {busy && (
          <Text size="sm" c="dimmed" mt="xs">
            {t('common.loading')}
          </Text>
        )}
      </Paper>
    </Center>
  );
}
