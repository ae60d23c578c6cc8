/**
 * `safetynet scenario run|params`: a scenario from the command line (docs/rules/assistance.md §9),
 * money in yuan as the office writes it. Invalid input exits 2 with the error on stderr (main.ts).
 */
import { openOfficeStore } from './store';
import { parse, UsageError } from './args';
import { appError } from '../common/errors';
import { todayIso } from '../common/dates';
import { yuanToFen } from '../common/money';
import { parseSet, paramsInForce, unitOf, type Residence } from '../scenarios/define';
import { scenarioFinished, scenarioProgress, startScenario } from '../scenarios/run';
import { scenarioRun } from '../scenarios/runs';
import type { ParameterId } from '../common/parameters';

const USAGE = `safetynet scenario run --db FILE --set <parameter>[.urban|.rural]=<value> … --from YYYY-MM-DD [--name TEXT]
                      [--budget <yuan per month> --solve <parameter>[.urban|.rural]] [--json]
safetynet scenario params --db FILE [--date YYYY-MM-DD] [--json]`;

const yuan = (fen: number) => Math.round(fen) / 100;
const costYuan = (c: { before: number; after: number; delta: number }) => ({
  before: yuan(c.before),
  after: yuan(c.after),
  delta: yuan(c.delta),
});

export async function runScenarioCli(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'params') {
    const { values } = parse(rest, { db: { type: 'string' }, date: { type: 'string' }, json: { type: 'boolean' } });
    if (!values.db) throw new UsageError(USAGE);
    const store = await openOfficeStore(values.db);
    try {
      console.log(JSON.stringify(paramsInForce(store.raw, values.date ?? todayIso()), null, 2));
      return 0;
    } finally {
      await store.close();
    }
  }
  if (sub !== 'run') throw new UsageError(USAGE);
  const { values } = parse(rest, {
    db: { type: 'string' },
    set: { type: 'string', multiple: true },
    from: { type: 'string' },
    name: { type: 'string' },
    budget: { type: 'string' },
    solve: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (!values.db || !values.from) throw new UsageError(USAGE);
  const changes = (values.set ?? []).map(parseSet);
  let budget: { monthlyFen: number; parameterId: ParameterId; residence: Residence } | undefined;
  if ((values.budget === undefined) !== (values.solve === undefined))
    throw appError(
      'invalid_budget',
      '--budget and --solve go together.',
      '--budget 与 --solve 须同时给出。',
      values.budget ? 'solve' : 'budget',
    );
  if (values.budget !== undefined && values.solve !== undefined) {
    let monthlyFen: number;
    try {
      monthlyFen = yuanToFen(values.budget);
    } catch {
      throw appError('invalid_budget', '--budget is an amount in yuan per month.', '--budget 为每月金额（元）。', 'budget');
    }
    if (monthlyFen < 0)
      throw appError('invalid_budget', '--budget is an amount in yuan per month.', '--budget 为每月金额（元）。', 'budget');
    const m = /^([a-zA-Z.]+?)(?:\.(urban|rural))?$/.exec(values.solve);
    if (!m || !unitOf(m[1])) throw appError('invalid_solve', `Unknown parameter ${values.solve}.`, `未知参数 ${values.solve}。`, 'solve');
    budget = { monthlyFen, parameterId: parseSet(`${m[1]}=0`).parameterId, residence: (m[2] as Residence | undefined) ?? 'both' }; // the regex allows only these two
  }
  const store = await openOfficeStore(values.db);
  try {
    const name = values.name ?? `CLI ${values.from}`;
    const id = startScenario(
      store.raw,
      store.file,
      { name, effectiveFrom: values.from, changes, budget },
      { userId: null, username: 'cli' },
      new Date(),
    );
    const timer = setInterval(() => {
      const p = scenarioProgress(id);
      if (p) process.stderr.write(`\r${p.passes > 1 ? `pass ${p.pass}/${p.passes} ` : ''}${p.done}/${p.total} households`);
    }, 500);
    await scenarioFinished(id);
    clearInterval(timer);
    process.stderr.write('\n');
    const r = scenarioRun(store.raw, id);
    if (r.status !== 'done' || !r.summary) {
      process.stderr.write(JSON.stringify({ error: { code: 'scenario_failed', message: r.error ?? r.status } }) + '\n');
      return 1;
    }
    const s = r.summary;
    const byCost = <T extends { before: number; after: number; delta: number; householdsBefore: number; householdsAfter: number }>(
      x: T,
    ) => ({
      householdsBefore: x.householdsBefore,
      householdsAfter: x.householdsAfter,
      ...costYuan(x),
    });
    const out = {
      run: r.id,
      name: r.name,
      from: r.effectiveFrom,
      parametersBefore: r.beforeSet,
      changes: r.changes,
      registry: { auditSeq: r.auditSeq, epoch: r.registryEpoch },
      evaluated: s.evaluated,
      households: s.households,
      persons: s.persons,
      monthlyCost: costYuan(s.monthlyCost),
      annualCost: costYuan(s.annualCost),
      byTier: Object.fromEntries(s.byTier.map((t) => [t.tier, byCost(t)])),
      byTownship: Object.fromEntries(s.byTownship.map((t) => [t.name, { ...byCost(t), changed: t.changed }])),
      benefitChanges: s.deltas.map((d) => ({
        fromYuan: d.fromFen === null ? null : yuan(d.fromFen),
        toYuan: d.toFen === null ? null : yuan(d.toFen),
        households: d.households,
      })),
      gradualExits: { households: s.gradualExits.households, persons: s.gradualExits.persons, monthly: yuan(s.gradualExits.fen) },
      ...(r.solved
        ? {
            solved: {
              parameter: `${r.solved.parameterId}${r.solved.residence === 'both' ? '' : '.' + r.solved.residence}`,
              value: r.solved.valueYuan,
            },
            evaluations: r.evaluations,
          }
        : {}),
    };
    console.log(JSON.stringify(out, null, 2));
    return 0;
  } finally {
    await store.close();
  }
}
