/**
 * Cell clean-up for files as departments really send them: full-width digits,
 * letters and spaces (Ｕ+FF01–FF5E, U+3000) become ASCII; ID numbers that a spreadsheet
 * turned into numbers or scientific notation are REJECTED with that reason, never repaired
 * (the lost digits cannot be recovered); money becomes fen, dates ISO.
 */
import { parseIdNumber, ID_PROBLEM_TEXT } from '../common/id-number';
import { isIsoDate } from '../common/dates';

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const WIDE = /[\uFF01-\uFF5E\u3000\u00A0]/;
const WIDE_G = /[\uFF01-\uFF5E\u3000\u00A0]/g;

/** Full-width → half-width, then trim. The fast path (no wide characters) costs one regex test. */
export function halfWidth(s: string): string {
  if (WIDE.test(s)) s = s.replace(WIDE_G, (c) => (c === '\u3000' || c === '\u00A0' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  return s.trim();
}

export type CellProblem = { en: string; zh: string };

/** A cell that went through a spreadsheet as a number: `1.30123E+17`, `130123194001010000.0`. */
const SCIENTIFIC = /^[+-]?\d+(\.\d*)?[eE][+-]?\d+$/;
const DECIMAL = /^\d+\.\d+$/;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const SPACE = /\s/;

/**
 * The common case of a million-row file — 18 characters, valid — decided without allocating:
 * the same checks as parseIdNumber (real birth date from 1880, not after today, check
 * character); anything else goes through parseIdNumber for its exact problem.
 */
function fastValidId(v: string, today: string): boolean {
  if (v.length !== 18) return false;
  // 17 digits, checked in the loop that sums the check (a regex test cost as much again); the check character is a digit or X.
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    sum += c * WEIGHTS[i];
  }
  if (CHECK.charCodeAt(sum % 11) !== v.charCodeAt(17)) return false;
  // Digits only: the birth date read from the character codes, no substrings.
  const y = digits(v, 6, 4),
    m = digits(v, 10, 2),
    d = digits(v, 12, 2);
  if (y < 1880 || m < 1 || m > 12 || d < 1 || d > DAYS[m - 1]) return false;
  if (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))) return false;
  // birth <= today, as the ISO strings compare: numerically when today is YYYY-MM-DD.
  const t = todayNumber(today);
  return t >= 0 ? y * 10000 + m * 100 + d <= t : `${v.slice(6, 10)}-${v.slice(10, 12)}-${v.slice(12, 14)}` <= today;
}

/** The number the `n` characters of s from `at` write in digits; NaN if one is not a digit (NaN fails every comparison). */
function digits(s: string, at: number, n: number): number {
  let x = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return NaN;
    x = x * 10 + c;
  }
  return x;
}

let lastToday = '',
  lastTodayNumber = -1;
/** YYYYMMDD of an ISO date, -1 for anything else; the last one is remembered (one `today` per import). */
function todayNumber(today: string): number {
  if (today !== lastToday) {
    lastToday = today;
    lastTodayNumber = /^\d{4}-\d{2}-\d{2}$/.test(today)
      ? digits(today, 0, 4) * 10000 + digits(today, 5, 2) * 100 + digits(today, 8, 2)
      : -1;
  }
  return lastTodayNumber;
}

/**
 * Checks an ID-number cell. `numeric` is true when the cell came from an XLSX number cell.
 * Returns the 18-character number or a problem; 15-digit legacy numbers are converted.
 * `narrow`: the caller knows the cell holds no full-width character (read-table.ts Batch.wide), so trimming is all it needs.
 */
