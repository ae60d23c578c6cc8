/**
 * A needs assessment (docs/rules/temporary-service-recovery.md §12.2): the seven areas scored 0,
 * 1 or 2 with a note, the date, the assessors — two for an assessment at home. Enter moves on,
 * Ctrl+S saves; Esc closes the dialog and what was typed stays for when it opens again.
 */
import { useState } from 'react';
import { Button, Checkbox, Grid, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { SERVICE_AREAS, type ServiceArea } from '../../../src-main/common/codes';
import { todayLocal } from '../components/files';
import { useAction } from '../lib/action';
import { ErrorAlert } from '../lib/errors';
import { fieldError, KeyForm } from './kit';

export interface Person {
  householdId: number;
  idNumber: string;
  name: string;
}

type Score = 0 | 1 | 2;
const blank = () =>
  Object.fromEntries(SERVICE_AREAS.map((a) => [a, { score: 0 as Score, note: '' }])) as Record<ServiceArea, { score: Score; note: string }>; // every area, 0 to start

export function AssessmentForm({
  person,
  opened,
  onClose,
  onSaved,
}: {
  person: Person | null;
  opened: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [assessedOn, setAssessedOn] = useState(todayLocal());
  const [atHome, setAtHome] = useState(true);
  const [assessors, setAssessors] = useState(['', '']);
  const [scores, setScores] = useState(blank);
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const names = assessors.map((a) => a.trim()).filter(Boolean);
  const short = atHome ? new Set(names).size < 2 : names.length < 1;
  async function save() {
    if (!person || short) return;
    const r = await run(() =>
      call('services.assess', {
        householdId: person.householdId,
        idNumber: person.idNumber,
        assessedOn,
        atHome,
        assessors: names,
        scores,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    );
    if (!r) return;
    notifications.show({ color: 'teal', message: t('services.assessed', { name: person.name }) });
    setScores(blank());
    setNote('');
    onSaved();
  }
  return (
    <Modal opened={opened} onClose={onClose} keepMounted size="lg" title={person ? t('services.assessTitle', { name: person.name }) : ''}>
      <KeyForm onSave={() => void save()} testid="sv-assess-form">
        <Stack gap={6}>
          <Group gap="xs" align="flex-end">
            <TextInput
              size="xs"
              w={130}
              label={t('services.assessedOn')}
              value={assessedOn}
              onChange={(e) => setAssessedOn(e.currentTarget.value)}
              error={fieldError(error, 'assessedOn')}
              data-testid="sv-a-date"
            />
            <Checkbox
              size="xs"
              mb={6}
              label={t('services.atHome')}
              checked={atHome}
              onChange={(e) => setAtHome(e.currentTarget.checked)}
              data-testid="sv-a-home"
            />
            {assessors.map((a, i) => (
              <TextInput
                key={i}
                size="xs"
                w={120}
                label={t('services.assessor', { n: i + 1 })}
                value={a}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setAssessors((xs) => xs.map((x, j) => (j === i ? v : x)));
                }}
                data-testid={`sv-a-assessor-${i}`}
              />
            ))}
          </Group>
          <Text size="xs" c={short ? 'red' : 'dimmed'} data-testid="sv-a-assessors-hint">
            {fieldError(error, 'assessors') ?? (atHome ? t('services.twoAtHome') : t('services.oneAssessor'))}
          </Text>
          <Grid gap={4}>
            {SERVICE_AREAS.map((a) => (
              <Grid.Col span={12} key={a}>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" w={90}>
                    {t(`services.area.${a}`)}
                  </Text>
                  <SegmentedControl
                    size="xs"
                    value={String(scores[a].score)}
                    onChange={(v) => setScores((s) => ({ ...s, [a]: { ...s[a], score: v === '2' ? 2 : v === '1' ? 1 : 0 } }))}
                    data={[
                      { value: '0', label: t('services.score0') },
                      { value: '1', label: t('services.score1') },
                      { value: '2', label: t('services.score2') },
                    ]}
                    data-testid={`sv-a-score-${a}`}
                  />
                  <TextInput
                    size="xs"
                    style={{ flex: 1 }}
                    placeholder={t('services.areaNote')}
                    value={scores[a].note}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setScores((s) => ({ ...s, [a]: { ...s[a], note: v } }));
                    }}
                    data-testid={`sv-a-note-${a}`}
                  />
                </Group>
              </Grid.Col>
            ))}
          </Grid>
          <TextInput
            size="xs"
            label={t('services.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-testid="sv-a-remark"
          />
          <ErrorAlert error={error} />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {t('services.keys')}
            </Text>
            <Button size="xs" onClick={() => void save()} loading={busy} disabled={!person || short} data-testid="sv-a-save">
              {t('services.save')}
            </Button>
          </Group>
        </Stack>
      </KeyForm>
    </Modal>
  );
}
