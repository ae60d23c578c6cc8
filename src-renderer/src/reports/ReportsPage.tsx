/**
 * Reports 报表打印 (managers; clerks print a household's assistance chain). Choose the form,
 * the month and the filters; the preview is the print view itself (the service's HTML in a
 * sandboxed iframe, A4 pages), printed as it is, saved as PDF or exported to XLSX. The months
 * tab lists open and closed months, closes the open one (asking once, saying what happens)
 * and shows the change list against the previous month.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Grid, Group, Loader, NativeSelect, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Input } from '../../../src-main/contract/index';
import { isCode, REPORT_KINDS, type ReportKind as Kind } from '../../../src-main/common/codes';
import { TIERS, type HouseholdData, type Tier } from '../../../src-main/common/household-file';
import { ErrorAlert } from '../lib/errors';
import { downloadBase64 } from '../lib/policy';
import { useAreas, villageOptions } from '../lib/areas';
import { useRoute } from '../lib/router';
import { useSession } from '../session';
import { HouseholdPicker, monthLabel, word } from '../referrals/common';
import { Months, type Month } from './MonthsTab';

const KINDS: Kind[] = ['roster', 'changes', 'publicity', 'warnings', 'chain'];
/** What a clerk prints: a household's chain. */
const CLERK_KINDS: Kind[] = ['chain'];
const MONTHLY: Kind[] = ['roster', 'changes', 'publicity', 'warnings'];
/** Forms filtered by township / village. */
const BY_AREA: Kind[] = ['roster', 'publicity', 'warnings'];

interface FormChoice {
  kind: Kind;
  month: string;
  householdId: number | undefined;
  tier: Tier | '';
  townshipId: string;
  villageId: string;
}

/** The service's request for the chosen form: only what that form reads. */
function renderRequest(c: FormChoice, format: 'html' | 'pdf' | 'xlsx'): Input<'reports.render'> {
  const monthly = MONTHLY.includes(c.kind);
  const byTier = c.kind === 'roster' || c.kind === 'publicity';
  // The warnings report may add one household's verification report.
  const withHousehold = c.kind === 'chain' || c.kind === 'warnings';
  const area = c.villageId ? { villageId: Number(c.villageId) } : c.townshipId ? { townshipId: Number(c.townshipId) } : {};
  return {
    kind: c.kind,
    format,
    ...(monthly ? { month: c.month } : {}),
    ...(withHousehold && c.householdId !== undefined ? { householdId: c.householdId } : {}),
    ...(byTier && c.tier ? { tier: c.tier } : {}),
    ...(BY_AREA.includes(c.kind) ? area : {}),
  };
}

