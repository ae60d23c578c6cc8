/**
 * `safetynet temporary assess CASE.json [--date YYYY-MM-DD] [--lang zh|en] [--db FILE]`
 * (docs/rules/temporary-service-recovery.md §11.2, §11.3): the amount and band of one request.
 * CASE.json is a household file v1 with a `temporary` block (src-main/temporary/case-file.ts).
 * S and the other figures are those in force on the event date — the shipped county values, or
 * the office's dated values with `--db`; `--date` sets today (for the ID checks), never the event
 * date. Exit 0 with the result on stdout, eligible or not; 2 with `{"error":{code,message,field}}`
 * on stderr for invalid input, as `safetynet screen` does; 1 otherwise.
 */
import { isIsoDate } from '../common/dates';
import { errorMessage, type Lang } from '../common/errors';
import { DEMO_PARAMETERS, ParameterError, resolveParameters, type ParameterHistory } from '../common/parameters';
import { fenToYuan } from '../common/money';
import { assess } from '../temporary/assess';
import { parseCaseFile } from '../temporary/case-file';
import { shippedTemporaryParameters, resolveTemporaryRules, type TemporaryParameterRow } from '../temporary/parameters';
import { renderTemporaryReason } from '../temporary/reasons';
import { AppError } from '../common/errors';
import { parse } from './args';
import type { ScreenIo } from './screen';

export interface TemporaryIo extends ScreenIo {
  /** The office's dated parameters (`--db FILE`). */
  officeParameters?: (db: string) => Promise<{ history: ParameterHistory; temporary: TemporaryParameterRow[] }>;
}

const msg = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);
const USAGE = 'safetynet temporary assess CASE.json [--date YYYY-MM-DD] [--lang zh|en] [--db FILE]';

/** `argv` is what follows `temporary` on the command line. */
export async function runTemporaryCli(argv: string[], io: TemporaryIo): Promise<number> {
  let lang: Lang = /^en\b/i.test(io.locale) ? 'en' : 'zh';
  const fail = (exit: number, code: string, message: string, field: string): number => {
    io.stderr(JSON.stringify({ error: { code, message, field } }) + '\n');
    return exit;
  };
  try {
    let values: Record<string, string | undefined>;
    let positionals: string[];
    try {
      ({ values, positionals } = parse(argv, { date: { type: 'string' }, lang: { type: 'string' }, db: { type: 'string' } }));
    } catch (e) {
      return fail(2, 'usage', `${errorMessage(e)}\n${USAGE}`, '');
    }
    if (values.lang !== undefined) {
      if (values.lang !== 'zh' && values.lang !== 'en')
        return fail(2, 'invalid_argument', msg(lang, '--lang 只能是 zh 或 en', '--lang must be zh or en'), '--lang');
      lang = values.lang;
    }
    if (positionals[0] !== 'assess' || positionals.length !== 2)
      return fail(2, 'usage', msg(lang, `用法：${USAGE}`, `usage: ${USAGE}`), '');
    if (values.date !== undefined && !isIsoDate(values.date))
      return fail(
        2,
        'invalid_argument',
        msg(lang, '--date 须为 YYYY-MM-DD 格式的有效日期', '--date must be a real date written YYYY-MM-DD'),
        '--date',
      );
    let text: string;
    try {
      text = io.readFile(positionals[1]);
    } catch (e) {
      return fail(
        1,
        'file_unreadable',
        msg(lang, `无法读取文件 ${positionals[1]}：${errorMessage(e)}`, `cannot read ${positionals[1]}: ${errorMessage(e)}`),
        '',
      );
    }
    const parsed = parseCaseFile(text, values.date ?? io.today, lang);
    if (!parsed.ok) return fail(2, parsed.error.code, parsed.error.message, parsed.error.field);
    const { file, request } = parsed;

    let office: Awaited<ReturnType<NonNullable<TemporaryIo['officeParameters']>>> | null = null;
    try {
      office = values.db !== undefined && io.officeParameters ? await io.officeParameters(values.db) : null;
    } catch (e) {
      if (e instanceof AppError) return fail(2, e.code, e.messages[lang], '--db');
      throw e;
    }
    const history = office?.history ?? DEMO_PARAMETERS;
    let set;
    try {
      set = resolveParameters(history, request.eventDate);
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      return fail(
        2,
        'no_parameters',
        msg(lang, `${request.eventDate} 没有生效的救助参数`, `no assistance parameters are in force on ${request.eventDate}`),
        'temporary.eventDate',
      );
    }
    let rules;
    try {
      rules = resolveTemporaryRules(office?.temporary ?? shippedTemporaryParameters(), request.eventDate);
    } catch (e) {
      if (e instanceof AppError) return fail(2, e.code, e.messages[lang], 'temporary.eventDate');
      throw e;
    }
    const h = file.household;
    const r = assess({ household: h, tier: h.current?.tier ?? null, ...request }, { values: set.values[h.residence], rules });
    const out = {
      eligible: r.eligible,
      amount: fenToYuan(r.amountFen),
      cap: fenToYuan(r.capFen),
      band: r.band,
      caseByCase: r.caseByCase,
      reasons: r.reasons.map((x) => renderTemporaryReason(x, lang)),
    };
    io.stdout(JSON.stringify(out, null, 2) + '\n');
    return 0;
  } catch (e) {
    return fail(1, 'internal', errorMessage(e), '');
  }
}

/** `--db FILE`: the office's dated county and temporary-assistance parameters (the database is migrated as the app would). */
export async function officeTemporaryParameters(db: string): Promise<{ history: ParameterHistory; temporary: TemporaryParameterRow[] }> {
  const { openOfficeStore } = await import('./store');
  const { loadHistory } = await import('../policy/parameter-store');
  const { listTemporaryParameters } = await import('../temporary/parameters');
  const fs = await import('node:fs');
  if (!fs.existsSync(db))
    throw new AppError('invalid_argument', { en: `--db: there is no database ${db}`, zh: `--db：数据库 ${db} 不存在` });
  const store = await openOfficeStore(db);
  try {
    return { history: loadHistory(store.raw), temporary: listTemporaryParameters(store.raw) };
  } finally {
    await store.close();
  }
}
