/**
 * The static migration provider: every migration is imported here by name, so the bundle
 * (Electron main, CLI, worker) carries them without reading a folder at run time. Names sort
 * in the order they run: the baseline first, then 0002-… (tests/integration/db/migrations.test.ts
 * fails when a file in this folder is missing here).
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-baseline';
import * as m0030 from './0030-scenarios';

export const MIGRATIONS: Record<string, Migration> = {
  '0001-baseline': m0001,
  '0030-scenarios': m0030,
};

export const staticMigrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};
