/**
 * Every active household of the county, in id order, without loading the county into memory.
 * One cursor yields one row per household; SQLite packs the household's members (with their
 * incomes), assets, expenses and supporters into one JSON text. A row per member (500,000 for a
 * county of 200,000 households) cost more than twice as much: every row and column crossing
 * into JavaScript is dearer than parsing JSON (bench/README.md, engine).
 *
 * `lean` leaves out what no rule reads (names, address, area names, external id) — the
 * proactive scan's mode. Its packed text is kept in `engine_inputs`, a cache the tables'
 * triggers clear on every write (migration 06): `refreshEngineInputs` rebuilds what is
 * missing, and a row cleared after that is packed again on the fly, so the stream never reads
 * a stale copy.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { HouseholdData, MemberData } from './household-file';

export interface StreamedHousehold {
  id: number;
  areaId: number;
  data: HouseholdData;
}

/**
 * The engine input of household `hid` as one JSON array:
 * [members, expenses (6 fen amounts, or null), vehicle kinds, homes [area, resettlement],
 *  businesses [role, operating, employees], supporters outside (objects as in the file),
 *  the household's own facts (positions of `H`)].
 * Member arrays hold the positions of `M`; the full form adds name and authorisation date.
 * Copies of the lean form are kept in `engine_inputs`: a release that changes this layout must
 * ship a migration that empties that table.
 */
function inputSql(hid: string, full: boolean): string {
  const personal = full ? ', m.name, m.authorised_on' : '';
  // Member positions of active members run 0..n−1 (insert and update both renumber).
  return `json_array(
    (SELECT json_group_array(json_array(m.id_number, m.relation, m.status, m.disability_kind, m.disability_grade, m.illness, m.labour, m.schooling,
        m.self_care_unmanaged, m.support_mode, (SELECT json_group_array(json_array(i.type, i.amount_fen)) FROM income_items i WHERE i.member_id = m.id)${personal})
      ORDER BY m.position) FROM members m WHERE m.household_id = ${hid} AND m.active = 1),
    (SELECT json_array(e.medical_out_of_pocket_fen, e.medical_travel_fen, e.education_fen, e.rehabilitation_fen, e.accident_fen, e.assistance_received_fen)
      FROM expenses_12m e WHERE e.household_id = ${hid}),
    (SELECT json_group_array(x.kind) FROM vehicles x WHERE x.household_id = ${hid}),
    (SELECT json_group_array(json_array(x.floor_area, x.resettlement)) FROM homes x WHERE x.household_id = ${hid}),
    (SELECT json_group_array(json_array(x.role, x.operating, x.employees)) FROM businesses x WHERE x.household_id = ${hid}),
    (SELECT json_group_array(json_object('idNumber', x.id_number, 'name', x.name, 'relation', x.relation, 'age', x.age, 'annualIncome', x.annual_income_fen / 100.0,
        'tier', x.tier, 'severeDisability', json(CASE WHEN x.severe_disability THEN 'true' ELSE 'false' END), 'status', x.status))
      FROM (SELECT * FROM supporters_outside WHERE household_id = ${hid} ORDER BY position) x),
    (SELECT json_array(x.area_id, x.residence, x.housing_condition, x.housing_tenure, x.monitoring_flag, x.financial_assets_fen,
        x.large_machinery_or_vessel, x.recent_purchase, x.current_tier, x.current_benefit_fen, x.gradual_exit_since) FROM households x WHERE x.id = ${hid}))`;
}

const RANGE = `h.status = 'active' AND h.id >= ? AND h.id <= ?`;

function rowsSql(lean: boolean): string {
  if (lean) {
    // The active households are walked on their index alone; COALESCE packs an input only
    // where the cached copy is missing.
    return `SELECT h.id, NULL, NULL, NULL, NULL, COALESCE(c.input, ${inputSql('h.id', false)})
      FROM households h INDEXED BY households_active LEFT JOIN engine_inputs c ON c.household_id = h.id WHERE ${RANGE} ORDER BY h.id`;
  }
  return `SELECT h.id, h.external_id, h.address, t.name, v.name, ${inputSql('h.id', true)}
    FROM households h JOIN areas v ON v.id = h.area_id JOIN areas t ON t.id = v.parent_id WHERE ${RANGE} ORDER BY h.id`;
}

/**
 * Packs the engine input of every active household of the range that has no cached copy, in
 * short write transactions (the app's other writers wait at most one chunk). Returns how many
 * were packed.
 */
export function refreshEngineInputs(raw: BetterSqlite3.Database, fromId: number, toId: number, chunk = 2000): number {
  const missing = `FROM households h INDEXED BY households_active WHERE ${RANGE} AND NOT EXISTS (SELECT 1 FROM engine_inputs c WHERE c.household_id = h.id)`;
  // Usually nothing is missing: find out without taking the write lock, which the other scan
  // threads are taking too.
  const todo = raw.prepare(`SELECT h.id ${missing} ORDER BY h.id`).pluck().all(fromId, toId) as number[];
  const insert = raw.prepare(`INSERT INTO engine_inputs (household_id, input) SELECT h.id, ${inputSql('h.id', false)} ${missing}`);
  let packed = 0;
  for (let i = 0; i < todo.length; ) {
    const lo = todo[i];
    const hi = todo[Math.min(todo.length, i + chunk) - 1];
    packed += insert.run(lo, hi).changes;
    while (i < todo.length && todo[i] <= hi) i++;
  }
  return packed;
}

