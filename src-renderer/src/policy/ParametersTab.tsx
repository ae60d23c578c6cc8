/**
 * Dated county parameters: the Settings tab (administrator adds a dated value; the history
 * keeps every row, superseded corrections included) and a small read-only "parameters in
 * force" panel for managers and clerks (Approvals, Proactive scan).
 */
import { Fragment, useCallback, useEffect, useMemo, useState } from 'react';
import { Accordion, Alert, Badge, Button, Checkbox, Group, Modal, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call, ApiError } from '../api';
import type { Output } from '../../../src-main/contract/index';
import { DEMO_PARAMETERS, PARAMETER_IDS, type ParameterUnit } from '../../../src-main/common/parameters';
import { todayIso } from '../../../src-main/common/dates';
import { ErrorAlert, errorText } from '../lib/errors';
import { dateTime, enumLabel, money } from '../lib/format';
import { useSession } from '../session';

type Row = Output<'parameters.list'>[number];
const MODE_GROUP: Record<string, string> = { 'benefit.rounding': 'rounding', 'benefit.mode': 'mode' };
const MODE_OPTIONS: Record<string, string[]> = { 'benefit.rounding': ['up', 'nearest', 'down'], 'benefit.mode': ['gap', 'band'] };
const UNITS: Record<string, string> = Object.fromEntries(DEMO_PARAMETERS.parameters.map((p) => [p.id, p.unit]));
const trim = (n: number) => String(Math.round(n * 10000) / 10000);

/** A stored value as the office reads it: yuan for money, % for rates. */
export function showValue(id: string, unit: string, v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map((x) => `${x}%`).join(', ');
  if (typeof v === 'string') return MODE_GROUP[id] ? enumLabel(MODE_GROUP[id], v) : v;
  const n = Number(v);
  if (unit.startsWith('fen')) return money(n);
  if (unit === 'rate') return `${trim(n * 100)}%`;
  if (unit === 'multiplier') return `× ${trim(n)}`;
  return trim(n);
}

/** What the administrator types (yuan, %, a comma list) → the stored value (fen, fraction, integers). */
function parseValue(unit: ParameterUnit | string, text: string): { value?: number | string | number[]; error?: string } {
  const x = text.trim().replace(/[,，]\s*$/, '');
  if (!x) return { error: 'required' };
  if (unit === 'mode') return { value: x };
  if (unit === 'percent_list') {
    const parts = x.split(/[,，\s]+/).filter(Boolean);
    if (!parts.every((p) => /^\d{1,3}$/.test(p))) return { error: 'number' };
    return { value: parts.map(Number) };
  }
  const clean = x.replace(/,/g, '').replace(/%$/, '');
  if (!/^\d+(\.\d+)?$/.test(clean)) return { error: 'number' };
  const n = Number(clean);
  if (unit.startsWith('fen')) {
    if (!/^\d+(\.\d{1,2})?$/.test(clean)) return { error: 'amount' };
    return { value: Math.round(n * 100) };
  }
  if (unit === 'rate') return { value: Math.round(n * 10000) / 1000000 };
  return { value: n };
}

/** The value put back into the input (the reverse of parseValue). */
function inputText(unit: string, v: unknown): string {
  if (Array.isArray(v)) return v.join(', ');
  if (typeof v === 'string') return v;
  const n = Number(v);
  if (unit.startsWith('fen')) return (n / 100).toFixed(2);
  if (unit === 'rate') return trim(n * 100);
  return trim(n);
}

