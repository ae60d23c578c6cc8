/**
 * Reads and exports of personal records that leave a row in the audit log — one per call, never
 * one per record (docs/security.md "Audit"). Exports that write their own row (push lists,
 * verification requests, backups) are not repeated here.
 */
import type { MethodName, Output, ParsedInput } from '../contract';
import type { ReadAction } from '../audit/audit';
import type { AuditEntity } from '../common/audit-labels';

export interface ReadEntry {
  action: ReadAction;
  entity: AuditEntity;
  entityId?: string | number | null;
  summary: string;
}

type ReadOf<M extends MethodName> = (input: ParsedInput<M>, output: Output<M>) => ReadEntry;
type Reads = { [M in MethodName]?: ReadOf<M> };

const filters = (o: object) =>
  Object.entries(o)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' ') || 'all';

const TYPED: Reads = {
  'households.get': (i) => ({ action: 'read', entity: 'household', entityId: i.id, summary: 'household record viewed' }),
  'households.exportXlsx': (i, o) => ({ action: 'export', entity: 'households', summary: `${o.rows} households to XLSX (${filters(i)})` }),
  'households.exportFile': (i) => ({ action: 'export', entity: 'household', entityId: i.id, summary: 'household file exported' }),
  'verification.report': (i) => ({ action: 'read', entity: 'household', entityId: i.householdId, summary: 'verification report viewed' }),
  'determinations.exportXlsx': (i, o) => ({
    action: 'export',
    entity: 'determinations',
    summary: `${o.rows} proposals awaiting approval to XLSX (${filters(i)})`,
  }),
  'monitoring.exportXlsx': (i, o) => ({ action: 'export', entity: 'warning', summary: `${o.rows} warnings to XLSX (${filters(i)})` }),
  'monitoring.get': (i) => ({ action: 'read', entity: 'warning', entityId: i.id, summary: 'warning viewed' }),
  'referrals.exportXlsx': (i, o) => ({ action: 'export', entity: 'referral', summary: `${o.rows} referrals to XLSX (${filters(i)})` }),
  'referrals.get': (i) => ({ action: 'read', entity: 'referral', entityId: i.id, summary: 'referral viewed' }),
  'payments.roster': (i, o) => ({
    action: 'read',
    entity: 'roster',
    entityId: i.month,
    summary: `roster page ${i.page} (${o.rows.length} of ${o.total})`,
  }),
  'scan.exportXlsx': (i, o) => ({ action: 'export', entity: 'scan', entityId: i.id, summary: `${o.rows} scan results to XLSX` }),
  'reports.render': (i, o) => ({
    action: i.format === 'html' ? 'read' : i.format === 'pdf' ? 'print' : 'export',
    entity: 'report',
    entityId: i.kind,
    summary: `${o.fileName} (${filters({ ...i, kind: undefined, format: undefined })})`,
  }),
};

/** The dispatcher's view of the table: any method, its parsed input and checked output. */
export const READS: Partial<Record<MethodName, (input: unknown, output: unknown) => ReadEntry>> = TYPED as Partial<
  Record<MethodName, (input: unknown, output: unknown) => ReadEntry>
>; // each entry is called with what its own method's schemas parsed and checked
