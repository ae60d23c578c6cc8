import { Table, UnstyledButton } from '@mantine/core';

export type Sort = { key: string; dir: 'asc' | 'desc' } | null;

export function SortTh({
  label,
  k,
  sort,
  onSort,
  num,
  w,
}: {
  w?: number;
  label: string;
  k: string;
  sort: Sort;
  onSort: (s: Sort) => void;
  num?: boolean;
}) {
  const mark = sort?.key === k ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : '';
  return (
    <Table.Th
      w={w}
      className={num ? 'sn-num' : undefined}
      aria-sort={sort?.key === k ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}
    >
      <UnstyledButton
        fw={700}
        fz="sm"
        data-testid={`sort-${k}`}
        onClick={() => onSort(sort?.key === k ? (sort.dir === 'asc' ? { key: k, dir: 'desc' } : null) : { key: k, dir: 'asc' })}
      >
        {label}
        {mark}
      </UnstyledButton>
    </Table.Th>
  );
}

export function sortRows<T extends object>(rows: T[], sort: Sort): T[] {
  if (!sort) return rows;
  const m = sort.dir === 'asc' ? 1 : -1;
  const at = (r: T): unknown => Reflect.get(r, sort.key);
  return [...rows].sort((a, b) => {
    const x = at(a),
      y = at(b);
    if (typeof x === 'number' && typeof y === 'number') return (x - y) * m;
    return String(x ?? '').localeCompare(String(y ?? ''), 'zh-CN') * m;
  });
}
