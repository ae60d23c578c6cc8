/**
 * What a row of a department file means for a warning (docs/rules/assistance.md §4.2, §6): the
 * rule its finding is a candidate for, whether the person's signed authorisation covers the
 * file, whether the name on the row is the registry's, and — with the household as it stands —
 * whether a candidate raises its warning (thresholds, a tier on the file's date, a monitoring
 * flag that changes). The exchange reads, normalises, stages and applies files, and asks here.
 * Nothing here writes: a reading thread of an import decides its rows' warnings on a read-only
 * connection; ./department-warnings.ts raises them.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { fenToYuan } from '../common/money';
import type { WarningRuleId } from '../common/codes';
import type { WarningDraft } from './warnings';
import { HOSPITAL_THRESHOLD_IN_TIER_FEN, HOSPITAL_THRESHOLD_OTHER_FEN } from './rules';

/** What a department row found, as the exchange normalised it: the parts of it that decide its candidate rule. */
export interface Finding {
  category: string;
  amountFen: number | null;
  /** A disability certificate's grade (1–4). */
  grade?: number;
}

/** The rule each kind of finding is a candidate for whatever its figures (§4.2's table); a category not here raises nothing. */
const RULE_OF_CATEGORY = new Map<string, WarningRuleId>([
  ['death', 'death'],
  ['prison', 'prison_or_missing'],
  ['missing', 'prison_or_missing'],
  ['vehicle', 'vehicle_found'],
  ['property', 'property_found'],
  ['business', 'business_found'],
  ['pension_start', 'pension_start'],
  ['unemployment', 'unemployment'],
  ['tax_income', 'income_record'],
  ['housing_fund', 'income_record'],
  ['financial_asset', 'financial_assets'],
  ['graduated', 'graduated'],
  ['unstable', 'monitoring_flag'],
  ['edge', 'monitoring_flag'],
  ['sudden_hardship', 'monitoring_flag'],
]);

/**
 * The warning a finding may raise, before the registry is asked: a hospital stay only above the lower (in-tier) threshold
 * — whether the person is in a tier decides later — and a disability certificate only of grade 1 or 2 (severe).
 */
export function candidateRule(f: Finding): WarningRuleId | null {
  if (f.category === 'hospital_stay') return f.amountFen !== null && f.amountFen > HOSPITAL_THRESHOLD_IN_TIER_FEN ? 'hospital_cost' : null;
  if (f.category === 'disability_certificate') return f.grade !== undefined && f.grade <= 2 ? 'new_disability' : null;
  return RULE_OF_CATEGORY.get(f.category) ?? null;
}

/** §6: a signed authorisation (YYYYMMDD, 0 for none) covers a file dated on or after it (YYYYMMDD). */
export function authorisationCovers(authorisedOn: number, fileDate: number): boolean {
  return authorisedOn !== 0 && authorisedOn <= fileDate;
}

/** Why a row is refused for want of an authorisation, in both languages (the person named as the registry has them). */
export function refusalReason(registryName: string, maskedIdNumber: string, fileDate: string): { zh: string; en: string } {
  return {
    zh: `${registryName}（${maskedIdNumber}）没有 ${fileDate} 或之前签署的核对授权书，拒绝比对`,
    en: `${registryName} (${maskedIdNumber}) has no signed authorisation dated on or before ${fileDate}; the check is refused`,
  };
}

const SPACES = /\s+/g;
/** A name on a row (half-width and trimmed already) differs from the registry's when it does with spaces aside. */
export function namesDiffer(inFile: string, inRegistry: string): boolean {
  return inFile.replace(SPACES, '') !== inRegistry.replace(SPACES, '');
}

/** A matched row that may raise a warning: its candidate rule, or a name that differs from the registry's. */
export interface Candidate {
  row: number;
  /** The person's place in the import's index of the registry (`RegistryPersons`). */
  slot: number;
  idNumber: string;
  name: string | null;
  category: string;
  eventDate: string | null;
  evidenceKey: string;
  amountFen: number | null;
  detail: string | null;
  rule: WarningRuleId | null;
  nameDiffers: boolean;
}

/** The registry persons a file's rows were matched to, by slot (the exchange's person index). */
export interface RegistryPersons {
  readonly householdIds: ArrayLike<number>;
  readonly memberIds: ArrayLike<number>;
  nameOf(slot: number): string;
}

/** The file the rows come from, as its warnings' evidence names it. */
export interface DepartmentFile {
  source: string;
  /** The source as the evidence names it (Chinese). */
  sourceText: string;
  department: string;
  fileName: string;
  fileDate: string;
}

/** A warning a candidate raises: all of it but what every warning of the import shares. */
export type PendingWarning = Pick<
  WarningDraft,
  'rule' | 'householdId' | 'memberId' | 'idNumber' | 'personName' | 'areaId' | 'evidenceKey' | 'evidence'
>;

export const MONITORING_FLAG_TEXT: Record<string, string> = {
  unstable: '脱贫不稳定户',
  edge: '边缘易致贫户',
  sudden_hardship: '突发严重困难户',
};

/**
 * Whether a household without a tier on record had an approved determination in force by the file's month. CROSS JOIN keeps
 * the household's few determinations as the outer loop; left to itself the planner walks every approved decision of the county.
 */
export const TIER_ON_FILE_DATE_SQL = `SELECT 1 FROM determinations d CROSS JOIN determination_decisions dd ON dd.determination_id = d.id
  WHERE d.household_id = ? AND dd.decision = 'approved' AND dd.effective_month <= ? AND d.tier != 'none' LIMIT 1`;

