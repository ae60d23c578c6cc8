/** Small pieces the Temporary screen shares: its words, the status badge, yuan typed as text, Ctrl+S. */
import { useEffect, useRef } from 'react';
import { Badge } from '@mantine/core';
import i18n from '../i18n/index';
import type { Output } from '../../../src-main/contract/index';

export type CaseRow = Output<'temporary.list'>['items'][number];
export type CaseDetail = Output<'temporary.get'>;
export type Assessment = Output<'temporary.assess'>;

/** `temporary.enums.<group>.<value>`, or the value itself. */
export function tw(group: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const key = `temporary.enums.${group}.${value}`;
  return i18n.exists(key) ? i18n.t(key) : value;
}

const COLOR: Record<CaseRow['status'], string> = {
  pending: 'yellow',
  awaiting_second: 'orange',
  approved: 'blue',
  paid: 'teal',
  refused: 'gray',
};
export function StatusBadge({ status }: { status: CaseRow['status'] }) {
  return (
    <Badge size="sm" variant="light" color={COLOR[status]} data-testid="tmp-status" data-status={status}>
      {tw('status', status)}
    </Badge>
  );
}

/** Yuan as typed (`1,500`, `1500.5`) → fen, or null when it is not an amount with at most two decimals. */
export function fenOfText(text: string): number | null {
  const t = text.trim().replaceAll(',', '');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return null;
  const [y, f = ''] = t.split('.');
  return Number(y) * 100 + Number(f.padEnd(2, '0'));
}

/** Ctrl+S (⌘S) runs `save` from anywhere on the screen while mounted. */
export function useCtrlS(save: () => void) {
  const ref = useRef(save);
  useEffect(() => {
    ref.current = save;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S')) {
        e.preventDefault();
        ref.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
