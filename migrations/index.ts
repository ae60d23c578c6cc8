/**
 * The static migration provider: every migration is imported here by name, so the bundle
 * (Electron main, CLI, worker) carries them without reading a folder at run time.
 * `tests/integration/migrations.test.ts` fails when a file in this folder is missing here.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as m20261129_01 from './2026-11-29-01-foundation';
import * as m20261129_02 from './2026-11-29-02-policy';
import * as m20261129_03 from './2026-11-29-03-chain';
import * as m20261129_04 from './2026-11-29-04-exchange';
import * as m20261129_05 from './2026-11-29-05-closed-loop';
import * as m20261129_06 from './2026-11-29-06-engine-inputs';
import * as m20261129_07 from './2026-11-29-07-exchange-unknown-rows';
import * as m20261129_08 from './2026-11-29-08-engine-input-codes';
import * as m20261129_09 from './2026-11-29-09-exchange-household-rows';
import * as m20261129_10 from './2026-11-29-10-exchange-unknown-persons';
import * as m20261129_11 from './2026-11-29-11-exchange-row-parts';
import * as m20261129_12 from './2026-11-29-12-determinations-review';
import * as m20261129_13 from './2026-11-29-13-determination-figures';
import * as m20261129_14 from './2026-11-29-14-warnings-in-chain';

export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-29-01-foundation': m20261129_01,
  '2026-11-29-02-policy': m20261129_02,
  '2026-11-29-03-chain': m20261129_03,
  '2026-11-29-04-exchange': m20261129_04,
  '2026-11-29-05-closed-loop': m20261129_05,
  '2026-11-29-06-engine-inputs': m20261129_06,
  '2026-11-29-07-exchange-unknown-rows': m20261129_07,
  '2026-11-29-08-engine-input-codes': m20261129_08,
  '2026-11-29-09-exchange-household-rows': m20261129_09,
  '2026-11-29-10-exchange-unknown-persons': m20261129_10,
  '2026-11-29-11-exchange-row-parts': m20261129_11,
  '2026-11-29-12-determinations-review': m20261129_12,
  '2026-11-29-13-determination-figures': m20261129_13,
  '2026-11-29-14-warnings-in-chain': m20261129_14,
};

export const staticMigrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};
