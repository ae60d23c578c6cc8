/**
 * Every active household of the county, in id order, without loading the county into memory.
 * One row per household: SQLite packs the household's members (with their
 * incomes), assets, expenses and supporters into one JSON text. A row per member (500,000 for a
 * county of 200,000 households) cost more than twice as much: every row and column crossing
 * into JavaScript is dearer than parsing JSON (bench/README.md, engine).
 *
 * `lean` leaves out what no rule reads (names, address, area names, external id) — the
 * proactive scan's mode. Its packed text is kept in `engine_inputs`, a cache the tables'
 * triggers clear on every write (migration 06): `refreshEngineInputs` rebuilds what is
 * missing, and a row cleared after that is packed again on the fly, so the stream never reads
 * a stale copy.
 *
 * Rows are read in pages (`all()`), not through one cursor: each `next()` of a cursor crosses
 * into SQLite on its own, which cost more than a third of reading the row. Outside a read
 * transaction each page is read at its own moment (the scan worker holds one for its range).
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { HouseholdData, MemberData, SupporterData } from '../common/household-file';

export interface StreamedHousehold {
  id: number;
  areaId: number;
  data: HouseholdData;
}

/**
 * The text values the packed input carries as their position in these lists: a number costs
 * less to parse than a string (about −25 % of `JSON.parse`), and the cached text shrinks by a
 * third. Cached copies hold these positions: append only, and a release that changes an
 * existing position must ship a migration that empties `engine_inputs` (as 08 did). A value
 * missing here is packed as itself, so it costs speed, never a result.
 */
