/**
 * "This database needs its recovery key" (docs/security.md "A database on another computer"):
 * shown when the service answers that the store's key is missing or wrong. The key typed from
 * the recovery sheet opens the database; the service keeps it on this computer. A wrong key is
 * refused next to the field and changes nothing.
 */
import { useState } from 'react';
import { Button, Center, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../api';
import { ErrorAlert } from '../lib/errors';
import { LangSwitch } from '../components/LangSwitch';

export function RecoveryKeyPage({ reason, onUnlocked }: { reason: unknown; onUnlocked: () => void }) {
  const { t } = useTranslation();
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function submit() {
    if (!key.trim()) return;
    setBusy(true);
    setFieldError(null);
    setError(null);
    try {
      await call('store.unlock', { recoveryKey: key });
      onUnlocked();
    } catch (e) {
      if (e instanceof ApiError && e.field === 'recoveryKey') setFieldError(e.message);
      else setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" bg="gray.0" data-testid="recovery-key-page">
      <Paper shadow="sm" p="xl" w={640} withBorder>
        <Group justify="space-between" mb="md">
          <Title order={2}>{t('recovery.unlockTitle')}</Title>
          <LangSwitch />
        </Group>
        <Stack gap="sm">
          <Text size="sm">{t('recovery.unlockBody')}</Text>
          <ErrorAlert error={reason} />
          <TextInput
            label={t('recovery.unlockKey')}
            placeholder="XXXXXX-XXXXXX-XXXXXX-XXXXXX-XXXXXX-XXXXXX"
            value={key}
            onChange={(e) => setKey(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void submit();
            }}
            error={fieldError}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            styles={{ input: { fontFamily: 'monospace', letterSpacing: '0.08em' } }}
            data-testid="recovery-key-input"
          />
          <Text size="xs" c="dimmed">
            {t('recovery.unlockHint')}
          </Text>
          <ErrorAlert error={error} />
          <Group justify="flex-end">
            <Button onClick={() => void submit()} loading={busy} disabled={!key.trim()} data-testid="recovery-key-submit">
              {t('recovery.unlockSubmit')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}
