/**
 * One input for every paged list (UX.md "Habits": every list sortable, filterable, exportable, paged): the list's own filters,
 * the page, and a sort by one of the list's own column names — validated here, so the core orders by a whitelisted column only
 * (src-main/shared/list-query.ts). The XLSX export of a list takes the same filters and sort, without the page: it writes what is
 * shown, every page of it.
 */
import { z } from 'zod';
import { fileOut, int } from './common';

export const SORT_DIRS = ['asc', 'desc'] as const;
export type SortDir = (typeof SORT_DIRS)[number];

/** A sort by one of `keys` (the list's column names), ascending or descending. */
export const listSort = <const K extends readonly [string, ...string[]]>(keys: K) =>
  z.object({ key: z.enum(keys), dir: z.enum(SORT_DIRS) });

/** A page of the list: its filters, the page (1-based), its size, and an optional sort (the list's own order when absent). */
export function listPageInput<const K extends readonly [string, ...string[]], S extends z.ZodRawShape>(keys: K, filters: S) {
  return z.object({
    ...filters,
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(500).default(50),
    sort: listSort(keys).optional(),
  });
}

/** The whole list as XLSX: the same filters and sort as the page shown. */
export function listExportInput<const K extends readonly [string, ...string[]], S extends z.ZodRawShape>(keys: K, filters: S) {
  return z.object({ ...filters, sort: listSort(keys).optional() });
}

/** The exported file and how many rows it holds. */
export const listFile = fileOut.extend({ rows: int });
