/**
 * What every paged list shares on the screen (UX.md "Habits": sortable, filterable, exportable, paged): the sort asked of the
 * service over all pages (the headers are ./SortTh.tsx, with aria-sort), the true count with the pager, and the export of what is
 * shown — the same filters and sort, every page — to XLSX. The input each list sends is src-main/contract/lists.ts.
 */
import { useState } from 'react';
import { Button, Group, Pagination, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { downloadBase64 } from '../lib/files';
import type { Sort } from './SortTh';

export type { Sort };

/** The sort to send: a key of the list's own columns (the service refuses any other), or none for the list's own order. */
export function listSort<K extends string>(s: Sort, keys: readonly K[]): { key: K; dir: 'asc' | 'desc' } | undefined {
  if (!s) return undefined;
  const key = keys.find((k) => k === s.key);
  return key === undefined ? undefined : { key, dir: s.dir };
}

/** The list's state that resets the page: a filter or the sort changed, back to page 1. */
export function useListState(initial: Sort = null) {
  const [page, setPage] = useState(1);
  const [sort, setSortState] = useState<Sort>(initial);
  const setSort = (s: Sort) => {
    setSortState(s);
    setPage(1);
  };
  /** Wraps a filter's setter so that changing it goes back to page 1. */
  const filter =
    <T,>(fn: (v: T) => void) =>
    (v: T) => {
      fn(v);
      setPage(1);
    };
  return { page, setPage, sort, setSort, filter };
}

/** The count of the whole list (not of the page) and the pager. */
export function ListPager({
  total,
  page,
  pageSize,
  onPage,
  testid,
}: {
  total: number;
  page: number;
  pageSize: number;
  onPage: (p: number) => void;
  testid: string;
}) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Group justify="center" gap="sm">
      <Text size="sm" data-testid={`${testid}-count`} data-n={total}>
        {t('common.total', { n: total })}
      </Text>
      {pages > 1 && <Pagination size="sm" total={pages} value={page} onChange={onPage} data-testid={`${testid}-pages`} />}
    </Group>
  );
}

/** Exports what is shown: `run` calls the list's exportXlsx with the same filters and sort as the page. */
export function ExportButton({
  run,
  testid,
  onError,
}: {
  run: () => Promise<{ fileName: string; base64: string; rows: number }>;
  testid: string;
  onError: (e: unknown) => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  async function go() {
    setBusy(true);
    try {
      const f = await run();
      downloadBase64(f.fileName, f.base64, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      notifications.show({ color: 'teal', message: t('common.exported', { n: f.rows, f: f.fileName }) });
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button size="xs" variant="default" loading={busy} onClick={() => void go()} data-testid={testid}>
      {t('common.exportXlsx')}
    </Button>
  );
}
