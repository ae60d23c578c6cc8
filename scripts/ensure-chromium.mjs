// Finds a Chromium for the e2e tests; installs one when none is found: Debian's package
// when running as root with apt-get, Playwright's installer elsewhere. Prints the path.
import fs from 'node:fs';
import { execSync, spawnSync } from 'node:child_process';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium() {
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

export async function ensureChromium() {
  let found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (isRoot && hasApt) {
    console.log('No Chromium found: installing Debian chromium, fonts-noto-cjk and poppler-utils with apt-get…');
    execSync('apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-cjk poppler-utils', {
      stdio: 'inherit',
    });
  } else {
    console.log("No Chromium found: installing one with Playwright's installer…");
    execSync('npx playwright install chromium', { stdio: 'inherit' });
    const { chromium } = await import('@playwright/test');
    const p = chromium.executablePath();
    if (fs.existsSync(p)) return p;
  }
  found = findChromium();
  if (!found) throw new Error('Chromium could not be installed; set CHROMIUM_PATH to a Chromium or Chrome binary.');
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await ensureChromium());
