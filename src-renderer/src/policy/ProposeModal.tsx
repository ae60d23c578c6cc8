/**
 * Proposing a saved household's determination, with a note for the manager who will decide it.
 * The dialog restates what is proposed — tier, monthly amount, from which month — against what
 * is in force, so the clerk confirms the thing itself, not a button.
 */
import { useState } from 'react';
import { Button, Group, Modal, Paper, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { ErrorAlert } from '../lib/errors';
import { enumLabel, moneyYuan } from '../lib/format';
import { monthText, nextMonth } from '../lib/policy';

/** What the proposal would change: the household's tier and monthly cash (yuan), now and proposed. */
export interface ProposalSummary {
  tier: string;
  monthlyBenefit: number;
  currentTier: string | null;
  currentBenefit: number | null;
}

export function ProposeModal({
  opened,
  onClose,
  householdId,
  referenceDate,
  summary,
  onDone,
}: {
  opened: boolean;
  onClose: () => void;
  householdId: number;
  referenceDate: string;
  summary: ProposalSummary | null;
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
        {summary && (
          <Paper withBorder p="xs" bg="gray.0" data-testid="propose-summary">
            <Text fw={600} data-testid="propose-what">
              {t('screening.proposeWhat', { tier: enumLabel('tier', summary.tier), benefit: moneyYuan(summary.monthlyBenefit) })}
            </Text>
            <Text size="sm" c="dimmed" data-testid="propose-current">
              {summary.currentTier
                ? t('screening.proposeCurrent', {
                    tier: enumLabel('tier', summary.currentTier),
                    benefit: moneyYuan(summary.currentBenefit ?? 0),
                  })
                : t('screening.proposeNoCurrent')}
            </Text>
            <Text size="sm" data-testid="propose-from">
              {t('screening.proposeFrom', { month: monthText(nextMonth()), date: referenceDate })}
            </Text>
          </Paper>
        )}
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
