/**
 * A request for temporary assistance (docs/rules/temporary-service-recovery.md §11): emergency or
 * expenditure, ordinary or assist-first, with the amount and its band computed live with every
 * reason (§11.2, §11.3) and the limits of §11.4 shown before saving. Opened from a warning or a
 * household with them filled in: `/temporary/case?h=<household>&w=<warning>&kind=…&reason=…`.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ApiError, call } from '../api';
import type { Input } from '../../../src-main/contract/index';
import {
  EMERGENCY_REASONS,
  EXPENDITURE_REASONS,
  isCode,
  TEMPORARY_KINDS,
  type TemporaryKind,
  type TemporaryReason,
} from '../../../src-main/common/codes';
import { todayIso } from '../../../src-main/common/dates';
import { ErrorAlert, errorText } from '../lib/errors';
import { money } from '../lib/format';
import { navigate } from '../lib/router';
import { enterMovesOn } from '../lib/paths';
import { fenOfText, tw, useCtrlS, type Assessment } from './common';
import { PersonPicker, type Picked } from './PersonPicker';

const TRACKS = ['ordinary', 'assist_first'] as const;
type Track = (typeof TRACKS)[number];
const FIELD_OF: Record<string, string> = {
  spendingFen: 'spending',
  requestedFen: 'requested',
  householdId: 'person',
  idNumber: 'person',
  eventId: 'eventId',
  eventDate: 'eventDate',
  reason: 'reason',
  paidFrom: 'track',
  track: 'track',
  requestedOn: 'requestedOn',
};

export function CaseForm({ params }: { params: URLSearchParams }) {
  const { t } = useTranslation();
  const root = useRef<HTMLDivElement>(null);
  const warningId = params.get('w') ? Number(params.get('w')) : null;
  const [picked, setPicked] = useState<Picked | null>(null);
  const k = params.get('kind');
  const [kind, setKind] = useState<TemporaryKind>(k && isCode(TEMPORARY_KINDS, k) ? k : 'emergency');
  const r0 = params.get('reason');
  const [reason, setReason] = useState<TemporaryReason>(r0 && isCode([...EMERGENCY_REASONS, ...EXPENDITURE_REASONS], r0) ? r0 : 'fire');
  const [track, setTrack] = useState<Track>('ordinary');
  const [eventDate, setEventDate] = useState(todayIso());
  const [eventId, setEventId] = useState(warningId ? `warning:${warningId}` : '');
  const [spending, setSpending] = useState('');
  const [receipts, setReceipts] = useState('');
  const [requested, setRequested] = useState('');
  const [description, setDescription] = useState('');
  const [assessment, setAssessment] = useState<Assessment | null>(null);
  const [assessError, setAssessError] = useState<unknown>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // A household given by the route (a warning's or the household page's button): its head, until another member is picked.
  const h0 = params.get('h');
  useEffect(() => {
    if (!h0) return;
    call('households.get', { id: Number(h0) })
      .then((h) => {
        const head = h.household.members.find((m) => m.relation === 'head') ?? h.household.members[0];
        setPicked({
          householdId: h.id,
          idNumber: head.idNumber,
          name: head.name,
          relation: head.relation,
          headName: head.name,
          township: h.household.area.township,
          village: h.household.area.village,
        });
      })
      .catch(setGeneral);
  }, [h0]);

  const reasons = kind === 'emergency' ? EMERGENCY_REASONS : EXPENDITURE_REASONS;
  const request = useMemo((): Input<'temporary.assess'> | null => {
    if (!picked || !/^\d{4}-\d{2}-\d{2}$/.test(eventDate)) return null;
    const base = {
      kind,
      reason,
      eventDate,
      householdId: picked.householdId,
      idNumber: picked.idNumber,
      eventId: eventId.trim() || null,
      track,
    };
    return kind === 'expenditure'
      ? { ...base, spendingFen: fenOfText(spending) ?? 0 }
      : { ...base, requestedFen: fenOfText(requested) ?? 0 };
  }, [picked, kind, reason, eventDate, eventId, track, spending, requested]);
  const [deb] = useDebouncedValue(request, 250);
  useEffect(() => {
    let live = true;
    if (!deb) {
      setAssessment(null);
      return;
    }
    call('temporary.assess', deb)
      .then((a) => {
        if (live) {
          setAssessment(a);
          setAssessError(null);
        }
      })
      .catch((e) => live && setAssessError(e));
    return () => {
      live = false;
    };
  }, [deb]);

  async function save() {
    if (busy || !request) return;
    setGeneral(null);
    setErrors({});
    setBusy(true);
    try {
      const r = await call('temporary.create', {
        ...request,
        track,
        receiptsFen: kind === 'expenditure' ? fenOfText(receipts) : null,
        description: description.trim() || null,
        warningId,
        paidFrom: track === 'assist_first' ? 'standby_fund' : 'county',
      });
      notifications.show({
        color: 'teal',
        message: t('temporary.saved', { n: r.number, amount: money(r.amountFen), status: tw('status', r.status) }),
      });
      navigate(`/temporary/list/${r.id}`);
    } catch (e) {
      const f = e instanceof ApiError && e.field ? FIELD_OF[e.field] : undefined;
      if (f) setErrors({ [f]: errorText(e) });
      else setGeneral(e);
    } finally {
      setBusy(false);
    }
  }
  useCtrlS(() => void save());

  const a = assessment;
  return (
    <Grid gap="xs" data-testid="tmp-case-form">
      <Grid.Col span={6}>
        <Paper withBorder p="sm">
          <div ref={root} onKeyDownCapture={(e) => enterMovesOn(root.current)(e)}>
            <Stack gap="xs">
              <Group justify="space-between">
                <Text size="xs" c="dimmed">
                  {t('temporary.keys')}
                </Text>
                {warningId && <Badge variant="light">{t('temporary.fromWarning', { id: warningId })}</Badge>}
              </Group>
              <PersonPicker picked={picked} onPick={setPicked} error={errors.person} autoFocus={!h0} />
              <SimpleGrid cols={3} spacing="xs">
                <NativeSelect
                  size="xs"
                  label={t('temporary.track')}
                  value={track}
                  error={errors.track}
                  data-testid="tmp-track"
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    if (isCode(TRACKS, v)) setTrack(v);
                  }}
                  data={TRACKS.map((x) => ({ value: x, label: tw('track', x) }))}
                />
                <NativeSelect
                  size="xs"
                  label={t('temporary.kind')}
                  value={kind}
                  data-testid="tmp-kind"
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    if (!isCode(TEMPORARY_KINDS, v)) return;
                    setKind(v);
                    setReason(v === 'emergency' ? 'fire' : 'medical');
                    if (v === 'expenditure') setTrack('ordinary');
                  }}
                  data={TEMPORARY_KINDS.map((x) => ({ value: x, label: tw('kind', x) }))}
                />
                <NativeSelect
                  size="xs"
                  label={t('temporary.reason')}
                  value={reason}
                  error={errors.reason}
                  data-testid="tmp-case-reason"
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    if (isCode(reasons, v)) setReason(v);
                  }}
                  data={reasons.map((x) => ({ value: x, label: tw('reason', x) }))}
                />
                <TextInput
                  size="xs"
                  label={t('temporary.eventDate')}
                  value={eventDate}
                  maxLength={10}
                  error={errors.eventDate}
                  onChange={(e) => setEventDate(e.currentTarget.value)}
                  data-testid="tmp-case-date"
                />
                <TextInput
                  size="xs"
                  label={t('temporary.eventId')}
                  placeholder={t('temporary.eventIdHint')}
                  value={eventId}
                  error={errors.eventId}
                  onChange={(e) => setEventId(e.currentTarget.value)}
                  data-testid="tmp-event-id"
                />
                {kind === 'expenditure' ? (
                  <TextInput
                    size="xs"
                    label={t('temporary.spending')}
                    value={spending}
                    error={errors.spending}
                    inputMode="decimal"
                    onChange={(e) => setSpending(e.currentTarget.value)}
                    data-testid="tmp-spending"
                  />
                ) : (
                  <TextInput
                    size="xs"
                    label={t('temporary.requested')}
                    value={requested}
                    error={errors.requested}
                    inputMode="decimal"
                    onChange={(e) => setRequested(e.currentTarget.value)}
                    data-testid="tmp-requested"
                  />
                )}
                {kind === 'expenditure' && (
                  <TextInput
                    size="xs"
                    label={t('temporary.receipts')}
                    value={receipts}
                    inputMode="decimal"
                    onChange={(e) => setReceipts(e.currentTarget.value)}
                    data-testid="tmp-receipts"
                  />
                )}
              </SimpleGrid>
              <Textarea
                size="xs"
                label={t('temporary.description')}
                value={description}
                autosize
                minRows={2}
                onChange={(e) => setDescription(e.currentTarget.value)}
                data-testid="tmp-description"
              />
              <ErrorAlert error={general} />
              <Group justify="flex-end">
                <Button
                  size="xs"
                  onClick={() => void save()}
                  loading={busy}
                  disabled={!request || a?.eligible === false || !!a?.sameEvent}
                  data-testid="tmp-case-save"
                >
                  {t('temporary.save')}
                </Button>
              </Group>
            </Stack>
          </div>
        </Paper>
      </Grid.Col>
      <Grid.Col span={6}>
        <AssessmentPanel a={a} error={assessError} />
      </Grid.Col>
    </Grid>
  );
}

export function AssessmentPanel({ a, error }: { a: Assessment | null; error?: unknown }) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="sm"
      data-testid="tmp-assessment"
      data-eligible={a ? String(a.eligible) : ''}
      data-band={a?.band ?? ''}
      data-amount={a?.amountFen ?? ''}
    >
      <Stack gap={6}>
        <Title order={5}>{t('temporary.assessment')}</Title>
        <ErrorAlert error={error} />
        {!a && (
          <Text size="xs" c="dimmed">
            {t('temporary.typing')}
          </Text>
        )}
        {a && (
          <>
            <Group gap="xs">
              <Badge color={a.eligible ? 'teal' : 'gray'}>{a.eligible ? t('temporary.eligible') : t('temporary.refused')}</Badge>
              {a.band && (
                <Badge variant="light" data-testid="tmp-band">
                  {tw('band', a.band)}
                </Badge>
              )}
              <Text fw={700} data-testid="tmp-amount-live">
                {money(a.amountFen)}
              </Text>
            </Group>
            <Text size="xs">
              {a.computedFen !== null ? `${t('temporary.computed')} ${money(a.computedFen)} · ` : ''}
              {t('temporary.cap')} {money(a.capFen)} · {t('temporary.max')} {money(a.maxFen)}
            </Text>
            {a.caseByCase && (
              <Alert color="orange" p={6}>
                <Text size="xs">{t('temporary.caseByCase')}</Text>
              </Alert>
            )}
            {a.earlierCase && (
              <Alert color="orange" p={6} data-testid="tmp-earlier">
                <Text size="xs">{t('temporary.earlier', { n: a.earlierCase })}</Text>
              </Alert>
            )}
            {a.sameEvent && (
              <Alert color="red" p={6} data-testid="tmp-same-event">
                <Text size="xs">{t('temporary.sameEvent', { n: a.sameEvent })}</Text>
              </Alert>
            )}
            <List size="xs" spacing={2} data-testid="tmp-reasons">
              {a.reasons.map((r, i) => (
                <List.Item key={i} c={r.pass === false ? 'red' : undefined}>
                  {r.text}
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Stack>
    </Paper>
  );
}
