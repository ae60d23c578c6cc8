/** The cases: filtered by date, township/village, status and kind, sorted by any column, exported to XLSX, paged; a row opens its drawer. */
import { useCallback, useEffect, useState } from 'react';
import { Button, Group, NativeSelect, Pagination, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Input } from '../../../src-main/contract/index';
import { isCode, TEMPORARY_KINDS, TEMPORARY_STATUSES, type TemporaryKind, type TemporaryStatus } from '../../../src-main/common/codes';
import { ErrorAlert } from '../lib/errors';
import { money } from '../lib/format';
import { downloadBase64 } from '../lib/files';
import { navigate } from '../lib/router';
import { AreaFilter } from '../components/files';
import { SortTh, sortRows, type Sort } from '../components/SortTh';
import { StatusBadge, tw, type CaseRow } from './common';
import { CaseDrawer } from './CaseDrawer';

const PAGE = 50;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function CaseList({ openId }: { openId: number | null }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [township, setTownship] = useState('');
  const [village, setVillage] = useState('');
  const [status, setStatus] = useState<TemporaryStatus | ''>('');
  const [kind, setKind] = useState<TemporaryKind | ''>('');
  const [q, setQ] = useState('');
  const [deb] = useDebouncedValue(q, 200);
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<Sort>(null);
  const [data, setData] = useState<{
    total: number;
    items: CaseRow[];
    totals: { cases: number; approvedFen: number; paidFen: number };
  } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  const filter = useCallback((): Input<'temporary.export'> => {
    const f: Input<'temporary.export'> = {};
    if (/^\d{4}-\d{2}-\d{2}$/.test(from)) f.from = from;
    if (/^\d{4}-\d{2}-\d{2}$/.test(to)) f.to = to;
    if (village) f.villageId = Number(village);
    else if (township) f.townshipId = Number(township);
    if (status) f.status = status;
    if (kind) f.kind = kind;
    if (deb.trim()) f.q = deb.trim();
    return f;
  }, [from, to, township, village, status, kind, deb]);

  useEffect(() => {
    let live = true;
    call('temporary.list', { ...filter(), page, pageSize: PAGE })
      .then((r) => live && (setData(r), setError(null)))
      .catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [filter, page, tick]);

  async function exportXlsx() {
    try {
      const f = await call('temporary.export', filter());
      downloadBase64(f.fileName, f.base64, XLSX);
      notifications.show({ color: 'teal', message: t('temporary.exported', { f: f.fileName }) });
    } catch (e) {
      setError(e);
    }
  }

  const rows = sortRows(data?.items ?? [], sort);
  const th = (k: string, label: string, num?: boolean) => <SortTh k={k} label={label} sort={sort} onSort={setSort} num={num} />;
  return (
    <Stack gap="xs" data-testid="tmp-list">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <TextInput
          size="xs"
          w={180}
          label={t('temporary.searchLabel')}
          placeholder={t('temporary.search')}
          value={q}
          onChange={(e) => (setQ(e.currentTarget.value), setPage(1))}
          data-testid="tmp-q"
        />
        <TextInput
          size="xs"
          w={110}
          label={t('temporary.from')}
          placeholder="YYYY-MM-DD"
          value={from}
          onChange={(e) => (setFrom(e.currentTarget.value), setPage(1))}
        />
        <TextInput
          size="xs"
          w={110}
          label={t('temporary.to')}
          placeholder="YYYY-MM-DD"
          value={to}
          onChange={(e) => (setTo(e.currentTarget.value), setPage(1))}
        />
        <AreaFilter
          township={township}
          village={village}
          prefix="tmp"
          onChange={(tw0, v) => (setTownship(tw0), setVillage(v), setPage(1))}
        />
        <NativeSelect
          size="xs"
          w={130}
          label={t('temporary.status')}
          value={status}
          data-testid="tmp-status-filter"
          onChange={(e) => {
            const v = e.currentTarget.value;
            setStatus(isCode(TEMPORARY_STATUSES, v) ? v : '');
            setPage(1);
          }}
          data={[{ value: '', label: t('temporary.any') }, ...TEMPORARY_STATUSES.map((s) => ({ value: s, label: tw('status', s) }))]}
        />
        <NativeSelect
          size="xs"
          w={100}
          label={t('temporary.kind')}
          value={kind}
          onChange={(e) => {
            const v = e.currentTarget.value;
            setKind(isCode(TEMPORARY_KINDS, v) ? v : '');
            setPage(1);
          }}
          data={[{ value: '', label: t('temporary.any') }, ...TEMPORARY_KINDS.map((s) => ({ value: s, label: tw('kind', s) }))]}
        />
        <Button size="xs" variant="default" onClick={() => void exportXlsx()} data-testid="tmp-export">
          {t('temporary.exportXlsx')}
        </Button>
      </Group>
      <ErrorAlert error={error} />
      {data && (
        <Text size="xs" c="dimmed" data-testid="tmp-total" data-n={data.total}>
          {t('temporary.total', { n: data.total, a: money(data.totals.approvedFen), p: money(data.totals.paidFen) })}
        </Text>
      )}
      {data && data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('temporary.noRows')}
        </Text>
      ) : (
        <Table fz="xs" verticalSpacing={3} striped highlightOnHover style={{ tableLayout: 'fixed' }}>
          <Table.Thead>
            <Table.Tr>
              {th('number', t('temporary.number'))}
              {th('personName', t('temporary.person'))}
              {th('township', t('temporary.township'))}
              {th('kind', t('temporary.kind'))}
              {th('reason', t('temporary.reason'))}
              {th('band', t('temporary.band'))}
              {th('proposedFen', t('temporary.proposed'), true)}
              {th('paidFen', t('temporary.paid'), true)}
              {th('status', t('temporary.status'))}
              {th('requestedOn', t('temporary.requestedOn'))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr
                key={r.id}
                style={{ cursor: 'pointer' }}
                tabIndex={0}
                onClick={() => navigate(`/temporary/list/${r.id}`)}
                onKeyDown={(e) => e.key === 'Enter' && navigate(`/temporary/list/${r.id}`)}
                data-testid="tmp-row"
                data-number={r.number}
                data-status={r.status}
              >
                <Table.Td className="sn-mono">{r.number}</Table.Td>
                <Table.Td style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {r.personName}
                  {r.nonLocal ? ` · ${t('temporary.nonLocalShort')}` : ''}
                </Table.Td>
                <Table.Td style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {r.township}
                  {r.village ? ` › ${r.village}` : ''}
                </Table.Td>
                <Table.Td>{tw('kind', r.kind)}</Table.Td>
                <Table.Td>
                  {tw('reason', r.reason)}
                  {r.track !== 'ordinary' ? ` · ${tw('track', r.track)}` : ''}
                </Table.Td>
                <Table.Td>{tw('band', r.band)}</Table.Td>
                <Table.Td className="sn-num">{money(r.approvedFen ?? r.proposedFen)}</Table.Td>
                <Table.Td className="sn-num">{money(r.paidFen)}</Table.Td>
                <Table.Td>
                  <StatusBadge status={r.status} />
                </Table.Td>
                <Table.Td>{r.requestedOn}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data && data.total > PAGE && <Pagination size="sm" total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} />}
      {openId !== null && <CaseDrawer id={openId} onClose={() => navigate('/temporary/list')} onChanged={() => setTick((x) => x + 1)} />}
    </Stack>
  );
}
