/**
 * The file `safetynet temporary assess` reads: a household file v1 (docs/rules/household-file.md,
 * parsed by its own code) with one more top-level block, `temporary`, beside `household`:
 * `{ kind, reason, eventDate, spending }` for an expenditure case, `amount` instead of `spending`
 * for an emergency (yuan, at most two decimals). Every error names its field (`temporary.spending`).
 */
import { z } from 'zod';
import { parseHouseholdFile, zodIssueToFieldError, type FieldError, type HouseholdFile } from '../common/household-file';
import { isIsoDate } from '../common/dates';
import { isYuanAmount, yuanToFen } from '../common/money';
import { EMERGENCY_REASONS, EXPENDITURE_REASONS, isCode, TEMPORARY_KINDS, TEMPORARY_REASONS, type TemporaryKind } from '../common/codes';
import { errorMessage, type Lang } from '../common/errors';

export interface TemporaryRequest {
  kind: TemporaryKind;
  reason: (typeof TEMPORARY_REASONS)[number];
  eventDate: string;
  /** Expenditure: E in fen. */
  spendingFen?: number;
  /** Emergency: the amount asked, fen. */
  requestedFen?: number;
}

const yuan = z
  .number()
  .nonnegative({ message: 'amount must not be negative' })
  .refine(isYuanAmount, { message: 'amount has more than two decimals' });

const block = z
  .object({
    kind: z.enum(TEMPORARY_KINDS),
    reason: z.string(),
    eventDate: z.string().refine(isIsoDate, { message: 'date must be YYYY-MM-DD and a real date' }),
    spending: yuan.optional(),
    amount: yuan.optional(),
    receipts: yuan.optional(),
  })
  .strict();

const msg = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

export function parseCaseFile(
  text: string,
  today: string,
  lang: Lang,
): { ok: true; file: HouseholdFile; request: TemporaryRequest } | { ok: false; error: FieldError } {
  const fail = (message: string, field: string) => ({ ok: false as const, error: { code: 'invalid_input' as const, message, field } });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail(msg(lang, `不是有效的 JSON：${errorMessage(e)}`, `not valid JSON: ${errorMessage(e)}`), '');
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json))
    return fail(msg(lang, '文件应为 JSON 对象', 'the file must be a JSON object'), '');
  const { temporary, ...rest } = { ...json } as Record<string, unknown>; // checked to be a plain object just above
  const household = parseHouseholdFile(JSON.stringify(rest), today);
  if (!household.ok) return { ok: false, error: household.error };
  if (temporary === undefined)
    return fail(msg(lang, '缺少 temporary 块（临时救助申请）', 'the temporary block (the request) is missing'), 'temporary');
  const r = block.safeParse(temporary);
  if (!r.success) {
    const e = zodIssueToFieldError(r.error.issues[0]);
    return fail(e.message, e.field ? `temporary.${e.field}` : 'temporary');
  }
  const t = r.data;
  if (!isCode(TEMPORARY_REASONS, t.reason))
    return fail(
      msg(lang, `未知的救助事由“${t.reason}”`, `unknown reason code "${t.reason}" (one of ${TEMPORARY_REASONS.join(', ')})`),
      'temporary.reason',
    );
  const allowed: readonly string[] = t.kind === 'emergency' ? EMERGENCY_REASONS : EXPENDITURE_REASONS;
  if (!allowed.includes(t.reason))
    return fail(
      msg(
        lang,
        `事由“${t.reason}”不属于${t.kind === 'emergency' ? '急难型' : '支出型'}救助`,
        `reason "${t.reason}" is not a reason of ${t.kind} assistance (${allowed.join(', ')})`,
      ),
      'temporary.reason',
    );
  if (t.kind === 'expenditure') {
    if (t.amount !== undefined)
      return fail(
        msg(lang, '支出型救助填写 spending（必需支出），不填 amount', 'an expenditure case gives spending, not amount'),
        'temporary.amount',
      );
    if (t.spending === undefined)
      return fail(msg(lang, '缺少必需支出 spending', 'spending is required for an expenditure case'), 'temporary.spending');
    return {
      ok: true,
      file: household.value,
      request: { kind: t.kind, reason: t.reason, eventDate: t.eventDate, spendingFen: yuanToFen(t.spending) },
    };
  }
  if (t.spending !== undefined)
    return fail(
      msg(lang, '急难型救助填写 amount（申请金额），不填 spending', 'an emergency case gives amount, not spending'),
      'temporary.spending',
    );
  if (t.amount === undefined) return fail(msg(lang, '缺少申请金额 amount', 'amount is required for an emergency case'), 'temporary.amount');
  if (t.amount === 0) return fail(msg(lang, '申请金额应大于 0', 'amount must be more than 0'), 'temporary.amount');
  return {
    ok: true,
    file: household.value,
    request: { kind: t.kind, reason: t.reason, eventDate: t.eventDate, requestedFen: yuanToFen(t.amount) },
  };
}
