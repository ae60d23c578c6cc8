/**
 * Apply (ASSISTANCE-RULES §4.2, §6): what the staging of one file read takes effect in ONE
 * transaction — name mismatches, warnings (once per rule, person and evidence key),
 * monitoring flags on households, department results of referrals, the household index of the
 * findings and the list of unknown persons — and the import becomes 'applied' with its summary.
 * Either all of it happens or none of it. (Refusals for want of an authorisation are decided
 * while the file is read, ./stage.ts.)
 */
import type BetterSqlite3 from 'better-sqlite3';
import { appendAudit } from '../audit/audit';
import { appendChainEvent } from '../chain/events';
import { applyReferralFeedback, type FeedbackRow } from '../referrals/records';
import { fenToYuan } from '../common/money';
import { WorkCalendar } from '../monitoring/calendar';
import { raiseWarning, type WarningDraft } from '../monitoring/warnings';
import { HOSPITAL_THRESHOLD_IN_TIER_FEN, HOSPITAL_THRESHOLD_OTHER_FEN } from '../monitoring/rules';
import type { WarningRuleId as RuleId } from '../common/codes';
import { profileOf } from './profiles';
import type { Candidate, Staging } from './stage';
import { UNKNOWN_PER_CHUNK, type PersonIndex } from './persons';
import { todayIso } from '../common/dates';
import type { Actor } from '../audit/actor';

export interface Rejected {
  row: number;
  column: string;
  reason: string;
}

/** The import summary; the keys are fixed by ASSISTANCE-RULES §6 (`safetynet import --json`). */
export interface ImportSummary {
  file: string;
  sha256: string;
  source: string;
  rowsRead: number;
  accepted: number;
  rejected: Rejected[];
  matchedPersons: number;
  unknownPersons: number;
  warningsRaised: number;
  duplicateFile: boolean;
}

const MONITORING_ZH: Record<string, string> = { unstable: '脱贫不稳定户', edge: '边缘易致贫户', sudden_hardship: '突发严重困难户' };

// CROSS JOIN keeps the household's few determinations as the outer loop; left to itself the
// planner walks every approved decision of the county for each household.
export const TIER_ON_FILE_DATE_SQL = `SELECT 1 FROM determinations d CROSS JOIN determination_decisions dd ON dd.determination_id = d.id
  WHERE d.household_id = ? AND dd.decision = 'approved' AND dd.effective_month <= ? AND d.tier != 'none' LIMIT 1`;

/**
 * Whether a household without a tier on record had an approved determination in force by the
 * file's month. Asked only for the rows whose warning depends on it (hospital stays), once per
 * household: reading every determination of the county up front cost more than the asking.
 */
function tierOnFileDate(raw: BetterSqlite3.Database, fileMonth: string): (householdId: number) => boolean {
  const q = raw.prepare(TIER_ON_FILE_DATE_SQL).pluck();
  const known = new Map<number, boolean>();
  return (householdId) => {
    let v = known.get(householdId);
    if (v === undefined) known.set(householdId, (v = q.get(householdId, fileMonth) !== undefined));
    return v;
  };
}

/** The distinct ID numbers of an import's unknown persons (`@imp` = import id), from its stored rows: imports applied before migration 11. */
export const UNKNOWN_IDS_SQL = `SELECT id_number FROM exchange_rows WHERE import_id = @imp AND member_id IS NULL
  UNION SELECT j.value->>1 FROM exchange_unknown_rows u, json_each(u.data) j WHERE u.import_id = @imp`;

export function rejectedOf(raw: BetterSqlite3.Database, importId: number, lang: 'zh' | 'en', limit = 100_000): Rejected[] {
  return (
    raw
      .prepare(`SELECT row, "column", reason, reason_en FROM exchange_rejects WHERE import_id = ? ORDER BY row LIMIT ?`)
      .all(importId, limit) as any[]
  ).map((r) => ({ row: r.row, column: r.column, reason: lang === 'en' ? r.reason_en : r.reason }));
}

/** The registry changed between reading the file and applying it: the import is read again with the registry held still (./job.ts). */
export class RegistryChanged extends Error {
  constructor() {
    super('the registry changed while the file was read');
  }
}

/** A warning a candidate row raises, all but what every warning of the import shares. */
export type Pending = Pick<
  WarningDraft,
  'rule' | 'householdId' | 'memberId' | 'idNumber' | 'personName' | 'areaId' | 'evidenceKey' | 'evidence'
>;
interface HouseholdState {
  area_id: number;
  current_tier: string | null;
  monitoring_flag: string | null;
  financial_assets_fen: number;
}
export interface ImportInfo {
  source: string;
  file_name: string;
  file_date: string;
}

