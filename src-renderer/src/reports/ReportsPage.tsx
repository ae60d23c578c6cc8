/**
 * Reports 报表打印 (managers; clerks print a household's assistance chain). Choose the form,
 * the month and the filters; the preview is the print view itself (the service's HTML in a
 * sandboxed iframe, A4 pages), printed as it is, saved as PDF or exported to XLSX. The months
 * tab lists open and closed months, closes the open one (asking once, saying what happens)
 * and shows the change list against the previous month.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, Badge, Button, Grid, Group, Loader, Modal, NativeSelect, Paper, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Input, Output } from '../../../src-main/contract/index';
import { ErrorAlert } from '../lib/errors';
import { dateTime, money } from '../lib/format';
import { downloadBase64 } from '../lib/policy';
import { useAreas } from '../lib/areas';
import { useRoute } from '../lib/router';
import { useSession } from '../session';
import { HouseholdPicker, TIERS, monthLabel, word } from '../referrals/common';

type Kind = Input<'reports.render'>['kind'];
type Month = Output<'payments.months'>[number];
const KINDS: Kind[] = ['roster', 'changes', 'publicity', 'warnings', 'chain'];
const MONTHLY: Kind[] = ['roster', 'changes', 'publicity', 'warnings'];
/** Forms filtered by township / village. */
const BY_AREA: Kind[] = ['roster', 'publicity', 'warnings'];

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
  const [tier, setTier] = useState('');
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
  useEffect(() => {
    if (!household || household.label !== `#${household.id}`) return;
    call('households.get', { id: household.id })
      .then((h) => {
        const head = ((h.household?.members ?? []) as { name: string; relation: string }[]).find((x) => x.relation === 'head');
        setHousehold((x) =>
          x && x.id === household.id
            ? { ...x, label: `#${x.id} ${head?.name ?? ''} · ${h.household?.area?.township ?? ''} ${h.household?.area?.village ?? ''}` }
            : x,
        );
      })
      .catch(() => {});
  }, [household?.id]);
  useEffect(() => {
    if (forceMonth) {
      setMonth(forceMonth);
      if (manager) setKind('roster');
    }
  }, [forceMonth]);

  const monthly = MONTHLY.includes(kind);
  const filtered = BY_AREA.includes(kind);
  const byTier = kind === 'roster' || kind === 'publicity';
  // The warnings report may add one household's verification report.
  const withHousehold = kind === 'chain' || kind === 'warnings';
  const ready = monthly ? !!month : !!household;
  const req = (format: 'html' | 'pdf' | 'xlsx'): Input<'reports.render'> => ({
    kind,
    format,
    ...(monthly ? { month } : {}),
    ...(withHousehold && household ? { householdId: household.id } : {}),
    ...(byTier && tier ? { tier } : {}),
    ...(filtered ? (villageId ? { villageId: Number(villageId) } : townshipId ? { townshipId: Number(townshipId) } : {}) : {}),
  });
  const key = JSON.stringify(req('html'));
  useEffect(() => {
    if (!ready) {
      setPreview(null);
      return;
    }
    let live = true;
    setBusy('html');
    setError(null);
    call('reports.render', JSON.parse(key))
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
  }, [key, ready]);

  async function save(format: 'pdf' | 'xlsx') {
    setBusy(format);
    setError(null);
    try {
      const r = await call('reports.render', req(format));
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

  const kinds = manager ? KINDS : (['chain'] as Kind[]);
  const townships = areas.filter((a) => a.level === 'township');
  const villages = areas.filter((a) => a.level === 'village' && (!townshipId || a.parentId === Number(townshipId)));
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
              onChange={(e) => setKind(e.currentTarget.value as Kind)}
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
                  data={[{ value: '', label: t('loop.anyVillage') }, ...villages.map((a) => ({ value: String(a.id), label: a.name }))]}
                />
                {byTier && (
                  <NativeSelect
                    size="xs"
                    label={t('loop.tierLabel')}
                    value={tier}
                    onChange={(e) => setTier(e.currentTarget.value)}
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
              {busy === 'html'
                ? t('reports.rendering')
                : preview?.pages
                  ? `${preview.fileName} · ${t('reports.pages', { n: preview.pages })}`
                  : ''}
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

function Months({ months, onChanged, onPreview }: { months: Month[] | null; onChanged: () => void; onPreview: (m: string) => void }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const manager = user.role === 'manager' || user.role === 'administrator';
  const [closing, setClosing] = useState<Month | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!selected && months?.length) setSelected(months[0].month);
  }, [months, selected]);
  async function close() {
    if (!closing) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('payments.close', { month: closing.month });
      notifications.show({
        color: 'teal',
        message: t('reports.closeDone', { m: monthLabel(closing.month), r: r.recipients, a: money(r.totalFen) }),
      });
      setClosing(null);
      onChanged();
    } catch (e) {
      setError(e);
      setClosing(null);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Grid gap="xs">
      <Grid.Col span={6}>
        <Paper withBorder p="xs">
          <ErrorAlert error={error} />
          <div style={{ maxHeight: 'calc(100vh - 210px)', overflowY: 'auto' }}>
            <Table fz="xs" verticalSpacing={3} stickyHeader data-testid="months-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reports.month')}</Table.Th>
                  <Table.Th w={64} />
                  <Table.Th className="sn-num">{t('reports.recipients')}</Table.Th>
                  <Table.Th className="sn-num">{t('reports.total')}</Table.Th>
                  <Table.Th w={150} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {months?.map((m) => (
                  <Table.Tr
                    key={m.month}
                    data-testid="month-row"
                    data-month={m.month}
                    data-closed={String(m.closed)}
                    bg={selected === m.month ? 'teal.0' : undefined}
                    className="sn-clickable"
                    tabIndex={0}
                    onClick={() => setSelected(m.month)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        setSelected(m.month);
                      }
                    }}
                  >
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{monthLabel(m.month)}</Table.Td>
                    <Table.Td title={m.closedAt ? t('reports.closedBy', { at: dateTime(m.closedAt), by: m.closedBy ?? '' }) : undefined}>
                      <Text size="xs" fw={m.closed ? 400 : 700} c={m.closed ? 'dimmed' : 'teal.8'} style={{ whiteSpace: 'nowrap' }}>
                        {m.closed ? t('reports.closed') : t('reports.open')}
                      </Text>
                    </Table.Td>
                    <Table.Td className="sn-num">{m.recipients}</Table.Td>
                    <Table.Td className="sn-num">{money(m.totalFen)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {manager && (
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            onClick={(e) => {
                              e.stopPropagation();
                              onPreview(m.month);
                            }}
                            data-testid="month-preview"
                          >
                            {t('reports.preview')}
                          </Button>
                        )}
                        {manager && !m.closed && (
                          <Button
                            size="compact-xs"
                            color="red"
                            variant="light"
                            onClick={(e) => {
                              e.stopPropagation();
                              setClosing(m);
                            }}
                            data-testid="month-close"
                          >
                            {t('reports.closeMonth')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </Paper>
      </Grid.Col>
      <Grid.Col span={6}>{selected && <ChangeList month={selected} />}</Grid.Col>
      <Modal
        opened={!!closing}
        onClose={() => setClosing(null)}
        title={closing ? t('reports.closeTitle', { m: monthLabel(closing.month) }) : ''}
      >
        {closing && (
          <Stack>
            <Text size="sm" data-testid="close-text">
              {t('reports.closeText', { m: monthLabel(closing.month), r: closing.recipients, a: money(closing.totalFen) })}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setClosing(null)} data-autofocus>
                {t('common.cancel')}
              </Button>
              <Button color="red" loading={busy} onClick={() => void close()} data-testid="close-confirm">
                {t('reports.closeDo', { m: monthLabel(closing.month) })}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Grid>
  );
}

function ChangeList({ month }: { month: string }) {
  const { t } = useTranslation();
  const [res, setRes] = useState<Output<'payments.changes'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    setRes(null);
    call('payments.changes', { month })
      .then((r) => live && setRes(r))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [month]);
  const color: Record<string, string> = { added: 'teal', removed: 'red', changed: 'blue' };
  return (
    <Paper withBorder p="xs" data-testid="change-list">
      {res && (
        <Text fw={600} size="sm" mb={4}>
          {t('reports.changes', { m: monthLabel(res.month), p: monthLabel(res.previousMonth) })}
        </Text>
      )}
      <ErrorAlert error={error} />
      {!res && !error && <Loader size="sm" />}
      {res && res.rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('reports.noChanges')}
        </Text>
      )}
      {res && res.rows.length > 0 && (
        <div style={{ maxHeight: 'calc(100vh - 240px)', overflowY: 'auto' }}>
          <Table fz="xs" verticalSpacing={2} stickyHeader style={{ tableLayout: 'fixed' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={84} />
                <Table.Th>
                  {t('loop.household')} · {t('loop.tierLabel')} · {t('reports.reasons')}
                </Table.Th>
                <Table.Th w={150} className="sn-num">
                  {t('reports.difference')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {res.rows.map((r) => (
                <Table.Tr key={`${r.kind}-${r.householdId}`} data-testid="change-row" data-kind={r.kind}>
                  <Table.Td>
                    <Badge size="xs" tt="none" color={color[r.kind]}>
                      {t(`reports.${r.kind}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ wordBreak: 'break-word' }}>
                    <Text size="xs">
                      <a href={`#/households/${r.householdId}`}>{r.headName}</a> · {r.township} {r.village} ·{' '}
                      {r.previousTier ? word('tier', r.previousTier) : '—'} → {r.tier ? word('tier', r.tier) : '—'}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {r.reasons.join('；')}
                    </Text>
                  </Table.Td>
                  <Table.Td className="sn-num">
                    {money(r.previousFen)} → {money(r.amountFen)}
                    <br />
                    <b>
                      {r.differenceFen > 0 ? '+' : ''}
                      {money(r.differenceFen)}
                    </b>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Paper>
  );
}
