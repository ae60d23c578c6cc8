/**
 * Apply (docs/rules/assistance.md §4.2, §6): what the staging of one file read takes effect in
 * ONE transaction — warnings (decided by monitoring, each once per rule, person and evidence
 * key), monitoring flags on households, department results of referrals, the household index of
 * the findings and the list of unknown persons — and the import becomes 'applied' with its
 * summary. Either all of it happens or none of it.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { appendChainEvent } from '../chain/events';
import { DepartmentRules, MONITORING_FLAG_TEXT, type FlagChange } from '../monitoring/department-rules';
import { WarningRaiser } from '../monitoring/department-warnings';
import { applyReferralFeedback } from '../referrals/records';
import { writeHouseholdRows } from './household-rows';
import * as store from './import-store';
import { dataVersion, registryEpoch, rejectedOf, type ImportRow } from './import-store';
import { departmentFile, type Staging } from './stage';
import { storedSummary, type ImportSummary } from './summary';
import { UNKNOWN_PER_CHUNK } from './tuning';

export { rejectedOf };
export type { ImportSummary, Rejected } from './summary';

/** The registry changed between reading the file and applying it: the import is read again with the registry held still (./job.ts). */
export class RegistryChanged extends Error {
  constructor() {
    super('the registry changed while the file was read');
  }
}

/** The department results of a referral-feedback file, for the referrals module: the rows it refused, and the persons it matched. */
function applyFeedback(raw: BetterSqlite3.Database, importId: number, imp: ImportRow, st: Staging, actor: Actor, now: Date) {
  const rows = st.feedback.map(({ slot: _slot, ...row }) => row);
  const out = applyReferralFeedback(raw, rows, { userId: actor.userId, username: actor.username }, now, {
    name: imp.file_name,
    sha256: imp.sha256,
  });
  const refused = new Set<number>();
  for (const x of out.rejected) {
    store.addReject(raw, importId, x);
    refused.add(x.row);
  }
  const matched = new Set(st.feedback.filter((f) => f.slot >= 0 && !refused.has(f.row)).map((f) => f.slot)).size;
  return { refusedRows: refused.size, matched };
}

/**
 * The warnings of the file, raised: while the last of it was read (staging then holds this transaction), or decided while it
 * was staged and still standing — nothing at all was committed by anyone since (`PRAGMA data_version`) — or decided here.
 */
function raiseWarnings(raw: BetterSqlite3.Database, importId: number, imp: ImportRow, st: Staging, actor: Actor, now: Date) {
  if (st.raised !== null) return { raised: st.raised, flagChanges: [] };
  const file = departmentFile(imp.source, imp.file_name, imp.file_date);
  let pending = st.pending;
  let flagChanges: FlagChange[] = [];
  if (!pending || dataVersion(raw) !== st.dataVersion) {
    const setFlag = (householdId: number, flag: string) => store.setMonitoringFlag(raw, householdId, flag, now.toISOString());
    const rules = new DepartmentRules(raw, file, st.persons, setFlag);
    pending = [];
    for (const c of st.candidates) rules.evaluate(c, pending);
    flagChanges = rules.flagChanges;
  }
  const raiser = new WarningRaiser(raw, file, importId, actor, now);
  raiser.raise(pending);
  return { raised: raiser.raised, flagChanges };
}

/**
 * Applies what `stageFile` read in this run (`st`), in one transaction. The rows were matched against the registry as it was
 * when staging began (`st.epoch`): if a member changed since, nothing is applied and RegistryChanged is thrown (the caller
 * stages again, locked).
 */
export function applyImport(
  raw: BetterSqlite3.Database,
  importId: number,
  actor: Actor,
  now: Date,
  lang: 'zh' | 'en',
  st: Staging,
): ImportSummary {
  const apply = (): ImportSummary => {
    const imp = store.importRow(raw, importId);
    if (!imp) throw new Error(`no import #${importId}`);
    if (imp.status === 'applied' && imp.summary_json) return storedSummary(imp.summary_json);
    if (imp.status !== 'staged') throw new Error(`import #${importId} is ${imp.status}, not staged`);
    if (!st.locked && registryEpoch(raw) !== st.epoch) throw new RegistryChanged();
    let warningsRaised = 0,
      refusedRows = 0,
      matched = st.persons.countSeen(),
      flagChanges: FlagChange[] = [];
    if (imp.source === 'referral_feedback') ({ refusedRows, matched } = applyFeedback(raw, importId, imp, st, actor, now));
    else ({ raised: warningsRaised, flagChanges } = raiseWarnings(raw, importId, imp, st, actor, now));

    // The household's verification report finds the matched rows through this index: written once, in key order.
    writeHouseholdRows(raw, importId, st.pairs, st.pairCount, st.pairsWritten);
    // The unknown persons' list, a record at a time: the whole list as text would be tens of MB at the import's peak.
    store.writeUnknownPersons(raw, importId, st.unknown.chunks(UNKNOWN_PER_CHUNK), st.unknown.size, UNKNOWN_PER_CHUNK);

    const summary: ImportSummary = {
      file: imp.file_name,
      sha256: imp.sha256,
      source: imp.source,
      rowsRead: st.rowsRead,
      accepted: st.accepted - refusedRows,
      rejected: rejectedOf(raw, importId, lang),
      matchedPersons: matched,
      unknownPersons: st.unknown.size,
      warningsRaised,
      duplicateFile: false,
    };
    const stored = { ...summary, rejected: rejectedOf(raw, importId, 'zh', 1000) };
    store.setApplied(raw, importId, now.toISOString(), st.rowsRead, stored);
    appendAudit(raw, {
      ...actor,
      action: 'import',
      entity: 'exchange_import',
      entityId: importId,
      summary:
        `${imp.source} file ${imp.file_name} (sha256 ${imp.sha256.slice(0, 12)}…): ${summary.rowsRead} rows, ${summary.accepted} accepted, ` +
        `${summary.rejected.length} rejected, ${summary.matchedPersons} matched, ${summary.unknownPersons} unknown, ${warningsRaised} warnings`,
      after: {
        counts: { ...summary, rejected: summary.rejected.length },
        refused: refusedRows,
        monitoringFlags: flagChanges.slice(0, 1000),
      },
      at: now.toISOString(),
    });
    for (const fc of flagChanges) {
      appendChainEvent(raw, {
        householdId: fc.householdId,
        at: now.toISOString(),
        kind: 'department_result',
        department: 'agriculture',
        item: 'return_to_poverty',
        status: fc.after,
        refTable: 'exchange_imports',
        refId: importId,
        summary: `农业农村部门认定为防止返贫监测对象：${MONITORING_FLAG_TEXT[fc.after] ?? fc.after}`,
        recordedBy: actor.username,
      });
    }
    return summary;
  };
  // Immediate: the epoch and data version are read first, and no other writer may come between that reading and the writes.
  return raw.inTransaction ? raw.transaction(apply)() : raw.transaction(apply).immediate();
}