/**
 * Decides which warnings the candidate rows raise (ASSISTANCE-RULES §4.2), reading each
 * household's state once. Staging runs it on each part as it arrives (the writer would wait for
 * the readers anyway), with `setFlag` null: a file that sets monitoring flags, where a row sees
 * the flag as the rows before it left it, is decided at apply only.
 */
export class CandidateRules {
  private hh: BetterSqlite3.Statement;
  private households = new Map<number, HouseholdState>();
  private inTier: (householdId: number) => boolean;
  private zh: string;
  readonly flagChanges: { householdId: number; before: string | null; after: string }[] = [];
  constructor(
    raw: BetterSqlite3.Database,
    private imp: ImportInfo,
    private persons: PersonIndex,
    private setFlag: ((householdId: number, flag: string) => void) | null,
  ) {
    this.hh = raw.prepare(`SELECT area_id, current_tier, monitoring_flag, financial_assets_fen FROM households WHERE id = ?`);
    this.inTier = tierOnFileDate(raw, imp.file_date.slice(0, 7));
    this.zh = profileOf(imp.source).zh;
  }
  /** Whether rows of this file can be decided before apply (no monitoring flags to set in row order). */
  static early(source: string): boolean {
    return source !== 'agriculture_monitoring' && source !== 'referral_feedback';
  }
  evaluate(c: Candidate, out: Pending[]): void {
    const [row, slot, idNumber, name, category, eventDate, evidenceKey, amountFen, detail, ruleId, nameDiffers] = c;
    const householdId = this.persons.householdIds[slot],
      memberId = this.persons.memberIds[slot],
      regName = this.persons.nameOf(slot);
    let h = this.households.get(householdId);
    if (!h) this.households.set(householdId, (h = this.hh.get(householdId) as HouseholdState));
    const raise = (rule: RuleId, key: string, what: string) =>
      out.push({
        rule,
        householdId,
        memberId,
        idNumber,
        personName: regName,
        areaId: h!.area_id,
        evidenceKey: key,
        evidence: `${this.zh}（${this.imp.file_name} 第 ${row} 行）：${what}`,
      });
    if (nameDiffers) raise('name_mismatch', `name:${name}`, `文件姓名“${name}”与登记姓名“${regName}”不一致`);
    if (!ruleId) return;
    const rule = ruleId as RuleId;
    let what: string | null = null;
    switch (rule) {
      case 'hospital_cost': {
        const tier = h.current_tier !== null || this.inTier(householdId);
        const limit = tier ? HOSPITAL_THRESHOLD_IN_TIER_FEN : HOSPITAL_THRESHOLD_OTHER_FEN;
        if (amountFen! > limit)
          what = `${eventDate} 入院，个人自付 ${fenToYuan(amountFen!).toFixed(2)} 元，超过${tier ? '在册对象' : '其他居民'}标准 ${limit / 100} 元${detail ? `（${detail}）` : ''}`;
        break;
      }
      case 'financial_assets':
        if (amountFen! > h.financial_assets_fen)
          what = `${detail}：${fenToYuan(amountFen!).toFixed(2)} 元，登记金融资产 ${fenToYuan(h.financial_assets_fen).toFixed(2)} 元`;
        break;
      case 'monitoring_flag':
        if (!this.setFlag) throw new Error('monitoring flags are set at apply');
        if (h.monitoring_flag !== category) {
          what = `${MONITORING_ZH[category] ?? category}${eventDate ? `（${eventDate} 识别）` : ''}`;
          this.flagChanges.push({ householdId, before: h.monitoring_flag, after: category });
          this.setFlag(householdId, category);
          h.monitoring_flag = category;
        }
        break;
      default:
        what = [
          eventDate,
          category === 'vehicle'
            ? `号牌 ${evidenceKey}`
            : category === 'property'
              ? `权证 ${evidenceKey}`
              : category === 'business'
                ? `信用代码 ${evidenceKey}`
                : null,
          detail,
          amountFen !== null ? `${fenToYuan(amountFen).toFixed(2)} 元` : null,
        ]
          .filter(Boolean)
          .join('，');
    }
    if (what !== null) raise(rule, evidenceKey, what);
  }
}

/**
 * Raises pending warnings (each once per rule, person and evidence key: the first raised stands) and counts those raised.
 * Given in row order, a batch is raised by household, stably — the first row of a repeated finding still raises it — so that
 * the household indexes of the warnings and of the chain take their entries in order (a quarter less time, bench/README.md
 * import); batches must come in row order.
 */
