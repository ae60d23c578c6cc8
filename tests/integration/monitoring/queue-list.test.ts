/**
 * The warning queue as a list (UX.md "Habits", contract/lists.ts): sorted by each of its columns over all its pages — the order
 * across pages, not only the first — and exported to XLSX with the rows shown in the order shown, words not codes, and the
 * office's name in the title row; the export is audited.
 */
import { describe, expect, it } from 'vitest';
import { adminService, household, idFor, typedClient } from '../../fixtures/builders';
import { allPages, expectNoCodes, expectOrdered, readListXlsx, type Key } from '../../fixtures/lists';
import { first, qb } from '../../../src-main/db/query';
import { raiseWarning } from '../../../src-main/monitoring/warnings';
import { WorkCalendar } from '../../../src-main/monitoring/calendar';
import { WARNING_OUTCOMES, WARNING_RULES, type WarningRuleId } from '../../../src-main/common/codes';
import { WARNING_SORT_KEYS } from '../../../src-main/contract/monitoring';
import type { Output } from '../../../src-main/contract/index';

type Item = Output<'monitoring.queue'>['items'][number];
const NOW = new Date('2026-11-30T09:00:00Z');

const PEOPLE = [
  { name: '赵德胜', township: '河口乡', village: '北村', seq: 21 },
  { name: '安小平', township: '城关镇', village: '东街社区', seq: 22 },
  { name: '孙丽', township: '城关镇', village: '西街社区', seq: 23 },
  { name: '白玉兰', township: '河口乡', village: '南村', seq: 24 },
  { name: '陈志强', township: '城关镇', village: '东街社区', seq: 25 },
];
const RAISED: [WarningRuleId, number, string][] = [
  ['death', 0, '2026-11-02'],
  ['hospital_cost', 1, '2026-11-20'],
  ['unemployment', 2, '2026-10-05'],
  ['vehicle_found', 3, '2026-11-12'],
  ['turns_60', 4, '2026-11-02'],
  ['hospital_cost', 0, '2026-11-25'],
  ['pension_start', 1, '2026-09-30'],
  ['disaster', 2, '2026-11-28'],
  ['income_record', 3, '2026-11-02'],
  ['new_disability', 4, '2026-10-20'],
  ['graduated', 0, '2026-11-15'],
];

async function office() {
  const s = await adminService({ now: () => NOW, idleLockMinutes: 1_000_000 }, [
    { username: 'clerk1', role: 'clerk', displayName: '张敏' },
    { username: 'mgr1', role: 'manager', displayName: '陈刚' },
  ]);
  const raw = s.store.raw;
  const ids: number[] = [];
  for (const p of PEOPLE) {
    const hh = household({
      area: { township: p.township, village: p.village },
      members: [{ idNumber: idFor('1966-02-01', p.seq), name: p.name, relation: 'head', status: 'present', labour: 'unable' }],
    });
    ids.push((await s.api.value('households.create', { household: hh }, s.accounts.clerk1)).id);
  }
  const cal = WorkCalendar.load(raw);
  RAISED.forEach(([rule, who, raisedOn], i) => {
    const p = PEOPLE[who];
    const m = first(raw, qb.selectFrom('members').select(['id', 'household_id']).where('id_number', '=', idFor('1966-02-01', p.seq)));
    const area = first(raw, qb.selectFrom('households').select('area_id').where('id', '=', ids[who]));
    raw.transaction(() =>
      raiseWarning(raw, {
        rule,
        householdId: m!.household_id,
        memberId: m!.id,
        idNumber: idFor('1966-02-01', p.seq),
        personName: p.name,
        areaId: area!.area_id,
        evidenceKey: `k${i}`,
        evidence: `证据 ${i}`,
        source: 'registry',
        importId: null,
        raisedOn,
        department: 'civil_affairs',
        calendar: cal,
        actor: { userId: null, username: 'system' },
      }),
    )();
  });
  const userId = (u: string) => first(raw, qb.selectFrom('users').select('id').where('username', '=', u))!.id;
  const warnings = (await s.api.value('monitoring.queue', { status: 'all', pageSize: 500 })).items;
  const mgr = s.accounts.mgr1;
  await s.api.value('monitoring.assign', { ids: warnings.slice(0, 3).map((w) => w.id), assigneeId: userId('clerk1') }, mgr);
  await s.api.value('monitoring.assign', { ids: warnings.slice(5, 7).map((w) => w.id), assigneeId: userId('mgr1') }, mgr);
  for (const w of warnings.slice(2, 6)) {
    await s.api.value(
      'monitoring.recordVisit',
      { warningId: w.id, kind: 'verification', visitDate: '2026-11-29', staff: ['张敏'], findings: '已核实情况' },
      s.accounts.clerk1,
    );
  }
  await s.api.value(
    'monitoring.recordVisit',
    { warningId: warnings[3].id, kind: 'verification', visitDate: '2026-11-29', staff: ['张敏'], findings: '再次核实' },
    s.accounts.clerk1,
  );
  await s.api.value('monitoring.close', { warningId: warnings[2].id, outcome: 'no_change', note: '核查无变化' }, s.accounts.clerk1);
  await s.api.value('monitoring.close', { warningId: warnings[4].id, outcome: 'no_change', note: '核查无变化' }, s.accounts.clerk1);
  return s;
}

