// `npm test`: every test — unit and integration (Vitest), then e2e (Playwright in headless
// Chromium against the loopback host and the built renderer) — and one closing count.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureChromium } from './ensure-chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (n) => path.join(root, 'node_modules', '.bin', n);
// Not test-results/: Playwright empties its own output folder when it starts.
const reports = path.join(root, 'test-reports');
fs.mkdirSync(reports, { recursive: true });
const step = (title, cmd, args, env = {}) => {
  console.log(`\n=== ${title} ===`);
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
};

const chromium = await ensureChromium();
let failedSteps = 0;
if (step('build (electron-vite)', bin('electron-vite'), ['build', '--logLevel', 'warn']) !== 0) {
  console.error('build failed: the e2e tests need the built renderer');
  process.exit(1);
}
const vitestJson = path.join(reports, 'vitest.json');
const pwJson = path.join(reports, 'playwright.json');
fs.rmSync(vitestJson, { force: true });
fs.rmSync(pwJson, { force: true });
if (
  step('unit + integration (vitest)', bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestJson}`,
  ]) !== 0
)
  failedSteps++;
if (
  step('e2e (playwright, headless chromium)', bin('playwright'), ['test', '--reporter=list,json'], {
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
  }) !== 0
)
  failedSteps++;

let passed = 0,
  failed = 0,
  skipped = 0;
if (fs.existsSync(vitestJson)) {
  const v = JSON.parse(fs.readFileSync(vitestJson, 'utf8'));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + (v.numTodoTests ?? 0);
} else failed++;
if (fs.existsSync(pwJson)) {
  const p = JSON.parse(fs.readFileSync(pwJson, 'utf8'));
  passed += p.stats.expected + p.stats.flaky;
  failed += p.stats.unexpected;
  skipped += p.stats.skipped;
} else failed++;
if (failedSteps > 0 && failed === 0) failed = failedSteps;
console.log(`\ntotal: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || failedSteps > 0 ? 1 : 0);
