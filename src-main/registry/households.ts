/**
 * The household registry ("one-stop storage"): households with members, incomes, assets,
 * 12-month expenses and supporters outside. Writes are synchronous better-sqlite3
 * transactions (atomic, and the same statements serve the bulk loader); the shape in and
 * out is the household file's (yuan), the store keeps fen.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { yuanToFen, fenToYuan } from '../common/money';
import { appError } from '../common/errors';
import { ensureArea } from './areas';
import type { HouseholdData, MemberData } from '../common/household-file';

type Stmt = BetterSqlite3.Statement;

/** Prepared statements, made once per connection: the bulk loader calls these 10⁶ times. */
export class HouseholdWriter {
  private s: Record<string, Stmt>;
  constructor(private raw: BetterSqlite3.Database) {
    const p = (sql: string) => raw.prepare(sql);
    this.s = {
      insHousehold: p(`INSERT INTO households (external_id, residence, area_id, address, housing_condition, housing_tenure, monitoring_flag,
        financial_assets_fen, large_machinery_or_vessel, recent_purchase, current_tier, current_benefit_fen, gradual_exit_since, created_at, updated_at)
        VALUES (@external_id, @residence, @area_id, @address, @housing_condition, @housing_tenure, @monitoring_flag,
        @financial_assets_fen, @large_machinery_or_vessel, @recent_purchase, @current_tier, @current_benefit_fen, @gradual_exit_since, @now, @now)`),
      updHousehold: p(`UPDATE households SET external_id=@external_id, residence=@residence, area_id=@area_id, address=@address,
        housing_condition=@housing_condition, housing_tenure=@housing_tenure, monitoring_flag=@monitoring_flag,
        financial_assets_fen=@financial_assets_fen, large_machinery_or_vessel=@large_machinery_or_vessel, recent_purchase=@recent_purchase,
        current_tier=@current_tier, current_benefit_fen=@current_benefit_fen, gradual_exit_since=@gradual_exit_since,
        updated_at=@now, version=version+1 WHERE id=@id AND version=@version`),
      insMember:
        p(`INSERT INTO members (household_id, position, id_number, name, sex, birth_date, relation, status, disability_kind, disability_grade,
        illness, labour, schooling, self_care_unmanaged, support_mode, authorised_on, active)
        VALUES (@household_id, @position, @id_number, @name, @sex, @birth_date, @relation, @status, @disability_kind, @disability_grade,
        @illness, @labour, @schooling, @self_care_unmanaged, @support_mode, @authorised_on, 1)`),
      updMember: p(`UPDATE members SET position=@position, name=@name, relation=@relation, status=@status, disability_kind=@disability_kind,
        disability_grade=@disability_grade, illness=@illness, labour=@labour, schooling=@schooling, self_care_unmanaged=@self_care_unmanaged,
        support_mode=@support_mode, authorised_on=@authorised_on WHERE id=@id`),
      deactivateMember: p(`UPDATE members SET active = 0 WHERE id = ?`),
      insIncome: p(`INSERT INTO income_items (member_id, type, amount_fen) VALUES (?, ?, ?)`),
      delIncome: p(`DELETE FROM income_items WHERE member_id = ?`),
      insVehicle: p(`INSERT INTO vehicles (household_id, kind) VALUES (?, ?)`),
      insHome: p(`INSERT INTO homes (household_id, floor_area, resettlement) VALUES (?, ?, ?)`),
      insBusiness: p(`INSERT INTO businesses (household_id, role, operating, employees) VALUES (?, ?, ?, ?)`),
      insSupporter:
        p(`INSERT INTO supporters_outside (household_id, position, id_number, name, relation, age, annual_income_fen, tier, severe_disability, status)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      upsExpenses:
        p(`INSERT INTO expenses_12m (household_id, medical_out_of_pocket_fen, medical_travel_fen, education_fen, rehabilitation_fen, accident_fen, assistance_received_fen)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(household_id) DO UPDATE SET medical_out_of_pocket_fen=excluded.medical_out_of_pocket_fen,
        medical_travel_fen=excluded.medical_travel_fen, education_fen=excluded.education_fen, rehabilitation_fen=excluded.rehabilitation_fen,
        accident_fen=excluded.accident_fen, assistance_received_fen=excluded.assistance_received_fen`),
      activeElsewhere: p(`SELECT m.household_id AS householdId, h.name AS headName FROM members m
        LEFT JOIN members h ON h.household_id = m.household_id AND h.relation = 'head' AND h.active = 1
        WHERE m.id_number = ? AND m.active = 1 AND m.household_id != ? LIMIT 1`),
    };
  }

  private householdRow(h: HouseholdData, areaId: number, now: string) {
    return {
      external_id: h.externalId ?? null,
      residence: h.residence,
      area_id: areaId,
      address: h.address ?? null,
      housing_condition: h.housing.condition,
      housing_tenure: h.housing.tenure,
      monitoring_flag: h.flags.returnToPovertyMonitoring,
      financial_assets_fen: yuanToFen(h.assets.financialAssets),
      large_machinery_or_vessel: h.assets.largeMachineryOrVessel ? 1 : 0,
      recent_purchase: h.assets.recentPurchase ? 1 : 0,
      current_tier: h.current?.tier ?? null,
      current_benefit_fen: h.current ? yuanToFen(h.current.monthlyBenefit) : 0,
      gradual_exit_since: h.current?.gradualExitSince ?? null,
      now,
    };
  }

  private memberRow(m: MemberData, position: number) {
    const birth = `${m.idNumber.slice(6, 10)}-${m.idNumber.slice(10, 12)}-${m.idNumber.slice(12, 14)}`;
    return {
      position,
      id_number: m.idNumber,
      name: m.name,
      sex: +m.idNumber[16] % 2 === 1 ? 'male' : 'female',
      birth_date: birth,
      relation: m.relation,
      status: m.status,
      disability_kind: m.disability?.kind ?? null,
      disability_grade: m.disability?.grade ?? null,
      illness: m.illness,
      labour: m.labour,
      schooling: m.schooling,
      self_care_unmanaged: m.selfCareUnmanaged,
      support_mode: m.supportMode,
      authorised_on: m.authorisedOn,
    };
  }

  /** Refuses a person who is active in another household, naming that household. */
  checkMembersFree(h: HouseholdData, householdId: number): void {
    h.members.forEach((m, i) => {
      const other = this.s.activeElsewhere.get(m.idNumber, householdId) as { householdId: number; headName: string | null } | undefined;
      if (other) {
        throw appError(
          'person_in_other_household',
          `${m.name} (${m.idNumber}) is already an active member of household #${other.householdId}${other.headName ? ` (head ${other.headName})` : ''}; remove them there first.`,
          `${m.name}（${m.idNumber}）已是第 ${other.householdId} 号家庭${other.headName ? `（户主 ${other.headName}）` : ''}的在册成员，请先在该户移出。`,
          `household.members[${i}].idNumber`,
        );
      }
    });
  }

  private writeChildren(id: number, h: HouseholdData, memberIds: number[]): void {
    h.members.forEach((m, i) => {
      for (const inc of m.monthlyIncome) this.s.insIncome.run(memberIds[i], inc.type, yuanToFen(inc.amount));
    });
    for (const v of h.assets.vehicles) this.s.insVehicle.run(id, v.kind);
    for (const home of h.assets.homes) this.s.insHome.run(id, home.floorArea, home.resettlement ? 1 : 0);
    for (const b of h.assets.businesses) this.s.insBusiness.run(id, b.role, b.operating ? 1 : 0, b.employees);
    h.supportersOutside.forEach((s, i) =>
      this.s.insSupporter.run(
        id,
        i,
        s.idNumber ?? null,
        s.name,
        s.relation,
        s.age ?? null,
        yuanToFen(s.annualIncome),
        s.tier,
        s.severeDisability ? 1 : 0,
        s.status,
      ),
    );
    const e = h.expenses12Months;
    this.s.upsExpenses.run(
      id,
      yuanToFen(e.medicalOutOfPocket),
      yuanToFen(e.medicalTravel),
      yuanToFen(e.education),
      yuanToFen(e.rehabilitation),
      yuanToFen(e.accident),
      yuanToFen(e.assistanceAlreadyReceived),
    );
  }

  /** Inserts a validated household; the caller owns the transaction. */
  insert(h: HouseholdData, now: string, areaId?: number): number {
    const area = areaId ?? ensureArea(this.raw, h.area.township, h.area.village);
    const id = Number(this.s.insHousehold.run(this.householdRow(h, area, now)).lastInsertRowid);
    const memberIds = h.members.map((m, i) => Number(this.s.insMember.run({ household_id: id, ...this.memberRow(m, i) }).lastInsertRowid));
    this.writeChildren(id, h, memberIds);
    return id;
  }

  /** Updates in place keeping member ids stable (later records point at them); optimistic on `version`. */
  update(id: number, version: number, h: HouseholdData, now: string): number {
    const area = ensureArea(this.raw, h.area.township, h.area.village);
    const r = this.s.updHousehold.run({ ...this.householdRow(h, area, now), id, version });
    if (r.changes === 0) {
      throw appError(
        'stale_household',
        'Someone else saved this household since you opened it. Reload it, then apply your changes again.',
        '此家庭档案在您打开后已被他人修改，请重新载入后再修改。',
      );
    }
    const existing = this.raw.prepare(`SELECT id, id_number FROM members WHERE household_id = ? AND active = 1`).all(id) as {
      id: number;
      id_number: string;
    }[];
    const byId = new Map(existing.map((e) => [e.id_number, e.id]));
    const memberIds = h.members.map((m, i) => {
      const row = this.memberRow(m, i);
      const found = byId.get(m.idNumber);
      if (found !== undefined) {
        this.s.updMember.run({ ...row, id: found });
        this.s.delIncome.run(found);
        byId.delete(m.idNumber);
        return found;
      }
      return Number(this.s.insMember.run({ household_id: id, ...row }).lastInsertRowid);
    });
    for (const gone of byId.values()) this.s.deactivateMember.run(gone);
    for (const t of ['vehicles', 'homes', 'businesses', 'supporters_outside'])
      this.raw.prepare(`DELETE FROM ${t} WHERE household_id = ?`).run(id);
    this.writeChildren(id, h, memberIds);
    return version + 1;
  }
}

