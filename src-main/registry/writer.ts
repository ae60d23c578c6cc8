/**
 * Writing a household: the household row, its members (with their incomes), assets, 12-month
 * expenses and supporters outside, in the caller's transaction. The insert statements are
 * prepared once per writer, because the demo county's bulk load calls them 10⁶ times; an edit
 * (update) goes through the query builder.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { HouseholdData, MemberData } from '../common/household-file';
import { appError } from '../common/errors';
import { yuanToFen } from '../common/money';
import { all, first, qb, run } from '../db/query';
import { ensureArea } from './areas';

function householdRow(h: HouseholdData, areaId: number) {
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
  };
}

function memberRow(m: MemberData, position: number) {
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

// hot path: bench/registry.ts bulk load — prepared once, run once per row (10⁶ times for a county).
function insertStatements(raw: BetterSqlite3.Database) {
  const p = (sql: string) => raw.prepare(sql);
  return {
    household: p(`INSERT INTO households (external_id, residence, area_id, address, housing_condition, housing_tenure, monitoring_flag,
        financial_assets_fen, large_machinery_or_vessel, recent_purchase, current_tier, current_benefit_fen, gradual_exit_since, created_at, updated_at)
        VALUES (@external_id, @residence, @area_id, @address, @housing_condition, @housing_tenure, @monitoring_flag,
        @financial_assets_fen, @large_machinery_or_vessel, @recent_purchase, @current_tier, @current_benefit_fen, @gradual_exit_since, @now, @now)`),
    member:
      p(`INSERT INTO members (household_id, position, id_number, name, sex, birth_date, relation, status, disability_kind, disability_grade,
        illness, labour, schooling, self_care_unmanaged, support_mode, authorised_on, active)
        VALUES (@household_id, @position, @id_number, @name, @sex, @birth_date, @relation, @status, @disability_kind, @disability_grade,
        @illness, @labour, @schooling, @self_care_unmanaged, @support_mode, @authorised_on, 1)`),
    income: p(`INSERT INTO income_items (member_id, type, amount_fen) VALUES (?, ?, ?)`),
    vehicle: p(`INSERT INTO vehicles (household_id, kind) VALUES (?, ?)`),
    home: p(`INSERT INTO homes (household_id, floor_area, resettlement) VALUES (?, ?, ?)`),
    business: p(`INSERT INTO businesses (household_id, role, operating, employees) VALUES (?, ?, ?, ?)`),
    supporter:
      p(`INSERT INTO supporters_outside (household_id, position, id_number, name, relation, age, annual_income_fen, tier, severe_disability, status)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    expenses:
      p(`INSERT INTO expenses_12m (household_id, medical_out_of_pocket_fen, medical_travel_fen, education_fen, rehabilitation_fen, accident_fen, assistance_received_fen)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(household_id) DO UPDATE SET medical_out_of_pocket_fen=excluded.medical_out_of_pocket_fen,
        medical_travel_fen=excluded.medical_travel_fen, education_fen=excluded.education_fen, rehabilitation_fen=excluded.rehabilitation_fen,
        accident_fen=excluded.accident_fen, assistance_received_fen=excluded.assistance_received_fen`),
  };
}

/** Writes households; one per connection is enough (its statements are prepared once). */
export class HouseholdWriter {
  private s: ReturnType<typeof insertStatements>;
  constructor(private raw: BetterSqlite3.Database) {
    this.s = insertStatements(raw);
  }

  /** Refuses a person who is active in another household, naming that household. */
  checkMembersFree(h: HouseholdData, householdId: number): void {
    h.members.forEach((m, i) => {
      const other = first(
        this.raw,
        qb
          .selectFrom('members as m')
          .leftJoin('members as h', (j) =>
            j.onRef('h.household_id', '=', 'm.household_id').on('h.relation', '=', 'head').on('h.active', '=', 1),
          )
          .select(['m.household_id as householdId', 'h.name as headName'])
          .where('m.id_number', '=', m.idNumber)
          .where('m.active', '=', 1)
          .where('m.household_id', '!=', householdId)
          .limit(1),
      );
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

  private insertMember(householdId: number, m: MemberData, position: number): number {
    return Number(this.s.member.run({ household_id: householdId, ...memberRow(m, position) }).lastInsertRowid);
  }

  private writeChildren(id: number, h: HouseholdData, memberIds: number[]): void {
    h.members.forEach((m, i) => {
      for (const inc of m.monthlyIncome) this.s.income.run(memberIds[i], inc.type, yuanToFen(inc.amount));
    });
    for (const v of h.assets.vehicles) this.s.vehicle.run(id, v.kind);
    for (const home of h.assets.homes) this.s.home.run(id, home.floorArea, home.resettlement ? 1 : 0);
    for (const b of h.assets.businesses) this.s.business.run(id, b.role, b.operating ? 1 : 0, b.employees);
    h.supportersOutside.forEach((s, i) =>
      this.s.supporter.run(
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
    this.s.expenses.run(
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
    const id = Number(this.s.household.run({ ...householdRow(h, area), now }).lastInsertRowid);
    const memberIds = h.members.map((m, i) => this.insertMember(id, m, i));
    this.writeChildren(id, h, memberIds);
    return id;
  }

  /** Updates in place keeping member ids stable (later records point at them); optimistic on `version`. */
  update(id: number, version: number, h: HouseholdData, now: string): number {
    const raw = this.raw;
    const area = ensureArea(raw, h.area.township, h.area.village);
    const r = run(
      raw,
      qb
        .updateTable('households')
        .set((eb) => ({ ...householdRow(h, area), updated_at: now, version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('version', '=', version),
    );
    if (r.changes === 0) {
      throw appError(
        'stale_household',
        'Someone else saved this household since you opened it. Reload it, then apply your changes again.',
        '此家庭档案在您打开后已被他人修改，请重新载入后再修改。',
      );
    }
    const existing = all(raw, qb.selectFrom('members').select(['id', 'id_number']).where('household_id', '=', id).where('active', '=', 1));
    const byId = new Map(existing.map((e) => [e.id_number, e.id]));
    const memberIds = h.members.map((m, i) => {
      const found = byId.get(m.idNumber);
      if (found === undefined) return this.insertMember(id, m, i);
      // The ID number, and so sex and birth date, stay: a member is matched by it.
      const { id_number: _id, sex: _sex, birth_date: _birth, ...row } = memberRow(m, i);
      run(raw, qb.updateTable('members').set(row).where('id', '=', found));
      run(raw, qb.deleteFrom('income_items').where('member_id', '=', found));
      byId.delete(m.idNumber);
      return found;
    });
    for (const gone of byId.values()) run(raw, qb.updateTable('members').set({ active: 0 }).where('id', '=', gone));
    for (const t of ['vehicles', 'homes', 'businesses', 'supporters_outside'] as const)
      run(raw, qb.deleteFrom(t).where('household_id', '=', id));
    this.writeChildren(id, h, memberIds);
    return version + 1;
  }
}
