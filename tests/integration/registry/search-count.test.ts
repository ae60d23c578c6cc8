/**
 * A search never stops at its limit silently (issue 21, item 7): beside the first hits it gives
 * how many the query finds in all, equal to a count of the registry itself.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../fixtures/builders';
import { createDemoDatabase } from '../../../src-main/demo/seed';
import { openStore, type Store } from '../../../src-main/db/open';
import { RegistrySearch } from '../../../src-main/registry/search';
import { first, qb } from '../../../src-main/db/query';

let store: Store;
beforeAll(async () => {
  const file = path.join(tempDir(), 'demo.db');
  await createDemoDatabase(file, { households: 300, now: new Date('2026-11-29T08:00:00Z') });
  store = await openStore(file);
}, 180_000);
afterAll(async () => store?.close());

describe('registry search count', () => {
  it('counts everyone an ID-number prefix, a name or a village finds, past the hits shown', () => {
    const s = new RegistrySearch(store.raw);
    const count = (q: ReturnType<typeof qb.selectFrom<'members as m'>>) =>
      first(
        store.raw,
        q.select((eb) => eb.fn.countAll<number>().as('n')),
      )!.n;
    // An ID prefix of the county: hundreds of people, 50 shown.
    const byId = count(qb.selectFrom('members as m').where('m.active', '=', 1).where('m.id_number', 'like', '13012319%'));
    expect(byId).toBeGreaterThan(50);
    expect(s.search('13012319', 50)).toHaveLength(50);
    expect(s.count('13012319')).toBe(byId);
    // A surname: every member whose name starts with it.
    const surname = '王';
    expect(s.count(surname)).toBe(count(qb.selectFrom('members as m').where('m.active', '=', 1).where('m.name', 'like', `${surname}%`)));
    // A village: its households' heads (those whose own name does not start with the query).
    const v = first(store.raw, qb.selectFrom('areas').select('name').where('level', '=', 'village').orderBy('id'))!.name;
    const heads = count(
      qb
        .selectFrom('members as m')
        .innerJoin('households as h', 'h.id', 'm.household_id')
        .innerJoin('areas as a', 'a.id', 'h.area_id')
        .where('m.active', '=', 1)
        .where('m.relation', '=', 'head')
        .where('a.name', '=', v),
    );
    expect(heads).toBeGreaterThan(0);
    expect(s.count(v)).toBeGreaterThanOrEqual(heads);
    expect(s.count('')).toBe(0);
  });
});
