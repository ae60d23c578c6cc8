/**
 * Who sees full ID numbers (docs/security.md): every method the administrator or the auditor may
 * call, called as each, answers no full ID number — in its fields, its texts, its files — and no
 * health detail; the clerks and managers who act on a household see them whole.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { adminService, household, idFor } from '../../fixtures/builders';
import { CONTRACT, type Input, type MethodName } from '../../../src-main/contract';
import { holdsFullIdNumber } from '../../../src-main/auth/masking';

type AnyInput = Input<MethodName>;

async function xlsxText(base64: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const bytes = Buffer.from(base64, 'base64');
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.value ?? '')))));
  return cells.join('\n');
}

/** Everything an answer carries, as text: its JSON, and the cells of any XLSX it holds. */
async function answerText(value: unknown): Promise<string> {
  const parts = [JSON.stringify(value)];
  const base64 = typeof value === 'object' && value !== null ? Reflect.get(value, 'base64') : undefined;
  if (
    typeof base64 === 'string' &&
    Reflect.get(value as object, 'fileName')
      ?.toString()
      .endsWith('.xlsx')
  )
    parts.push(await xlsxText(base64));
  return parts.join('\n');
}

describe('who sees full ID numbers', () => {
  it('answers no full ID number and no health detail to the administrator or the auditor, in any method they may call', async () => {
    const s = await adminService({ now: () => new Date('2026-11-29T09:00:00Z') });
    const clerk = await s.addUser('clerk1', 'clerk');
    const auditor = await s.addUser('aud1', 'auditor');
    const members = household().members;
    const { id } = await s.api.value('households.create', { household: household({ current: { tier: 'dibao', monthlyBenefit: 420 } }) });
    const p = await s.api.value('determinations.propose', { householdId: id, referenceDate: '2026-11-01' }, clerk);
    await s.api.value('determinations.decide', { id: p.id, decision: 'approved', reason: '符合条件' });
    await s.api.value(
      'referrals.create',
      { householdId: id, idNumber: members[1].idNumber, assistance: 'medical', reason: '慢性病' },
      clerk,
    );
    await s.api.value('monitoring.checkRegistry', {}, clerk);
    // A household whose update leaves before → after in the log, with the ID numbers in it.
    const h = await s.api.value('households.get', { id });
    h.household.address = '新址';
    await s.api.value('households.update', { id, version: h.version, household: h.household });

    // A temporary assistance case, paid at once from the standby fund (docs/rules/temporary-service-recovery.md §11).
    const quick = {
      track: 'quick',
      kind: 'emergency',
      reason: 'fire',
      eventDate: '2026-11-29',
      householdId: id,
      requestedFen: 50_000,
    } as const satisfies Input<'temporary.create'>;
    const tmp = await s.api.value('temporary.create', quick, clerk);
    const township = (await s.api.value('areas.list', {})).find((a) => a.level === 'township')!.id;

    const month = '2026-11';
    const inputs: Partial<Record<MethodName, AnyInput>> = {
      'auth.me': {},
      'office.get': {},
      'users.list': {},
      'parameters.list': {},
      'parameters.inForce': {},
      'backup.status': {},
      'calendar.list': { year: '2026' },
      'audit.forEntity': { entity: 'household', entityId: String(id) },
      'audit.recent': { limit: 200 },
      'audit.verify': {},
      'audit.head': {},
      'requests.list': {},
      'areas.list': {},
      'dashboard.summary': {},
      'registry.search': { q: members[0].idNumber.slice(0, 8) },
      'households.list': {},
      'households.get': { id },
      'households.exportXlsx': {},
      'screening.evaluate': { householdId: id, referenceDate: '2026-11-01' },
      'determinations.pending': {},
      'determinations.queue': {},
      'determinations.exportXlsx': {},
      'determinations.get': { id: p.id },
      'determinations.history': { householdId: id },
      'scan.status': {},
      'exchange.sources': {},
      'exchange.running': {},
      'exchange.history': {},
      'exchange.mappings': {},
      'monitoring.queue': {},
      'monitoring.exportXlsx': {},
      'monitoring.counts': {},
      'reviews.due': {},
      'verification.report': { householdId: id },
      'referrals.list': {},
      'referrals.exportXlsx': {},
      'referrals.get': { id: 1 },
      'charity.list': {},
      'chain.list': { householdId: id },
      'chain.happiness': { householdId: id },
      'payments.months': {},
      'payments.roster': { month },
      'payments.changes': { month },
      'temporary.assess': quick,
      'temporary.list': {},
      'temporary.export': {},
      'temporary.get': { id: tmp.id },
      'temporary.paperworkDue': {},
      'temporary.month': { month },
      'temporary.fund': { townshipId: township, year: 2026 },
      'temporary.parameters': {},
      'store.status': {},
      'files.mode': {},
    };
    /** Methods open to these roles that answer no personal record, or need a record that this office has none of. */
    const noRecords = new Set<MethodName>([
      'auth.logout',
      'auth.unlock',
      'auth.changePassword',
      'office.update',
      'users.create',
      'users.update',
      'parameters.add',
      'temporary.addParameter',
      'backup.create',
      'backup.restore',
      'calendar.import',
      'requests.get',
      'requests.confirm',
      'requests.refuse',
      'requests.withdraw',
      'scan.results',
      'scan.exportXlsx',
      'exchange.status',
      'export.verifyPackage',
      'monitoring.get',
      // The encrypted store's recovery sheet and the file gate: no personal record (docs/security.md §1–§2, "Inputs").
      'store.recoverySheet',
      'files.choose',
      'files.uploadTicket',
      'files.release',
      // Workstations: the station's identity, peers and counts; enrolment writes an encrypted package and answers its summary.
      'stations.status',
      'stations.setup',
      'stations.enrol',
      'stations.join',
    ]);
    const open = (Object.keys(CONTRACT) as MethodName[]).filter((m) => {
      const a = CONTRACT[m].access;
      return a === 'any' || (a !== 'public' && (a.includes('administrator') || a.includes('auditor')));
    });
    expect(open.filter((m) => !(m in inputs) && !noRecords.has(m))).toEqual([]);

    const warning = (await s.api.value('monitoring.queue', {})).items[0];
    if (warning) inputs['monitoring.get'] = { id: warning.id };
    let answered = 0;
    for (const [who, session] of [
      ['administrator', s.adminSession],
      ['auditor', auditor],
    ] as const) {
      for (const [m, input] of Object.entries(inputs) as [MethodName, AnyInput][]) {
        const a = CONTRACT[m].access;
        if (a !== 'any' && a !== 'public' && !a.includes(who)) continue;
        const r = await s.service.invoke({ method: m, input, session, lang: 'en' });
        expect(r, `${who} ${m}`).toMatchObject({ ok: true });
        if (!r.ok) continue;
        const text = await answerText(r.value);
        expect(holdsFullIdNumber(text), `${who} ${m}: ${text.slice(0, 300)}`).toBe(false);
        expect(text, `${who} ${m}`).not.toMatch(/"illness":"(critical|chronic)"/);
        answered++;
      }
    }
    expect(answered).toBeGreaterThan(40);

    // Masked, not dropped: the administrator finds the person by the visible part; the clerk sees the whole number.
    const masked = await s.admin.value('households.get', { id });
    expect(masked.household.members[0].idNumber).toBe(`${members[0].idNumber.slice(0, 6)}********${members[0].idNumber.slice(14)}`);
    expect(masked.household.members[1].illness).toBeNull();
    const full = await s.api.value('households.get', { id }, clerk);
    expect(full.household.members[0].idNumber).toBe(members[0].idNumber);
    expect(full.household.members[1].illness).toBe('chronic');
    const trail = await s.admin.value('audit.recent', { limit: 200 });
    expect(JSON.stringify(trail)).toContain(members[0].idNumber.slice(0, 6) + '********');
  }, 180_000);

  it('masks what the audit log stores for the auditor, yet the manager who acts on households reads it whole', async () => {
    const s = await adminService();
    const auditor = await s.addUser('aud1', 'auditor');
    const { id } = await s.api.value('households.create', { household: household() });
    const forAuditor = await s.api.value('audit.forEntity', { entity: 'household', entityId: String(id) }, auditor);
    const forManager = await s.api.value('audit.forEntity', { entity: 'household', entityId: String(id) });
    expect(JSON.stringify(forManager)).toContain(idFor('1960-03-01', 11));
    expect(JSON.stringify(forAuditor)).not.toContain(idFor('1960-03-01', 11));
    expect(await s.api.call('households.list', {}, auditor)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
