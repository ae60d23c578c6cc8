/** The password policy, masking of personal data, and printed audit heads: small rules, checked alone. */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, needsRehash, passwordProblem } from '../../../src-main/auth/password';
import { holdsFullIdNumber, maskPersonal, maskText } from '../../../src-main/auth/masking';
import { parsePrintedHead } from '../../../src-main/audit/verify';
import { auditKey } from '../../../src-main/audit/key';
import { newPassword } from '../../../src-main/contract/users';

describe('the password policy', () => {
  it('wants 8 characters with letters and digits, not the username, not the demo password', () => {
    for (const weak of ['abc1', 'demo', 'abcdefgh', '12345678', 'secret1']) expect(passwordProblem(weak), weak).not.toBeNull();
    expect(passwordProblem('clerk1-2026', 'clerk1')?.en).toMatch(/username/);
    expect(passwordProblem(DEMO_PASSWORD)?.en).toMatch(/demo/);
    expect(passwordProblem('counter-2026', 'clerk1')).toBeNull();
    // The contract's schema says the same at the boundary.
    expect(newPassword.safeParse('abc1').success).toBe(false);
    expect(newPassword.safeParse('abcdefgh').success).toBe(false);
    expect(newPassword.safeParse('counter-2026').success).toBe(true);
  });

  it('asks for a new hash when one was made with weaker parameters', () => {
    expect(needsRehash('scrypt$16384$8$1$c2FsdA==$a2V5')).toBe(true);
    expect(needsRehash(`scrypt$131072$8$1$c2FsdA==$${Buffer.alloc(32).toString('base64')}`)).toBe(false);
    expect(needsRehash('md5$whatever')).toBe(true);
  });
});

describe('masking of personal data', () => {
  const id = '11010519491231002X';
  it('masks ID numbers wherever they stand, but not inside hashes or longer numbers', () => {
    expect(maskText(`王建国（${id}）`)).toBe('王建国（110105********002X）');
    expect(maskText(`{"text":"{\\"idNumber\\":\\"${id}\\"}"}`)).not.toContain(id);
    expect(maskText('130123600301011')).toBe('130123*****1011');
    const hash = `ab${'1'.repeat(18)}cd`;
    expect(maskText(hash)).toBe(hash);
    expect(maskText('6222021234567890123')).toBe('6222021234567890123'); // a 19-digit bank card is not an ID number
    expect(holdsFullIdNumber(`x ${id} y`)).toBe(true);
    expect(holdsFullIdNumber('110105********002X')).toBe(false);
  });

  it('leaves health details out and keeps digests whole', () => {
    const digest = '1'.repeat(18);
    const out = maskPersonal({
      members: [{ idNumber: id, illness: 'chronic', disability: { kind: 'visual', grade: 2 }, severeDisability: true }],
      sha256: digest,
      lastHash: digest,
    });
    expect(out).toEqual({
      members: [{ idNumber: '110105********002X', illness: null, disability: null, severeDisability: true }],
      sha256: digest,
      lastHash: digest,
    });
  });
});

describe('printed audit heads', () => {
  it('reads the head as printed on a form, or typed with dots, or a hash prefix', () => {
    expect(parsePrintedHead('48211:3f9a…c2')).toEqual({ rows: 48211, prefix: '3f9a', suffix: 'c2' });
    expect(parsePrintedHead('48211:3F9A...C2')).toEqual({ rows: 48211, prefix: '3f9a', suffix: 'c2' });
    expect(parsePrintedHead('#48211 · 3f9a…c2')).toEqual({ rows: 48211, prefix: '3f9a', suffix: 'c2' });
    expect(parsePrintedHead('12:abcdef0123')).toEqual({ rows: 12, prefix: 'abcdef0123', suffix: '' });
    expect(parsePrintedHead('yesterday')).toBeNull();
  });

  it('derives the chain key from the database key with a fixed label, and refuses a short secret', () => {
    const a = auditKey(Buffer.alloc(32, 1));
    expect(a).toHaveLength(32);
    expect(auditKey(Buffer.alloc(32, 1)).equals(a)).toBe(true);
    expect(auditKey(Buffer.alloc(32, 2)).equals(a)).toBe(false);
    expect(() => auditKey(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
