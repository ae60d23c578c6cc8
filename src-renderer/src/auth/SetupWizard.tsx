import { useState } from 'react';
import { Button, Center, Group, NumberInput, Paper, PasswordInput, Radio, Stack, Stepper, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../api';
import { ErrorAlert } from '../lib/errors';
import { LangSwitch } from '../components/LangSwitch';

export function SetupWizard({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [office, setOffice] = useState({ name: '', county: '', regionCode: '' });
  const [admin, setAdmin] = useState({ username: '', displayName: '', password: '', confirm: '' });
  const [mode, setMode] = useState<'demo' | 'empty'>('demo');
  const [demoHouseholds, setDemoHouseholds] = useState<number | string>(2000);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  function checkOffice() {
    const e: Record<string, string> = {};
    if (!office.name.trim()) e.name = t('setup.required');
    if (!office.county.trim()) e.county = t('setup.required');
    if (!/^\d{6}$/.test(office.regionCode.trim())) e.regionCode = t('setup.regionInvalid');
    setErrors(e);
    return Object.keys(e).length === 0;
  }
  function checkAdmin() {
    const e: Record<string, string> = {};
    if (!/^[A-Za-z0-9_.-]{2,32}$/.test(admin.username.trim())) e.username = t('setup.usernameInvalid');
    if (!admin.displayName.trim()) e.displayName = t('setup.required');
    if (admin.password.length < 4) e.password = t('setup.passwordShort');
    if (admin.confirm !== admin.password) e.confirm = t('setup.mismatch');
    setErrors(e);
    return Object.keys(e).length === 0;
  }
  async function finish() {
    setBusy(true);
    setError(null);
    try {
      await call('setup.complete', {
        office: { name: office.name.trim(), county: office.county.trim(), regionCode: office.regionCode.trim() },
        admin: { username: admin.username.trim(), displayName: admin.displayName.trim(), password: admin.password },
        demo: mode === 'demo',
        ...(mode === 'demo' ? { demoHouseholds: Number(demoHouseholds) || 2000 } : {}),
      });
      onDone();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.field) {
        const f = e.field.split('.').pop()!;
        setErrors({ [f]: e.message });
        if (['username', 'displayName', 'password'].includes(f)) setStep(1);
        if (['name', 'county', 'regionCode'].includes(f)) setStep(0);
      }
    } finally {
      setBusy(false);
    }
  }
  const next = () => {
    if (step === 0 && checkOffice()) setStep(1);
    else if (step === 1 && checkAdmin()) setStep(2);
  };
  const onEnter = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      if (step < 2) next();
      else void finish();
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
                value={office.name}
                error={errors.name}
                onChange={(e) => setOffice({ ...office, name: e.currentTarget.value })}
                data-autofocus
                autoFocus
              />
              <TextInput
                label={t('setup.county')}
                data-testid="setup-county"
                value={office.county}
                error={errors.county}
                onChange={(e) => setOffice({ ...office, county: e.currentTarget.value })}
              />
              <TextInput
                label={t('setup.regionCode')}
                description={t('setup.regionCodeHint')}
                data-testid="setup-region-code"
                value={office.regionCode}
                maxLength={6}
                error={errors.regionCode}
                onChange={(e) => setOffice({ ...office, regionCode: e.currentTarget.value })}
              />
            </Stack>
          </Stepper.Step>
          <Stepper.Step label={t('setup.stepAdmin')}>
            <Stack onKeyDown={onEnter}>
              <TextInput
                label={t('setup.username')}
                data-testid="setup-username"
                autoFocus
                value={admin.username}
                error={errors.username}
                onChange={(e) => setAdmin({ ...admin, username: e.currentTarget.value })}
              />
              <TextInput
                label={t('setup.displayName')}
                data-testid="setup-display-name"
                value={admin.displayName}
                error={errors.displayName}
                onChange={(e) => setAdmin({ ...admin, displayName: e.currentTarget.value })}
              />
              <PasswordInput
                label={t('setup.password')}
                data-testid="setup-password"
                value={admin.password}
                error={errors.password}
                onChange={(e) => setAdmin({ ...admin, password: e.currentTarget.value })}
              />
              <PasswordInput
                label={t('setup.confirm')}
                data-testid="setup-confirm"
                value={admin.confirm}
                error={errors.confirm}
                onChange={(e) => setAdmin({ ...admin, confirm: e.currentTarget.value })}
              />
            </Stack>
          </Stepper.Step>
          <Stepper.Step label={t('setup.stepData')}>
            <Stack>
              <Radio.Group value={mode} onChange={(v) => setMode(v as 'demo' | 'empty')}>
                <Stack>
                  <Radio value="demo" data-testid="setup-demo" label={t('setup.demo')} description={t('setup.demoHint')} />
                  <Radio value="empty" data-testid="setup-empty" label={t('setup.empty')} description={t('setup.emptyHint')} />
                </Stack>
              </Radio.Group>
              {mode === 'demo' && (
                <NumberInput
                  label={t('setup.demoHouseholds')}
                  data-testid="setup-demo-households"
                  min={10}
                  max={20000}
                  step={100}
                  allowDecimal={false}
                  value={demoHouseholds}
                  onChange={setDemoHouseholds}
                  w={220}
                />
              )}
            </Stack>
          </Stepper.Step>
        </Stepper>
        {error ? <ErrorAlert error={error} /> : null}
        <Group justify="space-between" mt="lg">
          <Button variant="default" disabled={step === 0 || busy} onClick={() => setStep(step - 1)}>
            {t('common.back')}
          </Button>
          {step < 2 ? (
            <Button onClick={next} data-testid="setup-next">
              {t('common.next')}
            </Button>
          ) : (
            <Button onClick={() => void finish()} loading={busy} data-testid="setup-finish">
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
