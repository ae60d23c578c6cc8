import { describe, expect, it } from 'vitest';
import { adminService, household, idFor } from '../fixtures/builders';
import { streamHouseholds } from '../../src-main/registry/stream';
import { loadHousehold } from '../../src-main/registry/households';

describe('county-wide household stream', () => {
  it('yields exactly what the single loader reads, in id order, after edits that reorder rows', async () => {
    const { call, store } = await adminService();
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const h = household({
        area: { township: i % 2 ? '河西乡' : '城关镇', village: `村${i}` },
        members: [
          { idNumber: idFor(`19${50 + i}-01-0${i + 1}`, 11), name: `户主${i}`, relation: 'head', status: 'present', monthlyIncome: [{ type: 'wage', amount: 100 * i }, { type: 'basic_pension', amount: 150 }] },
          { idNumber: idFor(`19${60 + i}-02-0${i + 1}`, 12), name: `配偶${i}`, relation: 'spouse', status: 'present' },
        ],
        assets: { vehicles: i === 2 ? [{ kind: 'private_car' }] : [], homes: [{ floorArea: 60 + i, resettlement: false }], financialAssets: 10 * i, businesses: [] },
        supportersOutside: i === 3 ? [{ name: '子女', relation: 'child', age: 40, annualIncome: 30000 }] : [],
      });
      ids.push(((await call('households.create', { household: h })) as any).value.id);
    }
    // Household 1 gains a member after the others exist: its member and income ids are now the highest.
    const first = ((await call('households.get', { id: ids[0] })) as any).value;
    first.household.members.push({ idNumber: idFor('2010-06-06', 13), name: '新成员', relation: 'child', status: 'present', monthlyIncome: [{ type: 'scholarship', amount: 50 }] });
    await call('households.update', { id: ids[0], version: first.version, household: first.household });

    const streamed = [...streamHouseholds(store.raw)];
    expect(streamed.map((s) => s.id)).toEqual(ids);
    for (const s of streamed) expect(s.data).toEqual(loadHousehold(store.raw, s.id)!.data);
    expect(streamed[0].data.members.map((m) => m.name)).toEqual(['户主0', '配偶0', '新成员']);
    expect([...streamHouseholds(store.raw, { fromId: ids[2], toId: ids[3] })].map((s) => s.id)).toEqual([ids[2], ids[3]]);
  });
});

describe('lean stream for the scan', () => {
  it('gives the engine exactly the same determination as the full household, for a whole demo county', async () => {
    const { seedDemoCounty } = await import('../../src-main/demo/seed');
    const { evaluate } = await import('../../src-main/policy/engine');
    const { parametersOn } = await import('../../src-main/settings/parameter-store');
    const { emptyDatabase } = await import('../fixtures/builders');
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
