/**
 * Apply (ASSISTANCE-RULES §4.2, §6): the staged rows of one file take effect in ONE
 * transaction — authorisation refusals, name mismatches, warnings (once per rule, person and
 * evidence key), monitoring flags on households, department results of referrals — and the
 * import becomes 'applied' with its summary. Either all of it happens or none of it.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { appendAudit } from '../audit/audit';
import { appendChainEvent } from '../chain/events';
import { applyReferralFeedback, type FeedbackRow } from '../referrals/api';
import { maskIdNumber } from '../registry/id-number';
import { fenToYuan } from '../shared/money';
import { WorkCalendar } from '../monitoring/calendar';
import { raiseWarning, type WarningDraft } from '../monitoring/warnings';
import { HOSPITAL_THRESHOLD_IN_TIER_FEN, HOSPITAL_THRESHOLD_OTHER_FEN, type RuleId } from '../monitoring/rules';
import { profileOf } from './profiles';
import { halfWidth } from './normalize';
import { todayIso } from '../shared/dates';

export interface Rejected { row: number; column: string; reason: string }

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

export interface Actor { userId: number | null; username: string }

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

/** The distinct ID numbers of an import's unknown persons (`@imp` = import id): packed rows and matches undone at apply. */
export const UNKNOWN_IDS_SQL = `SELECT id_number FROM exchange_rows WHERE import_id = @imp AND member_id IS NULL
  UNION SELECT j.value->>1 FROM exchange_unknown_rows u, json_each(u.data) j WHERE u.import_id = @imp`;

export function rejectedOf(raw: BetterSqlite3.Database, importId: number, lang: 'zh' | 'en', limit = 100_000): Rejected[] {
  return (raw.prepare(`SELECT row, "column", reason, reason_en FROM exchange_rejects WHERE import_id = ? ORDER BY row LIMIT ?`).all(importId, limit) as any[])
    .map((r) => ({ row: r.row, column: r.column, reason: lang === 'en' ? r.reason_en : r.reason }));
}

/**
 * `staged`: the counts of a staging run that staged every row of the import just before (./stage.ts
 * StageTally). They hold as long as apply changes no staged row (no refusal, no stale match);
 * otherwise — and for an import staged earlier — apply counts in SQL.
 */
