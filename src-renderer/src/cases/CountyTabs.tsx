/**
 * The county's tabs of the Cases screen: progress per township (overdue ones a link to their list), the monthly spot-check
 * draw and its re-visits, and the dated delegation settings (docs/rules/workstations.md, "Delegation, time limits and checks").
 */
import { useCallback, useEffect, useState } from 'react';
import { Anchor, Button, Group, Modal, NumberInput, SegmentedControl, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import dayjs from 'dayjs';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract';
import { useAction } from '../lib/action';
import { ErrorAlert } from '../lib/errors';
import { date, dateTime } from '../lib/format';
import { downloadBase64 } from '../lib/files';
import { useSession } from '../session';
import { isIso, todayLocal } from '../components/files';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const isMonth = (m: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(m);

async function print(form: 'cases' | 'spot-checks', month: string, format: 'pdf' | 'xlsx') {
  const f = await call('cases.print', { form, month, format });
  if (f.base64) downloadBase64(f.fileName, f.base64, format === 'pdf' ? 'application/pdf' : XLSX);
}

export function TownshipsTab({ onOpen }: { onOpen: (townshipId: number) => void }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(dayjs().format('YYYY-MM'));
  const [rows, setRows] = useState<Output<'cases.townships'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!isMonth(month)) return;
    call('cases.townships', { month }).then(setRows, setError);
  }, [month]);
  const keys = ['received', 'decided', 'refused', 'withdrawn', 'open', 'overdue'] as const;
  return (
    <Stack gap="xs" data-testid="cases-townships">
      <Group gap="xs" align="flex-end">
        <TextInput
          size="xs"
          w={110}
          label={t('cases.townships.month')}
          value={month}
          onChange={(e) => setMonth(e.currentTarget.value)}
          data-testid="ct-month"
        />
        <Button
          size="xs"
          variant="default"
          disabled={!isMonth(month)}
          onClick={() => void print('cases', month, 'pdf').catch(setError)}
          data-testid="ct-print"
        >
          {t('cases.townships.print')}
        </Button>
        <Button size="xs" variant="default" disabled={!isMonth(month)} onClick={() => void print('cases', month, 'xlsx').catch(setError)}>
          {t('cases.townships.xlsx')}
        </Button>
      </Group>
      <ErrorAlert error={error} />
      {rows && (
        <Table fz="xs" striped verticalSpacing={3}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('cases.col.township')}</Table.Th>
              {keys.map((k) => (
                <Table.Th key={k} className="sn-num">
                  {t(`cases.townships.${k}`)}
                </Table.Th>
              ))}
              <Table.Th className="sn-num">{t('cases.townships.avg')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.townshipId} data-testid="ct-row" data-township={r.township}>
                <Table.Td>{r.township}</Table.Td>
                {keys.map((k) => (
                  <Table.Td key={k} className="sn-num">
                    {k === 'overdue' && r.overdue > 0 ? (
                      <Anchor size="xs" c="red.8" fw={700} onClick={() => onOpen(r.townshipId)} data-testid="ct-overdue">
                        {r.overdue}
                      </Anchor>
                    ) : (
                      r[k]
                    )}
                  </Table.Td>
                ))}
                <Table.Td className="sn-num">{r.averageWorkingDays ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

type Draw = NonNullable<Output<'cases.spotList'>>;

export function SpotChecksTab() {
  const { t } = useTranslation();
  const { user } = useSession();
  const manager = user.role === 'manager' || user.role === 'administrator';
  const canAct = user.role === 'clerk' || user.role === 'manager';
  const [month, setMonth] = useState(dayjs().subtract(1, 'month').format('YYYY-MM'));
  const [percent, setPercent] = useState(10);
  const [seed, setSeed] = useState('');
  const [draw, setDraw] = useState<Draw | null | undefined>(undefined);
  const [confirm, setConfirm] = useState(false);
  const [item, setItem] = useState<Draw['items'][number] | null>(null);
  const { busy, error, setError, run } = useAction();
  const load = useCallback(() => {
    if (isMonth(month)) call('cases.spotList', { month }).then(setDraw, setError);
  }, [month, setError]);
  useEffect(load, [load]);
  const doDraw = async () => {
    setConfirm(false);
    const r = await run(() => call('cases.spotDraw', { month, percent, ...(/^\d+$/.test(seed) ? { seed: Number(seed) } : {}) }));
    if (r !== undefined) load();
  };
  return (
    <Stack gap="xs" data-testid="cases-spot">
      <Group gap="xs" align="flex-end">
        <TextInput
          size="xs"
          w={110}
          label={t('cases.spot.month')}
          value={month}
          onChange={(e) => setMonth(e.currentTarget.value)}
          data-testid="cs-month"
        />
        {draw === null && manager && (
          <>
            <NumberInput
              size="xs"
              w={100}
              min={1}
              max={100}
              label={t('cases.spot.percent')}
              value={percent}
              onChange={(v) => setPercent(Math.max(1, Math.min(100, Number(v) || 10)))}
            />
            <TextInput
              size="xs"
              w={150}
              label={t('cases.spot.seed')}
              value={seed}
              onChange={(e) => setSeed(e.currentTarget.value.replace(/\D/g, ''))}
            />
            <Button size="xs" loading={busy} onClick={() => setConfirm(true)} data-testid="cs-draw">
              {t('cases.spot.draw')}
            </Button>
          </>
        )}
        {draw && (
          <Button
            size="xs"
            variant="default"
            onClick={() => void print('spot-checks', month, 'pdf').catch(setError)}
            data-testid="cs-print"
          >
            {t('cases.spot.print')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={error} />
      {draw === null && (
        <Text size="sm" c="dimmed">
          {t('cases.spot.none')}
        </Text>
      )}
      {draw && (
        <>
          <Text size="sm" data-testid="cs-summary">
            {t('cases.spot.drawn', {
              at: dateTime(draw.drawnAt),
              by: draw.drawnBy,
              pop: draw.population,
              n: draw.items.length,
              p: draw.percent,
              seed: draw.seed,
            })}
          </Text>
          <Table fz="xs" striped verticalSpacing={3}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>{t('cases.spot.case')}</Table.Th>
                <Table.Th>{t('cases.col.head')}</Table.Th>
                <Table.Th>{t('cases.col.township')}</Table.Th>
                <Table.Th>{t('cases.spot.decidedOn')}</Table.Th>
                <Table.Th>{t('cases.spot.result')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {draw.items.map((i) => (
                <Table.Tr key={i.id} data-testid="cs-row">
                  <Table.Td>{i.position}</Table.Td>
                  <Table.Td>
                    <Anchor size="xs" href={`#/cases/${i.caseId}?tab=spot`}>
                      {i.caseId}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{i.headName}</Table.Td>
                  <Table.Td>
                    {i.township} · {i.village}
                  </Table.Td>
                  <Table.Td>{date(i.decidedOn)}</Table.Td>
                  <Table.Td>
                    {i.outcome ? `${t(`cases.spot.${i.outcome}`)} ${date(i.visitedOn)}：${i.note ?? ''}` : '—'}
                    {i.warningId !== null && ` · ${t('cases.spot.warning', { id: i.warningId })}`}
                  </Table.Td>
                  <Table.Td>
                    {canAct && !i.outcome && (
                      <Button size="compact-xs" variant="light" onClick={() => setItem(i)} data-testid="cs-record">
                        {t('cases.spot.record')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <Modal opened={confirm} onClose={() => setConfirm(false)} title={t('cases.spot.draw')}>
        <Text size="sm">{t('cases.spot.confirmDraw', { m: month })}</Text>
        <Group justify="flex-end" mt="sm">
          <Button size="xs" variant="default" onClick={() => setConfirm(false)}>
            {t('common.cancel')}
          </Button>
          <Button size="xs" onClick={() => void doDraw()} data-testid="cs-draw-confirm">
            {t('common.ok')}
          </Button>
        </Group>
      </Modal>
      {item && <Revisit item={item} onClose={() => setItem(null)} onDone={() => (setItem(null), load())} />}
    </Stack>
  );
}

function Revisit({ item, onClose, onDone }: { item: Draw['items'][number]; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [on, setOn] = useState(todayLocal());
  const [staff, setStaff] = useState('');
  const [outcome, setOutcome] = useState<'confirmed' | 'finding'>('confirmed');
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  const names = staff.split(/[,，、;；\s]+/).filter((s) => s.trim());
  const missing = !isIso(on) ? t('errors.date') : names.length < 2 ? t('cases.why.needVisit') : !note.trim() ? t('errors.required') : null;
  const save = async () => {
    if (missing) return;
    const r = await run(() => call('cases.spotRecord', { itemId: item.id, visitedOn: on, staff: names, outcome, note: note.trim() }));
    if (r === undefined) return;
    notifications.show({ color: 'teal', message: r.warningId ? t('cases.spot.warning', { id: r.warningId }) : t('cases.saved') });
    onDone();
  };
  return (
    <Modal opened onClose={onClose} title={`${t('cases.spot.record')} — ${item.caseId} ${item.headName}`}>
      <Stack
        gap="xs"
        onKeyDown={(e) => {
          if (e.key === 's' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      >
        <TextInput
          size="xs"
          w={140}
          label={t('cases.spot.visitedOn')}
          value={on}
          data-autofocus
          onChange={(e) => setOn(e.currentTarget.value)}
          error={isIso(on) ? undefined : t('errors.date')}
        />
        <TextInput size="xs" label={t('cases.field.staff')} value={staff} onChange={(e) => setStaff(e.currentTarget.value)} />
        <SegmentedControl
          size="xs"
          value={outcome}
          onChange={(v) => setOutcome(v === 'finding' ? 'finding' : 'confirmed')}
          data={[
            { value: 'confirmed', label: t('cases.spot.confirmed') },
            { value: 'finding', label: t('cases.spot.finding') },
          ]}
        />
        <Textarea
          size="xs"
          autosize
          minRows={2}
          label={t('cases.spot.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          {missing && (
            <Text size="xs" c="dimmed">
              {missing}
            </Text>
          )}
          <Button size="xs" loading={busy} disabled={!!missing} onClick={() => void save()}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
