import { describe, expect, it } from 'vitest';
import { adminService, household, idFor, type HouseholdInput } from '../../fixtures/builders';
import { all, first, qb, run } from '../../../src-main/db/query';
import { streamHouseholds } from '../../../src-main/registry/stream';
import { loadHousehold } from '../../../src-main/registry/households';

describe('county-wide household stream', () => {
  it('yields exactly what the single loader reads, in id order, after edits that reorder rows', async () => {
    const { api, store } = await adminService();
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const h = household({
        area: { township: i % 2 ? '河西乡' : '城关镇', village: `村${i}` },
        members: [
          {
            idNumber: idFor(`19${50 + i}-01-0${i + 1}`, 11),
            name: `户主${i}`,
            relation: 'head',
            status: 'present',
            monthlyIncome: [
              { type: 'wage', amount: 100 * i },
              { type: 'basic_pension', amount: 150 },
            ],
          },
          { idNumber: idFor(`19${60 + i}-02-0${i + 1}`, 12), name: `配偶${i}`, relation: 'spouse', status: 'present' },
        ],
        assets: {
          vehicles: i === 2 ? [{ kind: 'private_car' }] : [],
          homes: [{ floorArea: 60 + i, resettlement: false }],
          financialAssets: 10 * i,
          businesses: [],
        },
        supportersOutside: i === 3 ? [{ name: '子女', relation: 'child', age: 40, annualIncome: 30000 }] : [],
      });
      ids.push((await api.value('households.create', { household: h })).id);
    }
    // Household 1 gains a member after the others exist: its member and income ids are now the highest.
    const one = await api.value('households.get', { id: ids[0] });
    const edited: HouseholdInput = one.household;
    edited.members.push({
      idNumber: idFor('2010-06-06', 13),
      name: '新成员',
      relation: 'child',
      status: 'present',
      monthlyIncome: [{ type: 'scholarship', amount: 50 }],
    });
    await api.value('households.update', { id: ids[0], version: one.version, household: edited });

    const streamed = [...streamHouseholds(store.raw)];
    expect(streamed.map((s) => s.id)).toEqual(ids);
    for (const s of streamed) expect(s.data).toEqual(loadHousehold(store.raw, s.id)!.data);
    expect(streamed[0].data.members.map((m) => m.name)).toEqual(['户主0', '配偶0', '新成员']);
    expect([...streamHouseholds(store.raw, { fromId: ids[2], toId: ids[3] })].map((s) => s.id)).toEqual([ids[2], ids[3]]);
  });
});

describe('lean stream for the scan', () => {
  it('gives the engine exactly the same determination as the full household, for a whole demo county', async () => {
    const { seedDemoCounty } = await import('../../../src-main/demo/seed');
    const { evaluate } = await import('../../../src-main/policy/engine');
    const { parametersOn } = await import('../../../src-main/policy/parameter-store');
    const { emptyDatabase } = await import('../../fixtures/builders');
    const { store } = await emptyDatabase();
    seedDemoCounty(store, 400, { seed: 7 });
    const params = parametersOn(store.raw, '2026-11-01');
    const full = new Map([...streamHouseholds(store.raw)].map((h) => [h.id, h.data]));
    let n = 0;
    for (const h of streamHouseholds(store.raw, { lean: true })) {
      expect(evaluate(h.data, params, '2026-11-01')).toEqual(evaluate(full.get(h.id)!, params, '2026-11-01'));
      if (n % 40 === 0) expect(full.get(h.id)).toEqual(loadHousehold(store.raw, h.id)!.data);
      n++;
    }
    expect(n).toBe(400);
  });
});