interface HouseholdState {
  area_id: number;
  current_tier: string | null;
  monitoring_flag: string | null;
  financial_assets_fen: number;
}

/** A monitoring flag a file set on a household. */
export interface FlagChange {
  householdId: number;
  before: string | null;
  after: string;
}

/**
 * Decides which warnings candidate rows raise, reading each household's state once. The exchange asks while staging (its
 * reading threads on read-only connections) with `setFlag` null; a file that sets monitoring flags, where a row sees the flag
 * as the rows before it left it, is decided at apply, with `setFlag` writing each change.
 */
export class DepartmentRules {
  private household: BetterSqlite3.Statement;
  private tier: BetterSqlite3.Statement;
  private households = new Map<number, HouseholdState>();
  private inTier = new Map<number, boolean>();
  private fileMonth: string;
  readonly flagChanges: FlagChange[] = [];
  constructor(
    raw: BetterSqlite3.Database,
    private file: DepartmentFile,
    private persons: RegistryPersons,
    private setFlag: ((householdId: number, flag: string) => void) | null,
  ) {
    // hot path: bench/import.ts staging (a county file's ~30,000 candidates, each household read once)
    this.household = raw.prepare(`SELECT area_id, current_tier, monitoring_flag, financial_assets_fen FROM households WHERE id = ?`);
    // hot path: bench/import.ts staging (asked only for hospital stays of households without a tier on record)
    this.tier = raw.prepare(TIER_ON_FILE_DATE_SQL).pluck();
    this.fileMonth = file.fileDate.slice(0, 7);
  }

  private stateOf(householdId: number): HouseholdState {
    let h = this.households.get(householdId);
    if (!h) this.households.set(householdId, (h = this.household.get(householdId) as HouseholdState));
    return h;
  }

  /** In a tier on the file's date: on record now, or by a determination in force by its month (asked once per household). */
  private inTierOnFileDate(householdId: number, h: HouseholdState): boolean {
    if (h.current_tier !== null) return true;
    let v = this.inTier.get(householdId);
    if (v === undefined) this.inTier.set(householdId, (v = this.tier.get(householdId, this.fileMonth) !== undefined));
    return v;
  }

  /** Appends to `out` the warnings the candidate raises, in the order they are decided. */
  evaluate(c: Candidate, out: PendingWarning[]): void {
    const householdId = this.persons.householdIds[c.slot];
    const h = this.stateOf(householdId);
    const registryName = this.persons.nameOf(c.slot);
    const raise = (rule: WarningRuleId, evidenceKey: string, what: string) =>
      out.push({
        rule,
        householdId,
        memberId: this.persons.memberIds[c.slot],
        idNumber: c.idNumber,
        personName: registryName,
        areaId: h.area_id,
        evidenceKey,
        evidence: `${this.file.sourceText}（${this.file.fileName} 第 ${c.row} 行）：${what}`,
      });
    if (c.nameDiffers) raise('name_mismatch', `name:${c.name}`, `文件姓名“${c.name}”与登记姓名“${registryName}”不一致`);
    if (c.rule === null) return;
    const what = this.what(c, householdId, h);
    if (what !== null) raise(c.rule, c.evidenceKey, what);
  }

  /** The evidence of the candidate's warning, or null when the household as it stands does not raise it. */
  private what(c: Candidate, householdId: number, h: HouseholdState): string | null {
    const yuan = (fen: number) => `${fenToYuan(fen).toFixed(2)} 元`;
    switch (c.rule) {
      case 'hospital_cost': {
        const tier = this.inTierOnFileDate(householdId, h);
        const limit = tier ? HOSPITAL_THRESHOLD_IN_TIER_FEN : HOSPITAL_THRESHOLD_OTHER_FEN;
        if (c.amountFen === null || c.amountFen <= limit) return null;
        const fenText = fenToYuan(c.amountFen).toFixed(2);
        return `${c.eventDate} 入院，个人自付 ${fenText} 元，超过${tier ? '在册对象' : '其他居民'}标准 ${limit / 100} 元${c.detail ? `（${c.detail}）` : ''}`;
      }
      case 'financial_assets':
        if (c.amountFen === null || c.amountFen <= h.financial_assets_fen) return null;
        return `${c.detail}：${fenToYuan(c.amountFen).toFixed(2)} 元，登记金融资产 ${fenToYuan(h.financial_assets_fen).toFixed(2)} 元`;
      case 'monitoring_flag': {
        if (!this.setFlag) throw new Error('monitoring flags are set at apply');
        if (h.monitoring_flag === c.category) return null;
        this.flagChanges.push({ householdId, before: h.monitoring_flag, after: c.category });
        this.setFlag(householdId, c.category);
        h.monitoring_flag = c.category;
        return `${MONITORING_FLAG_TEXT[c.category] ?? c.category}${c.eventDate ? `（${c.eventDate} 识别）` : ''}`;
      }
      default: {
        const key =
          c.category === 'vehicle'
            ? `号牌 ${c.evidenceKey}`
            : c.category === 'property'
              ? `权证 ${c.evidenceKey}`
              : c.category === 'business'
                ? `信用代码 ${c.evidenceKey}`
                : null;
        return [c.eventDate, key, c.detail, c.amountFen !== null ? yuan(c.amountFen) : null].filter(Boolean).join('，');
      }
    }
  }
}
