/**
 * The registry as an import sees it: the person index (names outside the BMP, numbers no row can
 * match, authorisation dates), and apply after the registry changed under the staging — read
 * again, held still at the third reading, decided again when a household changed.
 */
import { describe, expect, it } from 'vitest';
import { connectTo, idFor } from '../../fixtures/builders';
import { office, writeCsv, csvLines, NOW, type Office } from './helpers';
import { unknownPersons } from '../../../src-main/exchange/imports';
import { stageFile } from '../../../src-main/exchange/stage';
import { PersonIndex } from '../../../src-main/exchange/persons';
import { applyImport, RegistryChanged } from '../../../src-main/exchange/apply';
import { runImportJob } from '../../../src-main/exchange/job';
import { ACTOR, HEAD, job, registry, SPOUSE, STRANGER } from './staging-fixtures';

describe('the person index', () => {
  it('finds each active person, tells a differing name (names outside the BMP included), and holds the authorisation date', async () => {
    const o = await office();
    await registry(o);
    // A given name outside the Basic Multilingual Plane: one character for SQLite, two UTF-16 units for JavaScript.
    o.store.raw.prepare(`UPDATE members SET name = '王𠀀', authorised_on = '2026-01-05' WHERE id_number = ?`).run(HEAD);
    const persons = new PersonIndex(o.store.raw);
    const head = persons.find(HEAD),
      spouse = persons.find(SPOUSE);
    expect(head).toBeGreaterThanOrEqual(0);
    expect(spouse).toBeGreaterThanOrEqual(0);
    expect(persons.find(idFor('1999-09-09', 99))).toBe(-1);
    expect(persons.nameDiffers(head, '王𠀀')).toBe(false);
    expect(persons.nameOf(head)).toBe('王𠀀');
    expect(persons.nameDiffers(head, '王')).toBe(true);
    expect(persons.nameDiffers(spouse, '李秀英')).toBe(false);
    expect(persons.nameDiffers(spouse, '李秀')).toBe(true);
    expect([persons.authorisedOn[head], persons.authorisedOn[spouse]]).toEqual([20260105, 0]);
    // Handed to another thread as its parts, it answers the same, and marks the persons it saw in the same memory.
    const copy = PersonIndex.from(structuredClone(persons.parts()));
    expect([copy.find(HEAD), copy.find(SPOUSE), copy.nameDiffers(spouse, '李秀英'), copy.nameDiffers(head, '王𠀀')]).toEqual([
      head,
      spouse,
      false,
      false,
    ]);
    copy.seen[spouse] = 1;
    expect(persons.countSeen()).toBe(1);
  });

  it('leaves out registry numbers no row can match, and every other person keeps their own name', async () => {
    const o = await office();
    await registry(o);
    const raw = o.store.raw;
    const hh = raw.prepare(`SELECT household_id FROM members WHERE id_number = ?`).pluck().get(HEAD) as number;
    const before = new PersonIndex(raw).parts().n;
    const add = (idNumber: string, name: string) =>
      raw
        .prepare(
          `INSERT INTO members (household_id, position, id_number, name, sex, birth_date, relation, status, active)
      VALUES (?, 9, ?, ?, 'male', '1990-01-01', 'other', 'normal', 1)`,
        )
        .run(hh, idNumber, name);
    // Between and around the good ones, in rowid order: a letter inside, a character outside the BMP (18 characters for SQLite,
    // 19 UTF-16 units), 15 digits (an old card), and a name outside the BMP on one of them.
    add('11010119900101123A', '甲𠀀乙');
    const late = idFor('1980-02-02', 31);
    add(late, '赵𠀁');
    add('1101011990010112𠀂5', '丙');
    add('110101900101123', '丁');
    const last = idFor('1981-03-03', 33);
    add(last, '钱多多');
    const persons = new PersonIndex(raw);
    expect(persons.parts().n).toBe(before + 2);
    for (const [id, name] of [
      [HEAD, '王建国'],
      [SPOUSE, '李秀英'],
      [late, '赵𠀁'],
      [last, '钱多多'],
    ]) {
      const slot = persons.find(id);
      expect(slot).toBeGreaterThanOrEqual(0);
      expect(persons.nameOf(slot)).toBe(name);
      expect(persons.nameDiffers(slot, name)).toBe(false);
    }
    expect(persons.find('11010119900101123X')).toBe(-1);
  });
});

