import { useEffect, useMemo, useRef, useState } from 'react';
import { Button, Group, Pagination, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import type { Output } from '../../../src-main/contract';
import { LIST_SORT_KEYS } from '../../../src-main/contract/households';
import { TIERS } from '../../../src-main/common/household-file';
import { ErrorAlert } from '../lib/errors';
import { enumLabel, money, date } from '../lib/format';
import { navigate } from '../lib/router';
import { useAreas, villageOptions } from '../lib/areas';
import { SortTh, sortRows, type Sort } from '../components/SortTh';
import { downloadBase64 } from '../lib/files';
import { ImportDialog } from './ImportDialog';

type Hits = Output<'registry.search'>;
type ListOut = Output<'households.list'>;
const TIER_FILTERS = [...TIERS, 'none'] as const;

/** The list's filter as the service takes it, from what the selects hold. */
function listFilter(township: string | null, village: string | null, tier: string | null) {
  return {
    townshipId: township ? Number(township) : undefined,
    villageId: village ? Number(village) : undefined,
    tier: TIER_FILTERS.find((x) => x === tier),
  };
}

/** A column sort the service can do over the whole list (every column of the table can). */
function listSort(s: Sort) {
  const key = s && LIST_SORT_KEYS.find((k) => k === s.key);
  return s && key ? { key, dir: s.dir } : undefined;
}

// The list's filters survive leaving and coming back to the page.
const memo: {
  q: string;
  township: string | null;
  village: string | null;
  tier: string | null;
  page: number;
  pageSize: string;
  sort: Sort;
} = {
  q: '',
  township: null,
  village: null,
  tier: null,
  page: 1,
  pageSize: '50',
  sort: null,
};

export function HouseholdsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState(memo.q);
  const [debounced] = useDebouncedValue(q, 120);
  const [hits, setHits] = useState<Hits | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);
  const [hitSort, setHitSort] = useState<Sort>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [importOpen, setImportOpen] = useState(false);

  useEffect(() => {
    memo.q = q;
  }, [q]);
  useEffect(() => {
    let live = true;
    if (!debounced.trim()) {
      setHits(null);
      return;
    }
    call('registry.search', { q: debounced.trim(), limit: 50 })
      .then((r) => {
        if (live) {
          setHits(r);
          setSearchError(null);
        }
      })
      .catch((e) => {
        if (live) setSearchError(e);
      });
    return () => {
      live = false;
    };
  }, [debounced]);

  // Keep the search box focused: typing anywhere outside an input goes to it.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = document.activeElement;
      if (
        el instanceof HTMLElement &&
        (el.tagName === 'INPUT' || el.tagName === 'SELECT' || el.tagName === 'TEXTAREA' || el.isContentEditable)
      )
        return;
      if (document.querySelector('[role="dialog"]')) return;
      if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) searchRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const sortedHits = useMemo(() => (hits ? sortRows(hits.hits, hitSort) : []), [hits, hitSort]);

  return (
    <Stack gap="sm" data-testid="households-page">
      <Group justify="space-between">
        <Title order={2}>{t('households.title')}</Title>
        <Group>
          <Button onClick={() => navigate('/households/new')} data-testid="new-household">
            {t('households.new')}
          </Button>
          <Button variant="default" onClick={() => setImportOpen(true)} data-testid="import-household">
            {t('households.import')}
          </Button>
        </Group>
      </Group>
      <TextInput
        ref={searchRef}
        autoFocus
        size="md"
        aria-label={t('households.search')}
        placeholder={t('households.searchHint')}
        data-testid="household-search"
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && sortedHits[0]) navigate(`/households/${sortedHits[0].householdId}`);
          if (e.key === 'Escape') setQ('');
        }}
      />
      <ErrorAlert error={searchError} />
      {hits && (
        <Paper withBorder p="xs" data-testid="search-results">
          <Text size="sm" c="dimmed" data-testid="search-stats">
            {hits.capped
              ? t('households.hitsMany', { shown: hits.hits.length, ms: hits.elapsedMs })
              : hits.total > hits.hits.length
                ? t('households.hitsSome', { n: hits.total, shown: hits.hits.length, ms: hits.elapsedMs })
                : t('households.hits', { n: hits.total, ms: hits.elapsedMs })}
          </Text>
          {(hits.capped || hits.total > hits.hits.length) && (
            <Text size="sm" c="orange.8" data-testid="search-refine">
              {t('households.refine')}
            </Text>
          )}
          {hits.hits.length === 0 ? (
            <Text>{t('households.noHits')}</Text>
          ) : (
            <Table highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <SortTh label={t('form.name')} k="name" sort={hitSort} onSort={setHitSort} />
                  <SortTh label={t('form.idNumber')} k="idNumber" sort={hitSort} onSort={setHitSort} />
                  <SortTh label={t('households.relation')} k="relation" sort={hitSort} onSort={setHitSort} />
                  <SortTh label={t('households.status')} k="status" sort={hitSort} onSort={setHitSort} />
                  <SortTh label={t('households.township')} k="township" sort={hitSort} onSort={setHitSort} />
                  <SortTh label={t('households.village')} k="village" sort={hitSort} onSort={setHitSort} />
                  <SortTh label={t('households.head')} k="headName" sort={hitSort} onSort={setHitSort} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sortedHits.map((h) => (
                  <Table.Tr
                    key={h.memberId}
                    className="sn-clickable"
                    data-testid="search-hit"
                    onClick={() => navigate(`/households/${h.householdId}`)}
                  >
                    <Table.Td>
                      <a href={`#/households/${h.householdId}`} onClick={(e) => e.stopPropagation()}>
                        {h.name}
                      </a>
                    </Table.Td>
                    <Table.Td className="sn-mono">{h.idNumber}</Table.Td>
                    <Table.Td>{enumLabel('relation', h.relation)}</Table.Td>
                    <Table.Td>{enumLabel('status', h.status)}</Table.Td>
                    <Table.Td>{h.township}</Table.Td>
                    <Table.Td>{h.village}</Table.Td>
                    <Table.Td>{h.headName}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}
      {/* One result list (issue 21): while a search shows its hits the full list steps aside, keeping its filters and page. */}
      <div style={hits ? { display: 'none' } : undefined} data-testid="household-list-wrap">
        <HouseholdList />
      </div>
      <ImportDialog opened={importOpen} onClose={() => setImportOpen(false)} />
    </Stack>
  );
}

function HouseholdList() {
  const { t } = useTranslation();
  const areas = useAreas();
  const [township, setTownship] = useState<string | null>(memo.township);
  const [village, setVillage] = useState<string | null>(memo.village);
  const [tier, setTier] = useState<string | null>(memo.tier);
  const [page, setPage] = useState(memo.page);
  const [pageSize, setPageSize] = useState<string>(memo.pageSize);
  const [data, setData] = useState<ListOut | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sort, setSortState] = useState<Sort>(memo.sort);
  const setSort = (s: Sort) => {
    setSortState(s);
    setPage(1);
  };
  const [exporting, setExporting] = useState(false);
  const filter = () => listFilter(township, village, tier);
  async function exportXlsx() {
    setExporting(true);
    try {
      const f = await call('households.exportXlsx', filter());
      downloadBase64(f.fileName, f.base64, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    } catch (e) {
      setError(e);
    } finally {
      setExporting(false);
    }
  }

  useEffect(() => {
    Object.assign(memo, { township, village, tier, page, pageSize, sort });
  }, [township, village, tier, page, pageSize, sort]);
  useEffect(() => {
    let live = true;
    call('households.list', {
      ...listFilter(township, village, tier),
      page,
      pageSize: Number(pageSize),
      // Sorted by the service over the whole list, not within the page shown.
      sort: listSort(sort),
    })
      .then((r) => {
        if (live) {
          setData(r);
          setError(null);
        }
      })
      .catch((e) => {
        if (live) setError(e);
      });
    return () => {
      live = false;
    };
  }, [township, village, tier, page, pageSize, sort]);

  const townships = areas.filter((a) => a.level === 'township').map((a) => ({ value: String(a.id), label: a.name }));
  const villages = villageOptions(areas, township);
  const rows = data?.rows ?? [];
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <Paper withBorder p="xs" data-testid="household-list">
      <Group justify="space-between" mb="xs" wrap="nowrap">
        <Group gap="xs" wrap="nowrap">
          <Title order={4}>{t('households.list')}</Title>
          <Text size="sm" c="dimmed" data-testid="list-total">
            {t('common.total', { n: data?.total ?? 0 })}
          </Text>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Select
            size="xs"
            w={170}
            clearable
            searchable
            placeholder={t('households.township')}
            aria-label={t('households.township')}
            data-testid="filter-township"
            data={townships}
            value={township}
            onChange={(v) => {
              setTownship(v);
              setVillage(null);
              setPage(1);
            }}
          />
          <Select
            size="xs"
            w={170}
            clearable
            searchable
            placeholder={t('households.village')}
            aria-label={t('households.village')}
            data-testid="filter-village"
            data={villages}
            value={village}
            onChange={(v) => {
              setVillage(v);
              setPage(1);
            }}
          />
          <Select
            size="xs"
            w={180}
            clearable
            placeholder={t('households.anyTier')}
            aria-label={t('households.tier')}
            data-testid="filter-tier"
            data={[...TIERS, 'none'].map((x) => ({ value: x, label: enumLabel('tier', x) }))}
            value={tier}
            onChange={(v) => {
              setTier(v);
              setPage(1);
            }}
          />
          <Button size="xs" variant="default" loading={exporting} onClick={exportXlsx} data-testid="households-export">
            {t('households.exportXlsx')}
          </Button>
          <Select
            size="xs"
            w={80}
            aria-label={t('households.pageSize')}
            data={['20', '50', '100', '200']}
            value={pageSize}
            onChange={(v) => {
              setPageSize(v ?? '50');
              setPage(1);
            }}
            allowDeselect={false}
          />
        </Group>
      </Group>
      <ErrorAlert error={error} />
      <Table highlightOnHover striped>
        <Table.Thead>
          <Table.Tr>
            <SortTh label="#" k="id" sort={sort} onSort={setSort} num />
            <SortTh label={t('households.head')} k="headName" sort={sort} onSort={setSort} />
            <SortTh label={t('households.headId')} k="headIdNumber" sort={sort} onSort={setSort} />
            <SortTh label={t('households.township')} k="township" sort={sort} onSort={setSort} />
            <SortTh label={t('households.village')} k="village" sort={sort} onSort={setSort} />
            <SortTh label={t('households.size')} k="size" sort={sort} onSort={setSort} num />
            <SortTh label={t('households.tier')} k="currentTier" sort={sort} onSort={setSort} />
            <SortTh label={t('households.benefit')} k="currentBenefitFen" sort={sort} onSort={setSort} num />
            <SortTh label={t('households.updated')} k="updatedAt" sort={sort} onSort={setSort} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id} className="sn-clickable" data-testid="household-row" onClick={() => navigate(`/households/${r.id}`)}>
              <Table.Td className="sn-num">{r.id}</Table.Td>
              <Table.Td>
                <a href={`#/households/${r.id}`} onClick={(e) => e.stopPropagation()}>
                  {r.headName}
                </a>
              </Table.Td>
              <Table.Td className="sn-mono">{r.headIdNumber}</Table.Td>
              <Table.Td>{r.township}</Table.Td>
              <Table.Td>{r.village}</Table.Td>
              <Table.Td className="sn-num">{r.size}</Table.Td>
              <Table.Td>{enumLabel('tier', r.currentTier ?? 'none')}</Table.Td>
              <Table.Td className="sn-num">{money(r.currentBenefitFen)}</Table.Td>
              <Table.Td>{date(r.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group justify="space-between" mt="xs">
        <Text size="sm" c="dimmed">
          {t('common.page', { p: page, n: pages })}
        </Text>
        <Pagination size="sm" total={pages} value={page} onChange={setPage} data-testid="list-pagination" />
      </Group>
    </Paper>
  );
}
