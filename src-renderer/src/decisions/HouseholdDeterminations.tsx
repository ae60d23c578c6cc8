/** The household's determinations (认定记录): every proposal and its decision, each opening its stored explanation. */
import { RecordText } from '../components/RecordText';
import { useEffect, useState } from 'react';
import { Badge, Button, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { ErrorAlert } from '../lib/errors';
import { dateTime, enumLabel, money } from '../lib/format';
import { monthText } from '../lib/policy';
import { ScreenResult, namesOf } from '../policy/ScreenResult';

type Row = Output<'determinations.history'>[number];

export function Determinations({ id }: { id: number }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<number | null>(null);
  useEffect(() => {
    call('determinations.history', { householdId: id }).then(setRows).catch(setError);
  }, [id]);
  if (error) return <ErrorAlert error={error} />;
  if (!rows) return <Text>{t('common.loading')}</Text>;
  if (rows.length === 0)
    return (
      <Text c="dimmed" data-testid="determinations-empty">
        {t('determinations.empty')}
      </Text>
    );
  return (
    <>
      <Table verticalSpacing={4} fz="sm" striped data-testid="determinations-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('determinations.id')}</Table.Th>
            <Table.Th>{t('approvals.proposedAt')}</Table.Th>
            <Table.Th>{t('approvals.proposedBy')}</Table.Th>
            <Table.Th>{t('approvals.source')}</Table.Th>
            <Table.Th>{t('determinations.tier')}</Table.Th>
            <Table.Th className="sn-num">{t('determinations.benefit')}</Table.Th>
            <Table.Th>{t('determinations.status')}</Table.Th>
            <Table.Th>{t('determinations.decidedBy')}</Table.Th>
            <Table.Th>{t('determinations.effective')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id} data-testid="determination-row" data-decision={r.decision ?? 'pending'}>
              <Table.Td>{r.id}</Table.Td>
              <Table.Td>{dateTime(r.proposedAt)}</Table.Td>
              <Table.Td>{r.proposedByName}</Table.Td>
              <Table.Td>{enumLabel('source', r.source)}</Table.Td>
              <Table.Td>{enumLabel('tier', r.tier)}</Table.Td>
              <Table.Td className="sn-num">{money(r.monthlyBenefitFen)}</Table.Td>
              <Table.Td>
                <Badge
                  color={r.decision === 'approved' ? 'teal' : r.decision === 'rejected' ? 'red' : 'yellow'}
                  data-testid="determination-status"
                >
                  {r.decision ? enumLabel('decision', r.decision) : t('determinations.pendingStatus')}
                </Badge>
                {r.decisionReason && (
                  <Text size="xs" c="dimmed">
                    <RecordText text={r.decisionReason} />
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {r.decidedByName ?? '—'}
                {r.decidedAt && (
                  <Text size="xs" c="dimmed">
                    {dateTime(r.decidedAt)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{monthText(r.effectiveMonth)}</Table.Td>
              <Table.Td>
                <Button size="compact-xs" variant="light" onClick={() => setOpen(r.id)} data-testid="determination-open">
                  {t('determinations.open')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        size="xl"
        title={open !== null ? t('determinations.title', { id: open }) : ''}
      >
        {open !== null && <Explanation id={open} />}
      </Modal>
    </>
  );
}

function Explanation({ id }: { id: number }) {
  const { t } = useTranslation();
  const [d, setD] = useState<Output<'determinations.get'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('determinations.get', { id }).then(setD).catch(setError);
  }, [id]);
  if (!d)
    return (
      <Stack>
        <ErrorAlert error={error} />
        {!error && <Text>{t('common.loading')}</Text>}
      </Stack>
    );
  return (
    <Stack gap="xs" data-testid="determination-explanation">
      {d.decisionReason && (
        <Text size="sm">
          {t('determinations.decisionReason')}: <RecordText text={d.decisionReason} /> ({d.decidedByName})
        </Text>
      )}
      {d.note && (
        <Text size="sm">
          {t('approvals.note')}: {d.note}
        </Text>
      )}
      <ScreenResult output={d.output} names={namesOf(d.input)} />
    </Stack>
  );
}
