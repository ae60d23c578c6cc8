import { describe, expect, it } from 'vitest';
import { parseIdNumber, checkCharacter, maskIdNumber, maskName, ageFromId, birthDateFromId } from '../../../src-main/common/id-number';
import { ageOn } from '../../../src-main/common/dates';

const TODAY = '2026-11-29';

describe('resident ID numbers (GB 11643)', () => {
  it('accepts the standard vector 11010519491231002X', () => {
    const r = parseIdNumber('11010519491231002X', TODAY);
    expect(r).toEqual({
      ok: true,
      converted: false,
      value: { idNumber: '11010519491231002X', birthDate: '1949-12-31', sex: 'female', region: '110105' },
    });
  });
  it('computes the check character by ISO 7064 MOD 11-2', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(parseIdNumber('440307199003078115', TODAY).ok).toBe(true);
    expect(parseIdNumber('440307199003078114', TODAY)).toEqual({ ok: false, problem: 'check' });
  });
  it.each([
    ['11010519491231002Y', 'format'],
    ['1101051949123100', 'format'],
    ['11010519491231002x', 'lowercase_x'],
    ['110105194912310021', 'check'],
    ['110105194902300020', 'birth_date'],
    ['110105203001010010', 'future_birth'],
  ])('rejects %s (%s)', (id, problem) => {
    expect(parseIdNumber(id, TODAY)).toEqual({ ok: false, problem });
  });
  it('converts a 15-digit number by inserting 19 and computing the check character', () => {
    const r = parseIdNumber('110105491231002', TODAY);
    expect(r.ok && r.value.idNumber).toBe('11010519491231002X');
    expect(r.ok && r.converted).toBe(true);
  });
  it('derives sex from the sequence parity', () => {
    const male = '11010519800101001' + checkCharacter('11010519800101001');
    expect(parseIdNumber(male, TODAY)).toMatchObject({ ok: true, value: { sex: 'male' } });
  });
  it('reaches a birthday on its date, and 29 February on 1 March', () => {
    const leap = '11010520000229002';
    const id = leap + checkCharacter(leap);
    expect(ageFromId(id, '2060-02-28')).toBe(59);
    expect(ageFromId(id, '2060-02-29')).toBe(60);
    expect(ageFromId(id, '2061-02-28')).toBe(60);
    expect(ageFromId('11010519491231002X', '2009-12-30')).toBe(59);
    expect(ageFromId('11010519491231002X', '2009-12-31')).toBe(60);
  });
  it('reads the age in place exactly as from the birth date string, also for malformed numbers', () => {
    const ids = [
      '11010519491231002X',
      '110105200002290021',
      '11010519490101002X',
      '1101051949123',
      '11010519491',
      '11010519',
      '1101051949a231002X',
      '110105 9491231002X',
      '',
    ];
    for (const id of ids)
      for (const ref of ['2026-11-01', '2009-12-31', '2009-01-01', '2060-02-28'])
        expect(ageFromId(id, ref)).toBe(ageOn(birthDateFromId(id), ref));
  });
  it('masks IDs and names for publicity', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskName('张三明')).toBe('张*明');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳小明')).toBe('欧**明');
  });
});
