/**
 * What a source profile is made of (./profiles.ts): the fields a department's file carries,
 * what a row becomes once read (`Staged`), and the helpers that read a date, an amount or a
 * required cell of a row, or say what is wrong with it.
 */
import type { Source } from '../common/codes';
import { moneyToFen, toIsoDate } from './normalize';

export type FieldType = 'id' | 'name' | 'date' | 'money' | 'text';
export interface FieldSpec {
  key: string;
  type: FieldType;
  required: boolean;
  zh: string;
  aliases: string[];
}

/** The result a department reports on a referral (docs/rules/assistance.md §7). */
export type FeedbackResult = 'assisted' | 'declined' | 'not_eligible';

/** What a valid row says, normalised: a finding on the person (kept as the verification report's evidence). */
export interface Staged {
  category: string;
  eventDate: string | null;
  /** What makes two rows the same finding (the de-duplication key of a warning): admission date, plate, certificate number… */
  evidenceKey: string;
  amountFen: number | null;
  detail: string | null;
  /** A disability certificate's grade (1–4). */
  grade?: number;
  /** A referral's result as the department reports it (referral feedback only; `evidenceKey` is then the referral number). */
  feedback?: { referralNumber: string; result: FeedbackResult; item: string | null; reason: string | null };
  /** A provider's service record (service records only; `evidenceKey` is then its record id): decided at apply by services. */
  service?: { provider: string; serviceCode: string; quantity: number; staff: string | null; note: string | null };
}

/** A row-level problem: the field key and the reason in both languages. */
export interface RowProblem {
  field: string;
  en: string;
  zh: string;
}

/** Values of the mapped fields of one row, already trimmed and half-width. */
export type RowValues = Record<string, string>;

export interface Profile {
  source: Source;
  zh: string;
  en: string;
  /** Department code used on chain events and warnings. */
  department: string;
  /** §6: income and asset sources need each member's signed authorisation dated on or before the file. */
  needsAuthorisation: boolean;
  fields: FieldSpec[];
  stage(v: RowValues): Staged | RowProblem;
}

export const ID: FieldSpec = {
  key: 'idNumber',
  type: 'id',
  required: true,
  zh: '身份证号码',
  aliases: ['身份证号码', '身份证号', '公民身份号码', '证件号码', '身份证', '证件号', 'idnumber', 'id', 'idno', 'idcard'],
};
export const NAME: FieldSpec = {
  key: 'name',
  type: 'name',
  required: false,
  zh: '姓名',
  aliases: ['姓名', '名字', '人员姓名', '参保人姓名', '户主姓名', 'name', 'fullname'],
};
export const field = (key: string, type: FieldType, required: boolean, zh: string, aliases: string[]): FieldSpec => ({
  key,
  type,
  required,
  zh,
  aliases: [zh, ...aliases],
});

export function need(v: RowValues, key: string, zh: string): RowProblem | null {
  return v[key] ? null : { field: key, en: `${key} is empty`, zh: `${zh}为空` };
}
export function date(v: RowValues, key: string, zh: string, required: boolean): string | null | RowProblem {
  const s = v[key];
  if (!s) return required ? { field: key, en: `${key} is empty`, zh: `${zh}为空` } : null;
  const d = toIsoDate(s);
  return d ?? { field: key, en: `"${s}" is not a date`, zh: `“${s}”不是有效日期` };
}
export function money(v: RowValues, key: string, zh: string, required: boolean): number | null | RowProblem {
  const s = v[key];
  if (!s) return required ? { field: key, en: `${key} is empty`, zh: `${zh}为空` } : null;
  const fen = moneyToFen(s);
  return fen === null ? null : Number.isNaN(fen) ? { field: key, en: `"${s}" is not an amount`, zh: `“${s}”不是有效金额` } : fen;
}
export const isProblem = (x: unknown): x is RowProblem => typeof x === 'object' && x !== null && 'field' in x;
/** Several texts of a row joined for the evidence, the empty ones left out; null when all are. */
export const joined = (...parts: (string | null | undefined | false)[]): string | null => parts.filter(Boolean).join('；') || null;
