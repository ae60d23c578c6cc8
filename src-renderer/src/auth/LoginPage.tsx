import { useState } from 'react';
import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../api';
import type { Office, User } from '../../../src-main/contract/index';
import { LangSwitch } from '../components/LangSwitch';
import { errorText } from '../lib/errors';

export function LoginPage({
  office,
  demoPassword,
  justSetUp,
  notice,
  onLogin,
}: {
  office: Office | null;
  demoPassword: string | null;
  justSetUp: boolean;
  /** Why the user is back here (a session ended by the service). */
  notice?: string | null;
  onLogin: (session: string, user: User, mustChangePassword: boolean) => void;
}) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ field?: string; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await call('auth.login', { username, password });
      onLogin(r.session, r.user, r.mustChangePassword);
    } catch (err) {
      setError({ field: err instanceof ApiError ? err.field : undefined, message: errorText(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" bg="gray.0" data-testid="login-page">
      <Paper shadow="sm" p="xl" w={440} withBorder>
        <Group justify="space-between" mb="xs">
          <Title order={2}>{t('login.title')}</Title>
          <LangSwitch />
        </Group>
        {office && (
          <Text c="dimmed" mb="md" data-testid="login-office">
            {t('login.office', { name: office.name, county: office.county })}
          </Text>
        )}
        {office?.isDemo && (
          <Alert color="orange" mb="md" title={t('app.demoData')} data-testid="demo-notice">
            {t('login.demoNotice', { p: demoPassword ?? '' })}
          </Alert>
        )}
        {notice && (
          <Alert color="yellow" mb="md" data-testid="login-notice">
            {notice}
          </Alert>
        )}
        {justSetUp && (
          <Alert color="teal" mb="md" data-testid="setup-done">
            {t('setup.done')}
          </Alert>
        )}
        <form onSubmit={submit}>
          <Stack>
            <TextInput
              label={t('login.username')}
              data-testid="login-username"
              autoFocus
              autoComplete="username"
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              error={error && error.field !== 'password' && error.field ? error.message : undefined}
            />
            <PasswordInput
              label={t('login.password')}
              data-testid="login-password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={error && (error.field === 'password' || !error.field) ? error.message : undefined}
            />
            <Button type="submit" loading={busy} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