describe('packed engine inputs (the scan cache)', () => {
  it('loses a household’s copy on every write to a table it is built from, and the lean stream never reads a stale copy', async () => {
    const { refreshEngineInputs } = await import('../../../src-main/registry/stream');
    const { evaluate } = await import('../../../src-main/policy/engine');
    const { parametersOn } = await import('../../../src-main/policy/parameter-store');
    const { api, store } = await adminService();
    const ids: number[] = [];
    for (let i = 0; i < 9; i++) {
      const h = household({
        members: [
          {
            idNumber: idFor(`19${50 + i}-03-0${i + 1}`, 21),
            name: `户主${i}`,
            relation: 'head',
            status: 'present',
            monthlyIncome: [{ type: 'wage', amount: 500 + 100 * i }],
          },
          { idNumber: idFor(`19${70 + i}-04-0${i + 1}`, 22), name: `配偶${i}`, relation: 'spouse', status: 'present' },
        ],
        assets: { vehicles: [], homes: [{ floorArea: 50, resettlement: false }], financialAssets: 100, businesses: [] },
        supportersOutside: [{ name: '子女', relation: 'child', age: 40, annualIncome: 30000 }],
      });
      ids.push((await api.value('households.create', { household: h })).id);
    }
    const raw = store.raw;
    const cached = () => new Set(all(raw, qb.selectFrom('engine_inputs').select('household_id')).map((r) => r.household_id));
    const memberOf = (hid: number) => {
      const m = first(
        raw,
        qb.selectFrom('members').select('id').where('household_id', '=', hid).where('active', '=', 1).orderBy('position'),
      );
      if (!m) throw new Error(`household ${hid} has no active member`);
      return m.id;
    };
    const params = parametersOn(raw, '2026-11-01');
    const sameAsTables = () => {
      const full = new Map([...streamHouseholds(raw)].map((h) => [h.id, h.data]));
      const lean = [...streamHouseholds(raw, { lean: true })];
      expect(lean.map((h) => h.id)).toEqual([...full.keys()]);
      for (const h of lean) {
        const f = full.get(h.id)!;
        expect(h.data.members.map((m) => [m.idNumber, m.status, m.labour, m.monthlyIncome])).toEqual(
          f.members.map((m) => [m.idNumber, m.status, m.labour, m.monthlyIncome]),
        );
        expect([h.data.assets, h.data.expenses12Months, h.data.supportersOutside]).toEqual([
          f.assets,
          f.expenses12Months,
          f.supportersOutside,
        ]);
        expect(evaluate(h.data, params, '2026-11-01')).toEqual(evaluate(f, params, '2026-11-01'));
      }
    };
    expect(refreshEngineInputs(raw, 0, Number.MAX_SAFE_INTEGER)).toBe(9);
    expect(refreshEngineInputs(raw, 0, Number.MAX_SAFE_INTEGER)).toBe(0);
    sameAsTables();

    // Each write below touches one household; only that household's copy goes.
    const writes: [number, () => void][] = [
      [
        ids[0],
        () =>
          run(
            raw,
            qb
              .updateTable('income_items')
              .set((eb) => ({ amount_fen: eb('amount_fen', '+', 100000) }))
              .where('member_id', '=', memberOf(ids[0])),
          ),
      ],
      [ids[1], () => run(raw, qb.insertInto('vehicles').values({ household_id: ids[1], kind: 'private_car' }))],
      [ids[2], () => run(raw, qb.deleteFrom('homes').where('household_id', '=', ids[2]))],
      [ids[3], () => run(raw, qb.insertInto('businesses').values({ household_id: ids[3], role: 'owner', operating: 1, employees: 3 }))],
      [ids[4], () => run(raw, qb.updateTable('supporters_outside').set({ annual_income_fen: 9000000 }).where('household_id', '=', ids[4]))],
      [
        ids[5],
        () => run(raw, qb.updateTable('expenses_12m').set({ medical_out_of_pocket_fen: 5000000 }).where('household_id', '=', ids[5])),
      ],
      [ids[6], () => run(raw, qb.updateTable('members').set({ labour: 'unable' }).where('id', '=', memberOf(ids[6])))],
      [ids[7], () => run(raw, qb.insertInto('income_items').values({ member_id: memberOf(ids[7]), type: 'pension', amount_fen: 120000 }))],
      [
        ids[2],
        () =>
          run(
            raw,
            qb.updateTable('households').set({ financial_assets_fen: 99999900, housing_condition: 'dangerous' }).where('id', '=', ids[2]),
          ),
      ],
    ];
    for (const [hid, write] of writes) {
      refreshEngineInputs(raw, 0, Number.MAX_SAFE_INTEGER);
      write();
      const left = cached();
      expect(left.has(hid)).toBe(false);
      expect(left.size).toBe(8);
      // The stream packs the missing one on the fly …
      sameAsTables();
    }
    // … and after a rebuild reads the fresh copies.
    expect(refreshEngineInputs(raw, 0, Number.MAX_SAFE_INTEGER)).toBe(1);
    sameAsTables();

    // An edit through the service (a member moves to another household) clears both households.
    const a = await api.value('households.get', { id: ids[8] });
    const moved = a.household.members.pop();
    expect(await api.call('households.update', { id: ids[8], version: a.version, household: a.household })).toMatchObject({ ok: true });
    const b = await api.value('households.get', { id: ids[0] });
    if (moved) b.household.members.push(moved);
    expect(await api.call('households.update', { id: ids[0], version: b.version, household: b.household })).toMatchObject({ ok: true });
    expect([...cached()].filter((id) => id === ids[0] || id === ids[8])).toEqual([]);
    sameAsTables();
    refreshEngineInputs(raw, 0, Number.MAX_SAFE_INTEGER);
    sameAsTables();

    // A closed household leaves the cache and the stream.
    run(raw, qb.updateTable('households').set({ status: 'closed' }).where('id', '=', ids[5]));
    expect(cached().has(ids[5])).toBe(false);
    expect(refreshEngineInputs(raw, 0, Number.MAX_SAFE_INTEGER)).toBe(0);
    expect([...streamHouseholds(raw, { lean: true })].map((h) => h.id)).not.toContain(ids[5]);
    sameAsTables();
    // Reopened, it is packed again (the refresh compares counts first: only active households have copies).
    run(raw, qb.updateTable('households').set({ status: 'active' }).where('id', '=', ids[5]));
    expect(refreshEngineInputs(raw, 0, Number.MAX_SAFE_INTEGER)).toBe(1);
    expect(refreshEngineInputs(raw, ids[5], ids[5])).toBe(0);
    expect(cached().size).toBe(9);
    sameAsTables();
  });
});

