/**
 * The service list (docs/rules/temporary-service-recovery.md §12.3): a dated catalogue the county
 * defines, kept like the parameters — a new price, a new name or a withdrawal is a new row with
 * the date it takes effect, and a record is priced by the row in force on its own date.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit/audit';
import type { Actor } from '../audit/actor';
import { CATALOGUE_AREAS, codeOf, type CatalogueArea } from '../common/codes';
import { appError } from '../common/errors';
import { formatFen } from '../common/money';
import { all, first, qb, run } from '../db/query';

export interface CatalogueEntry {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  area: CatalogueArea;
  unitZh: string;
  unitEn: string;
  unitPriceFen: number;
  effectiveFrom: string;
  withdrawn: boolean;
  note: string | null;
  createdBy: string;
  createdAt: string;
}

export type NewCatalogueEntry = Omit<CatalogueEntry, 'id' | 'withdrawn' | 'createdBy' | 'createdAt' | 'note'> & {
  withdrawn?: boolean;
  note?: string | null;
};

/** The demo county's list (§12.3), in force from the date the demo parameters take effect (assistance.md §9). */
export const STANDARD_LIST_FROM = '2026-01-01';
export const STANDARD_LIST: readonly Omit<NewCatalogueEntry, 'effectiveFrom'>[] = [
  {
    code: 'visit_care',
    nameZh: '探访关爱',
    nameEn: 'Visiting',
    area: 'social_integration',
    unitZh: '次',
    unitEn: 'visit',
    unitPriceFen: 5000,
  },
  {
    code: 'personal_care',
    nameZh: '照料护理',
    nameEn: 'Personal care',
    area: 'health',
    unitZh: '小时',
    unitEn: 'hour',
    unitPriceFen: 3000,
  },
  { code: 'meals', nameZh: '助餐', nameEn: 'Meals', area: 'economic', unitZh: '餐', unitEn: 'meal', unitPriceFen: 1200 },
  { code: 'bathing', nameZh: '助浴', nameEn: 'Bathing', area: 'health', unitZh: '次', unitEn: 'visit', unitPriceFen: 4000 },
  { code: 'rehabilitation', nameZh: '康复', nameEn: 'Rehabilitation', area: 'health', unitZh: '次', unitEn: 'session', unitPriceFen: 8000 },
  {
    code: 'counselling',
    nameZh: '心理疏导',
    nameEn: 'Counselling',
    area: 'social_integration',
    unitZh: '次',
    unitEn: 'session',
    unitPriceFen: 10000,
  },
  { code: 'cleaning', nameZh: '家政保洁', nameEn: 'Cleaning', area: 'housing', unitZh: '小时', unitEn: 'hour', unitPriceFen: 3000 },
  { code: 'resource_linking', nameZh: '资源链接', nameEn: 'Linking resources', area: 'any', unitZh: '件', unitEn: 'case', unitPriceFen: 0 },
];

const CODE_RE = /^[a-z][a-z0-9_]{1,39}$/;

