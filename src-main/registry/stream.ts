/**
 * Every active household of the county, in id order, without loading the county into memory.
 * One cursor yields a row per active member, carrying its household's columns; SQLite folds
 * the small child tables into strings (incomes on every member row; vehicles, homes,
 * businesses and supporters on the first member's row only), so ~500,000 array rows cross
 * into JavaScript for 200,000 households instead of ~1,500,000 objects from eight cursors,
 * and the household-file shape is built directly from them.
 *
 * `lean` leaves out what no rule reads (names, address, area names, external id) — the
 * proactive scan's mode; text columns are the dearest part of a row to bring into JS.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { HouseholdData, MemberData } from './household-file';

export interface StreamedHousehold {
  id: number;
  areaId: number;
  data: HouseholdData;
}

// Positions of active members run 0..n−1 (insert and update both renumber), so position 0 is
// the household's first row and carries the household-level children.
const FIRST = (sub: string) => `CASE WHEN m.position = 0 THEN (${sub}) END`;

function rowsSql(lean: boolean): string {
  const text = (expr: string) => (lean ? 'NULL' : expr);
  return `SELECT h.id, h.area_id, h.residence, h.housing_condition, h.housing_tenure, h.monitoring_flag, h.financial_assets_fen,
    h.large_machinery_or_vessel, h.recent_purchase, h.current_tier, h.current_benefit_fen, h.gradual_exit_since,
    ${text('h.external_id')}, ${text('h.address')}, ${text('t.name')}, ${text('v.name')},
    e.medical_out_of_pocket_fen, e.medical_travel_fen, e.education_fen, e.rehabilitation_fen, e.accident_fen, e.assistance_received_fen,
    m.id_number, ${text('m.name')}, m.relation, m.status, m.disability_kind, m.disability_grade, m.illness, m.labour, m.schooling,
    m.self_care_unmanaged, m.support_mode, ${text('m.authorised_on')},
    (SELECT group_concat(i.type || ':' || i.amount_fen) FROM income_items i WHERE i.member_id = m.id),
    ${FIRST(`SELECT group_concat(x.kind) FROM vehicles x WHERE x.household_id = h.id`)},
    ${FIRST(`SELECT group_concat(x.floor_area || ':' || x.resettlement) FROM homes x WHERE x.household_id = h.id`)},
    ${FIRST(`SELECT group_concat(x.role || ':' || x.operating || ':' || x.employees) FROM businesses x WHERE x.household_id = h.id`)},
    ${FIRST(`SELECT json_group_array(json_object('idNumber', x.id_number, 'name', x.name, 'relation', x.relation, 'age', x.age, 'annualIncome', x.annual_income_fen / 100.0,
       'tier', x.tier, 'severeDisability', json(CASE WHEN x.severe_disability THEN 'true' ELSE 'false' END), 'status', x.status))
       FROM (SELECT * FROM supporters_outside WHERE household_id = h.id ORDER BY position) x HAVING COUNT(*) > 0`)}
    FROM households h JOIN members m ON m.household_id = h.id AND m.active = 1
    ${lean ? '' : 'JOIN areas v ON v.id = h.area_id JOIN areas t ON t.id = v.parent_id'}
    LEFT JOIN expenses_12m e ON e.household_id = h.id
    WHERE h.status = 'active' AND h.id >= ? AND h.id <= ? ORDER BY h.id, m.position`;
}

// Column positions in rowsSql's SELECT list.
const C = { id: 0, area: 1, residence: 2, condition: 3, tenure: 4, flag: 5, financial: 6, machinery: 7, purchase: 8, tier: 9, benefit: 10, exitSince: 11,
  externalId: 12, address: 13, township: 14, village: 15, expenses: 16, idNumber: 22, name: 23, relation: 24, status: 25, disabilityKind: 26,
  disabilityGrade: 27, illness: 28, labour: 29, schooling: 30, selfCare: 31, supportMode: 32, authorisedOn: 33, incomes: 34, vehicles: 35, homes: 36,
  businesses: 37, supporters: 38 } as const;

const split = (s: unknown): string[] => (typeof s === 'string' && s.length > 0 ? s.split(',') : []);
const yuan = (fen: unknown) => (fen === null || fen === undefined ? 0 : (fen as number) / 100);

function household(r: unknown[]): HouseholdData {
  const supporters = typeof r[C.supporters] === 'string' ? (JSON.parse(r[C.supporters] as string) as Record<string, unknown>[]) : [];
  const h: Record<string, unknown> = {};
  if (r[C.externalId]) h.externalId = r[C.externalId];
  h.residence = r[C.residence];
  h.area = { township: r[C.township] ?? '', village: r[C.village] ?? '' };
  if (r[C.address]) h.address = r[C.address];
  h.members = [];
  h.supportersOutside = supporters.map((s) => {
    // Optional keys are absent, not null, as in the household file.
    if (s.idNumber === null) delete s.idNumber;
    if (s.age === null) delete s.age;
    return s;
  });
  h.assets = {
    vehicles: split(r[C.vehicles]).map((kind) => ({ kind })),
    homes: split(r[C.homes]).map((s) => {
      const c = s.indexOf(':');
      return { floorArea: Number(s.slice(0, c)), resettlement: s.slice(c + 1) === '1' };
    }),
    financialAssets: yuan(r[C.financial]),
    businesses: split(r[C.businesses]).map((s) => {
      const [role, operating, employees] = s.split(':');
      return { role, operating: operating === '1', employees: Number(employees) };
    }),
    largeMachineryOrVessel: r[C.machinery] === 1,
    recentPurchase: r[C.purchase] === 1,
  };
  h.expenses12Months = {
    medicalOutOfPocket: yuan(r[C.expenses]), medicalTravel: yuan(r[C.expenses + 1]), education: yuan(r[C.expenses + 2]),
    rehabilitation: yuan(r[C.expenses + 3]), accident: yuan(r[C.expenses + 4]), assistanceAlreadyReceived: yuan(r[C.expenses + 5]),
  };
  h.housing = { condition: r[C.condition], tenure: r[C.tenure] };
  h.flags = { returnToPovertyMonitoring: r[C.flag] };
  h.current = r[C.tier] || r[C.exitSince] ? { tier: r[C.tier], monthlyBenefit: yuan(r[C.benefit]), gradualExitSince: r[C.exitSince] } : null;
  return h as unknown as HouseholdData;
}

function member(r: unknown[]): MemberData {
  return {
    idNumber: r[C.idNumber],
    name: r[C.name] ?? '',
    relation: r[C.relation],
    status: r[C.status],
    disability: r[C.disabilityKind] ? { kind: r[C.disabilityKind], grade: r[C.disabilityGrade] } : null,
    illness: r[C.illness],
    labour: r[C.labour],
    schooling: r[C.schooling],
    selfCareUnmanaged: r[C.selfCare],
    supportMode: r[C.supportMode],
    authorisedOn: r[C.authorisedOn],
    monthlyIncome: incomes(r[C.incomes]),
  } as unknown as MemberData;
}

function incomes(s: unknown): { type: string; amount: number }[] {
  const out: { type: string; amount: number }[] = [];
  for (const part of split(s)) {
    const colon = part.indexOf(':');
    out.push({ type: part.slice(0, colon), amount: Number(part.slice(colon + 1)) / 100 });
  }
  return out;
}

export function* streamHouseholds(raw: BetterSqlite3.Database, opts: { fromId?: number; toId?: number; lean?: boolean } = {}): Generator<StreamedHousehold> {
  const lo = opts.fromId ?? 0, hi = opts.toId ?? Number.MAX_SAFE_INTEGER;
  // Arrays, not objects: much cheaper per row at this volume.
  const rows = raw.prepare(rowsSql(opts.lean ?? false)).raw(true).iterate(lo, hi) as IterableIterator<unknown[]>;
  let current: StreamedHousehold | null = null;
  for (const r of rows) {
    if (!current || current.id !== r[C.id]) {
      if (current) yield current;
      current = { id: r[C.id] as number, areaId: r[C.area] as number, data: household(r) };
    }
    current.data.members.push(member(r));
  }
  if (current) yield current;
}
