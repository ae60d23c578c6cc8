/**
 * The built renderer carries no main-side library: no exceljs, papaparse or better-sqlite3
 * (they are the service's; the renderer reaches it through the contract). `npm test` builds
 * before it runs this; run `npm run build` first when running it alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../fixtures/paths';

const ASSETS = path.join(ROOT, 'out', 'renderer', 'assets');

/** Text only these libraries contain, whatever the minifier renames. */
const SIGNATURES: Record<string, RegExp> = {
  exceljs: /xl\/workbook\.xml|sharedStrings\.xml/,
  papaparse: /UndetectableDelimiter|MissingQuotes/,
  'better-sqlite3-multiple-ciphers': /better_sqlite3|better-sqlite3/,
};

describe('the built renderer', () => {
  it('contains no exceljs, papaparse or better-sqlite3', () => {
    expect(fs.existsSync(ASSETS), `no built renderer at ${ASSETS}: run npm run build first`).toBe(true);
    const found: string[] = [];
    for (const f of fs.readdirSync(ASSETS).filter((n) => n.endsWith('.js'))) {
      const text = fs.readFileSync(path.join(ASSETS, f), 'utf8');
      for (const [lib, re] of Object.entries(SIGNATURES)) if (re.test(text)) found.push(`${lib} in ${f}`);
    }
    expect(found).toEqual([]);
  });
});
