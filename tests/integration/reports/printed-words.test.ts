/**
 * Every printed form the demo county gives, read back with pdftotext (issue 21, item 1): no
 * code where a word belongs (`hospital_cost`, `open`), no summary cut with "…", a signature
 * block never alone on a page; each chain entry with its own department and legal basis (item 2).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../fixtures/builders';
import { artifacts } from '../../fixtures/paths';
import { createDemoDatabase } from '../../../src-main/demo/seed';
import { openStore, type Store } from '../../../src-main/db/open';
import { renderReport, type ReportRequest } from '../../../src-main/reports/render';
import { all, first, qb } from '../../../src-main/db/query';
import { raiseWarning } from '../../../src-main/monitoring/warnings';
import { WorkCalendar } from '../../../src-main/monitoring/calendar';
import { appendChainEvent, listChain } from '../../../src-main/chain/events';
import { CHAIN_STATUS_LABEL, DEPARTMENT_LABEL } from '../../../src-main/common/chain-labels';
import { CHAIN_KINDS, WARNING_RULES } from '../../../src-main/common/codes';

const ART = artifacts('printed-words');
fs.mkdirSync(ART, { recursive: true });
const NOW = new Date('2026-11-29T08:00:00Z');
let store: Store;
let busiest = 0;
let tekun = 0;

/** Codes a form must never print: snake_case tokens, the warning rules, and every status a chain entry holds. */
const CODE_WORDS = new Set<string>([
  ...WARNING_RULES,
  ...Object.keys(CHAIN_STATUS_LABEL),
  ...Object.keys(DEPARTMENT_LABEL),
  ...CHAIN_KINDS,
]);
function codesIn(text: string): string[] {
  const tokens = text.match(/[A-Za-z][A-Za-z_]*/g) ?? [];
  return tokens.filter((t) => /^[a-z]+(_[a-z]+)+$/.test(t) || CODE_WORDS.has(t));
}

function pdfPages(file: string): string[] {
  const n = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  return Array.from({ length: n }, (_, i) =>
    execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }),
  );
}

