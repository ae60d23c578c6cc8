/**
 * One's own password: forced at the first login with an initial or demo password (a page of its
 * own, nothing else open), or asked for from the header (a dialog; Esc closes it). Enter moves on;
 * each problem is shown at its field (docs/security.md "Sign-in").
 */
import { useState } from 'react';
import { Alert, Button, Center, Group, Modal, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../api';
import type { User } from '../../../src-main/contract';
import { errorText } from '../lib/errors';
import { LangSwitch } from '../components/LangSwitch';

/** The policy as the service applies it (src-main/contract/users.ts newPassword), said before the call. */
export function passwordRule(v: string, username: string): 'short' | 'mix' | 'username' | null {
  if (v.length < 8) return 'short';
  if (!/[A-Za-z]/.test(v) || !/\d/.test(v)) return 'mix';
  if (username && v.toLowerCase().includes(username.toLowerCase())) return 'username';
  return null;
}

const FIELDS = ['current', 'next', 'confirm'] as const;
const isField = (f: string | undefined): f is (typeof FIELDS)[number] => FIELDS.some((x) => x === f);

function PasswordForm({ user, onDone, onCancel }: { user: User; onDone: () => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { current: '', next: '', confirm: '' },
    validate: {
      current: (v) => (v ? null : t('password.required')),
      next: (v, all) => {
        const p = passwordRule(v, user.username);
        if (p) return t(`password.rule.${p}`);
        return v === all.current ? t('password.same') : null;
      },
      confirm: (v, all) => (v === all.next ? null : t('password.mismatch')),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      await call('auth.changePassword', { current: v.current, next: v.next });
      notifications.show({ color: 'teal', message: t('password.changed') });
      form.reset();
      onDone();
    } catch (e) {
      const field = e instanceof ApiError ? e.field : undefined;
      if (isField(field)) form.setFieldError(field, errorText(e));
      else setError(errorText(e));
    } finally {
      setBusy(false);
    }
  });
  // Enter moves to the next field; on the last one it submits.
  const onEnter = (i: number) => (e: React.KeyboardEvent) => {
    if (e.key !== 'Enter' || i === FIELDS.length - 1) return;
    e.preventDefault();
    document.querySelector<HTMLInputElement>(`[data-testid="pw-${FIELDS[i + 1]}"]`)?.focus();
  };
  return (
    <form onSubmit={submit}>
      <Stack>
        {FIELDS.map((f, i) => (
          <PasswordInput
            key={f}
            label={t(`password.${f}`)}
            description={f === 'next' ? t('password.policy') : undefined}
            autoComplete={f === 'current' ? 'current-password' : 'new-password'}
            data-autofocus={i === 0 || undefined}
            onKeyDown={onEnter(i)}
            {...form.getInputProps(f)}
            data-testid={`pw-${f}`}
          />
        ))}
        {error && (
          <Alert color="red" data-testid="pw-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={busy} data-testid="pw-submit">
            {t('password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The page shown instead of the app until an initial or demo password is changed. */
export function ForcedPasswordChange({ user, onDone, onLogout }: { user: User; onDone: () => void; onLogout: () => void }) {
  const { t } = useTranslation();
  return (
    <Center mih="100vh" bg="gray.0" data-testid="forced-password-change">
      <Paper shadow="sm" p="xl" w={460} withBorder>
        <Group justify="space-between" mb="xs">
          <Title order={3}>{t('password.forcedTitle')}</Title>
          <LangSwitch />
        </Group>
        <Text size="sm" mb="md">
          {t('password.forcedBody', { name: user.displayName })}
        </Text>
        <PasswordForm user={user} onDone={onDone} />
        <Button variant="subtle" size="xs" mt="sm" onClick={onLogout}>
          {t('login.logout')}
        </Button>
      </Paper>
    </Center>
  );
}

/** The header's dialog; Esc closes it. */
export function ChangePasswordDialog({ user, opened, onClose }: { user: User; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('password.title')} data-testid="change-password-dialog">
      <PasswordForm user={user} onDone={onClose} onCancel={onClose} />
    </Modal>
  );
}
