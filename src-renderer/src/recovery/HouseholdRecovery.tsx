/**
 * The household page's recovery tab (docs/rules/temporary-service-recovery.md §13): facts with a
 * past date — a death from the public-security file, income or assets found later, a member who
 * moved away — each with the months already paid after it; a determination proposed with a fact
 * (asked once, saying what happens); the cases opened, their balance on the household.
 */
import { useState } from 'react';
import { Alert, Button, Group, Modal, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { RECOVERY_FACT_KINDS, isCode, type RecoveryFactKind } from '../../../src-main/common/codes';
import { todayLocal } from '../components/files';
import { useAction } from '../lib/action';
import { ErrorAlert } from '../lib/errors';
import { money } from '../lib/format';
import { navigate } from '../lib/router';
import { useSession } from '../session';
import { fieldError, KeyForm, useLoad } from '../services/kit';
import { CaseCard } from './CaseCard';

type Fact = Output<'recovery.household'>['facts'][number];

export function HouseholdRecovery({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const staff = user.role === 'clerk' || user.role === 'manager';
  const data = useLoad(() => (staff ? call('recovery.household', { householdId }) : Promise.resolve(null)), [householdId, staff]);
  const members = useLoad(() => call('households.get', { id: householdId }), [householdId]);
  const [proposing, setProposing] = useState<Fact | null>(null);
  const [recording, setRecording] = useState(false);
  if (!staff) return <Alert color="gray">{t('overpaid.notForAdmin')}</Alert>;
  const v = data.value;
  return (
    <Stack gap="sm" data-testid="household-recovery">
      <ErrorAlert error={data.error} />
      <Paper withBorder p="xs">
        <Group justify="space-between">
          <Text fw={600} data-testid="rc-balance" data-fen={v?.balanceFen ?? 0}>
            {t('overpaid.householdBalance', { amount: money(v?.balanceFen ?? 0) })}
          </Text>
          <Group gap="xs">
            <Button size="xs" variant="default" onClick={() => setRecording(true)} data-testid="rc-fact-new">
              {t('overpaid.recordFact')}
            </Button>
            <Button size="xs" variant="subtle" onClick={() => navigate('/recovery')}>
              {t('overpaid.countyLedger')}
            </Button>
          </Group>
        </Group>
      </Paper>
      <Paper withBorder p="xs">
        <Title order={5} mb={4}>
          {t('overpaid.facts')}
        </Title>
        <Table fz="xs" striped data-testid="rc-facts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('overpaid.factDate')}</Table.Th>
              <Table.Th>{t('overpaid.fact')}</Table.Th>
              <Table.Th>{t('overpaid.evidence')}</Table.Th>
              <Table.Th>{t('overpaid.paidAfter')}</Table.Th>
              <Table.Th>{t('overpaid.state')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(v?.facts ?? []).map((f) => (
              <Table.Tr key={f.id} data-testid="rc-fact" data-id={f.id} data-kind={f.kind}>
                <Table.Td>{f.factDate}</Table.Td>
                <Table.Td>
                  {t(`overpaid.kind.${f.kind}`)} {f.personName ?? ''}
                </Table.Td>
                <Table.Td style={{ maxWidth: 300 }}>
                  <Text size="xs" truncate>
                    {f.evidence}
                  </Text>
                </Table.Td>
                <Table.Td>{f.paidMonthsAfter.join('、') || '—'}</Table.Td>
                <Table.Td>
                  {f.caseId
                    ? t('overpaid.caseOpened')
                    : f.determinationIds.length
                      ? t('overpaid.proposed', { id: f.determinationIds.at(-1) })
                      : t('overpaid.waiting')}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    disabled={f.caseId !== null}
                    onClick={() => setProposing(f)}
                    data-testid={`rc-fact-propose-${f.id}`}
                  >
                    {t('overpaid.propose')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {v && v.facts.length === 0 && (
          <Text size="xs" c="dimmed">
            {t('overpaid.noFacts')}
          </Text>
        )}
      </Paper>
      {(v?.cases ?? []).map((c) => (
        <CaseCard key={c.id} c={c} onChanged={data.reload} />
      ))}
      <ProposeConfirm householdId={householdId} fact={proposing} onClose={() => setProposing(null)} onDone={data.reload} />
      <FactForm
        householdId={householdId}
        opened={recording}
        members={(members.value?.household.members ?? []).map((m) => ({ idNumber: m.idNumber, name: m.name }))}
        onClose={() => setRecording(false)}
        onSaved={() => {
          setRecording(false);
          data.reload();
        }}
      />
    </Stack>
  );
}

function ProposeConfirm({
  householdId,
  fact,
  onClose,
  onDone,
}: {
  householdId: number;
  fact: Fact | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { busy, error, run } = useAction();
  async function go() {
    if (!fact) return;
    const note = `${t(`overpaid.kind.${fact.kind}`)} ${fact.factDate} ${fact.personName ?? ''}`.trim();
    const r = await run(() => call('determinations.propose', { householdId, factId: fact.id, note }));
    if (!r) return;
    notifications.show({ color: 'teal', message: t('overpaid.proposalMade', { id: r.id }) });
    onClose();
    onDone();
  }
  return (
    <Modal opened={fact !== null} onClose={onClose} title={t('overpaid.proposeTitle')}>
      <Stack gap="xs" data-testid="rc-propose-confirm">
        <Text size="sm">
          {fact
            ? t('overpaid.proposeWhat', {
                fact: `${fact.factDate} ${fact.personName ?? ''}${t(`overpaid.kind.${fact.kind}`)}`,
                months: fact.paidMonthsAfter.join('、') || '—',
              })
            : ''}
        </Text>
        <Alert color="yellow" p="xs">
          <Text size="xs">{t('overpaid.proposeFirst')}</Text>
        </Alert>
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button size="xs" variant="default" onClick={onClose}>
            {t('overpaid.cancel')}
          </Button>
          <Button size="xs" onClick={() => void go()} loading={busy} data-testid="rc-propose-go">
            {t('overpaid.proposeGo')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function FactForm({
  householdId,
  opened,
  members,
  onClose,
  onSaved,
}: {
  householdId: number;
  opened: boolean;
  members: { idNumber: string; name: string }[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<RecoveryFactKind>('income');
  const [factDate, setFactDate] = useState(todayLocal());
  const [idNumber, setIdNumber] = useState('');
  const [evidence, setEvidence] = useState('');
  const { busy, error, run } = useAction();
  const ready = evidence.trim().length >= 2 && (kind !== 'death' || idNumber);
  async function save() {
    if (!ready) return;
    const r = await run(() =>
      call('recovery.recordFact', { householdId, kind, factDate, evidence: evidence.trim(), ...(idNumber ? { idNumber } : {}) }),
    );
    if (!r) return;
    notifications.show({ color: 'teal', message: t('overpaid.factSaved') });
    setEvidence('');
    onSaved();
  }
  return (
    <Modal opened={opened} onClose={onClose} keepMounted title={t('overpaid.recordFact')}>
      <KeyForm onSave={() => void save()} testid="rc-fact-form">
        <Stack gap={6}>
          <Group grow gap="xs">
            <NativeSelect
              size="xs"
              label={t('overpaid.fact')}
              value={kind}
              onChange={(e) => isCode(RECOVERY_FACT_KINDS, e.currentTarget.value) && setKind(e.currentTarget.value)}
              data={RECOVERY_FACT_KINDS.map((k) => ({ value: k, label: t(`overpaid.kind.${k}`) }))}
              data-testid="rc-f-kind"
            />
            <TextInput
              size="xs"
              label={t('overpaid.factDate')}
              value={factDate}
              onChange={(e) => setFactDate(e.currentTarget.value)}
              error={fieldError(error, 'factDate')}
              data-testid="rc-f-date"
            />
          </Group>
          <NativeSelect
            size="xs"
            label={t('overpaid.person')}
            value={idNumber}
            onChange={(e) => setIdNumber(e.currentTarget.value)}
            error={fieldError(error, 'idNumber')}
            data={[{ value: '', label: t('overpaid.wholeHousehold') }, ...members.map((m) => ({ value: m.idNumber, label: m.name }))]}
            data-testid="rc-f-person"
          />
          <TextInput
            size="xs"
            label={t('overpaid.evidence')}
            placeholder={t('overpaid.evidenceHint')}
            value={evidence}
            onChange={(e) => setEvidence(e.currentTarget.value)}
            error={fieldError(error, 'evidence')}
            data-testid="rc-f-evidence"
          />
          <ErrorAlert error={error} />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {ready ? t('overpaid.keys') : kind === 'death' && !idNumber ? t('overpaid.whoDied') : t('overpaid.needEvidence')}
            </Text>
            <Button size="xs" onClick={() => void save()} loading={busy} disabled={!ready} data-testid="rc-f-save">
              {t('overpaid.save')}
            </Button>
          </Group>
        </Stack>
      </KeyForm>
    </Modal>
  );
}