describe('apply after the registry changed', () => {
  /** Imports a small file of the head (named as in the registry, a stay of `amount` yuan) and the spouse (named otherwise); `change` runs between staging and apply. */
  /** `change` runs between staging and apply, the first `times` times. */
  async function importWith(change: (o: Office, k: number) => void, amount = 100, times = 1) {
    const o = await office();
    await registry(o);
    const file = writeCsv(
      o.dir,
      'm.csv',
      csvLines([
        ['身份证号码', '姓名', '入院日期', '个人自付'],
        [HEAD, '王建国', '2026-10-01', amount],
        [SPOUSE, '李某某', '2026-10-02', '100'],
        [STRANGER, '路人', '2026-10-03', '100'],
      ]),
    );
    const p = await job(o, file);
    let stagings = 0;
    const summary = await runImportJob(o.store.raw, p.job, {
      actor: ACTOR,
      now: () => NOW,
      lang: 'en',
      onProgress: (x) => {
        if (x.phase === 'staging') return;
        if (stagings++ < times) change(o, stagings);
      },
    });
    expect(o.store.raw.inTransaction).toBe(false);
    const rules = o.store.raw.prepare(`SELECT id_number, rule FROM warnings ORDER BY id_number, rule`).all() as {
      id_number: string;
      rule: string;
    }[];
    return { summary: summary!, rules, stagings, persons: unknownPersons(o.store.raw, p.importId) };
  }
  const byId = (a: { id_number: string }, b: { id_number: string }) => a.id_number.localeCompare(b.id_number);

  it('with the registry unchanged, only the name that differs raises its warning', async () => {
    const { summary, rules, stagings } = await importWith(() => {});
    expect(rules).toEqual([{ id_number: SPOUSE, rule: 'name_mismatch' }]);
    expect(stagings).toBe(1);
    expect(summary).toMatchObject({ accepted: 3, matchedPersons: 2, unknownPersons: 1 });
  });

  it('a member renamed after staging: the file is read again, and matched against the registry as it is', async () => {
    const { rules, stagings } = await importWith((o) =>
      o.store.raw.prepare(`UPDATE members SET name = '王建民' WHERE id_number = ?`).run(HEAD),
    );
    expect(stagings).toBe(2);
    expect(rules).toEqual(
      [
        { id_number: HEAD, rule: 'name_mismatch' },
        { id_number: SPOUSE, rule: 'name_mismatch' },
      ].sort(byId),
    );
  });

  it('a registry that changes under every reading: the third reading holds the registry still', async () => {
    // Renamed after the first reading, renamed back after the second: the third, locked, sees the registry as the second change left it.
    const { rules, stagings } = await importWith(
      (o, k) => o.store.raw.prepare(`UPDATE members SET name = ? WHERE id_number = ?`).run(k === 1 ? '王建民' : '王建国', HEAD),
      100,
      2,
    );
    expect(stagings).toBe(3);
    expect(rules).toEqual([{ id_number: SPOUSE, rule: 'name_mismatch' }]);
  });

  it('a member who left after staging is no longer a match: the row counts as an unknown person', async () => {
    const { summary, rules, persons } = await importWith((o) =>
      o.store.raw.prepare(`UPDATE members SET active = 0 WHERE id_number = ?`).run(HEAD),
    );
    expect(rules).toEqual([{ id_number: SPOUSE, rule: 'name_mismatch' }]);
    expect(summary).toMatchObject({ accepted: 3, matchedPersons: 1, unknownPersons: 2 });
    expect(persons).toEqual({
      total: 2,
      page: 1,
      pageSize: 100,
      items: [
        { idNumber: HEAD, name: '王建国', firstRow: 2, rows: 1 },
        { idNumber: STRANGER, name: '路人', firstRow: 4, rows: 1 },
      ],
    });
  });

  it('a household changed by another connection after staging: the warnings are decided again at apply', async () => {
    // A stay of 8,000 yuan is over the in-tier threshold (6,000) and under the other residents' (10,000).
    const kept = await importWith(() => {}, 8000);
    expect(kept.rules).toEqual(
      [
        { id_number: HEAD, rule: 'hospital_cost' },
        { id_number: SPOUSE, rule: 'name_mismatch' },
      ].sort(byId),
    );
    const left = await importWith((o) => {
      const other = connectTo(o.store.file);
      other.prepare(`UPDATE households SET current_tier = NULL`).run();
      other.close();
    }, 8000);
    // Not a member's change (the file is not read again), but the household is no longer in a tier.
    expect(left.stagings).toBe(1);
    expect(left.rules).toEqual([{ id_number: SPOUSE, rule: 'name_mismatch' }]);
  });

  it('applying what an earlier registry matched is refused', async () => {
    const o = await office();
    await registry(o);
    const p = await job(
      o,
      writeCsv(
        o.dir,
        'm.csv',
        csvLines([
          ['身份证号码', '姓名', '入院日期', '个人自付'],
          [HEAD, '王建国', '2026-10-01', '100'],
        ]),
      ),
    );
    const st = await stageFile(o.store.raw, p.job);
    if (st === 'cancelled') throw new Error('cancelled');
    o.store.raw.prepare(`UPDATE members SET authorised_on = '2026-02-02' WHERE id_number = ?`).run(HEAD);
    expect(() => applyImport(o.store.raw, p.importId, ACTOR, NOW, 'en', st)).toThrow(RegistryChanged);
    expect(o.store.raw.prepare(`SELECT status FROM exchange_imports WHERE id = ?`).pluck().get(p.importId)).toBe('staged');
  });

  it('saving a member without changing number, activity, name, household or authorisation leaves the epoch as it was', async () => {
    const o = await office();
    await registry(o);
    const epoch = () => o.store.raw.prepare(`SELECT n FROM registry_epoch`).pluck().get();
    const before = epoch();
    o.store.raw.prepare(`UPDATE members SET name = name, active = active, relation = relation, authorised_on = authorised_on`).run();
    expect(epoch()).toBe(before);
    o.store.raw.prepare(`UPDATE members SET name = '王建民' WHERE id_number = ?`).run(HEAD);
    o.store.raw.prepare(`UPDATE members SET authorised_on = '2026-03-03' WHERE id_number = ?`).run(HEAD);
    expect(epoch()).toBe((before as number) + 2);
  });
});