const zh = (s: string | null): Key => ({ zh: s });
const RULE_KEY = (w: Item): Key => zh(w.ruleText);
/** What each column shows, as the test compares it (the service's whitelist must sort the same way). */
const SHOWN: Record<(typeof WARNING_SORT_KEYS)[number], (w: Item) => Key | Key[]> = {
  id: (w) => w.id,
  severity: (w) => (w.severity === 'urgent' ? 0 : 1),
  rule: RULE_KEY,
  personName: (w) => zh(w.personName),
  area: (w) => [zh(w.township), zh(w.village)],
  raisedOn: (w) => w.raisedOn,
  dueOn: (w) => w.dueOn,
  assigneeName: (w) => zh(w.assigneeName),
  visits: (w) => w.visits,
  status: (w) => [w.status === 'open' ? 0 : 1, w.outcome === null ? null : WARNING_OUTCOMES.indexOf(w.outcome)],
};

describe('the warning queue sorted over all its pages and exported as shown', () => {
  it('sorts by every column, both ways, across pages; the export has the shown rows in the shown order, in words', async () => {
    const s = await office();
    const PAGE = 4;
    for (const key of WARNING_SORT_KEYS) {
      for (const dir of ['asc', 'desc'] as const) {
        const { rows, pages } = await allPages(async (page) => {
          const r = await s.api.value('monitoring.queue', { status: 'all', sort: { key, dir }, page, pageSize: PAGE });
          return { rows: r.items, total: r.total };
        }, PAGE);
        expect(rows.length).toBe(RAISED.length);
        expect(pages).toBeGreaterThan(2);
        expectOrdered(rows, SHOWN[key], dir, key);
      }
    }

    // A filter and a sort: the export holds exactly the rows shown, in their order, with the office's name on top.
    const shown = { status: 'all' as const, severity: 'normal' as const, sort: { key: 'personName' as const, dir: 'desc' as const } };
    const page = (await s.api.value('monitoring.queue', { ...shown, pageSize: 500 })).items;
    const file = await typedClient(s.service, s.session, 'zh').value('monitoring.exportXlsx', shown);
    expect(file.rows).toBe(page.length);
    expect(file.fileName).toMatch(/^动态监测预警-2026-11-30\.xlsx$/);
    const x = await readListXlsx(file.base64);
    expect(x.title).toContain('动态监测预警清单');
    expect(x.header.slice(0, 3)).toEqual(['预警编号', '紧急程度', '预警规则']);
    expect(x.rows.map((r) => Number(r[0]))).toEqual(page.map((w) => w.id));
    expect(x.rows.map((r) => r[2])).toEqual(page.map((w) => w.ruleText));
    expect(new Set(x.rows.map((r) => r[1]))).toEqual(new Set(['一般']));
    expect(x.rows.some((r) => r[13] === '无变化')).toBe(true);
    expectNoCodes(x.rows, [...WARNING_RULES, ...WARNING_OUTCOMES, 'open', 'closed', 'urgent', 'normal']);

    // An unknown column is refused by the contract, naming the field.
    const bad = await s.api.raw('monitoring.queue', { sort: { key: 'id_number', dir: 'asc' } });
    expect(bad.ok).toBe(false);

    // Audited as an export, once per call.
    const audit = first(
      s.store.raw,
      qb.selectFrom('audit_log').select(['action', 'entity', 'summary']).where('action', '=', 'export').where('entity', '=', 'warning'),
    );
    expect(audit?.summary).toContain(`${page.length} warnings to XLSX`);
  });
});