describe('coded packed inputs (migration 08)', () => {
  it('has a code for every value the household file admits', async () => {
    const f = await import('../../../src-main/common/household-file');
    const { CODES } = await import('../../../src-main/registry/stream');
    const lists: [readonly string[], readonly string[]][] = [
      [f.RESIDENCES, CODES.residence],
      [f.RELATIONS, CODES.relation],
      [f.SUPPORTER_RELATIONS, CODES.relation],
      [f.SUPPORTER_STATUSES, CODES.status],
      [f.DISABILITY_KINDS, CODES.disability],
      [f.ILLNESSES, CODES.illness],
      [f.LABOURS, CODES.labour],
      [f.SCHOOLINGS, CODES.schooling],
      [f.SUPPORT_MODES, CODES.supportMode],
      [f.INCOME_TYPES, CODES.income],
      [f.TIERS, CODES.tier],
      [f.VEHICLE_KINDS, CODES.vehicle],
      [f.BUSINESS_ROLES, CODES.role],
      [f.HOUSING_CONDITIONS, CODES.condition],
      [f.HOUSING_TENURES, CODES.tenure],
      [f.MONITORING_FLAGS, CODES.flag],
    ];
    for (const [values, codes] of lists) expect(codes).toEqual(expect.arrayContaining([...values]));
  });

  it('caches codes instead of text, reads back what the tables hold, and passes a value without a code through', async () => {
    const { refreshEngineInputs } = await import('../../../src-main/registry/stream');
    const { api, store } = await adminService();
    const raw = store.raw;
    const h = household({
      residence: 'rural',
      members: [
        {
          idNumber: idFor('1950-07-07', 31),
          name: '户主',
          relation: 'head',
          status: 'present',
          disability: { kind: 'psychiatric', grade: 3 },
          illness: 'critical',
          labour: 'unable',
          selfCareUnmanaged: 5,
          supportMode: 'institution',
          monthlyIncome: [
            { type: 'old_age_allowance', amount: 120 },
            { type: 'business', amount: 300.5 },
          ],
        },
        { idNumber: idFor('2012-01-09', 32), name: '孙子', relation: 'grandchild', status: 'clergy_away', schooling: 'junior' },
      ],
      assets: {
        vehicles: [{ kind: 'ebike' }, { kind: 'disability_mobility' }],
        homes: [
          { floorArea: 45.5, resettlement: true },
          { floorArea: 30, resettlement: false },
        ],
        financialAssets: 1234.56,
        businesses: [{ role: 'controlling_shareholder', operating: false, employees: 2 }],
        largeMachineryOrVessel: true,
      },
      supportersOutside: [
        {
          idNumber: idFor('1975-02-02', 33),
          name: '女儿',
          relation: 'child',
          annualIncome: 1000.5,
          tier: 'marginal',
          severeDisability: true,
          status: 'incapacitated',
        },
        { name: '儿子', relation: 'child', age: 45 },
      ],
      housing: { condition: 'dangerous', tenure: 'public_rental' },
      flags: { returnToPovertyMonitoring: 'edge' },
      current: { tier: 'rigid', monthlyBenefit: 0, gradualExitSince: null },
    });
    const { id } = await api.value('households.create', { household: h });
    expect(refreshEngineInputs(raw, 0, Number.MAX_SAFE_INTEGER)).toBe(1);
    const packed = () => first(raw, qb.selectFrom('engine_inputs').select('input').where('household_id', '=', id))?.input;
    const cached = packed();
    for (const word of [
      'rural',
      'psychiatric',
      'critical',
      'institution',
      'old_age_allowance',
      'ebike',
      'controlling_shareholder',
      'incapacitated',
      'marginal',
      'dangerous',
      'edge',
      'rigid',
    ]) {
      expect(cached).not.toContain(`"${word}"`);
    }
    const lean = () => [...streamHouseholds(raw, { lean: true })].find((s) => s.id === id)!.data;
    const full = loadHousehold(raw, id)!.data;
    const engineView = (d: typeof full) => ({
      ...d,
      area: undefined,
      address: undefined,
      externalId: undefined,
      members: d.members.map((m) => ({ ...m, name: undefined, authorisedOn: undefined })),
    });
    expect(engineView(lean())).toEqual(engineView(full));
    expect(Object.keys(lean().supportersOutside[1])).toEqual(Object.keys(full.supportersOutside[1]));

    run(raw, qb.updateTable('members').set({ labour: 'gig_work' }).where('household_id', '=', id).where('relation', '=', 'grandchild'));
    expect(refreshEngineInputs(raw, 0, Number.MAX_SAFE_INTEGER)).toBe(1);
    expect(packed()).toContain('"gig_work"');
    expect(lean().members[1].labour).toBe('gig_work');
  });
});
