/** Proposing a saved household's determination, with a note for the manager who will decide it. */
import { useState } from 'react';
import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { ErrorAlert } from '../lib/errors';

export function ProposeModal({
  opened,
  onClose,
  householdId,
  referenceDate,
  onDone,
}: {
  opened: boolean;
  onClose: () => void;
  householdId: number;
  referenceDate: string;
  onDone: (id: number) => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const r = await call('determinations.propose', {
        householdId,
        referenceDate,
        source: 'screening',
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      notifications.show({ color: 'teal', message: t('screening.proposed', { id: r.id }) });
      setNote('');
      onDone(r.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal opened={opened} onClose={onClose} title={t('screening.proposeTitle')}>
      <Stack>
        <Textarea
          label={t('screening.note')}
          value={note}
          maxLength={500}
          autosize
          minRows={2}
          onChange={(e) => setNote(e.currentTarget.value)}
          data-testid="propose-note"
          data-autofocus
        />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={busy} onClick={() => void submit()} data-testid="propose-submit">
            {t('screening.propose')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
