/**
 * Explanations name people by relation and name, never by ID number (issue 21, item 10): the
 * screening service and a stored proposal's explanation, in both languages, and the names the
 * registry gives a page of scan or scenario results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminService, household, idFor, typedClient } from '../../fixtures/builders';
import { peopleOfHouseholds } from '../../../src-main/registry/people';
import { renderReason } from '../../../src-main/policy/render';

type S = Awaited<ReturnType<typeof adminService>>;
let s: S;
beforeAll(async () => {
  s = await adminService({ now: () => new Date('2026-11-29T08:00:00Z') });
}, 60_000);
afterAll(async () => s?.store.close());

const ID18 = /\d{17}[\dX]/;

describe('reasons name people', () => {
  it('the screening service names each member by relation and name, with the rule codes beside the texts', async () => {
    const { id } = await s.api.value('households.create', { household: household() });
    for (const lang of ['zh', 'en'] as const) {
      const api = typedClient(s.service, s.session, lang);
      const r = await api.value('screening.evaluate', { householdId: id, referenceDate: '2026-11-01' });
      const tekun = r.output.tiers[0];
      expect(tekun.rules).toHaveLength(tekun.reasons.length);
      expect(tekun.rules).toContain('tekun.capacity');
      const text = JSON.stringify(r.output.tiers.map((t) => t.reasons)) + JSON.stringify(r.output.entitlements.map((e) => e.detail));
      expect(text).not.toMatch(ID18);
      expect(text).not.toMatch(/\[(tekun|dibao|rigid|marginal)\./);
      expect(text).toContain(lang === 'zh' ? '子女 王小明（36 岁）' : 'child 王小明 (aged 36)');
    }
    const { id: proposal } = await s.api.value('determinations.propose', { householdId: id, source: 'screening' });
    const d = await typedClient(s.service, s.session, 'zh').value('determinations.get', { id: proposal });
    expect(JSON.stringify(d.output.tiers)).toContain('户主 王建国（66 岁）');
    expect(JSON.stringify(d.output.tiers)).not.toMatch(ID18);
  });

  it('the registry names the members of a page of households (stored reasons of scans and scenarios)', async () => {
    const head = idFor('1971-01-01', 21);
    const h = household({
      members: [{ idNumber: head, name: '赵志刚', relation: 'head', status: 'present', labour: 'unemployed' }],
    });
    const { id } = await s.api.value('households.create', { household: h });
    const people = peopleOfHouseholds(s.store.raw, [id, id]).get(id);
    const reason = { rule: 'tekun.capacity' as const, pass: false, figures: { idNumber: head, age: 55 } };
    expect(renderReason(reason, 'zh', people)).toBe('特困：无劳动能力：户主 赵志刚（55 岁）不属于无劳动能力');
    expect(peopleOfHouseholds(s.store.raw, []).size).toBe(0);
  });
});