export function ReportsPage() {
  const { t } = useTranslation();
  const route = useRoute();
  const m = /^\/reports\/chain\/(\d+)/.exec(route);
  const [tab, setTab] = useState<string | null>('forms');
  const [months, setMonths] = useState<Month[] | null>(null);
  const [tick, setTick] = useState(0);
  const [monthForForms, setMonthForForms] = useState<string | null>(null);
  useEffect(() => {
    call('payments.months', {})
      .then(setMonths)
      .catch(() => setMonths([]));
  }, [tick]);
  return (
    <Stack gap="xs" data-testid="reports-page">
      <Group gap="sm" wrap="nowrap">
        <Title order={2}>{t('reports.title')}</Title>
        <Text size="sm" c="dimmed" truncate>
          {t('reports.subtitle')}
        </Text>
      </Group>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="forms" data-testid="reports-tab-forms">
            {t('reports.tabForms')}
          </Tabs.Tab>
          <Tabs.Tab value="months" data-testid="reports-tab-months">
            {t('reports.tabMonths')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="forms" pt="xs">
          <Forms months={months ?? []} initialHousehold={m ? Number(m[1]) : undefined} forceMonth={monthForForms} />
        </Tabs.Panel>
        <Tabs.Panel value="months" pt="xs">
          {tab === 'months' && (
            <Months
              months={months}
              onChanged={() => setTick((x) => x + 1)}
              onPreview={(mm) => {
                setMonthForForms(mm);
                setTab('forms');
              }}
            />
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function Forms({ months, initialHousehold, forceMonth }: { months: Month[]; initialHousehold?: number; forceMonth: string | null }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const manager = user.role === 'manager' || user.role === 'administrator';
  const areas = useAreas();
  const [kind, setKind] = useState<Kind>(initialHousehold || !manager ? 'chain' : 'roster');
  const [month, setMonth] = useState('');
  const [townshipId, setTownshipId] = useState('');
  const [villageId, setVillageId] = useState('');
  const [tier, setTier] = useState<Tier | ''>('');
  const [household, setHousehold] = useState<{ id: number; label: string } | null>(
    initialHousehold ? { id: initialHousehold, label: `#${initialHousehold}` } : null,
  );
  const [preview, setPreview] = useState<{ html: string; pages: number | null; fileName: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    if (!month && months.length) setMonth(months[0].month);
  }, [months, month]);
  const householdId = household?.id;
  // A household picked by number only (`#12`, from a link) is named once its record is read.
  const unnamed = household !== null && household.label === `#${household.id}`;
  useEffect(() => {
    if (householdId === undefined || !unnamed) return;
    call('households.get', { id: householdId })
      .then((h) => {
        // households.get's household is the registry's HouseholdData.
        const data: HouseholdData | undefined = h.household;
        const head = data?.members.find((x) => x.relation === 'head');
        setHousehold((x) =>
          x && x.id === householdId
            ? { ...x, label: `#${x.id} ${head?.name ?? ''} · ${data?.area.township ?? ''} ${data?.area.village ?? ''}` }
            : x,
        );
      })
      .catch(() => {});
  }, [householdId, unnamed]);
  useEffect(() => {
    if (forceMonth) {
      setMonth(forceMonth);
      if (manager) setKind('roster');
    }
  }, [forceMonth, manager]);

  const monthly = MONTHLY.includes(kind);
  const filtered = BY_AREA.includes(kind);
  const byTier = kind === 'roster' || kind === 'publicity';
  const ready = monthly ? !!month : !!household;
  const withHousehold = kind === 'chain' || kind === 'warnings';
  // Only what the chosen form reads: a change elsewhere renders nothing again.
  const choice = useMemo(
    () => ({
      kind,
      month: monthly ? month : '',
      householdId: withHousehold ? householdId : undefined,
      tier: byTier ? tier : '',
      townshipId: filtered ? townshipId : '',
      villageId: filtered ? villageId : '',
    }),
    [kind, monthly, month, withHousehold, householdId, byTier, tier, filtered, townshipId, villageId],
  );
  useEffect(() => {
    if (!ready) {
      setPreview(null);
      return;
    }
    let live = true;
    setBusy('html');
    setError(null);
    call('reports.render', renderRequest(choice, 'html'))
      .then((r) => {
        if (live) setPreview({ html: r.html ?? '', pages: r.pages, fileName: r.fileName });
      })
      .catch((e) => {
        if (live) {
          setError(e);
          setPreview(null);
        }
      })
      .finally(() => live && setBusy(null));
    return () => {
      live = false;
    };
  }, [choice, ready]);

  async function save(format: 'pdf' | 'xlsx') {
    setBusy(format);
    setError(null);
    try {
      const r = await call('reports.render', renderRequest(choice, format));
      downloadBase64(r.fileName, r.base64 ?? '', r.mime);
      notifications.show({ color: 'teal', message: t('reports.saved', { f: r.fileName }) });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }
  function print() {
    const w = frame.current?.contentWindow;
    if (w) {
      w.focus();
      w.print();
    }
  }

  const kinds = manager ? KINDS : CLERK_KINDS;
  const townships = areas.filter((a) => a.level === 'township');
  const villages = villageOptions(areas, townshipId);
  return (
    <Grid gap="xs">
      <Grid.Col span={3}>
        <Paper withBorder p="xs">
          <Stack gap={6}>
            {!manager && (
              <Alert color="gray" p="xs">
                <Text size="xs">{t('reports.clerkOnlyChain')}</Text>
              </Alert>
            )}
            <NativeSelect
              size="xs"
              label={t('reports.form')}
              value={kind}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (isCode(REPORT_KINDS, v)) setKind(v);
              }}
              data-testid="rep-kind"
              data={kinds.map((k) => ({ value: k, label: t(`reports.kind.${k}`) }))}
            />
            {monthly && (
              <NativeSelect
                size="xs"
                label={t('reports.month')}
                value={month}
                onChange={(e) => setMonth(e.currentTarget.value)}
                data-testid="rep-month"
                data={months.map((m) => ({
                  value: m.month,
                  label: `${monthLabel(m.month)} · ${m.closed ? t('reports.closed') : t('reports.open')}`,
                }))}
              />
            )}
            {filtered && (
              <>
                <NativeSelect
                  size="xs"
                  label={t('loop.township')}
                  value={townshipId}
                  onChange={(e) => {
                    setTownshipId(e.currentTarget.value);
                    setVillageId('');
                  }}
                  data-testid="rep-township"
                  data={[{ value: '', label: t('loop.anyTownship') }, ...townships.map((a) => ({ value: String(a.id), label: a.name }))]}
                />
                <NativeSelect
                  size="xs"
                  label={t('loop.village')}
                  value={villageId}
                  onChange={(e) => setVillageId(e.currentTarget.value)}
                  data-testid="rep-village"
                  data={[{ value: '', label: t('loop.anyVillage') }, ...villages]}
                />
                {byTier && (
                  <NativeSelect
                    size="xs"
                    label={t('loop.tierLabel')}
                    value={tier}
                    onChange={(e) => {
                      const v = e.currentTarget.value;
                      setTier(isCode(TIERS, v) ? v : '');
                    }}
                    data-testid="rep-tier"
                    data={[{ value: '', label: t('loop.anyTier') }, ...TIERS.map((x) => ({ value: x, label: word('tier', x) }))]}
                  />
                )}
              </>
            )}
            {kind === 'warnings' &&
              (household ? (
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm" fw={600} data-testid="rep-household">
                    {household.label}
                  </Text>
                  <Button size="compact-xs" variant="subtle" onClick={() => setHousehold(null)} data-testid="rep-household-clear">
                    {t('reports.clearHousehold')}
                  </Button>
                </Group>
              ) : (
                <Stack gap={2}>
                  <Text size="xs" c="dimmed">
                    {t('reports.warningsHousehold')}
                  </Text>
                  <HouseholdPicker onPick={setHousehold} />
                </Stack>
              ))}
            {kind === 'chain' &&
              (household ? (
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm" fw={600} data-testid="rep-household">
                    {household.label}
                  </Text>
                  <Button size="compact-xs" variant="subtle" onClick={() => setHousehold(null)}>
                    {t('common.edit')}
                  </Button>
                </Group>
              ) : (
                <HouseholdPicker onPick={setHousehold} />
              ))}
            <Group gap={6} mt={4}>
              <Button size="xs" onClick={print} disabled={!preview || !!busy} data-testid="rep-print">
                {t('reports.print')}
              </Button>
              <Button
                size="xs"
                variant="default"
                onClick={() => void save('pdf')}
                disabled={!ready || !!busy}
                loading={busy === 'pdf'}
                data-testid="rep-pdf"
              >
                {t('reports.savePdf')}
              </Button>
              <Button
                size="xs"
                variant="default"
                onClick={() => void save('xlsx')}
                disabled={!ready || !!busy}
                loading={busy === 'xlsx'}
                data-testid="rep-xlsx"
              >
                {t('reports.exportXlsx')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed" data-testid="rep-pages">
              {busy === 'html' ? t('reports.rendering') : preview?.pages ? t('reports.pages', { n: preview.pages }) : ''}
            </Text>
            <ErrorAlert error={error} />
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={9}>
        <Paper
          withBorder
          p={0}
          style={{ position: 'relative', height: 'calc(100vh - 190px)', minHeight: 420, overflow: 'hidden' }}
          data-testid="rep-preview-box"
          lang={i18n.language}
        >
          {busy === 'html' && <Loader size="sm" style={{ position: 'absolute', top: 8, right: 8 }} />}
          {preview && (
            <iframe
              ref={frame}
              title={t('reports.preview')}
              srcDoc={preview.html}
              sandbox="allow-same-origin allow-modals"
              data-testid="rep-preview"
              style={{ width: '100%', height: '100%', border: 0, display: 'block' }}
            />
          )}
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
