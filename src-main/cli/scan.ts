/** `safetynet scan --db FILE [--date]`: the proactive scan from the command line. */
import { openOfficeStore } from './store';
import { isIsoDate } from '../common/dates';
import { appError } from '../common/errors';
import { ensureDefaultParameters } from '../policy/parameter-store';
import { startScan, scanFinished, scanStatus } from '../scan/runner';
import type { Lang } from '../common/errors';
import { SCAN_KIND_LABEL } from '../common/labels';

export async function runScanCli(dbFile: string, date: string, lang: Lang): Promise<number> {
  if (!isIsoDate(date)) throw appError('invalid_input', '--date must be YYYY-MM-DD', '--date 须为 YYYY-MM-DD', 'date');
  const store = await openOfficeStore(dbFile);
  try {
    ensureDefaultParameters(store.raw, new Date());
    const t0 = Date.now();
    const id = startScan(
      store.raw,
      store.file,
      { referenceDate: date, trigger: 'manual', actor: { userId: null, username: 'cli' } },
      new Date(),
    );
    const timer = setInterval(() => {
      const s = scanStatus(store.raw, id);
      if (s) process.stderr.write(`\r${s.done}/${s.total} households`);
    }, 500);
    await scanFinished(id);
    clearInterval(timer);
    const s = scanStatus(store.raw, id)!;
    process.stderr.write('\n');
    if (s.status !== 'done') {
      process.stderr.write(`scan ${s.status}: ${s.error ?? ''}\n`);
      return 1;
    }
    const secs = (Date.now() - t0) / 1000;
    console.log(
      JSON.stringify(
        {
          scan: id,
          referenceDate: date,
          parameterSet: s.parameterSet,
          households: s.total,
          seconds: Math.round(secs * 10) / 10,
          counts: s.counts,
        },
        null,
        2,
      ),
    );
    for (const [k, n] of Object.entries(s.counts)) process.stderr.write(`${SCAN_KIND_LABEL[k]?.[lang] ?? k}: ${n}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
