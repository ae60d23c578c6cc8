/**
 * Reads a department's feedback file (ASSISTANCE-RULES §7): the returned push list, or any
 * sheet with the columns referral number, ID number, result, amount, item, date, reason —
 * headers in Chinese or as codes. Produces the rows `applyReferralFeedback` takes, and the
 * problems of rows it could not read (the exchange wizard shows both).
 */
import ExcelJS from 'exceljs';
import { yuanToFen } from '../common/money';
import type { FeedbackRow } from './records';

const HEADERS: Record<string, keyof Omit<FeedbackRow, 'row'>> = {
  referral_number: 'referralNumber',
  转介编号: 'referralNumber',
  referralnumber: 'referralNumber',
  id_number: 'idNumber',
  身份证号码: 'idNumber',
  idnumber: 'idNumber',
  result: 'result',
  结果: 'result',
  amount: 'amountFen',
  '金额（元）': 'amountFen',
  金额: 'amountFen',
  item: 'item',
  物品或项目: 'item',
  date: 'date',
  日期: 'date',
  reason: 'reason',
  说明: 'reason',
};
const RESULT_WORDS: Record<string, FeedbackRow['result']> = {
  assisted: 'assisted',
  已救助: 'assisted',
  declined: 'declined',
  拒绝: 'declined',
  not_eligible: 'not_eligible',
  不符合条件: 'not_eligible',
};

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
  }
  return String(v).trim();
}

function headerKey(text: string): keyof Omit<FeedbackRow, 'row'> | undefined {
  const t = text.trim();
  if (HEADERS[t]) return HEADERS[t];
  for (const part of t.split(/\s+/)) if (HEADERS[part] || HEADERS[part.toLowerCase()]) return HEADERS[part] ?? HEADERS[part.toLowerCase()];
  return undefined;
}

export interface ParsedFeedback {
  rows: FeedbackRow[];
  problems: { row: number; column: string; reason: string }[];
  /** Rows without a result (not yet answered by the department): skipped, not errors. */
  unanswered: number;
}

export function parseFeedbackRows(table: string[][]): ParsedFeedback {
  const problems: ParsedFeedback['problems'] = [];
  const rows: FeedbackRow[] = [];
  let unanswered = 0;
  const head = (table[0] ?? []).map(headerKey);
  for (const need of ['referralNumber', 'idNumber', 'result', 'date'] as const) {
    if (!head.includes(need)) problems.push({ row: 1, column: need, reason: `missing column ${need} / 缺少列` });
  }
  if (problems.length) return { rows, problems, unanswered };
  for (let i = 1; i < table.length; i++) {
    const cells = table[i];
    const rec: Partial<Record<keyof Omit<FeedbackRow, 'row'>, string>> = {};
    head.forEach((k, j) => {
      if (k) rec[k] = (cells[j] ?? '').trim();
    });
    if (!rec.referralNumber && !rec.idNumber) continue;
    if (!rec.result) {
      unanswered++;
      continue;
    }
    const row = i + 1;
    const result = RESULT_WORDS[rec.result] ?? RESULT_WORDS[rec.result.toLowerCase()];
    if (!result) {
      problems.push({ row, column: 'result', reason: `unknown result "${rec.result}" / 结果应为 assisted、declined 或 not_eligible` });
      continue;
    }
    let amountFen: number | null = null;
    if (rec.amountFen) {
      try {
        amountFen = yuanToFen(rec.amountFen.replaceAll(',', ''));
      } catch {
        problems.push({ row, column: 'amount', reason: `not an amount: ${rec.amountFen} / 金额格式不正确` });
        continue;
      }
    }
    rows.push({
      row,
      referralNumber: rec.referralNumber ?? '',
      idNumber: rec.idNumber ?? '',
      result,
      amountFen,
      item: rec.item || null,
      date: rec.date ?? '',
      reason: rec.reason || null,
    });
  }
  return { rows, problems, unanswered };
}

/** The first sheet of an XLSX feedback file. */
export async function parseFeedbackXlsx(buf: Buffer | ArrayBuffer): Promise<ParsedFeedback> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as ArrayBuffer);
  const ws = wb.worksheets[0];
  const table: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (r, n) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(r.getCell(c).value));
    table[n - 1] = cells;
  });
  for (let i = 0; i < table.length; i++) table[i] ??= [];
  return parseFeedbackRows(table);
}
