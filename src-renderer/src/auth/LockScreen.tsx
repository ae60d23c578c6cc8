import { useState } from 'react';
import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { User } from '../../../src-main/contract/index';
import { errorText } from '../lib/errors';

/** Shown over the page (which stays mounted, so nothing typed is lost) until auth.unlock succeeds. */
export function LockScreen({
  minutes,
  user,
  onUnlocked,
  onLogout,
}: {
  minutes: number;
  user?: User;
  onUnlocked: () => void;
  onLogout: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function unlock(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await call('auth.unlock', { password });
      setPassword('');
      setError(null);
      onUnlocked();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      opened
      onClose={() => {}}
      withCloseButton={false}
      closeOnEscape={false}
      closeOnClickOutside={false}
      centered
      title={t('lock.title')}
      overlayProps={{ backgroundOpacity: 0.85, blur: 6 }}
      data-testid="lock-screen"
      zIndex={1000}
    >
      <form onSubmit={unlock}>
        <Stack>
          <Text size="sm">{t('lock.body', { m: minutes })}</Text>
          {user && (
            <Text fw={600}>
              {user.displayName} ({user.username})
            </Text>
          )}
          <PasswordInput
            label={t('login.password')}
            data-testid="unlock-password"
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={error}
          />
          <Group justify="space-between">
            <Button variant="subtle" onClick={onLogout}>
              {t('lock.other')}
            </Button>
            <Button type="submit" loading={busy} data-testid="unlock-submit">
              {t('lock.unlock')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
