/**
 * `safetynet screen FILE.json [--date YYYY-MM-DD] [--lang zh|en]` (docs/rules/household-file.md):
 * exit 0 with the screen JSON on stdout; 2 with `{"error":{code,message,field}}` on stderr for
 * invalid input (options, JSON, schema, no parameters in force on the date); 1 otherwise.
 * All effects go through `io` so tests run it without a process.
 */
import { parseHouseholdFile } from '../common/household-file';
import { isIsoDate } from '../common/dates';
import { evaluate } from '../policy/engine';
import { DEMO_PARAMETERS, ParameterError, resolveParameters } from '../common/parameters';
import type { Lang } from '../policy/render';
import { toScreenOutput } from '../policy/screen-output';
import { peopleOf } from '../policy/render';
import { parse } from './args';
import { errorMessage } from '../common/errors';

export interface ScreenIo {
  readFile: (path: string) => string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Workstation date, YYYY-MM-DD: the default reference date and the bound for birth dates. */
  today: string;
  /** System locale (e.g. `zh-CN`, `en-US`): the default language of the reasons. */
  locale: string;
}

const msg = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);

/** `argv` is what follows `screen` on the command line. */
export function runScreen(argv: string[], io: ScreenIo): number {
  let lang: Lang = /^en\b/i.test(io.locale) ? 'en' : 'zh';
  const fail = (exit: number, code: string, message: string, field: string): number => {
    io.stderr(JSON.stringify({ error: { code, message, field } }) + '\n');
    return exit;
  };
  try {
    let values: Record<string, string | undefined>;
    let positionals: string[];
    try {
      ({ values, positionals } = parse(argv, { date: { type: 'string' }, lang: { type: 'string' } }));
    } catch (e) {
      return fail(2, 'usage', errorMessage(e), '');
    }
    if (values.lang !== undefined) {
      if (values.lang !== 'zh' && values.lang !== 'en')
        return fail(2, 'invalid_argument', msg(lang, '--lang 只能是 zh 或 en', '--lang must be zh or en'), '--lang');
      lang = values.lang;
    }
    if (positionals.length !== 1) {
      return fail(
        2,
        'usage',
        msg(
          lang,
          '用法：safetynet screen FILE.json [--date YYYY-MM-DD] [--lang zh|en]',
          'usage: safetynet screen FILE.json [--date YYYY-MM-DD] [--lang zh|en]',
        ),
        '',
      );
    }
    if (values.date !== undefined && !isIsoDate(values.date)) {
      return fail(
        2,
        'invalid_argument',
        msg(lang, '--date 须为 YYYY-MM-DD 格式的有效日期', '--date must be a real date written YYYY-MM-DD'),
        '--date',
      );
    }

    let text: string;
    try {
      text = io.readFile(positionals[0]);
    } catch (e) {
      return fail(
        1,
        'file_unreadable',
        msg(lang, `无法读取文件 ${positionals[0]}：${errorMessage(e)}`, `cannot read ${positionals[0]}: ${errorMessage(e)}`),
        '',
      );
    }
    const parsed = parseHouseholdFile(text, io.today);
    if (!parsed.ok) return fail(2, parsed.error.code, parsed.error.message, parsed.error.field);

    const referenceDate = values.date ?? parsed.value.referenceDate ?? io.today;
    let params;
    try {
      params = resolveParameters(DEMO_PARAMETERS, referenceDate);
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      return fail(
        2,
        'no_parameters',
        msg(lang, `${referenceDate} 没有生效的救助参数`, `no assistance parameters are in force on ${referenceDate}`),
        values.date !== undefined ? '--date' : 'referenceDate',
      );
    }
    const determination = evaluate(parsed.value.household, params, referenceDate);
    io.stdout(JSON.stringify(toScreenOutput(determination, lang, peopleOf(parsed.value.household)), null, 2) + '\n');
    return 0;
  } catch (e) {
    return fail(1, 'internal', errorMessage(e), '');
  }
}