export interface HouseholdRowDb {
  id: number;
  area_id: number;
  external_id: string | null;
  residence: 'urban' | 'rural';
  address: string | null;
  housing_condition: string;
  housing_tenure: string;
  monitoring_flag: string | null;
  financial_assets_fen: number;
  large_machinery_or_vessel: number;
  recent_purchase: number;
  current_tier: string | null;
  current_benefit_fen: number;
  gradual_exit_since: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  township: string;
  village: string;
}

/** The rows of one household, as both the single loader and the county-wide stream read them. */
export interface HouseholdRows {
  h: HouseholdRowDb;
  members: any[];
  incomes: { member_id: number; type: string; amount_fen: number }[];
  vehicles: { kind: string }[];
  homes: { floor_area: number; resettlement: number }[];
  businesses: { role: string; operating: number; employees: number }[];
  supporters: any[];
  exp: any | undefined;
}

export const HOUSEHOLD_SELECT = `SELECT h.*, t.name AS township, v.name AS village FROM households h JOIN areas v ON v.id = h.area_id JOIN areas t ON t.id = v.parent_id`;

export function householdFromRows(r: HouseholdRows): HouseholdData {
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
  } as HouseholdData;
}

/** Reads a household back into the household-file shape (yuan). */
export function loadHousehold(
  raw: BetterSqlite3.Database,
  id: number,
): { data: HouseholdData; version: number; createdAt: string; updatedAt: string } | null {
  const h = raw.prepare(`${HOUSEHOLD_SELECT} WHERE h.id = ?`).get(id) as HouseholdRowDb | undefined;
  if (!h) return null;
  const data = householdFromRows({
    h,
    members: raw.prepare(`SELECT * FROM members WHERE household_id = ? AND active = 1 ORDER BY position`).all(id),
    incomes: raw
      .prepare(
        `SELECT i.member_id, i.type, i.amount_fen FROM income_items i JOIN members m ON m.id = i.member_id WHERE m.household_id = ? AND m.active = 1 ORDER BY i.id`,
      )
      .all(id) as HouseholdRows['incomes'],
    vehicles: raw.prepare(`SELECT kind FROM vehicles WHERE household_id = ? ORDER BY id`).all(id) as HouseholdRows['vehicles'],
    homes: raw.prepare(`SELECT floor_area, resettlement FROM homes WHERE household_id = ? ORDER BY id`).all(id) as HouseholdRows['homes'],
    businesses: raw
      .prepare(`SELECT role, operating, employees FROM businesses WHERE household_id = ? ORDER BY id`)
      .all(id) as HouseholdRows['businesses'],
    supporters: raw.prepare(`SELECT * FROM supporters_outside WHERE household_id = ? ORDER BY position`).all(id),
    exp: raw.prepare(`SELECT * FROM expenses_12m WHERE household_id = ?`).get(id),
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
