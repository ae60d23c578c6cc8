/**
 * The static migration provider: every migration is imported here by name, so the bundle
 * (Electron main, CLI, worker) carries them without reading a folder at run time. Names sort
 * in the order they run: the baseline first, then 0002-… (tests/integration/db/migrations.test.ts
 * fails when a file in this folder is missing here).
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-baseline';
import * as m0002 from './0002-temporary-assistance';
import * as m0003 from './0003-services';
import * as m0004 from './0004-recovery';
import * as m0005 from './0005-accounts-requests-audit-key';
import * as m0006 from './0006-stations';
import * as m0007 from './0007-cases';
import * as m0008 from './0008-scenarios';
import * as m0009 from './0009-scenario-requests-drafts';
import * as m0010 from './0010-case-travel';

export const MIGRATIONS: Record<string, Migration> = {
  '0001-baseline': m0001,
  '0002-temporary-assistance': m0002,
  '0003-services': m0003,
  '0004-recovery': m0004,
  '0005-accounts-requests-audit-key': m0005,
  '0006-stations': m0006,
  '0007-cases': m0007,
  '0008-scenarios': m0008,
  '0009-scenario-requests-drafts': m0009,
  '0010-case-travel': m0010,
};

export const staticMigrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};
