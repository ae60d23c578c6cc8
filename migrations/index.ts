/**
 * The static migration provider: every migration is imported here by name, so the bundle
 * (Electron main, CLI, worker) carries them without reading a folder at run time. Names sort
 * in the order they run: the baseline first, then 0002-… (tests/integration/db/migrations.test.ts
 * fails when a file in this folder is missing here).
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-baseline';
import * as m0002 from './0002-services';
import * as m0003 from './0003-recovery';
import * as m0002temporary from './0002-temporary-assistance';

// Two branches each made a 0002 (services and temporary assistance): Kysely runs them by name; the lead renumbers on merging.
export const MIGRATIONS: Record<string, Migration> = {
  '0001-baseline': m0001,
  '0002-services': m0002,
  '0002-temporary-assistance': m0002temporary,
  '0003-recovery': m0003,
};

export const staticMigrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};