export function applyImport(raw: BetterSqlite3.Database, importId: number, actor: Actor, now: Date, lang: 'zh' | 'en' = 'zh', staged?: { accepted: number; matched: number; unknown: number }): ImportSummary {
  return raw.transaction((): ImportSummary => {
    const imp = raw.prepare(`SELECT * FROM exchange_imports WHERE id = ?`).get(importId) as any;
    if (!imp) throw new Error(`no import #${importId}`);
    if (imp.status === 'applied') return JSON.parse(imp.summary_json);
    if (imp.status !== 'staged') throw new Error(`import #${importId} is ${imp.status}, not staged`);
    const p = profileOf(imp.source);
    const fileDate: string = imp.file_date;
    const today = todayIso(now);
    const calendar = WorkCalendar.load(raw);
    const header = JSON.parse(imp.mapping_json) as Record<string, string>;
    const idColumn = header.idNumber ?? '身份证号码';
    const inTier = tierOnFileDate(raw, fileDate.slice(0, 7));
    const refuse = raw.prepare(`UPDATE exchange_rows SET refused = 1 WHERE import_id = ? AND row = ?`);
    const unmatch = raw.prepare(`UPDATE exchange_rows SET member_id = NULL, household_id = NULL WHERE import_id = ? AND row = ?`);
    const insReject = raw.prepare(`INSERT INTO exchange_rejects (import_id, row, "column", reason, reason_en) VALUES (?, ?, ?, ?, ?)`);
    const setFlag = raw.prepare(`UPDATE households SET monitoring_flag = ?, version = version + 1, updated_at = ? WHERE id = ?`);
    let warningsRaised = 0, refused = 0, unmatched = 0;
    const flagChanges: { householdId: number; before: string | null; after: string }[] = [];

    const base = { source: imp.source, importId, raisedOn: today, actor, calendar, department: p.department };
    const evidenceText = (r: any, what: string) => `${p.zh}（${imp.file_name} 第 ${r.row} 行）：${what}`;

    if (imp.source === 'referral_feedback') {
      const rows: FeedbackRow[] = (raw.prepare(`SELECT * FROM exchange_rows WHERE import_id = ? ORDER BY row`).all(importId) as any[]).map((r) => {
        const d = r.detail ? JSON.parse(r.detail) : {};
        return { row: r.row, referralNumber: r.evidence_key, idNumber: r.id_number, result: r.category, amountFen: r.amount_fen, item: d.item ?? null, date: r.event_date, reason: d.reason ?? null };
      });
      const out = applyReferralFeedback(raw, rows, { userId: actor.userId, username: actor.username }, now, { name: imp.file_name, sha256: imp.sha256 });
      for (const x of out.rejected) {
        refuse.run(importId, x.row);
        insReject.run(importId, x.row, x.column, x.reason, x.reason);
        refused++;
      }
    } else {
      // Only the matched rows that can lead to something are read back and joined to their
      // household: a stale match (the registry changed since staging), a candidate warning rule,
      // a name that differs byte for byte (the exact comparison follows in JS), and every row when
      // each needs an authorisation check or may change a household's monitoring flag (those
      // rows see the flag as of their page, so the pages must hold the same rows as before).
      // A matched row outside this set raises nothing and refuses nothing: it is not read at all.
      // When no member changed since staging began (migration 07's epoch), every match still holds and staging has flagged
      // the names that differ: only the rows with a candidate rule or a flagged name are read, without joining the others.
      const everyRow = p.needsAuthorisation || imp.source === 'agriculture_monitoring' ? 1 : 0;
      const unchanged = imp.staged_epoch !== null && imp.staged_epoch === (raw.prepare(`SELECT n FROM registry_epoch`).pluck().get() as number);
      const mayRaise = unchanged ? `r.rule IS NOT NULL OR r.name_differs = 1`
        : `r.rule IS NOT NULL OR m.id_number IS NOT r.id_number OR m.active IS NOT 1 OR (r.name IS NOT NULL AND r.name IS NOT m.name)`;
      const matched = raw.prepare(`SELECT r.row, r.id_number, r.name, r.member_id, r.category, r.event_date, r.evidence_key, r.amount_fen, r.detail, r.rule,
          m.id_number AS reg_id, m.active, m.name AS reg_name, m.authorised_on, m.household_id, h.area_id, h.current_tier, h.monitoring_flag, h.financial_assets_fen
        FROM exchange_rows r JOIN members m ON m.id = r.member_id JOIN households h ON h.id = m.household_id
        WHERE r.import_id = ? AND r.row > ? AND r.member_id IS NOT NULL AND (${everyRow} OR ${mayRaise})
        ORDER BY r.row LIMIT 20000`);
      // Paged by row (keyset), not iterated: better-sqlite3 forbids writes while an iterator is open,
      // and holding every matched row of a million-row file in memory would cost hundreds of MB.
      for (let after = 0, page = matched.all(importId, 0) as any[]; page.length > 0; after = page[page.length - 1].row, page = matched.all(importId, after) as any[])
      for (const r of page) {
        // The registry may have changed since staging (a resumed import): re-check the match.
        if (r.reg_id !== r.id_number || r.active !== 1) { unmatch.run(importId, r.row); unmatched++; continue; }
        const who = `${r.reg_name}（${maskIdNumber(r.id_number)}）`;
        if (p.needsAuthorisation && (!r.authorised_on || r.authorised_on > fileDate)) {
          refuse.run(importId, r.row);
          insReject.run(importId, r.row, idColumn,
            `${who}没有 ${fileDate} 或之前签署的核对授权书，拒绝比对`,
            `${r.reg_name} (${maskIdNumber(r.id_number)}) has no signed authorisation dated on or before ${fileDate}; the check is refused`);
          refused++;
          continue;
        }
        const draft = (rule: RuleId, evidenceKey: string, evidence: string): WarningDraft => ({
          ...base, rule, householdId: r.household_id, memberId: r.member_id, idNumber: r.id_number, personName: r.reg_name, areaId: r.area_id, evidenceKey, evidence,
        });
        if (r.name && halfWidth(r.name).replace(/\s+/g, '') !== r.reg_name.replace(/\s+/g, '')) {
          if (raiseWarning(raw, draft('name_mismatch', `name:${r.name}`, evidenceText(r, `文件姓名“${r.name}”与登记姓名“${r.reg_name}”不一致`)))) warningsRaised++;
        }
        if (!r.rule) continue;
        const rule = r.rule as RuleId;
        let what: string | null = null;
        switch (rule) {
          case 'hospital_cost': {
            const tier = r.current_tier !== null || inTier(r.household_id);
            const limit = tier ? HOSPITAL_THRESHOLD_IN_TIER_FEN : HOSPITAL_THRESHOLD_OTHER_FEN;
            if (r.amount_fen > limit) what = `${r.event_date} 入院，个人自付 ${fenToYuan(r.amount_fen).toFixed(2)} 元，超过${tier ? '在册对象' : '其他居民'}标准 ${limit / 100} 元${r.detail ? `（${r.detail}）` : ''}`;
            break;
          }
          case 'financial_assets':
            if (r.amount_fen > r.financial_assets_fen) what = `${r.detail}：${fenToYuan(r.amount_fen).toFixed(2)} 元，登记金融资产 ${fenToYuan(r.financial_assets_fen).toFixed(2)} 元`;
            break;
          case 'monitoring_flag':
            if (r.monitoring_flag !== r.category) {
              what = `${MONITORING_ZH[r.category] ?? r.category}${r.event_date ? `（${r.event_date} 识别）` : ''}`;
              flagChanges.push({ householdId: r.household_id, before: r.monitoring_flag, after: r.category });
              setFlag.run(r.category, now.toISOString(), r.household_id);
              r.monitoring_flag = r.category;
            }
            break;
          default:
            what = [r.event_date, r.category === 'vehicle' ? `号牌 ${r.evidence_key}` : r.category === 'property' ? `权证 ${r.evidence_key}` : r.category === 'business' ? `信用代码 ${r.evidence_key}` : null,
              r.detail, r.amount_fen !== null ? `${fenToYuan(r.amount_fen).toFixed(2)} 元` : null].filter(Boolean).join('，');
        }
        if (what !== null && raiseWarning(raw, draft(rule, r.evidence_key, evidenceText(r, what)))) warningsRaised++;
      }
    }

    // A match undone makes its person unknown: the list staging wrote (migration 10) no longer holds.
    if (unmatched > 0) raw.prepare(`DELETE FROM exchange_unknown_persons WHERE import_id = ?`).run(importId);
    // The household's verification report finds the matches through this table (migration 09):
    // written once, in key order, after apply has undone the stale matches.
    raw.prepare(`INSERT OR IGNORE INTO exchange_household_rows (household_id, import_id, row)
      SELECT household_id, import_id, row FROM exchange_rows WHERE import_id = ? AND household_id IS NOT NULL ORDER BY household_id, row`).run(importId);

    const c = staged && refused === 0 && unmatched === 0 ? staged : raw.prepare(`SELECT COUNT(*) + (SELECT COALESCE(SUM(n), 0) FROM exchange_unknown_rows WHERE import_id = @imp) AS accepted,
        COUNT(DISTINCT CASE WHEN member_id IS NOT NULL THEN member_id END) AS matched,
        (SELECT COUNT(*) FROM (${UNKNOWN_IDS_SQL})) AS unknown
      FROM exchange_rows WHERE import_id = @imp AND refused = 0`).get({ imp: importId }) as { accepted: number; matched: number; unknown: number };
    const summary: ImportSummary = {
      file: imp.file_name, sha256: imp.sha256, source: imp.source, rowsRead: imp.rows_read, accepted: c.accepted, rejected: rejectedOf(raw, importId, lang),
      matchedPersons: c.matched, unknownPersons: c.unknown, warningsRaised, duplicateFile: false,
    };
    const stored = { ...summary, rejected: rejectedOf(raw, importId, 'zh', 1000) };
    raw.prepare(`UPDATE exchange_imports SET status = 'applied', applied_at = ?, summary_json = ? WHERE id = ?`).run(now.toISOString(), JSON.stringify(stored), importId);
    appendAudit(raw, {
      ...actor, action: 'import', entity: 'exchange_import', entityId: importId,
      summary: `${imp.source} file ${imp.file_name} (sha256 ${imp.sha256.slice(0, 12)}…): ${summary.rowsRead} rows, ${summary.accepted} accepted, ${summary.rejected.length} rejected, ${summary.matchedPersons} matched, ${summary.unknownPersons} unknown, ${warningsRaised} warnings`,
      after: { counts: { ...summary, rejected: summary.rejected.length }, refused, monitoringFlags: flagChanges.slice(0, 1000) }, at: now.toISOString(),
    });
    for (const fc of flagChanges) {
      appendChainEvent(raw, { householdId: fc.householdId, at: now.toISOString(), kind: 'department_result', department: 'agriculture', item: 'return_to_poverty', status: fc.after,
        refTable: 'exchange_imports', refId: importId, summary: `农业农村部门认定为防止返贫监测对象：${MONITORING_ZH[fc.after] ?? fc.after}`, recordedBy: actor.username });
    }
    return summary;
  })();
}