export const CODES = {
  residence: ['urban', 'rural'],
  relation: ['head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'child_in_law', 'other'],
  status: ['present', 'prison', 'compulsory_rehab', 'missing', 'clergy_away', 'deceased', 'incapacitated'],
  disability: ['physical', 'intellectual', 'psychiatric', 'visual', 'hearing', 'speech', 'multiple'],
  illness: ['critical', 'chronic'],
  labour: ['employed', 'self_employed', 'unemployed', 'farming', 'retired', 'unable', 'none'],
  schooling: ['preschool', 'primary', 'junior', 'senior', 'vocational', 'college', 'bachelor', 'postgraduate'],
  supportMode: ['at_home', 'institution'],
  income: [
    'wage',
    'business',
    'property',
    'support',
    'pension',
    'unemployment',
    'survivor',
    'compensation',
    'other',
    'basic_pension',
    'care_payment',
    'family_planning',
    'scholarship',
    'award',
    'assistance',
    'old_age_allowance',
  ],
  tier: ['tekun', 'dibao', 'marginal', 'rigid'],
  vehicle: ['private_car', 'commercial_livelihood', 'disability_mobility', 'motorcycle', 'ebike'],
  role: ['legal_representative', 'senior_manager', 'controlling_shareholder', 'sole_proprietor'],
  condition: ['sound', 'dangerous'],
  tenure: ['own', 'rent', 'public_rental', 'none'],
  flag: ['unstable', 'edge', 'sudden_hardship'],
} as const satisfies Record<string, readonly string[]>;

function code(column: string, values: readonly string[]): string {
  return `CASE ${column} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(' ')} ELSE ${column} END`;
}

function decode<T extends string>(values: readonly T[], v: number | string | null): T {
  return (typeof v === 'number' ? values[v] : v) as T; // a position in `values`, or the code itself (one `values` lacks), or null: as stored
}

/**
 * The engine input of household `hid` as one JSON array:
 * [members, expenses (6 fen amounts, or null), vehicle kinds, homes [area, resettlement],
 *  businesses [role, operating, employees], supporters outside (positions of `S`),
 *  the household's own facts (positions of `H`)].
 * Member arrays hold the positions of `M`; the full form adds name and authorisation date.
 * Text values are coded (`CODES`). Copies of the lean form are kept in `engine_inputs`: a
 * release that changes this layout must ship a migration that empties that table.
 */
function inputSql(hid: string, full: boolean): string {
  const personal = full ? ', m.name, m.authorised_on' : '';
  // Member positions of active members run 0..n−1 (insert and update both renumber).
  return `json_array(
    (SELECT json_group_array(json_array(m.id_number, ${code('m.relation', CODES.relation)}, ${code('m.status', CODES.status)}, ${code('m.disability_kind', CODES.disability)},
        m.disability_grade, ${code('m.illness', CODES.illness)}, ${code('m.labour', CODES.labour)}, ${code('m.schooling', CODES.schooling)},
        m.self_care_unmanaged, ${code('m.support_mode', CODES.supportMode)},
        (SELECT json_group_array(json_array(${code('i.type', CODES.income)}, i.amount_fen)) FROM income_items i WHERE i.member_id = m.id)${personal})
      ORDER BY m.position) FROM members m WHERE m.household_id = ${hid} AND m.active = 1),
    (SELECT json_array(e.medical_out_of_pocket_fen, e.medical_travel_fen, e.education_fen, e.rehabilitation_fen, e.accident_fen, e.assistance_received_fen)
      FROM expenses_12m e WHERE e.household_id = ${hid}),
    (SELECT json_group_array(${code('x.kind', CODES.vehicle)}) FROM vehicles x WHERE x.household_id = ${hid}),
    (SELECT json_group_array(json_array(x.floor_area, x.resettlement)) FROM homes x WHERE x.household_id = ${hid}),
    (SELECT json_group_array(json_array(${code('x.role', CODES.role)}, x.operating, x.employees)) FROM businesses x WHERE x.household_id = ${hid}),
    (SELECT json_group_array(json_array(x.id_number, x.name, ${code('x.relation', CODES.relation)}, x.age, x.annual_income_fen, ${code('x.tier', CODES.tier)},
        CASE WHEN x.severe_disability THEN 1 ELSE 0 END, ${code('x.status', CODES.status)}))
      FROM (SELECT * FROM supporters_outside WHERE household_id = ${hid} ORDER BY position) x),
    (SELECT json_array(x.area_id, ${code('x.residence', CODES.residence)}, ${code('x.housing_condition', CODES.condition)}, ${code('x.housing_tenure', CODES.tenure)},
        ${code('x.monitoring_flag', CODES.flag)}, x.financial_assets_fen, x.large_machinery_or_vessel, x.recent_purchase, ${code('x.current_tier', CODES.tier)},
        x.current_benefit_fen, x.gradual_exit_since) FROM households x WHERE x.id = ${hid}))`;
}

const RANGE = `h.status = 'active' AND h.id >= ? AND h.id <= ?`;
// Households a page: enough that the crossings into SQLite no longer count, few enough to stay a few hundred KB.
const PAGE = 500;

/** One page of rows: the households of the range from the first bound on, at most `PAGE`. */
function pageSql(lean: boolean): string {
  if (lean) {
    // The active households are walked on their index alone; COALESCE packs an input only
    // where the cached copy is missing.
    return `SELECT h.id, COALESCE(c.input, ${inputSql('h.id', false)})
      FROM households h INDEXED BY households_active LEFT JOIN engine_inputs c ON c.household_id = h.id WHERE ${RANGE} ORDER BY h.id LIMIT ${PAGE}`;
  }
  return `SELECT h.id, ${inputSql('h.id', true)}, h.external_id, h.address, t.name, v.name
    FROM households h JOIN areas v ON v.id = h.area_id JOIN areas t ON t.id = v.parent_id WHERE ${RANGE} ORDER BY h.id LIMIT ${PAGE}`;
}

/**
 * How many active households of the range have no packed input. Copies exist only for active
 * households (a household leaving 'active' loses its copy), so two index counts tell, for a
 * fraction of the lookup per household that finds which ones.
 */
export function missingEngineInputs(raw: BetterSqlite3.Database, fromId = 0, toId = Number.MAX_SAFE_INTEGER): number {
  // hot path: bench/engine.ts scan — every scan thread asks for each of its ranges.
  const [active, packed] = raw
    .prepare(
      `SELECT (SELECT COUNT(*) FROM households h INDEXED BY households_active WHERE ${RANGE}),
    (SELECT COUNT(*) FROM engine_inputs WHERE household_id >= ? AND household_id <= ?)`,
    )
    .raw(true)
    .get(fromId, toId, fromId, toId) as [number, number]; // the two counts selected
  return active - packed;
}

/**
 * Packs the engine input of every active household of the range that has no cached copy, in
 * short write transactions (the app's other writers wait at most one chunk). Returns how many
 * were packed.
 */
export function refreshEngineInputs(raw: BetterSqlite3.Database, fromId: number, toId: number, chunk = 2000): number {
  // Every scan thread refreshes its ranges on every scan, and usually nothing is missing.
  if (missingEngineInputs(raw, fromId, toId) === 0) return 0;
  const missing = `FROM households h INDEXED BY households_active WHERE ${RANGE} AND NOT EXISTS (SELECT 1 FROM engine_inputs c WHERE c.household_id = h.id)`;
  // Usually nothing is missing: find out without taking the write lock, which the other scan
  // threads are taking too.
  // hot path: bench/engine.ts pack — SQLite packs the inputs in one statement (the builder has no INDEXED BY, nor this JSON).
  const todo = raw.prepare<[number, number], number>(`SELECT h.id ${missing} ORDER BY h.id`).pluck().all(fromId, toId);
  const insert = raw.prepare(`INSERT INTO engine_inputs (household_id, input) SELECT h.id, ${inputSql('h.id', false)} ${missing}`);
  let packed = 0;
  for (let i = 0; i < todo.length;) {
    const lo = todo[i];
    const hi = todo[Math.min(todo.length, i + chunk) - 1];
    packed += insert.run(lo, hi).changes;
    while (i < todo.length && todo[i] <= hi) i++;
  }
  return packed;
}

// Column positions in pageSql's SELECT list (the lean form stops after the input).
const C = { id: 0, input: 1, externalId: 2, address: 3, township: 4, village: 5 } as const;
// Positions in the packed input, in each member's and supporter's array and in the household's facts.
const I = { members: 0, expenses: 1, vehicles: 2, homes: 3, businesses: 4, supporters: 5, household: 6 } as const;
const M = {
  idNumber: 0,
  relation: 1,
  status: 2,
  disabilityKind: 3,
  disabilityGrade: 4,
  illness: 5,
  labour: 6,
  schooling: 7,
  selfCare: 8,
  supportMode: 9,
  incomes: 10,
  name: 11,
  authorisedOn: 12,
} as const;
const S = { idNumber: 0, name: 1, relation: 2, age: 3, annualIncome: 4, tier: 5, severe: 6, status: 7 } as const;
const H = {
  area: 0,
  residence: 1,
  condition: 2,
  tenure: 3,
  flag: 4,
  financial: 5,
  machinery: 6,
  purchase: 7,
  tier: 8,
  benefit: 9,
  exitSince: 10,
} as const;

/** A code as packed: its position in the `CODES` list, the code itself when the list lacks it, or null. */
type Coded = number | string | null;
type PackedMember = [
  idNumber: string,
  relation: Coded,
  status: Coded,
  disabilityKind: Coded,
  disabilityGrade: number | null,
  illness: Coded,
  labour: Coded,
  schooling: Coded,
  selfCare: number,
  supportMode: Coded,
  incomes: [type: Coded, amountFen: number][],
  name?: string,
  authorisedOn?: string | null,
];
type PackedSupporter = [
  idNumber: string | null,
  name: string,
  relation: Coded,
  age: number | null,
  annualIncomeFen: number,
  tier: Coded,
  severe: number,
  status: Coded,
];
type PackedFacts = [
  areaId: number,
  residence: Coded,
  condition: Coded,
  tenure: Coded,
  flag: Coded,
  financialFen: number,
  machinery: number,
  purchase: number,
  tier: Coded,
  benefitFen: number,
  exitSince: string | null,
];
/** The packed input's layout, as `inputSql` writes it. */
type PackedInput = [
  members: PackedMember[],
  expenses: (number | null)[] | null,
  vehicles: Coded[],
  homes: [area: number, resettlement: number][],
  businesses: [role: Coded, operating: number, employees: number][],
  supporters: PackedSupporter[],
  facts: PackedFacts,
];
/** A row of `pageSql` (the lean form stops after the input). */
type PageRow = [id: number, input: string, externalId?: string | null, address?: string | null, township?: string, village?: string];

const yuan = (fen: number | null | undefined) => (fen === null || fen === undefined ? 0 : fen / 100);

function household(r: PageRow, input: PackedInput): HouseholdData {
  const f = input[I.household];
  const e = input[I.expenses] ?? [];
  const tier = decode(CODES.tier, f[H.tier]);
  // The key order is the household file's (the full form is written out as it is).
  const h: Record<string, unknown> = {};
  if (r[C.externalId]) h.externalId = r[C.externalId];
  h.residence = decode(CODES.residence, f[H.residence]);
  h.area = { township: r[C.township] ?? '', village: r[C.village] ?? '' };
  if (r[C.address]) h.address = r[C.address];
  h.members = input[I.members].map(member);
  h.supportersOutside = input[I.supporters].map(supporter);
  h.assets = {
    vehicles: input[I.vehicles].map((kind) => ({ kind: decode(CODES.vehicle, kind) })),
    homes: input[I.homes].map(([floorArea, resettlement]) => ({ floorArea, resettlement: resettlement === 1 })),
    financialAssets: yuan(f[H.financial]),
    businesses: input[I.businesses].map(([role, operating, employees]) => ({
      role: decode(CODES.role, role),
      operating: operating === 1,
      employees,
    })),
    largeMachineryOrVessel: f[H.machinery] === 1,
    recentPurchase: f[H.purchase] === 1,
  };
  h.expenses12Months = {
    medicalOutOfPocket: yuan(e[0]),
    medicalTravel: yuan(e[1]),
    education: yuan(e[2]),
    rehabilitation: yuan(e[3]),
    accident: yuan(e[4]),
    assistanceAlreadyReceived: yuan(e[5]),
  };
  h.housing = { condition: decode(CODES.condition, f[H.condition]), tenure: decode(CODES.tenure, f[H.tenure]) };
  h.flags = { returnToPovertyMonitoring: decode(CODES.flag, f[H.flag]) };
  h.current = tier || f[H.exitSince] ? { tier, monthlyBenefit: yuan(f[H.benefit]), gradualExitSince: f[H.exitSince] } : null;
  return h as unknown as HouseholdData; // built key by key above, in the file's key order
}

function member(m: PackedMember): MemberData {
  const incomes = m[M.incomes];
  const monthlyIncome = new Array<MemberData['monthlyIncome'][number]>(incomes.length);
  for (let i = 0; i < incomes.length; i++) monthlyIncome[i] = { type: decode(CODES.income, incomes[i][0]), amount: incomes[i][1] / 100 };
  const kind = decode(CODES.disability, m[M.disabilityKind]);
  return {
    idNumber: m[M.idNumber],
    name: m[M.name] ?? '',
    relation: decode(CODES.relation, m[M.relation]),
    status: decode(CODES.status, m[M.status]) as MemberData['status'], // a member's: the list is shared with the supporters'
    disability: kind ? { kind, grade: m[M.disabilityGrade] as number } : null, // a grade is written with its kind (the schema requires both)
    illness: decode(CODES.illness, m[M.illness]),
    labour: decode(CODES.labour, m[M.labour]),
    schooling: decode(CODES.schooling, m[M.schooling]),
    selfCareUnmanaged: m[M.selfCare],
    supportMode: decode(CODES.supportMode, m[M.supportMode]),
    authorisedOn: m[M.authorisedOn] ?? null,
    monthlyIncome,
  };
}

function supporter(s: PackedSupporter): SupporterData {
  // Optional keys are absent, not null, as in the household file; left out rather than
  // deleted, which would turn the object into a slow dictionary for the engine.
  const o: Record<string, unknown> = {};
  if (s[S.idNumber] !== null) o.idNumber = s[S.idNumber];
  o.name = s[S.name];
  o.relation = decode(CODES.relation, s[S.relation]);
  if (s[S.age] !== null) o.age = s[S.age];
  o.annualIncome = s[S.annualIncome] / 100;
  o.tier = decode(CODES.tier, s[S.tier]);
  o.severeDisability = s[S.severe] === 1;
  o.status = decode(CODES.status, s[S.status]);
  return o as unknown as SupporterData; // built key by key above, optional keys left out
}

export function* streamHouseholds(
  raw: BetterSqlite3.Database,
  opts: { fromId?: number; toId?: number; lean?: boolean } = {},
): Generator<StreamedHousehold> {
  const hi = opts.toId ?? Number.MAX_SAFE_INTEGER;
  // hot path: bench/engine.ts core — arrays, not objects: much cheaper per row at this volume.
  const page = raw.prepare<[number, number], PageRow>(pageSql(opts.lean ?? false)).raw(true);
  for (let lo = opts.fromId ?? 0; ;) {
    const rows = page.all(lo, hi);
    for (const r of rows) {
      const input = JSON.parse(r[C.input]) as PackedInput; // the text inputSql packed
      // A household without an active member is not one the engine can read.
      if (input[I.members].length === 0) continue;
      yield { id: r[C.id], areaId: input[I.household][H.area], data: household(r, input) };
    }
    if (rows.length < PAGE) return;
    lo = rows[rows.length - 1][C.id] + 1;
  }
}
