/**
 * Settings › Backup: how the database is protected (docs/security.md) — encrypted or not, where
 * this computer keeps its key (and a notice when the OS offers no protection for it), the key's
 * fingerprint as printed on the recovery sheet, and printing the sheet again (audited).
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { ErrorAlert } from '../lib/errors';
import { downloadBase64 } from '../lib/files';

type StoreStatus = Output<'store.status'>;

export function EncryptionCard() {
  const { t } = useTranslation();
  const [st, setSt] = useState<StoreStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call('store.status', {})
      .then((s) => live && setSt(s))
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, []);

  async function printSheet() {
    setBusy(true);
    setError(null);
    try {
      const r = await call('store.recoverySheet', { format: 'pdf' });
      downloadBase64(r.fileName, r.base64 ?? '', r.mime);
      setSaved(r.fileName);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const kept = st?.keyKept === 'os' ? 'recovery.keptOs' : st?.keyKept === 'file' ? 'recovery.keptFile' : 'recovery.keptEnvironment';
  return (
    <Paper withBorder p="sm" data-testid="backup-encryption">
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {t('recovery.title')}
        </Text>
        {st && (
          <>
            <Text size="sm" data-testid="encryption-state">
              {st.encrypted ? t('recovery.encrypted') : t('recovery.plaintext')}
            </Text>
            {st.keyKept && (
              <Text size="xs" c="dimmed" className="sn-mono" style={{ wordBreak: 'break-all' }} data-testid="encryption-where">
                {t(kept, { w: st.where ?? '' })}
              </Text>
            )}
            {st.fingerprint && (
              <Text size="xs" data-testid="encryption-fingerprint">
                {t('recovery.fingerprint', { f: st.fingerprint })}
              </Text>
            )}
            {st.notice && (
              <Alert color="orange" data-testid="encryption-notice">
                {st.notice}
              </Alert>
            )}
            {st.encrypted && (
              <Group justify="space-between" mt={4}>
                <Text size="xs" c="dimmed">
                  {t('recovery.printAgainHint')}
                </Text>
                <Button size="xs" variant="light" loading={busy} onClick={() => void printSheet()} data-testid="encryption-print">
                  {t('recovery.printAgain')}
                </Button>
              </Group>
            )}
            {saved && (
              <Text size="xs" c="teal">
                {t('recovery.saved', { f: saved })}
              </Text>
            )}
          </>
        )}
        <ErrorAlert error={error} />
      </Stack>
    </Paper>
  );
}
