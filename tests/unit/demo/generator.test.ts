import { describe, expect, it } from 'vitest';
import { generateHouseholds, DEMO_REFERENCE_DATE, DEMO_STANDARD, DEMO_TOWNSHIPS, mulberry32 } from '../../../src-main/demo/generator';
import { GIVEN_NAMES, SURNAMES } from '../../../src-main/demo/county';
import { householdFileSchema, COUNTED_INCOME_TYPES, type HouseholdData } from '../../../src-main/common/household-file';
import { parseIdNumber, ageFromId, checkCharacter } from '../../../src-main/common/id-number';

const REF = DEMO_REFERENCE_DATE;
const county300 = [...generateHouseholds(300, 1)];
const age = (id: string) => ageFromId(id, REF);
const MALE = new Set(GIVEN_NAMES.male.flat());
const FEMALE = new Set(GIVEN_NAMES.female.flat());

describe('demo county generator', () => {
  it('is deterministic: the same seed and size give byte-identical output', () => {
    expect(JSON.stringify([...generateHouseholds(300, 1)])).toBe(JSON.stringify(county300));
    // a shorter run is a prefix of a longer one
    expect(JSON.stringify([...generateHouseholds(120, 1)])).toBe(JSON.stringify(county300.slice(0, 120)));
  });

  it('differs for a different seed', () => {
    const other = [...generateHouseholds(300, 2)];
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(county300));
    const ids1 = new Set(county300.flatMap((h) => h.members.map((m) => m.idNumber)));
    const shared = other.flatMap((h) => h.members.map((m) => m.idNumber)).filter((id) => ids1.has(id)).length;
    expect(shared).toBeLessThan(ids1.size / 2);
  });

  it('is a lazy generator (households are produced on demand)', () => {
    const it = generateHouseholds(1_000_000_000, 3)[Symbol.iterator]();
    expect(it.next().done).toBe(false);
    expect(it.next().value!.members.length).toBeGreaterThan(0);
  });

  it('mulberry32 is a fixed sequence in [0, 1)', () => {
    const a = mulberry32(42),
      b = mulberry32(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x >= 0 && x < 1).toBe(true);
    }
  });

  it('every household of a 300-household county passes the household-file schema, already normalised', () => {
    const schema = householdFileSchema(REF);
    county300.forEach((h, i) => {
      const r = schema.safeParse({ format: 1, household: h });
      if (!r.success) throw new Error(`household ${i}: ${JSON.stringify(r.error.issues.slice(0, 3))}`);
      expect(r.data.household).toEqual(h); // every default already filled in
    });
    // also against the real today: no birth date or authorisation lies in the future
    const today = new Date().toISOString().slice(0, 10);
    if (today >= REF) {
      const now = householdFileSchema(today);
      expect(county300.filter((h) => !now.safeParse({ format: 1, household: h }).success)).toEqual([]);
    }
  });

  it('issues valid ID numbers, unique across the county (members and supporters), with sex parity and region codes', () => {
    const seen = new Set<string>();
    const bad: string[] = [];
    let total = 0;
    for (const h of generateHouseholds(20_000, 5)) {
      const ids = [...h.members.map((m) => m.idNumber), ...h.supportersOutside.flatMap((s) => (s.idNumber ? [s.idNumber] : []))];
      for (const id of ids) {
        const r = parseIdNumber(id, REF);
        if (!r.ok || checkCharacter(id.slice(0, 17)) !== id[17]) bad.push(id);
        seen.add(id);
        total++;
      }
      // sex parity: the sequence is odd for men, even for women — and the given name fits the sex
      for (const m of h.members) {
        const surname = SURNAMES.map(([x]) => x)
          .filter((x) => m.name.startsWith(x))
          .sort((a, b) => b.length - a.length)[0];
        const given = m.name.slice(surname.length);
        const odd = +m.idNumber[16] % 2 === 1;
        if (odd ? FEMALE.has(given) : MALE.has(given)) bad.push(`${m.idNumber} ${m.name}`);
      }
    }
    expect(bad).toEqual([]);
    expect(seen.size).toBe(total);
    expect(total).toBeGreaterThan(45_000);
    // most people were born in the county (130123)
    const native = [...seen].filter((id) => id.startsWith('130123')).length;
    expect(native / total).toBeGreaterThan(0.7);
  });

  it('keeps ages consistent with relations', () => {
    for (const h of generateHouseholds(3000, 11)) {
      const head = h.members.find((m) => m.relation === 'head')!;
      expect(h.members.filter((m) => m.relation === 'head')).toHaveLength(1);
      const headAge = age(head.idNumber);
      expect(headAge).toBeGreaterThanOrEqual(18);
      const spouse = h.members.find((m) => m.relation === 'spouse');
      if (spouse) {
        expect(age(spouse.idNumber)).toBeGreaterThanOrEqual(20);
        expect(+spouse.idNumber[16] % 2).not.toBe(+head.idNumber[16] % 2); // opposite sex
      }
      const childInLaw = h.members.find((m) => m.relation === 'child_in_law');
      for (const m of h.members) {
        const a = age(m.idNumber);
        switch (m.relation) {
          case 'child':
            expect(a).toBeLessThanOrEqual(headAge - 15);
            if (spouse) expect(a).toBeLessThanOrEqual(age(spouse.idNumber) - 15);
            break;
          case 'parent':
            expect(a).toBeGreaterThanOrEqual(headAge + 15);
            break;
          case 'grandchild': {
            expect(a).toBeLessThanOrEqual(headAge - 30);
            const parents = h.members.filter((x) => x.relation === 'child' || x.relation === 'child_in_law');
            for (const p of parents) expect(a).toBeLessThanOrEqual(age(p.idNumber) - 15);
            break;
          }
          case 'grandparent':
            expect(a).toBeGreaterThanOrEqual(headAge + 30);
            break;
          case 'child_in_law':
            expect(a).toBeGreaterThanOrEqual(18);
            break;
        }
        // schooling, labour, authorisation and self-care fit the age
        if (a < 16) expect(['none']).toContain(m.labour);
        if (m.schooling === 'primary') expect(a >= 6 && a <= 11).toBe(true);
        if (m.schooling) expect(m.labour).toBe('none');
        if (m.authorisedOn) {
          expect(a).toBeGreaterThanOrEqual(18);
          expect(m.authorisedOn <= REF).toBe(true);
        }
        if (m.selfCareUnmanaged > 0) expect(a >= 60 || m.disability !== null).toBe(true);
        if (m.monthlyIncome.some((x) => x.type === 'old_age_allowance')) expect(a).toBeGreaterThanOrEqual(80);
      }
      if (childInLaw) expect(h.members.some((m) => m.relation === 'child')).toBe(true);
    }
  });

  it('produces a mix of compositions averaging about 2.5 persons', () => {
    const kinds: Record<string, number> = {};
    let persons = 0;
    const n = 5000;
    for (const h of generateHouseholds(n, 1)) {
      persons += h.members.length;
      const rel = new Set(h.members.map((m) => m.relation));
      const elderlyHead = age(h.members[0].idNumber) >= 60;
      const kind =
        h.members.length === 1
          ? elderlyHead
            ? 'single_elderly'
            : 'single_adult'
          : rel.has('grandchild') && !rel.has('child')
            ? 'skip_generation'
            : rel.has('grandchild') || (rel.has('parent') && rel.has('child'))
              ? 'three_generations'
              : rel.has('spouse') && rel.has('child')
                ? 'couple_with_children'
                : rel.has('spouse') && h.members.length === 2
                  ? elderlyHead
                    ? 'elderly_couple'
                    : 'couple'
                  : !rel.has('spouse') && rel.has('child')
                    ? 'single_parent'
                    : rel.has('parent')
                      ? 'with_parent'
                      : 'other';
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    }
    for (const k of [
      'single_elderly',
      'single_adult',
      'elderly_couple',
      'couple',
      'couple_with_children',
      'single_parent',
      'three_generations',
      'skip_generation',
      'with_parent',
    ]) {
      expect(kinds[k] ?? 0, k).toBeGreaterThan(n * 0.015);
    }
    expect(persons / n).toBeGreaterThan(2.3);
    expect(persons / n).toBeLessThan(2.8);
  });

  it('gives a plausible mix of candidates under the demo standards, and looks lived-in', () => {
    const n = 5000;
    const band: Record<string, number> = { below_standard: 0, marginal: 0, above: 0 };
    const current: Record<string, number> = {};
    const townships = new Set<string>();
    let urban = 0,
      flagsOnUrban = 0,
      flagged = 0,
      cars = 0,
      supporters = 0,
      critical = 0,
      disabled = 0,
      persons = 0;
    for (const h of generateHouseholds(n, 1) as Iterable<HouseholdData>) {
      townships.add(h.area.township);
      if (h.residence === 'urban') urban++;
      if (h.flags.returnToPovertyMonitoring) {
        flagged++;
        if (h.residence === 'urban') flagsOnUrban++;
      }
      const present = h.members.filter((m) => m.status === 'present');
      let counted = 0;
      for (const m of present)
        for (const x of m.monthlyIncome)
          if ((COUNTED_INCOME_TYPES as readonly string[]).includes(x.type))
            counted += x.type === 'wage' || x.type === 'business' ? x.amount * 0.7 : x.amount;
      const std = DEMO_STANDARD[h.residence];
      const pc = counted / present.length;
      band[pc < std ? 'below_standard' : pc < 1.5 * std ? 'marginal' : 'above']++;
      if (h.current?.tier) current[h.current.tier] = (current[h.current.tier] ?? 0) + 1;
      if (h.assets.vehicles.some((v) => v.kind === 'private_car')) cars++;
      if (h.supportersOutside.length) supporters++;
      for (const m of h.members) {
        persons++;
        if (m.illness === 'critical') critical++;
        if (m.disability) disabled++;
      }
    }
    expect(townships.size).toBe(DEMO_TOWNSHIPS.length);
    expect(urban / n).toBeGreaterThan(0.1);
    expect(urban / n).toBeLessThan(0.4);
    expect(band.below_standard / n).toBeGreaterThan(0.25);
    expect(band.marginal / n).toBeGreaterThan(0.1);
    expect(band.above / n).toBeGreaterThan(0.2);
    for (const t of ['tekun', 'dibao', 'marginal', 'rigid']) expect(current[t] ?? 0, t).toBeGreaterThan(n * 0.01);
    expect(flagged).toBeGreaterThan(0);
    expect(flagsOnUrban).toBe(0);
    expect(cars).toBeGreaterThan(0);
    expect(supporters / n).toBeGreaterThan(0.1);
    expect(critical / persons).toBeGreaterThan(0.005);
    expect(disabled / persons).toBeGreaterThan(0.03);
  });
});
