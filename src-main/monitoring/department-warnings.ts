/**
 * Raising the warnings that department rows decided (./department-rules.ts), in the import's
 * transaction: each once per rule, person and evidence key, with its due date in the office's
 * working days (docs/rules/assistance.md §4.2).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { todayIso } from '../common/dates';
import type { Actor } from '../audit/actor';
import { WorkCalendar } from './calendar';
import type { DepartmentFile, PendingWarning } from './department-rules';
import { raiseWarning, type WarningDraft } from './warnings';

/**
 * Raises pending warnings, each once per rule, person and evidence key (the first raised stands), and counts those raised.
 * A batch given in row order is raised by household, stably — the first row of a repeated finding still raises it — so that
 * the warnings' household index takes its entries in order; batches must come in row order.
 */
export class WarningRaiser {
  raised = 0;
  private draft: WarningDraft | null = null;
  private base: Omit<WarningDraft, keyof PendingWarning>;
  constructor(
    private raw: BetterSqlite3.Database,
    file: Pick<DepartmentFile, 'source' | 'department'>,
    importId: number,
    actor: Actor,
    now: Date,
  ) {
    this.base = {
      source: file.source,
      importId,
      raisedOn: todayIso(now),
      actor,
      calendar: WorkCalendar.load(raw),
      department: file.department,
    };
  }
  raise(pending: readonly PendingWarning[]): void {
    const byHousehold = pending.map((_, i) => i).sort((a, b) => pending[a].householdId - pending[b].householdId || a - b);
    // One draft object for all: a spread per warning is promoted to the old generation during a county file's apply.
    for (const i of byHousehold) {
      const draft = Object.assign((this.draft ??= { ...this.base, ...pending[i] }), pending[i]);
      if (raiseWarning(this.raw, draft)) this.raised++;
    }
  }
}
