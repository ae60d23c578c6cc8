/**
 * `safetynet report roster|changes|publicity|chain|warnings|services|recovery|cases|spot-checks|… --db FILE [--month YYYY-MM]
 *   [--from YYYY-MM-DD --to YYYY-MM-DD] [--household ID] [--tier T] --format pdf|xlsx|html
 *   --out FILE` — the printed forms, headless (the warnings report takes a month, by default the
 *   current one, or a date range; with --household it adds the household's verification report): the same print
 * views as the app; PDF through playwright-core driving the system's Chromium (CHROMIUM_PATH
 * or /usr/bin/chromium), printed in parts and merged.
 */
import fs from 'node:fs';
import { openOfficeStore } from './store';
import { AppError } from '../common/errors';
import { monthOf, todayIso } from '../common/dates';
import { parse } from './args';
import { REPORT_KINDS, writeReport } from '../reports/render';
import { CASE_REPORT_KINDS } from '../reports/cases-forms';
import { errorMessage } from '../common/errors';

const USAGE =
  'usage: safetynet report roster|changes|publicity|chain|warnings|services|services_ledger|recovery|recovery_notice|cases|spot-checks|case-publicity ' +
  '--db FILE [--month YYYY-MM] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--household ID] [--tier T] [--provider ID] [--case ID] --format pdf|xlsx|html --out FILE';

export async function runReportCli(argv: string[]): Promise<number> {
  let values: Record<string, string | undefined>, positionals: string[];
  try {
    ({ values, positionals } = parse(argv, {
      db: { type: 'string' },
      month: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      household: { type: 'string' },
      tier: { type: 'string' },
      provider: { type: 'string' },
      case: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    }));
  } catch (e) {
    process.stderr.write(JSON.stringify({ error: { code: 'usage', message: `${errorMessage(e)}\n${USAGE}` } }) + '\n');
    return 2;
  }
  const bad = (message: string, field: string) => {
    process.stderr.write(JSON.stringify({ error: { code: 'usage', message: `${message}\n${USAGE}`, field } }) + '\n');
    return 2;
  };
  const kind = [...REPORT_KINDS, ...CASE_REPORT_KINDS].find((k) => k === positionals[0]);
  if (!kind) return bad(`unknown report "${positionals[0] ?? ''}"`, 'kind');
  if (!values.db || !fs.existsSync(values.db)) return bad('--db FILE (an existing database) is required', 'db');
  const format = (['pdf', 'xlsx', 'html'] as const).find((f) => f === values.format);
  if (!format) return bad('--format must be pdf, xlsx or html', 'format');
  if (!values.out) return bad('--out FILE is required', 'out');
  if (values.month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(values.month)) return bad('--month must be YYYY-MM', 'month');
  if (kind === 'chain' && !/^\d+$/.test(values.household ?? '')) return bad('--household ID is required for the chain report', 'household');
  if (values.household !== undefined && !/^\d+$/.test(values.household)) return bad('--household must be a household number', 'household');
  // Service assistance and recovery (docs/rules/temporary-service-recovery.md §12, §13): a provider's ledger, a case's notice.
  if (kind === 'services_ledger' && !/^\d+$/.test(values.provider ?? ''))
    return bad('--provider ID is required for a service ledger', 'provider');
  if (kind === 'recovery_notice' && !/^\d+$/.test(values.case ?? '')) return bad('--case ID is required for a recovery notice', 'case');
  for (const k of ['from', 'to'] as const) {
    if (values[k] !== undefined && kind !== 'warnings') return bad(`--${k} is for the warnings report only`, k);
    if (values[k] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values[k]!)) return bad(`--${k} must be YYYY-MM-DD`, k);
  }
  if (values.month && (values.from || values.to)) return bad('give either --month or --from/--to', 'month');
  const now = new Date();
  const store = await openOfficeStore(values.db);
  try {
    const t0 = Date.now();
    const f = await writeReport(
      store.raw,
      {
        kind,
        format,
        householdId: values.household ? Number(values.household) : undefined,
        tier: values.tier,
        providerId: values.provider ? Number(values.provider) : undefined,
        caseId: values.case ? Number(values.case) : undefined,
        // The warnings report: a date range when given; every warning of a household when only --household is given.
        ...(kind === 'warnings' && (values.from || values.to)
          ? { from: values.from, to: values.to }
          : kind === 'warnings' && values.household && !values.month
            ? {}
            : { month: values.month ?? monthOf(todayIso(now)) }),
      },
      now,
      values.out,
      { onProgress: (d, t) => process.stderr.write(`\r${d}/${t} pages`) },
    );
    if (format === 'pdf') process.stderr.write('\n');
    console.log(
      `${f.fileName} → ${values.out} (${f.pages !== null ? `${f.pages} pages, ` : ''}${f.bytes} bytes, ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    );
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      process.stderr.write(JSON.stringify({ error: e.toBody('en') }) + '\n');
      return e.code === 'invalid_input' ? 2 : 1;
    }
    throw e;
  } finally {
    await store.close();
  }
}
