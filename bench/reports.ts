/**
 * bench/reports — the monthly roster for N recipients (default 2,000 and 20,000):
 * time to compute it, time to print it to PDF (in parts, merged), pages per second, and the
 * ratio to Chromium printing a plain HTML table of the same rows in the same number of parts
 * in the same run; peak memory of this process and of the browser's processes.
 *
 *   node --import tsx bench/reports.ts [--sizes 2000,20000] [--pages-per-part 40] [--plaintext]
 *
 * Each size is measured in a fresh child process (so its peak memory is its own) on a demo
 * county cached in bench/.data/reports-<households>.db: enough households for N recipients
 * (about one household in four is paid), with one month of history; the roster is the county's
 * open month, cut to exactly N rows for printing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const DATA = path.join(here, '.data', 'reports');
const NOW = new Date('2026-11-29T08:00:00Z');
const MONTH = '2026-11';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

/** Sum of RSS (KiB) of every process descending from `root` whose name looks like a browser. */
function browserRssKb(root: number): number {
  const kids = new Map<number, number[]>();
  const names = new Map<number, string>();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      names.set(Number(d), name);
      (kids.get(ppid) ?? kids.set(ppid, []).get(ppid)!).push(Number(d));
    } catch {
      /* gone */
    }
  }
  let sum = 0;
  const walk = (p: number) => {
    for (const c of kids.get(p) ?? []) {
      if (/chrom/i.test(names.get(c) ?? '')) {
        try {
          sum += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${c}/status`, 'utf8'))?.[1] ?? 0);
        } catch {
          /* gone */
        }
      }
      walk(c);
    }
  };
  walk(root);
  return sum;
}

function sampler() {
  let peak = 0;
  const t = setInterval(() => {
    peak = Math.max(peak, browserRssKb(process.pid));
  }, 150);
  return {
    stop: () => {
      clearInterval(t);
      peak = Math.max(peak, browserRssKb(process.pid));
      return peak;
    },
  };
}

/** Without the cipher (db/open.ts `plaintext`), in files of their own: to tell the cipher's cost from the rest (bench/README.md, encryption). */
const PLAINTEXT = process.argv.includes('--plaintext');

async function prepare(recipients: number): Promise<string> {
  const households = Math.ceil(recipients / 0.24);
  const file = path.join(DATA, `reports-${households}${PLAINTEXT ? '-plain' : ''}.db`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(DATA, { recursive: true });
  const { createDemoDatabase } = await import('../src-main/demo/seed');
  const { seedDemoHistory } = await import('../src-main/demo/history');
  const { openStore } = await import('../src-main/db/open');
  const tmp = `${file}.tmp`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  await createDemoDatabase(tmp, { households, now: NOW });
  if (PLAINTEXT) (await import('./plaintext')).decryptInPlace(tmp);
  const store = await openStore(tmp, { plaintext: PLAINTEXT });
  seedDemoHistory(store.raw, { seed: 1, now: NOW, months: 1, referrals: false, paymentEvents: false });
  store.raw.pragma('wal_checkpoint(TRUNCATE)');
  await store.close();
  fs.renameSync(tmp, file);
  // The key file goes with its database (db/keys.ts keyFileOf).
  if (fs.existsSync(`${tmp}.key`)) fs.renameSync(`${tmp}.key`, `${file}.key`);
  return file;
}

function plainTable(rows: string[][], header: string[]): string {
  const style =
    '@page{size:A4;margin:10mm}body{font-family:"Noto Sans CJK SC",sans-serif;font-size:7.5pt}' +
    'table{border-collapse:collapse;width:100%}td,th{border:0.2mm solid #000;padding:0 0.8mm;height:5.2mm}';
  const head = header.map((h) => `<th>${h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${style}</style></head><body><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></body></html>`;
}

async function measure(recipients: number, perPart: number) {
  const file = await prepare(recipients);
  const { openStore } = await import('../src-main/db/open');
  const { rosterLines } = await import('../src-main/payments/roster');
  const { rosterForm } = await import('../src-main/reports/forms');
  const { renderDoc } = await import('../src-main/reports/layout');
  const { chromiumPrinter, docToPdfFile } = await import('../src-main/reports/pdf');
  const { mergePdfsInto } = await import('../src-main/reports/pdf-merge');
  const { formatFen } = await import('../src-main/common/money');
  const { maskIdNumber } = await import('../src-main/common/id-number');
  const store = await openStore(file, { migrate: false, plaintext: PLAINTEXT });

  // 1. compute: the roster from the determinations in force, the form, the paginated HTML.
  const t0 = performance.now();
  const computed = rosterLines(store.raw, MONTH).lines.length;
  const tCompute = performance.now() - t0;
  if (computed < recipients) throw new Error(`only ${computed} recipients in ${file}`);
  const raw = store.raw;
  const t1 = performance.now();
  const form = rosterForm(raw, MONTH, { now: NOW });
  // Cut to exactly N recipients for printing: the same rows for both printers.
  form.spec.blocks[0].rows = cutRows(form.spec.blocks[0].rows, recipients);
  const doc = renderDoc(form.spec);
  const parts = Math.ceil(doc.pages / perPart);
  const tLayout = performance.now() - t1;

  // 2. the app's PDF: parts printed by Chromium, each merged into the file as it comes.
  const printer = await chromiumPrinter();
  // Warm-up: the CJK font and both documents' styles are loaded before either is timed.
  await printer.print(
    renderDoc({ ...form.spec, blocks: [{ ...form.spec.blocks[0], rows: form.spec.blocks[0].rows.slice(0, 50) }] }).html(),
  );
  await printer.print(plainTable([['预热', '１２３']], ['序号', '村（社区）']));
  const s1 = sampler();
  const t2 = performance.now();
  const out = await docToPdfFile(doc, path.join(DATA, `roster-${recipients}.pdf`), { printer, pagesPerPart: perPart });
  const tPdf = performance.now() - t2;
  const browserPeakApp = s1.stop();
  const appPeakRss = process.resourceUsage().maxRSS;

  // 3. the reference: a plain HTML table of the same rows, same number of parts, same browser, same merge.
  // Read again only now, so that the app's peak above does not include the reference's rows.
  const lines = rosterLines(store.raw, MONTH).lines.slice(0, recipients);
  const header = [
    '序号',
    '村（社区）',
    '户主姓名',
    '身份证号码',
    '类别',
    '人数',
    '基本生活/差额',
    '分类施保',
    '护理补贴',
    '渐退',
    '调整',
    '合计（元）',
  ];
  const rows = lines.map((l, i) => [
    String(i + 1),
    l.village,
    l.headName,
    maskIdNumber(l.headIdNumber),
    l.tier,
    String(l.size),
    formatFen(l.baseFen),
    formatFen(l.addonFen),
    formatFen(l.careFen),
    formatFen(l.exitFen),
    formatFen(l.adjustFen),
    formatFen(l.amountFen),
  ]);
  const per = Math.ceil(rows.length / parts);
  const refFile = path.join(os.tmpdir(), `bench-reports-plain-${process.pid}.pdf`);
  let tRefPrint = 0;
  async function* plainParts() {
    for (let i = 0; i < rows.length; i += per) {
      const t = performance.now();
      const pdf = await printer.print(plainTable(rows.slice(i, i + per), header));
      tRefPrint += performance.now() - t;
      yield pdf;
    }
  }
  const s2 = sampler();
  const t3 = performance.now();
  const merged = await mergePdfsInto(refFile, plainParts());
  const tRef = performance.now() - t3;
  const browserPeakRef = s2.stop();
  fs.rmSync(refFile, { force: true });
  await printer.close();
  await store.close();
  const runRss = process.resourceUsage().maxRSS;
  return {
    recipients,
    households: computed,
    pages: out.pages,
    parts,
    refPages: merged.pages,
    computeMs: tCompute,
    layoutMs: tLayout,
    pdfMs: tPdf,
    pagesPerSecond: out.pages / (tPdf / 1000),
    refPrintMs: tRefPrint,
    refMs: tRef,
    ratio: tPdf / tRef,
    appPeakRssMb: appPeakRss / 1024,
    runPeakRssMb: runRss / 1024,
    browserPeakAppMb: browserPeakApp / 1024,
    browserPeakRefMb: browserPeakRef / 1024,
    pdfBytes: out.bytes,
  };
}

/** Keeps the first `n` data rows and the subtotal rows that close them, then recomputes nothing: the bench prints rows, not money. */
function cutRows<T extends { kind: string }>(rows: T[], n: number): T[] {
  let seen = 0;
  const out: T[] = [];
  for (const r of rows) {
    if (r.kind === 'data') {
      if (seen === n) break;
      seen++;
    }
    out.push(r);
  }
  const total = rows[rows.length - 1];
  if (out[out.length - 1] !== total) out.push(total);
  return out;
}

async function main() {
  if (process.argv.includes('--child')) {
    const r = await measure(Number(arg('size', '2000')), Number(arg('pages-per-part', '40')));
    process.stdout.write(`RESULT ${JSON.stringify(r)}\n`);
    return;
  }
  const sizes = arg('sizes', '2000,20000').split(',').map(Number);
  const per = arg('pages-per-part', '40');
  console.log(
    `bench/reports — monthly roster, ${per} pages per part, Chromium ${execFileSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim()}`,
  );
  console.log(
    'recipients | pages | parts | compute ms | layout ms | PDF ms | pages/s | plain table ms (print only) | ratio | app peak RSS MB (whole run) | browser peak MB (app / plain)',
  );
  for (const n of sizes) {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--child',
        '--size',
        String(n),
        '--pages-per-part',
        per,
        ...(PLAINTEXT ? ['--plaintext'] : []),
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    if (!line) {
      console.error(`size ${n} failed`, r.stdout);
      process.exitCode = 1;
      continue;
    }
    const x = JSON.parse(line.slice(7));
    console.log(
      `${x.recipients} | ${x.pages} | ${x.parts} | ${x.computeMs.toFixed(0)} | ${x.layoutMs.toFixed(0)} | ${x.pdfMs.toFixed(0)} | ` +
        `${x.pagesPerSecond.toFixed(1)} | ${x.refMs.toFixed(0)} (${x.refPrintMs.toFixed(0)}) | ${x.ratio.toFixed(2)}× | ` +
        `${x.appPeakRssMb.toFixed(0)} (${x.runPeakRssMb.toFixed(0)}) | ${x.browserPeakAppMb.toFixed(0)} / ${x.browserPeakRefMb.toFixed(0)}`,
    );
  }
}

await main();