export function checkIdCell(
  value: string,
  today: string,
  numeric = false,
  narrow = false,
): { ok: true; id: string } | { ok: false; problem: CellProblem } {
  let v = narrow ? value.trim() : halfWidth(value);
  if (!numeric && fastValidId(v, today)) return { ok: true, id: v };
  if (SPACE.test(v)) v = v.replace(/\s+/g, '');
  if (v === '') return { ok: false, problem: { en: 'the ID number is empty', zh: '身份证号码为空' } };
  if (SCIENTIFIC.test(v))
    return {
      ok: false,
      problem: {
        en: `the ID number "${v}" was turned into scientific notation by a spreadsheet; its digits are lost — export the column as text`,
        zh: `身份证号码“${v}”被表格软件转成了科学计数法，位数已丢失，请将该列设为文本后重新导出`,
      },
    };
  if (numeric || DECIMAL.test(v))
    return {
      ok: false,
      problem: {
        en: `the ID number "${v}" was stored as a number by a spreadsheet (the last digits may be lost) — export the column as text`,
        zh: `身份证号码“${v}”被表格软件存成了数字（末几位可能已丢失），请将该列设为文本后重新导出`,
      },
    };
  const r = parseIdNumber(v, today);
  if (!r.ok) return { ok: false, problem: ID_PROBLEM_TEXT[r.problem] };
  return { ok: true, id: r.value.idNumber };
}

/** `1,234.56`, `1234.5元`, `￥1234` → fen; null when empty; NaN when unreadable. */
const PLAIN_MONEY = /^\d{1,13}\.\d\d$/;
export function moneyToFen(value: string): number | null {
  // `1234.56`, the usual export, needs no clean-up first.
  const plain = plainFen(value);
  if (plain >= 0) return plain;
  let v = halfWidth(value);
  if (v === '') return null;
  if (PLAIN_MONEY.test(v)) return Number(v.slice(0, -3)) * 100 + Number(v.slice(-2));
  if (v.charCodeAt(v.length - 1) === 0x5143) v = v.slice(0, -1); // 元
  if (v[0] === '¥' || v[0] === '￥') v = v.slice(1);
  if (v.includes(',')) v = v.replaceAll(',', '');
  if (!/^-?\d+(\.\d{1,2})?$/.test(v)) {
    if (/^-?\d+\.\d+$/.test(v)) return Math.round(Number(v) * 100); // more decimals: rounded to the fen
    return NaN;
  }
  const neg = v[0] === '-';
  const [i, f = ''] = (neg ? v.slice(1) : v).split('.');
  const fen = Number(i) * 100 + Number((f + '00').slice(0, 2));
  return neg ? -fen : fen;
}

/** PLAIN_MONEY read from the character codes, in fen; -1 for any other form. */
function plainFen(v: string): number {
  const n = v.length;
  if (n < 4 || n > 16 || v.charCodeAt(n - 3) !== 46) return -1;
  let fen = 0;
  for (let i = 0; i < n; i++) {
    if (i === n - 3) continue;
    const c = v.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    fen = fen * 10 + c;
  }
  return fen;
}

/** The hot path of a million-row import: `YYYY-MM-DD` checked without building a Date. */
function fastIso(v: string): boolean {
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return false;
  // From the character codes (no substrings): a non-digit makes its number NaN, and NaN fails every comparison below.
  const y = digits(v, 0, 4),
    m = digits(v, 5, 2),
    d = digits(v, 8, 2);
  if (!(y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= DAYS[m - 1])) return false;
  return m !== 2 || d < 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0));
}

/** `2026-01-05`, `2026/1/5`, `2026.01.05`, `20260105`, `2026年1月5日` → ISO; null when unreadable. */
export function toIsoDate(value: string): string | null {
  // `YYYY-MM-DD`, the usual export, needs no clean-up first.
  if (value.length === 10 && fastIso(value)) return value;
  const v = halfWidth(value);
  if (v === '') return null;
  if (v.length === 10 && fastIso(v)) return v;
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(v) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(v);
  if (!m) {
    m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(v); // a month only: its first day
    if (m) m = [m[0], m[1], m[2], '1'] as unknown as RegExpExecArray;
  }
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : null;
}

/** A number masked as the office masks it (`maskIdNumber`): 6 digits, 8 asterisks, the last 4 — how charity lists go out (docs/rules/assistance.md §8). */
export const MASKED_ID = /^\d{6}\*{8}\d{3}[\dX]$/;

/** A feedback file's ID cell: a full number as any file's, or a masked one, which the referrals module checks against the referral's person. */
export function feedbackId(value: string, today: string, narrow: boolean): ReturnType<typeof checkIdCell> {
  const v = (narrow ? value.trim() : halfWidth(value)).toUpperCase();
  return MASKED_ID.test(v) ? { ok: true, id: v } : checkIdCell(value, today, false, narrow);
}
