/**
 * Resident ID numbers (GB 11643-1999): region, birth date, sequence, ISO 7064 MOD 11-2 check.
 * Hand-written because it is this domain's own; every registry boundary goes through it.
 */
import { isIsoDate, ageOn, ageOnParts, numberAt } from './dates';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type IdProblem = 'format' | 'check' | 'birth_date' | 'future_birth' | 'lowercase_x';

export interface IdInfo {
  idNumber: string;
  birthDate: string;
  sex: 'male' | 'female';
  region: string;
}

export type IdResult = { ok: true; value: IdInfo; converted: boolean } | { ok: false; problem: IdProblem };

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/**
 * Validates an ID number; 15-digit legacy numbers are converted to 18 digits (inserting "19").
 * `today` bounds the birth date (no future births).
 */
export function parseIdNumber(input: string, today: string): IdResult {
  const raw = input.trim();
  let id: string;
  let converted = false;
  if (/^\d{15}$/.test(raw)) {
    const first17 = raw.slice(0, 6) + '19' + raw.slice(6);
    id = first17 + checkCharacter(first17);
    converted = true;
  } else if (/^\d{17}[0-9X]$/.test(raw)) {
    id = raw;
  } else if (/^\d{17}x$/.test(raw)) {
    return { ok: false, problem: 'lowercase_x' };
  } else {
    return { ok: false, problem: 'format' };
  }
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birth) || +id.slice(6, 10) < 1880) return { ok: false, problem: 'birth_date' };
  if (birth > today) return { ok: false, problem: 'future_birth' };
  if (!converted && checkCharacter(id.slice(0, 17)) !== id[17]) return { ok: false, problem: 'check' };
  return {
    ok: true,
    converted,
    value: { idNumber: id, birthDate: birth, sex: +id[16] % 2 === 1 ? 'male' : 'female', region: id.slice(0, 6) },
  };
}

export const ID_PROBLEM_TEXT: Record<IdProblem, { zh: string; en: string }> = {
  format: { zh: '身份证号码应为18位（最后一位可为X）或15位数字', en: 'An ID number has 18 characters (the last may be X) or 15 digits' },
  check: { zh: '身份证号码校验位不正确，请核对', en: 'The check character of the ID number is wrong; please re-check the number' },
  birth_date: { zh: '身份证号码中的出生日期不存在', en: 'The birth date inside the ID number is not a real date' },
  future_birth: { zh: '身份证号码中的出生日期晚于今天', en: 'The birth date inside the ID number is in the future' },
  lowercase_x: { zh: '身份证号码末位X须大写', en: 'The final X of an ID number must be uppercase' },
};

export function ageFromId(idNumber: string, ref: string): number {
  // The birth date is read in place, not built as a string first (a county scan computes
  // ages by the million); a number too short to hold one keeps the string's reading.
  if (idNumber.length < 14) return ageOn(birthDateFromId(idNumber), ref);
  return ageOnParts(numberAt(idNumber, 6, 4), numberAt(idNumber, 10, 2), numberAt(idNumber, 12, 2), ref);
}

export function birthDateFromId(idNumber: string): string {
  return `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
}

/** `110105********002X` — the privacy mask of docs/rules/assistance.md §8. */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? id.slice(0, 6) + '********' + id.slice(14) : id;
}

/** `张*明`: first and last character kept; two-character names keep the first. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
