/**
 * Conflicts 冲突处理 (docs/rules/workstations.md "Conflicts"): the open conflicts; one opened shows both
 * versions side by side, field by field, and is resolved by taking the county's, the township's, or a
 * choice per field — after a confirmation, audited.
 */
import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Radio, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { ErrorAlert } from '../lib/errors';
import { dateTime } from '../lib/format';
import { useAction } from '../lib/action';
import { changesInWords } from '../registry/field-words';
import type { Input, Output } from '../../../src-main/contract/index';

type Conflict = Output<'conflicts.list'>[number];
type Detail = Output<'conflicts.get'>;
type Take = Input<'conflicts.resolve'>['take'];
type Fields = NonNullable<Input<'conflicts.resolve'>['fields']>;

/** A field's two versions as JSON text → the parts that differ, in words (a plain value is one part). */
const parts = (field: string, county: string | null, township: string | null) =>
  changesInWords(field, county === null ? null : JSON.parse(county), township === null ? null : JSON.parse(township));

export function ConflictsPanel({ level, onDone }: { level: 'county' | 'township' | null; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Conflict[] | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const reload = () => call('conflicts.list', { status: 'open' }).then(setRows).catch(setError);
  useEffect(() => {
    void reload();
  }, []);
  return (
    <Stack gap="sm" data-testid="conflicts-panel">
      <ErrorAlert error={error} />
      {message && (
        <Alert color="teal" data-testid="conflict-resolved">
          {message}
        </Alert>
      )}
      {rows && rows.length === 0 && (
        <Text c="dimmed" data-testid="conflicts-none">
          {t('conflicts.none')}
        </Text>
      )}
      {rows && rows.length > 0 && (
        <Table striped highlightOnHover withTableBorder data-testid="conflicts-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('conflicts.colId')}</Table.Th>
              <Table.Th>{t('conflicts.colKind')}</Table.Th>
              <Table.Th>{t('conflicts.colHead')}</Table.Th>
              <Table.Th>{t('conflicts.colStation')}</Table.Th>
              <Table.Th>{t('conflicts.colPackage')}</Table.Th>
              <Table.Th>{t('conflicts.colCreated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr
                key={c.id}
                onClick={() => setOpen(c.id)}
                style={{ cursor: 'pointer' }}
                data-testid={`conflict-${c.id}`}
                data-kind={c.kind}
              >
                <Table.Td>{c.id}</Table.Td>
                <Table.Td>
                  <Badge size="sm" color={c.kind === 'review' ? 'blue' : 'orange'}>
                    {t(`conflicts.kind_${c.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{c.headName}</Table.Td>
                <Table.Td className="sn-mono">{c.station}</Table.Td>
                <Table.Td>{c.packageSeq}</Table.Td>
                <Table.Td>{dateTime(c.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {open !== null && (
        <ConflictDetail
          key={open}
          id={open}
          level={level}
          onResolved={async () => {
            setMessage(t('conflicts.resolved', { id: open }));
            setOpen(null);
            await reload();
            await onDone();
          }}
        />
      )}
    </Stack>
  );
}

function ConflictDetail({ id, level, onResolved }: { id: number; level: 'county' | 'township' | null; onResolved: () => Promise<void> }) {
  const { t } = useTranslation();
  const [d, setD] = useState<Detail | null>(null);
  const [fields, setFields] = useState<Fields>({});
  const [confirm, setConfirm] = useState<Take | null>(null);
  const a = useAction();
  const [loadError, setLoadError] = useState<unknown>(null);
  useEffect(() => {
    call('conflicts.get', { id }).then(setD).catch(setLoadError);
  }, [id]);
  if (!d) return <ErrorAlert error={loadError} />;
  const review = d.kind === 'review';
  async function resolve(take: Take) {
    const r = await a.run(() => call('conflicts.resolve', { id, take, ...(take === 'fields' ? { fields } : {}) }));
    setConfirm(null);
    if (r) await onResolved();
  }
  const pick = (f: Detail['fields'][number]['field']) => fields[f] ?? 'county';
  return (
    <Paper withBorder p="sm" data-testid="conflict-detail">
      {d.kind === 'duplicate_person' && d.personIdNumber && (
        <Alert color="orange" mb="xs">
          {t('conflicts.duplicate', { id: d.personIdNumber, h: d.otherHouseholdId })}
        </Alert>
      )}
      <Table withTableBorder data-testid="conflict-fields">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('conflicts.field')}</Table.Th>
            <Table.Th>{t('conflicts.county')}</Table.Th>
            <Table.Th>{t('conflicts.township')}</Table.Th>
            {d.kind === 'household' && <Table.Th>{t('conflicts.choose')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.fields
            .filter((f) => f.differs)
            .map((f) => ({ ...f, parts: parts(f.field, f.county, f.township) }))
            .map((f) => (
              <Table.Tr key={f.field} data-testid={`conflict-field-${f.field}`}>
                <Table.Td>{t(`conflicts.field_${f.field}`)}</Table.Td>
                {(['county', 'township'] as const).map((side) => (
                  <Table.Td key={side} style={{ maxWidth: 360 }} data-testid={`conflict-${side}`}>
                    {f.parts.map((p, i) => (
                      <Text size="sm" key={i}>
                        {p.path && <Text span c="dimmed" size="sm">{`${p.path}：`}</Text>}
                        {side === 'county' ? p.before : p.after}
                      </Text>
                    ))}
                  </Table.Td>
                ))}
                {d.kind === 'household' && (
                  <Table.Td>
                    <Radio.Group
                      value={pick(f.field)}
                      onChange={(v) => setFields({ ...fields, [f.field]: v === 'township' ? 'township' : 'county' })}
                    >
                      <Group gap="xs">
                        <Radio value="county" label={t('conflicts.county')} data-testid={`pick-${f.field}-county`} />
                        <Radio value="township" label={t('conflicts.township')} data-testid={`pick-${f.field}-township`} />
                      </Group>
                    </Radio.Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
      {level === 'county' && review ? null : (
        <Group mt="xs">
          <Button variant="default" onClick={() => setConfirm('county')} data-testid="take-county">
            {t('conflicts.takeCounty')}
          </Button>
          <Button variant="default" onClick={() => setConfirm('township')} data-testid="take-township">
            {review ? t('conflicts.keepMine') : t('conflicts.takeTownship')}
          </Button>
          {d.kind === 'household' && (
            <Button onClick={() => setConfirm('fields')} data-testid="take-fields">
              {t('conflicts.takeFields')}
            </Button>
          )}
        </Group>
      )}
      {confirm && (
        <Alert color="yellow" mt="xs" data-testid="conflict-confirm">
          <Text size="sm">{t('conflicts.confirm')}</Text>
          <Group mt="xs">
            <Button size="xs" loading={a.busy} onClick={() => void resolve(confirm)} data-testid="conflict-confirm-yes">
              {t('conflicts.confirmYes')}
            </Button>
            <Button size="xs" variant="default" onClick={() => setConfirm(null)}>
              {t('conflicts.cancel')}
            </Button>
          </Group>
        </Alert>
      )}
      <ErrorAlert error={a.error} />
    </Paper>
  );
}