export function ParametersTab() {
  const { t } = useTranslation();
  const { user } = useSession();
  const admin = user.role === 'administrator';
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [adding, setAdding] = useState<string | null>(null);
  const load = useCallback(() => {
    call('parameters.list', {})
      .then((r) => {
        setRows(r);
        setError(null);
      })
      .catch(setError);
  }, []);
  useEffect(load, [load]);
  const today = todayIso();

  const byId = useMemo(() => {
    const m = new Map<string, Row[]>();
    for (const r of rows ?? []) m.set(r.parameterId, [...(m.get(r.parameterId) ?? []), r]);
    return m;
  }, [rows]);
  const inForce = (list: Row[]) =>
    list
      .filter((r) => !r.superseded && r.effectiveFrom <= today)
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.id - b.id))
      .pop();

  if (error) return <ErrorAlert error={error} />;
  if (!rows) return <Text>{t('common.loading')}</Text>;
  return (
    <Stack gap="xs" data-testid="parameters-tab">
      <Text size="sm" c="dimmed">
        {t('params.listHint')} {!admin && t('params.readOnly')}
      </Text>
      <Table striped highlightOnHover verticalSpacing={3} fz="sm" data-testid="parameters-table" style={{ tableLayout: 'fixed' }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('params.parameter')}</Table.Th>
            <Table.Th w={80}>{t('params.unit')}</Table.Th>
            <Table.Th w={170} className="sn-num">
              {t('params.urban')}
            </Table.Th>
            <Table.Th w={170} className="sn-num">
              {t('params.rural')}
            </Table.Th>
            <Table.Th w={170}>{t('params.effectiveFrom')}</Table.Th>
            <Table.Th w={90}>{t('params.history')}</Table.Th>
            <Table.Th w={100} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {PARAMETER_IDS.filter((id) => byId.has(id)).map((id) => {
            const list = byId.get(id)!;
            const cur = inForce(list);
            const future = list.filter((r) => !r.superseded && r.effectiveFrom > today);
            const unit = list[0].unit;
            return (
              <Fragment key={id}>
                <Table.Tr data-testid={`param-${id}`}>
                  <Table.Td>
                    {t(`params.names.${id}`, { defaultValue: id })}{' '}
                    <Text size="xs" c="dimmed" className="sn-mono">
                      {id}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{t(`params.units.${unit}`, { defaultValue: unit })}</Table.Td>
                  <Table.Td className="sn-num" data-testid="param-urban">
                    {cur ? showValue(id, unit, cur.urban) : '—'}
                  </Table.Td>
                  <Table.Td className="sn-num" data-testid="param-rural">
                    {cur ? showValue(id, unit, cur.rural) : '—'}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {cur?.effectiveFrom ?? '—'}
                    {future.length > 0 && (
                      <>
                        <br />
                        <Badge size="xs" color="orange" data-testid="param-future">
                          {t('params.future')} {future[0].effectiveFrom}
                        </Badge>
                      </>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => setOpen(open === id ? null : id)}
                      data-testid={`param-history-${id}`}
                      aria-expanded={open === id}
                    >
                      {open === id ? t('params.hide') : t('params.show')} ({list.length})
                    </Button>
                  </Table.Td>
                  <Table.Td>
                    {admin && (
                      <Button size="compact-xs" variant="light" onClick={() => setAdding(id)} data-testid={`param-add-${id}`}>
                        {t('params.add')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
                {open === id && (
                  <Table.Tr>
                    <Table.Td colSpan={7} bg="gray.0">
                      <Table verticalSpacing={2} fz="xs" data-testid="param-history">
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th>{t('params.effectiveFrom')}</Table.Th>
                            <Table.Th className="sn-num">{t('params.urban')}</Table.Th>
                            <Table.Th className="sn-num">{t('params.rural')}</Table.Th>
                            <Table.Th>{t('params.note')}</Table.Th>
                            <Table.Th>{t('params.createdBy')}</Table.Th>
                            <Table.Th>{t('params.createdAt')}</Table.Th>
                            <Table.Th />
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {list.map((r) => (
                            <Table.Tr
                              key={r.id}
                              data-testid="param-history-row"
                              data-superseded={String(r.superseded)}
                              style={r.superseded ? { textDecoration: 'line-through', opacity: 0.6 } : undefined}
                            >
                              <Table.Td>{r.effectiveFrom}</Table.Td>
                              <Table.Td className="sn-num">{showValue(id, unit, r.urban)}</Table.Td>
                              <Table.Td className="sn-num">{showValue(id, unit, r.rural)}</Table.Td>
                              <Table.Td>{r.note ?? ''}</Table.Td>
                              <Table.Td>{r.createdBy}</Table.Td>
                              <Table.Td>{dateTime(r.createdAt)}</Table.Td>
                              <Table.Td>
                                {r.superseded ? (
                                  <Badge size="xs" color="gray">
                                    {t('params.superseded')}
                                  </Badge>
                                ) : cur?.id === r.id ? (
                                  <Badge size="xs" color="teal">
                                    {t('params.inForceBadge')}
                                  </Badge>
                                ) : r.effectiveFrom > today ? (
                                  <Badge size="xs" color="orange">
                                    {t('params.future')}
                                  </Badge>
                                ) : null}
                              </Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
      {adding && (
        <AddValue
          id={adding}
          unit={byId.get(adding)![0].unit}
          current={inForce(byId.get(adding)!) ?? null}
          onClose={() => setAdding(null)}
          onAdded={() => {
            setOpen(adding);
            setAdding(null);
            load();
          }}
        />
      )}
    </Stack>
  );
}

function AddValue({
  id,
  unit,
  current,
  onClose,
  onAdded,
}: {
  id: string;
  unit: string;
  current: Row | null;
  onClose: () => void;
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState({
    effectiveFrom: '',
    urban: current ? inputText(unit, current.urban) : '',
    rural: current ? inputText(unit, current.rural) : '',
    note: '',
    rescan: true,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const suffix = t(`params.units.${unit}`, { defaultValue: unit });
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const errs: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.effectiveFrom)) errs.effectiveFrom = t('errors.date');
    const u = parseValue(unit, v.urban),
      r = parseValue(unit, v.rural);
    if (u.error) errs.urban = t(`errors.${u.error}`);
    if (r.error) errs.rural = t(`errors.${r.error}`);
    setErrors(errs);
    if (Object.keys(errs).length) return;
    setBusy(true);
    try {
      const res = await call('parameters.add', {
        parameterId: id,
        effectiveFrom: v.effectiveFrom,
        urban: u.value!,
        rural: r.value!,
        rescan: v.rescan,
        ...(v.note.trim() ? { note: v.note.trim() } : {}),
      });
      notifications.show({
        color: 'teal',
        message: res.scanId ? t('params.addedScan', { d: v.effectiveFrom, s: res.scanId }) : t('params.added', { d: v.effectiveFrom }),
      });
      onAdded();
    } catch (err) {
      if (err instanceof ApiError && err.field && ['urban', 'rural', 'effectiveFrom'].includes(err.field))
        setErrors({ [err.field]: err.message });
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  const valueInput = (k: 'urban' | 'rural') =>
    unit === 'mode' ? (
      <NativeSelect
        label={t(`params.${k}`)}
        value={v[k]}
        onChange={(e) => setV({ ...v, [k]: e.currentTarget.value })}
        data={(MODE_OPTIONS[id] ?? []).map((o) => ({ value: o, label: enumLabel(MODE_GROUP[id], o) }))}
        data-testid={`pa-${k}`}
      />
    ) : (
      <TextInput
        label={`${t(`params.${k}`)} (${suffix})`}
        value={v[k]}
        error={errors[k]}
        onChange={(e) => setV({ ...v, [k]: e.currentTarget.value })}
        data-testid={`pa-${k}`}
        description={unit === 'percent_list' ? t('params.percentList') : undefined}
        inputMode="decimal"
      />
    );
  return (
    <Modal opened onClose={onClose} title={t('params.addFor', { p: t(`params.names.${id}`, { defaultValue: id }) })}>
      <form onSubmit={submit}>
        <Stack gap="xs">
          {current && (
            <Text size="sm" c="dimmed">
              {t('params.inForceBadge')}: {showValue(id, unit, current.urban)} / {showValue(id, unit, current.rural)} (
              {current.effectiveFrom})
            </Text>
          )}
          <TextInput
            label={t('params.effectiveFrom')}
            placeholder="YYYY-MM-DD"
            maxLength={10}
            value={v.effectiveFrom}
            error={errors.effectiveFrom}
            onChange={(e) => setV({ ...v, effectiveFrom: e.currentTarget.value })}
            data-testid="pa-effective"
            data-autofocus
          />
          <Group grow>
            {valueInput('urban')}
            {valueInput('rural')}
          </Group>
          <TextInput
            label={t('params.note')}
            maxLength={200}
            value={v.note}
            onChange={(e) => setV({ ...v, note: e.currentTarget.value })}
            data-testid="pa-note"
          />
          <Checkbox
            label={t('params.rescan')}
            checked={v.rescan}
            onChange={(e) => setV({ ...v, rescan: e.currentTarget.checked })}
            data-testid="pa-rescan"
          />
          {error && (
            <Alert color="red" data-testid="pa-error">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="pa-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Read-only: the values in force today (any staff member). */
export function ParametersInForce() {
  const { t } = useTranslation();
  const [p, setP] = useState<Output<'parameters.inForce'> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    call('parameters.inForce', {}).then(setP).catch(setError);
  }, []);
  const values = p?.values as { urban: Record<string, unknown>; rural: Record<string, unknown> } | undefined;
  const unitOf = (id: string) => UNITS[id] ?? 'count';
  return (
    <Accordion variant="contained" data-testid="params-in-force">
      <Accordion.Item value="p">
        <Accordion.Control py={4}>
          <Text size="sm">
            {t('params.inForce')}
            {p ? ` · ${p.id}` : ''}
          </Text>
        </Accordion.Control>
        <Accordion.Panel>
          <ErrorAlert error={error} />
          {values && (
            <Table verticalSpacing={1} fz="xs" data-testid="params-in-force-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('params.parameter')}</Table.Th>
                  <Table.Th className="sn-num">{t('params.urban')}</Table.Th>
                  <Table.Th className="sn-num">{t('params.rural')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {PARAMETER_IDS.map((id) => (
                  <Table.Tr key={id}>
                    <Table.Td>{t(`params.names.${id}`, { defaultValue: id })}</Table.Td>
                    <Table.Td className="sn-num">{showValue(id, unitOf(id), values.urban[id])}</Table.Td>
                    <Table.Td className="sn-num">{showValue(id, unitOf(id), values.rural[id])}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