export class PendingRaiser {
  raised = 0;
  private draft: WarningDraft | null = null;
  private base: Omit<WarningDraft, keyof Pending>;
  constructor(
    private raw: BetterSqlite3.Database,
    imp: { source: string },
    importId: number,
    actor: Actor,
    now: Date,
  ) {
    this.base = {
      source: imp.source,
      importId,
      raisedOn: todayIso(now),
      actor,
      calendar: WorkCalendar.load(raw),
      department: profileOf(imp.source).department,
    };
  }
  raise(pending: Pending[]): void {
    const byHousehold = pending.map((_, i) => i).sort((a, b) => pending[a].householdId - pending[b].householdId || a - b);
    // One draft object for all: a spread per warning was promoted, +80 MB of heap during a county file's apply.
    for (const i of byHousehold) {
      const draft = Object.assign((this.draft ??= { ...this.base, ...pending[i] } as WarningDraft), pending[i]);
      if (raiseWarning(this.raw, draft)) this.raised++;
    }
  }
}

/** Rows per multi-row INSERT of the household index (3 parameters each). */
const GROUP = 100;

/**
 * Applies what `stageFile` read in this run (`st`), in one transaction. The rows were matched
 * against the registry as it was when staging began (`st.epoch`): if a member changed since,
 * nothing is applied and RegistryChanged is thrown (the caller stages again, locked). The
 * warnings staging decided stand if nothing at all was committed by anyone else since
 * (`PRAGMA data_version`); otherwise they are decided again here.
 */
export function applyImport(
  raw: BetterSqlite3.Database,
  importId: number,
  actor: Actor,
  now: Date,
  lang: 'zh' | 'en',
  st: Staging,
): ImportSummary {
  const run = (): ImportSummary => {
    const imp = raw.prepare(`SELECT * FROM exchange_imports WHERE id = ?`).get(importId) as any;
    if (!imp) throw new Error(`no import #${importId}`);
    if (imp.status === 'applied') return JSON.parse(imp.summary_json);
    if (imp.status !== 'staged') throw new Error(`import #${importId} is ${imp.status}, not staged`);
    if (!st.locked && (raw.prepare(`SELECT n FROM registry_epoch`).pluck().get() as number) !== st.epoch) throw new RegistryChanged();
    const insReject = raw.prepare(`INSERT INTO exchange_rejects (import_id, row, "column", reason, reason_en) VALUES (?, ?, ?, ?, ?)`);
    let warningsRaised = 0,
      refusedRows = 0;
    let matched = st.persons.countSeen();
    let flagChanges: CandidateRules['flagChanges'] = [];

    if (imp.source === 'referral_feedback') {
      const rows: FeedbackRow[] = st.candidates.map((c) => {
        const d = c[8] ? JSON.parse(c[8]) : {};
        return {
          row: c[0],
          referralNumber: c[6],
          idNumber: c[2],
          result: c[4] as FeedbackRow['result'],
          amountFen: c[7],
          item: d.item ?? null,
          date: c[5] as string,
          reason: d.reason ?? null,
        };
      });
      const out = applyReferralFeedback(raw, rows, { userId: actor.userId, username: actor.username }, now, {
        name: imp.file_name,
        sha256: imp.sha256,
      });
      const refused = new Set<number>();
      for (const x of out.rejected) {
        insReject.run(importId, x.row, x.column, x.reason, x.reason);
        refused.add(x.row);
      }
      refusedRows = refused.size;
      matched = new Set(st.candidates.filter((c) => c[1] >= 0 && !refused.has(c[0])).map((c) => c[1])).size;
    } else if (st.raised !== null) {
      // Raised while the last of the file was read, in this transaction (./stage.ts, the final stretch).
      warningsRaised = st.raised;
    } else {
      let pending = st.pending;
      if (!pending || (raw.pragma('data_version', { simple: true }) as number) !== st.dataVersion) {
        const setFlag = raw.prepare(`UPDATE households SET monitoring_flag = ?, version = version + 1, updated_at = ? WHERE id = ?`);
        const rules = new CandidateRules(raw, imp, st.persons, (householdId, flag) => setFlag.run(flag, now.toISOString(), householdId));
        pending = [];
        for (const c of st.candidates) rules.evaluate(c, pending);
        flagChanges = rules.flagChanges;
      }
      const raiser = new PendingRaiser(raw, imp, importId, actor, now);
      raiser.raise(pending);
      warningsRaised = raiser.raised;
    }

    // The household's verification report finds the matched rows through this table (migration 09): written once, in key order.
    writeHouseholdRows(raw, importId, st.pairs, st.pairCount, st.pairsWritten);
    // The unknown persons' list (migration 10), a record at a time: the whole list as text would be tens of MB at the import's peak.
    raw.prepare(`DELETE FROM exchange_unknown_persons WHERE import_id = ?`).run(importId);
    const insPersons = raw.prepare(`INSERT INTO exchange_unknown_persons (import_id, chunk, n, data) VALUES (?, ?, ?, ?)`);
    let chunk = 0;
    for (const data of st.unknown.chunks(UNKNOWN_PER_CHUNK))
      insPersons.run(importId, chunk, Math.min(UNKNOWN_PER_CHUNK, st.unknown.size - chunk++ * UNKNOWN_PER_CHUNK), data);

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
    raw
      .prepare(`UPDATE exchange_imports SET status = 'applied', applied_at = ?, rows_read = ?, summary_json = ? WHERE id = ?`)
      .run(now.toISOString(), st.rowsRead, JSON.stringify(stored), importId);
    appendAudit(raw, {
      ...actor,
      action: 'import',
      entity: 'exchange_import',
      entityId: importId,
      summary: `${imp.source} file ${imp.file_name} (sha256 ${imp.sha256.slice(0, 12)}…): ${summary.rowsRead} rows, ${summary.accepted} accepted, ${summary.rejected.length} rejected, ${summary.matchedPersons} matched, ${summary.unknownPersons} unknown, ${warningsRaised} warnings`,
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
        summary: `农业农村部门认定为防止返贫监测对象：${MONITORING_ZH[fc.after] ?? fc.after}`,
        recordedBy: actor.username,
      });
    }
    return summary;
  };
  // Immediate: the epoch and data version are read first, and no other writer may come between that reading and the writes.
  return raw.inTransaction ? raw.transaction(run)() : raw.transaction(run).immediate();
}

