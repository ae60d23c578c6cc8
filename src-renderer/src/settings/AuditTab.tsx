/**
 * The audit log, newest first; the check of its keyed chain (links, seals, the anchor log beside the
 * database), problems named by rows; the chain's head as printed on rosters (docs/security.md "Audit").
 */
import { useCallback, useEffect, useState } from 'react';
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract';
import { ErrorAlert } from '../lib/errors';
import { auditAction, auditWho, auditRecord, dateTime, recordLang } from '../lib/format';
import { SortTh, sortRows, type Sort } from '../components/SortTh';

export function AuditTab() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<Output<'audit.recent'>>([]);
  const [error, setError] = useState<unknown>(null);
  const [verify, setVerify] = useState<Output<'audit.verify'> | null>(null);
  const [done, setDone] = useState(false);
  const [sort, setSort] = useState<Sort>(null);
  const [head, setHead] = useState<Output<'audit.head'> | null>(null);
  useEffect(() => {
    call('audit.head', {}).then(setHead).catch(setError);
  }, []);
  const load = useCallback(async (before?: number) => {
    try {
      const r = await call('audit.recent', { beforeSeq: before, limit: 100 });
      setRows((x) => (before ? [...x, ...r] : r));
      if (r.length < 100) setDone(true);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <Stack>
      <Group>
        {head && (
          // A hash has no language (zxx): the same on a Chinese and an English page.
          <Text size="sm" className="sn-mono" data-testid="audit-head" title={head.hash} lang="zxx">
            {head.short}
          </Text>
        )}
        <Button onClick={() => call('audit.verify', {}).then(setVerify).catch(setError)} data-testid="audit-verify">
          {t('settings.verify')}
        </Button>
        {verify &&
          (verify.ok ? (
            <Badge color="teal" size="lg" data-testid="audit-verify-result" data-ok="true">
              {t('settings.verifyOk', { n: verify.rows, h: verify.lastHash.slice(0, 12), a: verify.anchorsChecked })}
            </Badge>
          ) : (
            <Badge color="red" size="lg" data-testid="audit-verify-result" data-ok="false">
              {t('settings.verifyBad', { n: verify.problems.length })}
            </Badge>
          ))}
      </Group>
      {verify && !verify.ok && (
        <Stack gap={2}>
          {verify.problems.map((p, i) => (
            <Text key={i} c="red" size="sm" data-testid="audit-problem" data-problem={p.problem}>
              {p.seq === 0 ? '' : p.through > p.seq ? t('settings.rows', { a: p.seq, b: p.through }) : t('settings.row', { a: p.seq })}
              {t(`settings.problems.${p.problem}`)}
              {p.detail ? ` — ${p.detail}` : ''}
            </Text>
          ))}
        </Stack>
      )}
      <ErrorAlert error={error} />
      <Table striped data-testid="audit-log" verticalSpacing={2}>
        <Table.Thead>
          <Table.Tr>
            <SortTh label={t('settings.seq')} k="seq" sort={sort} onSort={setSort} num />
            <SortTh label={t('settings.at')} k="at" sort={sort} onSort={setSort} />
            <SortTh label={t('settings.who')} k="username" sort={sort} onSort={setSort} />
            <SortTh label={t('settings.action')} k="action" sort={sort} onSort={setSort} />
            <SortTh label={t('settings.entity')} k="entity" sort={sort} onSort={setSort} />
            <Table.Th>{t('settings.summary')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sortRows(rows, sort).map((r) => (
            <Table.Tr key={r.seq}>
              <Table.Td className="sn-num">{r.seq}</Table.Td>
              <Table.Td>{dateTime(r.at)}</Table.Td>
              <Table.Td>{auditWho(r.username)}</Table.Td>
              <Table.Td data-action={r.action}>{auditAction(r.action)}</Table.Td>
              <Table.Td>{auditRecord(r.entity, r.entityId)}</Table.Td>
              {/* The summary is sealed into the chain as it was written, in English for most writers: a record in its own language. */}
              <Table.Td lang={recordLang(r.summary)}>
                {r.entity === 'household' && r.entityId ? <a href={`#/households/${r.entityId}`}>{r.summary}</a> : r.summary}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {!done && rows.length > 0 && (
        <Group>
          <Button variant="default" onClick={() => void load(rows[rows.length - 1].seq)}>
            {t('settings.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
