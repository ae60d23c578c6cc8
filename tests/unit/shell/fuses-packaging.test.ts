/**
 * The fuses hook as electron-builder runs it: loaded by app-builder-lib's own hook loader from
 * the path in package.json, with the real @electron/fuses, on a stand-in binary that carries
 * Electron's fuse wire (the real binary cannot be downloaded here).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../fixtures/builders';
import { ROOT } from '../../fixtures/paths';

const require = createRequire(import.meta.url);
const { resolveFunction } = require('app-builder-lib/out/util/resolve') as {
  resolveFunction: (type: string, executor: string, name: string) => Promise<(context: unknown) => Promise<void>>;
};
const { SENTINEL, FuseState } = require('@electron/fuses/dist/constants') as { SENTINEL: string; FuseState: Record<string, number> };
const { ENABLE, DISABLE } = FuseState;

/** A binary with Electron's fuse wire (version 1, nine fuses, as Electron 45 defaults them) between filler bytes. */
function fakeBinary(file: string) {
  const wire = [ENABLE, DISABLE, ENABLE, ENABLE, DISABLE, DISABLE, DISABLE, ENABLE, ENABLE];
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    Buffer.concat([Buffer.alloc(4096, 7), Buffer.from(SENTINEL), Buffer.from([1, wire.length, ...wire]), Buffer.alloc(4096, 7)]),
  );
}

function wireOf(file: string): number[] {
  const bytes = fs.readFileSync(file);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  return [...bytes.subarray(at + 2, at + 2 + bytes[at + 1])];
}

describe('fuses hook, loaded as electron-builder loads it', () => {
  it.each([
    ['win32', 'Safetynet.exe'],
    ['linux', 'safetynet'],
  ])('flips the fuses of the %s binary in place', async (platform, name) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const cwd = process.cwd();
    process.chdir(ROOT); // electron-builder resolves a relative hook path from the project folder
    const hook = await resolveFunction('module', pkg.build.afterPack, 'afterPack').finally(() => process.chdir(cwd));
    expect(typeof hook).toBe('function');
    const appOutDir = tempDir('safetynet-pack-');
    const binary = path.join(appOutDir, name);
    fakeBinary(binary);
    await hook({
      appOutDir,
      electronPlatformName: platform,
      packager: { appInfo: { productFilename: pkg.build.productName }, executableName: 'safetynet' },
    });
    expect(wireOf(binary)).toEqual([
      DISABLE, // RunAsNode
      ENABLE, // EnableCookieEncryption
      DISABLE, // EnableNodeOptionsEnvironmentVariable
      DISABLE, // EnableNodeCliInspectArguments
      ENABLE, // EnableEmbeddedAsarIntegrityValidation
      ENABLE, // OnlyLoadAppFromAsar
      DISABLE, // LoadBrowserProcessSpecificV8Snapshot: left as Electron ships it
      ENABLE, // GrantFileProtocolExtraPrivileges: left (the app is loaded from file://)
      ENABLE, // a fuse newer than @electron/fuses 1.8.0: left as it is
    ]);
  });
});