beforeAll(async () => {
  const file = path.join(tempDir(), 'demo.db');
  await createDemoDatabase(file, { households: 300, now: NOW });
  store = await openStore(file);
  const raw = store.raw;
  busiest = first(
    raw,
    qb
      .selectFrom('chain_events')
      .select(['household_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('household_id')
      .orderBy('n', 'desc')
      .orderBy('household_id'),
  )!.household_id;
  tekun = first(raw, qb.selectFrom('households').select('id').where('current_tier', '=', 'tekun').orderBy('id'))!.id;
  // A warning (an item that is a rule, a status `open`) and a long summary on the busiest household.
  const m = first(
    raw,
    qb
      .selectFrom('members as m')
      .innerJoin('households as h', 'h.id', 'm.household_id')
      .select(['m.id', 'm.name', 'm.id_number', 'h.area_id'])
      .where('m.household_id', '=', busiest),
  )!;
  raw.transaction(() => {
    raiseWarning(raw, {
      rule: 'hospital_cost',
      householdId: busiest,
      memberId: m.id,
      idNumber: m.id_number,
      personName: m.name,
      areaId: m.area_id,
      evidenceKey: 'printed-words',
      evidence: '医保结算：住院个人自付 18,000.00 元',
      source: 'medical_insurance',
      importId: null,
      raisedOn: '2026-11-20',
      department: 'medical_insurance',
      calendar: WorkCalendar.load(raw),
      actor: { userId: null, username: 'system' },
    });
    appendChainEvent(raw, {
      householdId: busiest,
      at: '2026-11-21',
      kind: 'visit',
      department: 'civil_affairs',
      item: 'home_visit',
      status: 'recorded',
      summary: `入户调查（张三、李四）：${'住院后家中无劳动力，子女在外务工，收入不稳定，需要进一步核实医疗费用和其他救助情况。'.repeat(3)}结束`,
      recordedBy: 'clerk',
    });
  })();
}, 180_000);

afterAll(async () => {
  await store?.close();
});

describe('printed forms of the demo county, read back', () => {
  it('print no code, cut no text and never leave the signature block alone on a page', async () => {
    const forms: Array<[string, ReportRequest]> = [
      ['roster', { kind: 'roster', month: '2026-10', format: 'pdf' }],
      ['publicity', { kind: 'publicity', month: '2026-10', format: 'pdf' }],
      ['changes', { kind: 'changes', month: '2026-10', format: 'pdf' }],
      ['chain-busiest', { kind: 'chain', householdId: busiest, format: 'pdf' }],
      ['chain-tekun', { kind: 'chain', householdId: tekun, format: 'pdf' }],
      ['warnings', { kind: 'warnings', month: '2026-11', format: 'pdf' }],
      ['warnings-household', { kind: 'warnings', month: '2026-11', householdId: busiest, format: 'pdf' }],
    ];
    for (const [name, req] of forms) {
      const out = await renderReport(store.raw, req, NOW);
      const f = path.join(ART, `${name}.pdf`);
      fs.writeFileSync(f, out.data);
      const pages = pdfPages(f);
      expect(pages.length, name).toBe(out.pages);
      const text = pages.join('\n');
      expect(codesIn(text), `${name}: codes printed`).toEqual([]);
      // The audit chain's head in the footer is abbreviated by design, not cut (docs/security.md "Audit": `审计链 #48211 · 3f9a…c2`).
      const HEAD = /审计链 #\d+ · [0-9a-f]{4}…[0-9a-f]{2}/g;
      if (name === 'roster') expect(pages.at(-1), `${name}: audit head`).toMatch(HEAD);
      expect(text.replace(HEAD, ''), `${name}: text cut`).not.toContain('…');
      expect(text).toContain('制表人');
      // The last page holds table rows above the signature: a header row of the form's table is repeated on it.
      const last = pages.at(-1)!;
      const body = last.slice(0, last.indexOf('制表人'));
      const lines = body.split('\n').filter((l) => l.trim() !== '');
      expect(lines.length, `${name}: signature alone on the last page`).toBeGreaterThan(3);
    }
    const chain = pdfPages(path.join(ART, 'chain-busiest.pdf')).join('\n');
    expect(chain).toContain('住院个人自付费用较高');
    expect(chain).toContain('待核查');
    // The long summary is printed whole, wrapped over lines of its cell (pdftotext reads the wrapped cell's lines apart).
    expect(chain.replace(/\s+/g, '')).toContain('救助情况。结束');
  }, 300_000);

  it('gives each chain entry its own department and legal basis', () => {
    const tk = listChain(store.raw, { householdId: tekun });
    const pay = tk.filter((e) => e.kind === 'payment' && e.item === 'tekun');
    expect(pay.length).toBeGreaterThan(0);
    for (const e of pay) {
      expect(e.department).toBe('civil_affairs');
      expect(e.basis).toBe('《社会救助暂行办法》第三章 特困人员供养');
    }
    // Every kind the demo county's chains hold: the department's word never says 临时救助 unless the item is temporary assistance.
    const every = all(store.raw, qb.selectFrom('households').select('id').orderBy('id')).flatMap((h) =>
      listChain(store.raw, { householdId: h.id }),
    );
    const kinds = new Set(every.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['department_result', 'determination', 'payment', 'referral', 'tier_change']));
    for (const e of every) {
      expect(e.department, `${e.kind} #${e.id}`).not.toBeNull();
      if (e.kind === 'determination' || e.kind === 'tier_change' || e.kind === 'payment')
        if (e.item === 'dibao' || e.item === 'tekun') expect(e.basis, `${e.kind} #${e.id}`).toMatch(/第[二三]章/);
      if (e.kind === 'referral' || e.kind === 'department_result') expect(e.basis, `${e.kind} #${e.id}`).toMatch(/第.+章/);
    }
  });
});
