/**
 * Screening 政策匹配 — "people looking for policies". A saved household (found with the
 * registry search) or a quick unsaved screener, a reference date, and the engine's full
 * explanation beside the form; every change re-evaluates (debounced), keeping the previous
 * result while the new one loads. A saved household can be proposed for a determination.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Badge, Button, Grid, Group, Loader, Paper, Stack, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../api';
import type { Input, Output } from '../../../src-main/contract';
import { todayIso } from '../../../src-main/common/dates';
import { emptyForm, serverFieldToPath, stripKeys, toForm, validateForm, type FormValues } from '../registry/household-form';
import { COMPACT } from '../registry/form-kit';
import { HouseholdFields } from '../registry/HouseholdFields';
import { ErrorAlert, errorText } from '../lib/errors';
import { navigate } from '../lib/router';
import { enterMovesOn } from '../lib/paths';
import { ScreenResult, namesOf } from './ScreenResult';
import { HouseholdPicker } from './HouseholdPicker';
import { ProposeModal } from './ProposeModal';

const isoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

export function ScreeningPage({ householdId }: { householdId?: number }) {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<'saved' | 'quick'>('saved');
  // Whether the form is shown: a saved household loaded, or the quick screener started.
  const [shown, setShown] = useState(false);
  const [savedForm, setSavedForm] = useState<FormValues | null>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [refDate, setRefDate] = useState(todayIso());
  const [result, setResult] = useState<Output<'screening.evaluate'> | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [errorCount, setErrorCount] = useState(0);
  const [touched, setTouched] = useState(false);
  const [proposing, setProposing] = useState(false);
  const [proposal, setProposal] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLDivElement>(null);
  // Values put in by the page (a household loaded, a reset) are not the user's edits.
  const programmatic = useRef(false);
  // Stable, so that the form's setters are too (they depend on it).
  const onValuesChange = useCallback(() => {
    if (programmatic.current) return;
    setTouched(true);
    setProposal(null);
  }, []);
  const form = useForm<FormValues>({ mode: 'controlled', initialValues: emptyForm(), onValuesChange });
  const { setValues, setErrors } = form;
  const show = useCallback(
    (v: FormValues) => {
      programmatic.current = true;
      setValues(v);
      programmatic.current = false;
      setShown(true);
    },
    [setValues],
  );
  const values = shown ? form.values : null;
  // A quick screener shows its problems once the user has typed; a saved household's at once.
  const showErrors = touched || householdId !== undefined;
  const showErrorsRef = useRef(showErrors);
  useEffect(() => {
    showErrorsRef.current = showErrors;
  }, [showErrors]);

  // A saved household: load it into the form (what-if edits stay here until saved).
  useEffect(() => {
    if (!householdId) return;
    call('households.get', { id: householdId })
      .then((d) => {
        const f = toForm(d.household);
        show(f);
        setSavedForm(f);
        setVersion(d.version);
      })
      .catch(setError);
  }, [householdId, show]);

  const dirty =
    householdId !== undefined &&
    values !== null &&
    savedForm !== null &&
    JSON.stringify(stripKeys(values)) !== JSON.stringify(stripKeys(savedForm));
  const request = useMemo(() => ({ values, refDate, dirty, lang: i18n.language }), [values, refDate, dirty, i18n.language]);
  const [debounced] = useDebouncedValue(request, 150);
  const seq = useRef(0);

  useEffect(() => {
    const { values: v, refDate: ref, dirty: changed } = debounced;
    if (!v) return;
    if (!isoDate(ref)) return;
    const mine = ++seq.current;
    let input: Input<'screening.evaluate'>;
    if (householdId !== undefined && !changed) {
      input = { householdId, referenceDate: ref };
      setErrors({});
      setErrorCount(0);
    } else {
      const quick = householdId === undefined;
      const withArea = quick ? { ...v, area: { township: v.area.township || '—', village: v.area.village || '—' } } : v;
      const r = validateForm(withArea);
      setErrors(showErrorsRef.current ? r.errors : {});
      setErrorCount(Object.keys(r.errors).length);
      if (!r.data) return;
      input = { household: stripKeys(r.data), referenceDate: ref };
    }
    setLoading(true);
    call('screening.evaluate', input)
      .then((r) => {
        if (mine === seq.current) {
          setResult(r);
          setError(null);
        }
      })
      .catch((e) => {
        if (mine === seq.current) setError(e);
      })
      .finally(() => {
        if (mine === seq.current) setLoading(false);
      });
  }, [debounced, householdId, setErrors]);

  async function saveChanges() {
    if (!values || householdId === undefined || version === null) return;
    const r = validateForm(values);
    setErrors(r.errors);
    if (!r.data) return;
    setSaving(true);
    try {
      const res = await call('households.update', { id: householdId, version, household: stripKeys(r.data) });
      setVersion(res.version);
      setSavedForm(values);
      notifications.show({ color: 'teal', message: t('screening.savedChanges') });
    } catch (e) {
      const p = e instanceof ApiError ? serverFieldToPath(e.field) : null;
      if (p) form.setFieldError(p, errorText(e));
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  function startQuick() {
    setMode('quick');
    show({ ...emptyForm(), residence: 'rural' });
    setResult(null);
    setTouched(false);
    if (householdId !== undefined) navigate('/screening');
  }

  const names = namesOf(
    values
      ? { members: values.members.map((m) => ({ idNumber: m.idNumber.trim().toUpperCase(), name: m.name, relation: m.relation })) }
      : null,
  );
  const headName = values?.members.find((m) => m.relation === 'head')?.name ?? '';

  return (
    <Stack gap="xs" data-testid="screening-page">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <Title order={2}>{t('screening.title')}</Title>
          <Text size="sm" c="dimmed" truncate maw={420}>
            {t('screening.subtitle')}
          </Text>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <TextInput
            size="xs"
            w={120}
            placeholder="YYYY-MM-DD"
            maxLength={10}
            error={/^\d{4}-\d{2}-\d{2}$/.test(refDate) ? undefined : t('errors.date')}
            label={t('screening.refDate')}
            value={refDate}
            onChange={(e) => setRefDate(e.currentTarget.value)}
            data-testid="screen-ref-date"
          />
          {loading ? <Loader size="xs" mt={20} data-testid="screen-loading" /> : <span style={{ width: 18 }} />}
        </Group>
      </Group>

      {householdId === undefined && mode === 'saved' && !values && (
        <Paper withBorder p="sm">
          <Group align="flex-start" gap="lg">
            <HouseholdPicker onPick={(id) => navigate(`/screening/${id}`)} />
            <Stack gap={4}>
              <Text size="sm" fw={600}>
                {t('screening.quick')}
              </Text>
              <Button variant="light" onClick={startQuick} data-testid="screen-quick">
                {t('screening.newQuick')}
              </Button>
            </Stack>
          </Group>
          <Text size="sm" c="dimmed" mt="sm">
            {t('screening.empty')}
          </Text>
        </Paper>
      )}

      {values && (
        <Paper withBorder p={6}>
          <Group justify="space-between" wrap="nowrap">
            <Group gap="xs" wrap="nowrap">
              {householdId !== undefined ? (
                <>
                  <Badge variant="light">{t('screening.saved')}</Badge>
                  <Text fw={600} data-testid="screen-household">
                    #{householdId} · {headName}
                  </Text>
                  <Button size="compact-xs" variant="subtle" onClick={() => navigate(`/households/${householdId}`)}>
                    {t('screening.open')}
                  </Button>
                </>
              ) : (
                <Badge color="orange" variant="light" data-testid="screen-quick-badge">
                  {t('screening.quick')}
                </Badge>
              )}
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => {
                  setShown(false);
                  setResult(null);
                  setMode('saved');
                  navigate('/screening');
                }}
                data-testid="screen-clear"
              >
                {t('screening.clear')}
              </Button>
            </Group>
            <Group gap="xs" wrap="nowrap">
              {dirty && (
                <Text size="xs" c="orange.8" data-testid="screen-dirty">
                  {t('screening.dirty')}
                </Text>
              )}
              {dirty && (
                <Button size="xs" variant="default" onClick={() => savedForm && show(savedForm)} data-testid="screen-reset">
                  {t('screening.reset')}
                </Button>
              )}
              {dirty && (
                <Button size="xs" variant="light" loading={saving} onClick={() => void saveChanges()} data-testid="screen-save">
                  {t('screening.saveChanges')}
                </Button>
              )}
              {proposal !== null && (
                <Badge color="teal" data-testid="screen-proposal">
                  {t('screening.proposedBadge', { id: proposal })}
                </Badge>
              )}
              {householdId !== undefined && (
                <Tooltip label={t('screening.proposeNeedsSave')} disabled={!dirty}>
                  <Button size="xs" disabled={dirty || !result} onClick={() => setProposing(true)} data-testid="screen-propose">
                    {t('screening.propose')}
                  </Button>
                </Tooltip>
              )}
            </Group>
          </Group>
        </Paper>
      )}

      {values && (
        <Grid gap="xs">
          <Grid.Col span={6}>
            <div ref={formRef} onKeyDownCapture={(e) => enterMovesOn(formRef.current)(e)} data-testid="screen-form">
              <HouseholdFields form={form} variant={COMPACT} />
            </div>
          </Grid.Col>
          <Grid.Col span={6}>
            <div
              className="sn-sticky"
              style={{ maxHeight: 'calc(100vh - 90px)', overflowY: 'auto', opacity: loading ? 0.7 : 1, transition: 'opacity 120ms' }}
              data-testid="screen-result-pane"
            >
              <ErrorAlert error={error} />
              {errorCount > 0 && showErrors && (
                <Alert color="yellow" py={6} mb={4} data-testid="screen-fix">
                  {t('screening.fixErrors')}
                </Alert>
              )}
              {result ? (
                <ScreenResult output={result.output} determination={result.determination} names={names} compact />
              ) : (
                !error && (
                  <Text c="dimmed" size="sm">
                    {t('common.loading')}
                  </Text>
                )
              )}
            </div>
          </Grid.Col>
        </Grid>
      )}
      {!values && householdId !== undefined && <ErrorAlert error={error} />}

      {householdId !== undefined && (
        <ProposeModal
          opened={proposing}
          onClose={() => setProposing(false)}
          householdId={householdId}
          referenceDate={refDate}
          summary={
            result
              ? {
                  tier: result.output.tier,
                  monthlyBenefit: result.output.monthlyBenefit,
                  currentTier: savedForm?.current.tier || null,
                  currentBenefit: savedForm?.current.monthlyBenefit ? Number(savedForm.current.monthlyBenefit) : null,
                }
              : null
          }
          onDone={(id) => {
            setProposal(id);
            setProposing(false);
          }}
        />
      )}
    </Stack>
  );
}
