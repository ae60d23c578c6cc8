/**
 * Dated county parameters: the Settings tab (administrator adds a dated value; the history
 * keeps every row, superseded corrections included). The read-only "parameters in force"
 * panel for managers and clerks is ./ParametersInForce.tsx.
 */
import { Fragment, useCallback, useEffect, useMemo, useState } from 'react';
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract';
import { PARAMETER_IDS, type ParameterId } from '../../../src-main/common/parameters';
import { todayIso } from '../../../src-main/common/dates';
import { ErrorAlert } from '../lib/errors';
import { dateTime } from '../lib/format';
import { useSession } from '../session';
import { AddParameterValue } from './AddParameterValue';
import { showValue } from './parameter-values';

type Row = Output<'parameters.list'>[number];

export function ParametersTab() {
  const { t } = useTranslation();
  const { user } = useSession();
  // The administrator or a manager asks; a second manager confirms under Requests (docs/security.md "Roles and the two-person rule").
  const admin = user.role === 'administrator' || user.role === 'manager';
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<ParameterId | null>(null);
  const [adding, setAdding] = useState<ParameterId | null>(null);
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
    const m = new Map<ParameterId, Row[]>();
    for (const r of rows ?? []) m.set(r.parameterId, [...(m.get(r.parameterId) ?? []), r]);
    return m;
  }, [rows]);
  const inForce = (list: Row[]) =>
    list
      .filter((r) => !r.superseded && r.effectiveFrom <= today)
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : a.id - b.id))
      .pop();

  const addingRows = adding ? byId.get(adding) : undefined;
  if (error) return <ErrorAlert error={error} />;
  if (!rows) return <Text>{t('common.loading')}</Text>;
  return (
    <Stack gap="xs" data-testid="parameters-tab">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" c="dimmed">
          {t('params.listHint')} {!admin && t('params.readOnly')}
        </Text>
        <Button size="xs" variant="default" onClick={load} data-testid="params-refresh">
          {t('requests.refresh')}
        </Button>
      </Group>
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
          {PARAMETER_IDS.map((id) => {
            const list = byId.get(id);
            if (!list) return null;
            const cur = inForce(list);
            const future = list.filter((r) => !r.superseded && r.effectiveFrom > today);
            const unit = list[0].unit;
            return (
              <Fragment key={id}>
                <Table.Tr data-testid={`param-${id}`}>
                  <Table.Td>{t(`params.names.${id}`)}</Table.Td>
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
      {addingRows && adding && (
        <AddParameterValue
          id={adding}
          unit={addingRows[0].unit}
          current={inForce(addingRows) ?? null}
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