function toEntry(r: {
  id: number;
  code: string;
  name_zh: string;
  name_en: string;
  area: string;
  unit_zh: string;
  unit_en: string;
  unit_price_fen: number;
  effective_from: string;
  withdrawn: number;
  note: string | null;
  created_by: string;
  created_at: string;
}): CatalogueEntry {
  return {
    id: r.id,
    code: r.code,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    area: codeOf(CATALOGUE_AREAS, r.area),
    unitZh: r.unit_zh,
    unitEn: r.unit_en,
    unitPriceFen: r.unit_price_fen,
    effectiveFrom: r.effective_from,
    withdrawn: r.withdrawn === 1,
    note: r.note,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

/** Every row ever written, by code and date: the list's history. */
export function catalogueHistory(raw: BetterSqlite3.Database): CatalogueEntry[] {
  return all(raw, qb.selectFrom('service_catalogue').selectAll().orderBy('code').orderBy('effective_from').orderBy('id')).map(toEntry);
}

/** The list in force on `date`: per code, its latest row dated on or before it, unless that row withdraws the service. */
export function catalogueOn(raw: BetterSqlite3.Database, date: string): CatalogueEntry[] {
  const latest = new Map<string, CatalogueEntry>();
  for (const e of catalogueHistory(raw)) if (e.effectiveFrom <= date) latest.set(e.code, e);
  return [...latest.values()].filter((e) => !e.withdrawn);
}

/** Prices every code on any date with one read of the list (an import prices thousands of records). */
export class Catalogue {
  private rows: Map<string, CatalogueEntry[]>;
  constructor(raw: BetterSqlite3.Database) {
    this.rows = new Map();
    for (const e of catalogueHistory(raw)) this.rows.set(e.code, [...(this.rows.get(e.code) ?? []), e]);
  }
  /** The code a file or a clerk names: the code itself, or its Chinese or English name (latest row). */
  resolve(text: string): string | null {
    const t = text.trim();
    if (this.rows.has(t)) return t;
    for (const [code, rows] of this.rows) {
      const last = rows[rows.length - 1];
      if (last.nameZh === t || last.nameEn.toLowerCase() === t.toLowerCase()) return code;
    }
    return null;
  }
  /** The row in force for `code` on `date`, or null when it is not on the list that day. */
  on(code: string, date: string): CatalogueEntry | null {
    let hit: CatalogueEntry | null = null;
    for (const e of this.rows.get(code) ?? []) if (e.effectiveFrom <= date) hit = e;
    return hit && !hit.withdrawn ? hit : null;
  }
  /** The latest row of a code, whatever its date (names on a list). */
  latest(code: string): CatalogueEntry | null {
    const rows = this.rows.get(code);
    return rows ? rows[rows.length - 1] : null;
  }
  /** The codes in the order the county put them on its list (their first row). */
  codes(): string[] {
    return [...this.rows.entries()].sort((a, b) => a[1][0].id - b[1][0].id).map(([code]) => code);
  }
}

export function addCatalogueEntry(raw: BetterSqlite3.Database, e: NewCatalogueEntry, actor: Actor, now: Date): number {
  if (!CODE_RE.test(e.code))
    throw appError(
      'invalid_input',
      'A service code is lower-case letters, digits and _.',
      '服务代码由小写字母、数字和下划线组成。',
      'code',
    );
  return raw.transaction(() => {
    const same = first(
      raw,
      qb.selectFrom('service_catalogue').select('id').where('code', '=', e.code).where('effective_from', '=', e.effectiveFrom),
    );
    if (same)
      throw appError(
        'duplicate',
        `${e.code} already has a row taking effect on ${e.effectiveFrom}; give another date.`,
        `${e.code} 已有 ${e.effectiveFrom} 起执行的记录，请另选日期。`,
        'effectiveFrom',
      );
    const at = now.toISOString();
    const id = run(
      raw,
      qb.insertInto('service_catalogue').values({
        code: e.code,
        name_zh: e.nameZh,
        name_en: e.nameEn,
        area: e.area,
        unit_zh: e.unitZh,
        unit_en: e.unitEn,
        unit_price_fen: e.unitPriceFen,
        effective_from: e.effectiveFrom,
        withdrawn: e.withdrawn ? 1 : 0,
        note: e.note ?? null,
        created_by: actor.username,
        created_at: at,
      }),
    ).lastInsertRowid;
    appendAudit(raw, {
      ...actor,
      action: e.withdrawn ? 'withdraw' : 'price',
      entity: 'service_catalogue',
      entityId: e.code,
      summary: e.withdrawn
        ? `${e.code} withdrawn from ${e.effectiveFrom}`
        : `${e.code} ${e.nameZh}: ${formatFen(e.unitPriceFen)} yuan per ${e.unitEn} from ${e.effectiveFrom}`,
      after: e,
      at,
    });
    return id;
  })();
}

/** Writes the §12.3 list from `from` (the codes it does not have yet); the county then prices its own. */
export function addStandardList(raw: BetterSqlite3.Database, from: string, actor: Actor, now: Date): number {
  return raw.transaction(() => {
    const have = new Set(catalogueHistory(raw).map((e) => e.code));
    let n = 0;
    for (const e of STANDARD_LIST)
      if (!have.has(e.code)) {
        addCatalogueEntry(raw, { ...e, effectiveFrom: from }, actor, now);
        n++;
      }
    return n;
  })();
}
