/** The review schedule (docs/rules/assistance.md §4.1): reviews due within a period and overdue ones; record a review. */
import { useEffect, useState } from 'react';
import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Pagination,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { isCode, REVIEW_OUTCOMES, type ReviewOutcome } from '../../../src-main/common/codes';
import { useAction } from '../lib/action';
import { useSession } from '../session';
import { ErrorAlert } from '../lib/errors';
import { date, enumLabel } from '../lib/format';
import { navigate } from '../lib/router';
import { AreaFilter, areaIdOf, isIso, todayLocal } from '../components/files';

type Due = Output<'reviews.due'>['items'][number];
const PAGE = 20;

export function ReviewSchedule() {
  const { t } = useTranslation();
  const { user } = useSession();
  const canAct = user.role === 'clerk' || user.role === 'manager';
  const [within, setWithin] = useState(30);
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [township, setTownship] = useState('');
  const [village, setVillage] = useState('');
  const [page, setPage] = useState(1);
  const [res, setRes] = useState<Output<'reviews.due'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const [rec, setRec] = useState<Due | null>(null);
  const areaId = areaIdOf(township, village);
  useEffect(() => {
    let live = true;
    call('reviews.due', { withinDays: within, overdueOnly, ...(areaId !== undefined ? { areaId } : {}), page, pageSize: PAGE })
      .then((r) => {
        if (live) {
          setRes(r);
          setError(null);
        }
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [within, overdueOnly, areaId, page, tick]);
  const pages = res ? Math.max(1, Math.ceil(res.total / PAGE)) : 1;
  return (
    <Stack gap="xs" data-testid="mon-reviews">
      <Group gap="xs" align="flex-end">
        <NumberInput
          size="xs"
          w={130}
          min={0}
          max={366}
          label={t('reviews.within')}
          value={within}
          onChange={(v) => {
            setWithin(Math.max(0, Math.min(366, Number(v) || 0)));
            setPage(1);
          }}
          data-testid="rev-within"
        />
        <AreaFilter
          prefix="rev"
          township={township}
          village={village}
          onChange={(a, b) => {
            setTownship(a);
            setVillage(b);
            setPage(1);
          }}
        />
        <Checkbox
          size="xs"
          mb={6}
          label={t('reviews.overdueOnly')}
          checked={overdueOnly}
          onChange={(e) => {
            setOverdueOnly(e.currentTarget.checked);
            setPage(1);
          }}
          data-testid="rev-overdue"
        />
        <Text size="sm" mb={4} data-testid="rev-total">
          {res ? t('reviews.summary', { n: res.total, o: res.overdue }) : ''}
        </Text>
      </Group>
      <ErrorAlert error={error} />
      {res && res.items.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="rev-empty">
          {t('reviews.empty')}
        </Text>
      )}
      {res && res.items.length > 0 && (
        <Table fz="xs" verticalSpacing={3} striped style={{ tableLayout: 'fixed' }} data-testid="rev-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('reviews.household')}</Table.Th>
              <Table.Th w={110}>{t('reviews.head')}</Table.Th>
              <Table.Th>{t('monitoring.area')}</Table.Th>
              <Table.Th w={220}>{t('reviews.tier')}</Table.Th>
              <Table.Th w={70}>{t('reviews.cls')}</Table.Th>
              <Table.Th w={100}>{t('reviews.last')}</Table.Th>
              <Table.Th w={130}>{t('reviews.next')}</Table.Th>
              <Table.Th w={110} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {res.items.map((r) => (
              <Table.Tr key={r.householdId} data-testid="rev-row" data-household={r.householdId} data-overdue={String(r.overdue)}>
                <Table.Td>
                  <Anchor
                    size="xs"
                    href={`#/households/${r.householdId}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/households/${r.householdId}`);
                    }}
                  >
                    #{r.householdId}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.headName}</Table.Td>
                <Table.Td>
                  <Text size="xs" truncate>
                    {r.township} · {r.village}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" truncate>
                    {enumLabel('tier', r.tier)}
                  </Text>
                </Table.Td>
                <Table.Td>{r.reviewClass ?? '—'}</Table.Td>
                <Table.Td>{date(r.lastReviewOn)}</Table.Td>
                <Table.Td>
                  <Text size="xs" span c={r.overdue ? 'red.8' : undefined} fw={r.overdue ? 700 : undefined}>
                    {date(r.nextReviewOn)}
                  </Text>{' '}
                  {r.overdue && (
                    <Badge size="xs" color="red">
                      {t('monitoring.overdue')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {canAct && (
                    <Button size="compact-xs" variant="light" onClick={() => setRec(r)} data-testid="rev-record">
                      {t('reviews.record')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {pages > 1 && (
        <Group justify="center">
          <Pagination size="sm" total={pages} value={page} onChange={setPage} />
        </Group>
      )}
      {rec && (
        <RecordReview
          due={rec}
          onClose={() => setRec(null)}
          onDone={() => {
            setRec(null);
            setTick((x) => x + 1);
          }}
        />
      )}
    </Stack>
  );
}

function RecordReview({ due, onClose, onDone }: { due: Due; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [reviewedOn, setReviewedOn] = useState(todayLocal());
  const [outcome, setOutcome] = useState<ReviewOutcome>('no_change');
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction();
  async function save() {
    const r = await run(() =>
      call('reviews.record', { householdId: due.householdId, reviewedOn, outcome, ...(note.trim() ? { note: note.trim() } : {}) }),
    );
    if (r === undefined) return;
    notifications.show({ color: 'teal', message: t('reviews.saved', { id: due.householdId }) });
    onDone();
  }
  return (
    <Modal opened onClose={onClose} title={t('reviews.recordTitle', { id: due.householdId, h: due.headName })}>
      <Stack gap="xs" data-testid="rev-form">
        <TextInput
          size="xs"
          w={140}
          label={t('reviews.reviewedOn')}
          value={reviewedOn}
          maxLength={10}
          onChange={(e) => setReviewedOn(e.currentTarget.value)}
          error={isIso(reviewedOn) ? undefined : t('errors.date')}
          data-autofocus
        />
        <NativeSelect
          size="xs"
          label={t('reviews.outcome')}
          value={outcome}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (isCode(REVIEW_OUTCOMES, v)) setOutcome(v);
          }}
          data-testid="rev-outcome"
          data={REVIEW_OUTCOMES.map((o) => ({ value: o, label: t(`reviews.outcomes.${o}`) }))}
        />
        <Textarea size="xs" label={t('reviews.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button size="xs" variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button size="xs" loading={busy} disabled={!isIso(reviewedOn)} onClick={() => void save()} data-testid="rev-save">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
