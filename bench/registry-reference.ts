/** bench/registry.ts (b): the raw reference load the app's bulk load is compared with. */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { openStore } from '../src-main/db/open';
import { generateHouseholds } from '../src-main/demo/generator';

const fen = (y: number) => Math.round(y * 100);

export interface Timed {
  ms: number;
  cpuMs: number;
  households: number;
  members: number;
}

/**
 * (b) The reference: the generator's `n` households written with hand-written positional
 * prepared statements, in one transaction, with the page cache the app's load gives itself.
 * Raw statements are the point here: they are what the app's path is measured against.
 */
export async function rawLoad(
  rawFile: string,
  opts: { households: number; seed: number; now: Date; cacheMb: number; log: (s: string) => void; plaintext?: boolean },
): Promise<Timed> {
  const { households: N, seed: SEED, now: NOW, cacheMb: CACHE_MB, log } = opts;
  const ms = (t0: number) => performance.now() - t0;
  const cpuMs = (c0: NodeJS.CpuUsage) => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  const store = await openStore(rawFile, { plaintext: opts.plaintext }); // same migrations → same tables, indexes, pragmas
  const raw: BetterSqlite3.Database = store.raw;
  raw.pragma(`cache_size = -${CACHE_MB * 1024}`); // the same page cache seedDemoCounty gives itself
  const t0 = performance.now(),
    c0 = process.cpuUsage();
  const now = NOW.toISOString();
  const s = {
    area: raw.prepare(`INSERT INTO areas (parent_id, level, name) VALUES (?, ?, ?)`),
    household:
      raw.prepare(`INSERT INTO households (external_id, residence, area_id, address, housing_condition, housing_tenure, monitoring_flag,
      financial_assets_fen, large_machinery_or_vessel, recent_purchase, current_tier, current_benefit_fen, gradual_exit_since, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    member:
      raw.prepare(`INSERT INTO members (household_id, position, id_number, name, sex, birth_date, relation, status, disability_kind, disability_grade,
      illness, labour, schooling, self_care_unmanaged, support_mode, authorised_on, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`),
    income: raw.prepare(`INSERT INTO income_items (member_id, type, amount_fen) VALUES (?, ?, ?)`),
    vehicle: raw.prepare(`INSERT INTO vehicles (household_id, kind) VALUES (?, ?)`),
    home: raw.prepare(`INSERT INTO homes (household_id, floor_area, resettlement) VALUES (?, ?, ?)`),
    business: raw.prepare(`INSERT INTO businesses (household_id, role, operating, employees) VALUES (?, ?, ?, ?)`),
    supporter:
      raw.prepare(`INSERT INTO supporters_outside (household_id, position, id_number, name, relation, age, annual_income_fen, tier, severe_disability, status)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    expenses:
      raw.prepare(`INSERT INTO expenses_12m (household_id, medical_out_of_pocket_fen, medical_travel_fen, education_fen, rehabilitation_fen, accident_fen, assistance_received_fen)
      VALUES (?, ?, ?, ?, ?, ?, ?)`),
  };
  let households = 0,
    members = 0;
  raw.transaction(() => {
    const townships = new Map<string, number>();
    const villages = new Map<string, number>();
    for (const h of generateHouseholds(N, SEED)) {
      const vkey = `${h.area.township}\u0000${h.area.village}`;
      let areaId = villages.get(vkey);
      if (areaId === undefined) {
        let tid = townships.get(h.area.township);
        if (tid === undefined)
          townships.set(h.area.township, (tid = Number(s.area.run(null, 'township', h.area.township).lastInsertRowid)));
        villages.set(vkey, (areaId = Number(s.area.run(tid, 'village', h.area.village).lastInsertRowid)));
      }
      const c = h.current;
      const id = Number(
        s.household.run(
          h.externalId ?? null,
          h.residence,
          areaId,
          h.address ?? null,
          h.housing.condition,
          h.housing.tenure,
          h.flags.returnToPovertyMonitoring,
          fen(h.assets.financialAssets),
          h.assets.largeMachineryOrVessel ? 1 : 0,
          h.assets.recentPurchase ? 1 : 0,
          c ? c.tier : null,
          c ? fen(c.monthlyBenefit) : 0,
          c ? c.gradualExitSince : null,
          now,
          now,
        ).lastInsertRowid,
      );
      for (let i = 0; i < h.members.length; i++) {
        const m = h.members[i];
        const idn = m.idNumber;
        const mid = Number(
          s.member.run(
            id,
            i,
            idn,
            m.name,
            +idn[16] % 2 === 1 ? 'male' : 'female',
            `${idn.slice(6, 10)}-${idn.slice(10, 12)}-${idn.slice(12, 14)}`,
            m.relation,
            m.status,
            m.disability ? m.disability.kind : null,
            m.disability ? m.disability.grade : null,
            m.illness,
            m.labour,
            m.schooling,
            m.selfCareUnmanaged,
            m.supportMode,
            m.authorisedOn,
          ).lastInsertRowid,
        );
        for (const x of m.monthlyIncome) s.income.run(mid, x.type, fen(x.amount));
      }
      for (const v of h.assets.vehicles) s.vehicle.run(id, v.kind);
      for (const x of h.assets.homes) s.home.run(id, x.floorArea, x.resettlement ? 1 : 0);
      for (const b of h.assets.businesses) s.business.run(id, b.role, b.operating ? 1 : 0, b.employees);
      for (let i = 0; i < h.supportersOutside.length; i++) {
        const x = h.supportersOutside[i];
        s.supporter.run(
          id,
          i,
          x.idNumber ?? null,
          x.name,
          x.relation,
          x.age ?? null,
          fen(x.annualIncome),
          x.tier,
          x.severeDisability ? 1 : 0,
          x.status,
        );
      }
      const e = h.expenses12Months;
      s.expenses.run(
        id,
        fen(e.medicalOutOfPocket),
        fen(e.medicalTravel),
        fen(e.education),
        fen(e.rehabilitation),
        fen(e.accident),
        fen(e.assistanceAlreadyReceived),
      );
      households++;
      members += h.members.length;
      if (households % 50000 === 0) log(`  raw ${households}/${N}`);
    }
  })();
  const t = ms(t0),
    c = cpuMs(c0);
  await store.close();
  return { ms: t, cpuMs: c, households, members };
}
