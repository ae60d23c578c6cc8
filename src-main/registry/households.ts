/**
 * The household registry ("one-stop storage"): households with members, incomes, assets,
 * 12-month expenses and supporters outside. The shape in and out is the household file's
 * (yuan), the store keeps fen; ./writer.ts writes it, this file reads it back.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { Selectable } from 'kysely';
import { fenToYuan } from '../common/money';
import type { HouseholdData } from '../common/household-file';
import { all, first, qb } from '../db/query';
import type {
  BusinessesTable,
  Expenses12mTable,
  HomesTable,
  HouseholdsTable,
  MembersTable,
  SupportersOutsideTable,
  VehiclesTable,
} from '../db/schema';

export { HouseholdWriter } from './writer';

/** A household's row with the names of its township and village. */
type HouseholdRowDb = Selectable<HouseholdsTable> & { township: string; village: string };

/** The rows of one household, as the loader reads them. */
interface HouseholdRows {
  h: HouseholdRowDb;
  members: Selectable<MembersTable>[];
  incomes: { member_id: number; type: string; amount_fen: number }[];
  vehicles: Pick<Selectable<VehiclesTable>, 'kind'>[];
  homes: Pick<Selectable<HomesTable>, 'floor_area' | 'resettlement'>[];
  businesses: Pick<Selectable<BusinessesTable>, 'role' | 'operating' | 'employees'>[];
  supporters: Selectable<SupportersOutsideTable>[];
  exp: Selectable<Expenses12mTable> | undefined;
}

function householdFromRows(r: HouseholdRows): HouseholdData {
  const { h, exp } = r;
  return {
    ...(h.external_id ? { externalId: h.external_id } : {}),
    residence: h.residence,
    area: { township: h.township, village: h.village },
    ...(h.address ? { address: h.address } : {}),
    members: r.members.map((m) => ({
      idNumber: m.id_number,
      name: m.name,
      relation: m.relation,
      status: m.status,
      disability: m.disability_kind ? { kind: m.disability_kind, grade: m.disability_grade } : null,
      illness: m.illness,
      labour: m.labour,
      schooling: m.schooling,
      selfCareUnmanaged: m.self_care_unmanaged,
      supportMode: m.support_mode,
      authorisedOn: m.authorised_on,
      monthlyIncome: r.incomes.filter((i) => i.member_id === m.id).map((i) => ({ type: i.type, amount: fenToYuan(i.amount_fen) })),
    })),
    supportersOutside: r.supporters.map((s) => ({
      ...(s.id_number ? { idNumber: s.id_number } : {}),
      name: s.name,
      relation: s.relation,
      ...(s.age !== null ? { age: s.age } : {}),
      annualIncome: fenToYuan(s.annual_income_fen),
      tier: s.tier,
      severeDisability: !!s.severe_disability,
      status: s.status,
    })),
    assets: {
      vehicles: r.vehicles.map((v) => ({ kind: v.kind })),
      homes: r.homes.map((x) => ({ floorArea: x.floor_area, resettlement: !!x.resettlement })),
      financialAssets: fenToYuan(h.financial_assets_fen),
      businesses: r.businesses.map((b) => ({ role: b.role, operating: !!b.operating, employees: b.employees })),
      largeMachineryOrVessel: !!h.large_machinery_or_vessel,
      recentPurchase: !!h.recent_purchase,
    },
    expenses12Months: {
      medicalOutOfPocket: fenToYuan(exp?.medical_out_of_pocket_fen ?? 0),
      medicalTravel: fenToYuan(exp?.medical_travel_fen ?? 0),
      education: fenToYuan(exp?.education_fen ?? 0),
      rehabilitation: fenToYuan(exp?.rehabilitation_fen ?? 0),
      accident: fenToYuan(exp?.accident_fen ?? 0),
      assistanceAlreadyReceived: fenToYuan(exp?.assistance_received_fen ?? 0),
    },
    housing: { condition: h.housing_condition, tenure: h.housing_tenure },
    flags: { returnToPovertyMonitoring: h.monitoring_flag },
    current:
      h.current_tier || h.gradual_exit_since
        ? { tier: h.current_tier, monthlyBenefit: fenToYuan(h.current_benefit_fen), gradualExitSince: h.gradual_exit_since }
        : null,
  } as HouseholdData; // the code columns hold what the household schema accepted on the way in (db/schema.ts types them as text)
}

/** Reads a household back into the household-file shape (yuan). */
export function loadHousehold(
  raw: BetterSqlite3.Database,
  id: number,
): { data: HouseholdData; version: number; createdAt: string; updatedAt: string } | null {
  const h = first(
    raw,
    qb
      .selectFrom('households as h')
      .innerJoin('areas as v', 'v.id', 'h.area_id')
      .innerJoin('areas as t', 't.id', 'v.parent_id')
      .selectAll('h')
      .select(['t.name as township', 'v.name as village'])
      .where('h.id', '=', id),
  );
  if (!h) return null;
  const data = householdFromRows({
    h,
    members: all(raw, qb.selectFrom('members').selectAll().where('household_id', '=', id).where('active', '=', 1).orderBy('position')),
    incomes: all(
      raw,
      qb
        .selectFrom('income_items as i')
        .innerJoin('members as m', 'm.id', 'i.member_id')
        .select(['i.member_id', 'i.type', 'i.amount_fen'])
        .where('m.household_id', '=', id)
        .where('m.active', '=', 1)
        .orderBy('i.id'),
    ),
    vehicles: all(raw, qb.selectFrom('vehicles').select('kind').where('household_id', '=', id).orderBy('id')),
    homes: all(raw, qb.selectFrom('homes').select(['floor_area', 'resettlement']).where('household_id', '=', id).orderBy('id')),
    businesses: all(
      raw,
      qb.selectFrom('businesses').select(['role', 'operating', 'employees']).where('household_id', '=', id).orderBy('id'),
    ),
    supporters: all(raw, qb.selectFrom('supporters_outside').selectAll().where('household_id', '=', id).orderBy('position')),
    exp: first(raw, qb.selectFrom('expenses_12m').selectAll().where('household_id', '=', id)),
  });
  return { data, version: h.version, createdAt: h.created_at, updatedAt: h.updated_at };
}

export function presentSize(h: HouseholdData): number {
  return h.members.filter((m) => m.status === 'present').length;
}

/** The file a workstation exports; `referenceDate` is left out so the importer's today applies. */
export function toHouseholdFile(h: HouseholdData): string {
  return JSON.stringify({ format: 1, household: h }, null, 2) + '\n';
}
