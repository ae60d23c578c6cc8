/**
 * The layers' boundary rule (eslint.config.mjs, docs/architecture.md) fails on deliberate
 * violations, and passes the same files with allowed imports.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../fixtures/paths';

const eslint = new ESLint({ cwd: ROOT });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return r.messages
    .filter((m) => m.ruleId === 'import-x/no-restricted-paths' || m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('the boundary rule', () => {
  it('refuses the renderer importing running code of the main side, and allows the contract and common', async () => {
    const file = 'src-renderer/src/registry/Violation.tsx';
    expect(await boundaryErrors(file, `import { openStore } from '../../../src-main/db/open';\nexport const x = openStore;\n`)).toEqual([
      expect.stringMatching(/renderer imports only src-main\/contract and src-main\/common/),
    ]);
    expect(
      await boundaryErrors(
        file,
        [
          `import { formatFen } from '../../../src-main/common/money';`,
          `import type { Output } from '../../../src-main/contract';`,
          `export const x: Output<'auth.me'> | null = formatFen(1) ? null : null;`,
          '',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('refuses the core importing the api layer, the host or electron', async () => {
    const file = 'src-main/registry/violation.ts';
    expect(await boundaryErrors(file, `import { HANDLERS } from '../api/handlers';\nexport const x = HANDLERS;\n`)).toEqual([
      expect.stringMatching(/core does not import the transports/),
    ]);
    expect(await boundaryErrors(file, `import { startHost } from '../host/http-host';\nexport const x = startHost;\n`)).toEqual([
      expect.stringMatching(/core does not import/),
    ]);
    expect(await boundaryErrors(file, `import { app } from 'electron';\nexport const x = app;\n`)).toEqual([
      expect.stringMatching(/thin shell/),
    ]);
  });

  it('refuses common importing a Node module or a domain, and the contract importing a domain', async () => {
    expect(await boundaryErrors('src-main/common/violation.ts', `import fs from 'node:fs';\nexport const x = fs;\n`)).toEqual([
      expect.stringMatching(/runs anywhere/),
    ]);
    expect(
      await boundaryErrors('src-main/common/violation.ts', `import { RULES } from '../monitoring/rules';\nexport const x = RULES;\n`),
    ).toEqual([expect.stringMatching(/imports only itself/)]);
    expect(
      await boundaryErrors(
        'src-main/contract/violation.ts',
        `import { PROFILES } from '../exchange/profiles';\nexport const x = PROFILES;\n`,
      ),
    ).toEqual([expect.stringMatching(/contract imports only itself and src-main\/common/)]);
  });
});
