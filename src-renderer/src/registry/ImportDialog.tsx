/** Imports a household file (format 1) as a new household; the file's problems name their field. */
import { useState } from 'react';
import { Button, FileInput, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../api';
import { ErrorAlert, errorText } from '../lib/errors';
import { navigate } from '../lib/router';

export function ImportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  async function run() {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const text = await file.text();
      const r = await call('households.importFile', { text });
      onClose();
      navigate(`/households/${r.id}`);
    } catch (e) {
      setError({ message: errorText(e), field: e instanceof ApiError ? e.field : undefined });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened={opened} onClose={onClose} title={t('households.importTitle')} size="lg">
      <Stack>
        <FileInput
          label={t('households.importPick')}
          accept=".json,application/json"
          value={file}
          onChange={setFile}
          data-testid="import-file"
          clearable
        />
        {error && <ErrorAlert error={new ApiError('import', error.field ? `${error.message}` : error.message, error.field)} />}
        {error?.field && (
          <Text size="sm" data-testid="import-error-field">
            {error.field}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void run()} loading={busy} disabled={!file} data-testid="import-run">
            {t('households.import')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
