/**
 * The migrations: the static provider lists every file, the baseline creates exactly its
 * schema (and nothing of the formats it superseded), and the database refuses what it cannot
 * open — a file from a newer app, or one from a development build before the baseline.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASELINE } from '../../../migrations/0001-baseline';
import { MIGRATIONS } from '../../../migrations/index';
import { openStore, MIGRATION_TABLE } from '../../../src-main/db/open';
import { tempDir } from '../../fixtures/builders';
import { ROOT } from '../../fixtures/paths';
import { migrationStep } from './step';

const migrationFiles = () =>
  fs
    .readdirSync(path.join(ROOT, 'migrations'))
    .filter((f) => /^\d{4}-.+\.ts$/.test(f))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();

/** Every table of the product, as the baseline makes it (Kysely's two bookkeeping tables aside). */
const TABLES = [
  'office',
  'areas',
  'households',
  'members',
  'income_items',
  'vehicles',
  'homes',
  'businesses',
  'expenses_12m',
  'supporters_outside',
  'users',
  'sessions',
  'audit_log',
  'parameter_values',
  'determinations',
  'determination_decisions',
  'scans',
  'scan_results',
  'chain_events',
  'exchange_imports',
  'exchange_rejects',
  'exchange_mappings',
  'exchange_exports',
  'work_calendar',
  'warnings',
  'warning_visits',
  'household_reviews',
  'backups',
  'charity_organisations',
  'charity_programmes',
  'referral_batches',
  'referrals',
  'referral_events',
  'payment_months',
  'payment_lines',
  'payment_adjustments',
  'engine_inputs',
  'registry_epoch',
  'exchange_household_rows',
  'exchange_unknown_persons',
  'exchange_row_parts',
  'determination_figures',
];

describe('migrations', () => {
  it('the static provider lists every file in migrations/, in the order they run, the baseline first', () => {
    expect(Object.keys(MIGRATIONS)).toEqual(migrationFiles());
    expect(Object.keys(MIGRATIONS)[0]).toBe('0001-baseline');
  });

  it('the baseline creates exactly its statements, in their order: every table, index and trigger, and nothing else', async () => {
    const step = await migrationStep('0001-baseline');
    expect(step.before).toBeNull();
    await step.migrate();
    const objects = step.raw
      .prepare(`SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'kysely_%' ORDER BY rowid`)
      .all() as { type: string; name: string; sql: string }[];
    expect(objects.map((o) => o.sql)).toEqual(BASELINE.filter((s) => s.startsWith('CREATE ')));
    expect(objects.filter((o) => o.type === 'table').map((o) => o.name)).toEqual(TABLES);
    expect(objects.filter((o) => o.type === 'index')).toHaveLength(39);
    expect(objects.filter((o) => o.type === 'trigger')).toHaveLength(48);
    // The formats the import no longer writes are gone with their read paths.
    for (const gone of ['exchange_rows', 'exchange_unknown_rows']) expect(objects.map((o) => o.name)).not.toContain(gone);
    expect(step.raw.prepare(`SELECT id, n FROM registry_epoch`).all()).toEqual([{ id: 1, n: 0 }]);
    await step.close();
  });

  it('opens with WAL and foreign keys on, and refuses a database from a newer app', async () => {
    const file = path.join(tempDir(), 'n.db');
    const store = await openStore(file);
    expect(store.raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.raw.pragma('foreign_keys', { simple: true })).toBe(1);
    store.raw.prepare(`INSERT INTO ${MIGRATION_TABLE} (name, timestamp) VALUES ('0099-future', 'x')`).run();
    await store.close();
    await expect(openStore(file)).rejects.toMatchObject({ code: 'db_newer_than_app' });
  });

  it('refuses a database made before the baseline by its step-by-step migrations, saying to make it again, and changes nothing', async () => {
    const file = path.join(tempDir(), 'old.db');
    const store = await openStore(file);
    store.raw.prepare(`DELETE FROM ${MIGRATION_TABLE}`).run();
    const insert = store.raw.prepare(`INSERT INTO ${MIGRATION_TABLE} (name, timestamp) VALUES (?, 'x')`);
    for (const n of ['2026-11-29-01-foundation', '2026-11-29-14-warnings-in-chain']) insert.run(n);
    await store.close();
    await expect(openStore(file)).rejects.toMatchObject({ code: 'db_before_baseline', message: /development build .* start again/ });
    const again = await openStore(file, { migrate: false, readonly: true }).catch((e: Error) => e);
    expect(again).toMatchObject({ code: 'db_before_baseline' });
  });
});