/** (household, row) pairs `from` to `n`, sorted by household then row, inserted GROUP at a time. */
export function writeHouseholdRows(raw: BetterSqlite3.Database, importId: number, all: Int32Array, to: number, from = 0): void {
  const pairs = all.subarray(2 * from, 2 * to),
    n = to - from;
  const sql = (k: number) =>
    `INSERT OR IGNORE INTO exchange_household_rows (household_id, import_id, row) VALUES ${Array(k).fill('(?, ?, ?)').join(', ')}`;
  const group = raw.prepare(sql(GROUP)),
    one = raw.prepare(sql(1));
  const sorted = sortedPairs(pairs, n);
  const args: number[] = [];
  let i = 0;
  for (; i + GROUP <= n; i += GROUP) {
    args.length = 0;
    for (let k = 2 * i; k < 2 * (i + GROUP); k += 2) args.push(sorted[k], importId, sorted[k + 1]);
    group.run(args);
  }
  for (; i < n; i++) one.run(sorted[2 * i], importId, sorted[2 * i + 1]);
}

/**
 * The first `n` (household, row) pairs, sorted by household, then row. Counted into place by household id (the ids of a county
 * are dense: sorting a million-row file's 400,000 pairs as numbers took 45 ms, this ~10), each household's few rows then put in
 * order; ids spread far apart are sorted as numbers.
 */
export function sortedPairs(pairs: Int32Array, n: number): Int32Array {
  const out = new Int32Array(2 * n);
  let max = 0;
  for (let i = 0; i < n; i++) if (pairs[2 * i] > max) max = pairs[2 * i];
  if (max > 4 * n + 1_000_000) {
    // One number per pair: household × 2^28 + row stays exact in a double for any household id below 2^25.
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = pairs[2 * i] * 2 ** 28 + pairs[2 * i + 1];
    keys.sort();
    for (let i = 0; i < n; i++) {
      const h = Math.floor(keys[i] / 2 ** 28);
      out[2 * i] = h;
      out[2 * i + 1] = keys[i] - h * 2 ** 28;
    }
    return out;
  }
  const at = new Int32Array(max + 2);
  for (let i = 0; i < n; i++) at[pairs[2 * i] + 1]++;
  for (let h = 0; h <= max; h++) at[h + 1] += at[h];
  const start = at.slice();
  for (let i = 0; i < n; i++) {
    const h = pairs[2 * i],
      k = at[h]++;
    out[2 * k] = h;
    out[2 * k + 1] = pairs[2 * i + 1];
  }
  // Each household's rows in order: they come mostly in order already (each reader's in row order).
  for (let h = 0; h <= max; h++) {
    const from = start[h],
      to = start[h + 1];
    if (to - from < 2) continue;
    if (to - from > 64) {
      const rows = new Int32Array(to - from);
      for (let k = from; k < to; k++) rows[k - from] = out[2 * k + 1];
      rows.sort();
      for (let k = from; k < to; k++) out[2 * k + 1] = rows[k - from];
      continue;
    }
    for (let k = from + 1; k < to; k++) {
      const row = out[2 * k + 1];
      let j = k;
      while (j > from && out[2 * (j - 1) + 1] > row) {
        out[2 * j + 1] = out[2 * (j - 1) + 1];
        j--;
      }
      out[2 * j + 1] = row;
    }
  }
  return out;
}
