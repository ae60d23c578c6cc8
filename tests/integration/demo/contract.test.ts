/**
 * What the demo county holds reads back through the contract's output schemas: every household
 * (households.get), and determinations with their snapshots (determinations.get). A stored value
 * the schema refused would make the service answer an internal error instead of the record.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createService } from '../../../src-main/api/service';
import { openStore } from '../../../src-main/db/open';
import { all, qb } from '../../../src-main/db/query';
import { createDemoDatabase, DEMO_PASSWORD } from '../../../src-main/demo/seed';
import { tempDir, typedClient } from '../../fixtures/builders';

describe('the demo county through the contract', () => {
  it('answers every household and a sample of determinations within their output schemas', async () => {
    const file = path.join(tempDir(), 'demo.db');
    await createDemoDatabase(file, { households: 300, seed: 4, now: new Date('2026-11-29T08:00:00Z') });
    const store = await openStore(file);
    try {
      const service = createService(store);
      const anon = typedClient(service, null);
      const { session } = await anon.value('auth.login', { username: 'clerk', password: DEMO_PASSWORD });
      const api = typedClient(service, session);
      // The demo password is changed at the first login (docs/security.md "Sign-in").
      await api.value('auth.changePassword', { current: DEMO_PASSWORD, next: 'office-2026-demo' });
      const households = all(store.raw, qb.selectFrom('households').select('id').orderBy('id'));
      expect(households).toHaveLength(300);
      for (const { id } of households) expect((await api.value('households.get', { id })).id).toBe(id);
      const determinations = all(store.raw, qb.selectFrom('determinations').select('id').orderBy('id'));
      expect(determinations.length).toBeGreaterThan(50);
      for (const { id } of determinations.filter((_, i) => i % 10 === 0)) {
        const d = await api.value('determinations.get', { id });
        expect(d.output.tier).toBe(d.determination.tier);
        expect(d.parameters.id).toBe(d.parameterSet);
      }
    } finally {
      await store.close();
    }
  }, 120_000);
});