// Column positions in rowsSql's SELECT list.
const C = { id: 0, externalId: 1, address: 2, township: 3, village: 4, input: 5 } as const;
// Positions in the packed input, in each member's array and in the household's facts.
const I = { members: 0, expenses: 1, vehicles: 2, homes: 3, businesses: 4, supporters: 5, household: 6 } as const;
const M = { idNumber: 0, relation: 1, status: 2, disabilityKind: 3, disabilityGrade: 4, illness: 5, labour: 6, schooling: 7, selfCare: 8,
  supportMode: 9, incomes: 10, name: 11, authorisedOn: 12 } as const;
const H = { area: 0, residence: 1, condition: 2, tenure: 3, flag: 4, financial: 5, machinery: 6, purchase: 7, tier: 8, benefit: 9, exitSince: 10 } as const;

const yuan = (fen: unknown) => (fen === null || fen === undefined ? 0 : (fen as number) / 100);

function household(r: unknown[], input: unknown[]): HouseholdData {
  const f = input[I.household] as unknown[];
  const h: Record<string, unknown> = {};
  if (r[C.externalId]) h.externalId = r[C.externalId];
  h.residence = f[H.residence];
  h.area = { township: r[C.township] ?? '', village: r[C.village] ?? '' };
  if (r[C.address]) h.address = r[C.address];
  h.members = (input[I.members] as unknown[][]).map(member);
  h.supportersOutside = (input[I.supporters] as Record<string, unknown>[]).map((s) => {
    // Optional keys are absent, not null, as in the household file.
    if (s.idNumber === null) delete s.idNumber;
    if (s.age === null) delete s.age;
    return s;
  });
  const e = (input[I.expenses] as (number | null)[] | null) ?? [];
  h.assets = {
    vehicles: (input[I.vehicles] as string[]).map((kind) => ({ kind })),
    homes: (input[I.homes] as [number, number][]).map(([floorArea, resettlement]) => ({ floorArea, resettlement: resettlement === 1 })),
    financialAssets: yuan(f[H.financial]),
    businesses: (input[I.businesses] as [string, number, number][]).map(([role, operating, employees]) => ({ role, operating: operating === 1, employees })),
    largeMachineryOrVessel: f[H.machinery] === 1,
    recentPurchase: f[H.purchase] === 1,
  };
  h.expenses12Months = {
    medicalOutOfPocket: yuan(e[0]), medicalTravel: yuan(e[1]), education: yuan(e[2]),
    rehabilitation: yuan(e[3]), accident: yuan(e[4]), assistanceAlreadyReceived: yuan(e[5]),
  };
  h.housing = { condition: f[H.condition], tenure: f[H.tenure] };
  h.flags = { returnToPovertyMonitoring: f[H.flag] };
  h.current = f[H.tier] || f[H.exitSince] ? { tier: f[H.tier], monthlyBenefit: yuan(f[H.benefit]), gradualExitSince: f[H.exitSince] } : null;
  return h as unknown as HouseholdData;
}

function member(m: unknown[]): MemberData {
  const incomes = m[M.incomes] as [string, number][];
  const monthlyIncome = new Array(incomes.length);
  for (let i = 0; i < incomes.length; i++) monthlyIncome[i] = { type: incomes[i][0], amount: incomes[i][1] / 100 };
  return {
    idNumber: m[M.idNumber],
    name: m[M.name] ?? '',
    relation: m[M.relation],
    status: m[M.status],
    disability: m[M.disabilityKind] ? { kind: m[M.disabilityKind], grade: m[M.disabilityGrade] } : null,
    illness: m[M.illness],
    labour: m[M.labour],
    schooling: m[M.schooling],
    selfCareUnmanaged: m[M.selfCare],
    supportMode: m[M.supportMode],
    authorisedOn: m[M.authorisedOn] ?? null,
    monthlyIncome,
  } as unknown as MemberData;
}

export function* streamHouseholds(raw: BetterSqlite3.Database, opts: { fromId?: number; toId?: number; lean?: boolean } = {}): Generator<StreamedHousehold> {
  const lo = opts.fromId ?? 0, hi = opts.toId ?? Number.MAX_SAFE_INTEGER;
  // Arrays, not objects: much cheaper per row at this volume.
  const rows = raw.prepare(rowsSql(opts.lean ?? false)).raw(true).iterate(lo, hi) as IterableIterator<unknown[]>;
  for (const r of rows) {
    const input = JSON.parse(r[C.input] as string) as unknown[];
    // A household without an active member is not one the engine can read.
    if ((input[I.members] as unknown[]).length === 0) continue;
    yield { id: r[C.id] as number, areaId: (input[I.household] as number[])[H.area], data: household(r, input) };
  }
}
