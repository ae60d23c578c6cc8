/**
 * bench/import.ts's figures as bench/README.md shows them: per file and app path the median of
 * the runs with their spread (min–max), the staging/apply split of the median run, CPU, the
 * peak RSS, and the ratio of the medians to `.import`'s. Written between two markers in the
 * "## import" section, replacing the last run's block; the prose around it is kept by hand.
 */
import fs from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';

export interface Timed {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  stagedMs?: number;
  /** The import's summary (app runs): its keys of docs/rules/assistance.md §6, `rejected` counted. */
  summary?: Record<string, string | number | boolean>;
}

export interface Figures {
  file: string;
  rows: number;
  bytes: number;
  /** `.import`'s runs (none for a file it does not read: GB18030). */
  refs: Timed[];
  /** Per app path, its runs. */
  apps: Timed[][];
}

const BEGIN = '<!-- bench/import.ts: last run -->',
  END = '<!-- bench/import.ts: end of last run -->';

const median = (xs: Timed[]): Timed => [...xs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((xs.length - 1) / 2)];
const s2 = (ms: number) => (ms / 1000).toFixed(2);
const spread = (xs: Timed[]) =>
  `${s2(median(xs).wallMs)} (${s2(Math.min(...xs.map((x) => x.wallMs)))}–${s2(Math.max(...xs.map((x) => x.wallMs)))})`;
/** CPU seconds: the median of the runs (each run's own, not the median wall run's) and their spread. */
const cpu = (xs: Timed[]) => {
  const c = xs.map((x) => x.cpuMs).sort((a, b) => a - b);
  const mid = c[Math.floor((c.length - 1) / 2)];
  return { median: mid, text: `${s2(mid)} (${s2(c[0])}–${s2(c.at(-1)!)})` };
};
const rss = (xs: Timed[]) => {
  const sorted = xs.map((x) => x.maxRssMb).sort((a, b) => a - b);
  return `${Math.round(sorted[Math.floor((sorted.length - 1) / 2)])} (${Math.round(sorted.at(-1)!)})`;
};

/** What every run must agree on: the summary but the file's name and hash (a GB18030 copy is another file). */
function agreed(f: Figures): string {
  const keys = new Set<string>();
  for (const runs of f.apps)
    for (const r of runs) {
      const { file: _f, sha256: _s, ...rest } = r.summary ?? {};
      keys.add(JSON.stringify(rest));
    }
  if (keys.size !== 1) throw new Error(`the runs of ${f.file} ${f.rows} do not agree on the summary: ${[...keys].join(' / ')}`);
  return [...keys][0];
}

export function results(figures: Figures[], labels: string[], meta: { households: number; repeat: number; loadStart: number[] }): string {
  for (const f of figures) agreed(f);
  const utf8 = figures.filter((f) => f.refs.length > 0);
  const refOf = (f: Figures) => (f.refs.length ? f.refs : (utf8.find((u) => u.rows === f.rows)?.refs ?? []));
  const lines = [
    '| file | rows | MB | app | wall s, median (min–max) | staging / apply s | CPU s, median (min–max) | peak RSS MB, median (max) | `.import` wall s, median (min–max) | ratio, wall / CPU |',
    '|---|---:|---:|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const f of figures) {
    const ref = refOf(f);
    f.apps.forEach((runs, i) => {
      const m = median(runs);
      const split = m.stagedMs ? `${s2(m.stagedMs)} / ${s2(m.wallMs - m.stagedMs)}` : '—';
      const r = ref.length ? median(ref) : null;
      const ratio = r
        ? `${(m.wallMs / r.wallMs).toFixed(2)}× / ${(cpu(runs).median / cpu(ref).median).toFixed(2)}×${f.refs.length ? '' : ' (UTF-8 .import)'}`
        : '—';
      const refText = f.refs.length ? spread(f.refs) : '—';
      lines.push(
        `| ${f.file} | ${f.rows.toLocaleString('en')} | ${(f.bytes / 1e6).toFixed(1)} | ${labels[i]} | ${spread(runs)} | ${split} | ${cpu(runs).text} | ${rss(runs)} | ${refText} | ${ratio} |`,
      );
    });
  }
  const all = (xs: Timed[]) => xs.map((x) => s2(x.wallMs)).join(', ');
  const runsText = figures
    .map(
      (f) =>
        `${f.file} ${f.rows.toLocaleString('en')}: ${f.apps.map((runs, i) => `${labels[i]} ${all(runs)}`).join('; ')}${f.refs.length ? `; .import ${all(f.refs)}` : ''}`,
    )
    .join('. ');
  const big = figures.find((f) => f.file === 'UTF-8' && f.rows === Math.max(...figures.map((x) => x.rows)));
  const load = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' ');
  const sqlite = spawnSync('sqlite3', ['--version'], { encoding: 'utf8' }).stdout.split(' ')[0];
  return [
    BEGIN,
    `Run ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()} (${Math.round(os.totalmem() / 2 ** 30)} GB), Node ${process.version},`,
    `load average ${load(meta.loadStart)} at the start and ${load(os.loadavg())} at the end; demo county of ${meta.households.toLocaleString('en')} households;`,
    `source \`medical_insurance\`; sqlite3 ${sqlite}. ${meta.repeat} rounds, in each \`.import\` then the app path${labels.length > 1 ? 's in alternating order' : ''}.`,
    '',
    ...lines,
    '',
    `All runs, wall s: ${runsText}.`,
    ...(big ? [`${big.rows.toLocaleString('en')}-row summary (every run alike): ${agreed(big)}.`] : []),
    END,
  ].join('\n');
}

/** Replaces the last run's block in the "## import" section of the README (or adds it at the section's end). */
export function appendResults(readme: string, text: string): void {
  const cur = fs.readFileSync(readme, 'utf8');
  const at = cur.indexOf(BEGIN),
    to = cur.indexOf(END);
  if (at >= 0 && to > at) {
    fs.writeFileSync(readme, cur.slice(0, at) + text + cur.slice(to + END.length));
    return;
  }
  const section = /## import\n[\s\S]*?(?=\n## |$)/.exec(cur);
  if (!section) throw new Error('bench/README.md has no "## import" section');
  const end = section.index + section[0].length;
  fs.writeFileSync(readme, cur.slice(0, end).trimEnd() + '\n\n' + text + '\n' + cur.slice(end));
}
