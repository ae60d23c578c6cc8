/**
 * The packaging hook that flips Electron's fuses (scripts/fuses.mjs). It cannot run here (no
 * Electron binary): it is loaded with a mocked @electron/fuses and checked against the
 * packaging configuration in package.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { ROOT } from '../../fixtures/paths';

const { flipFuses } = vi.hoisted(() => ({ flipFuses: vi.fn(async (_binary: string, _config: unknown) => 1) }));
vi.mock('@electron/fuses', async (original) => ({ ...(await original<typeof import('@electron/fuses')>()), flipFuses }));
const { afterPack, default: defaultExport } = await import('../../../scripts/fuses.mjs');

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const packager = { appInfo: { productFilename: pkg.build.productName }, executableName: 'safetynet' };

describe('fuses at packaging', () => {
  it('package.json runs the hook after pack, on an asar app (which the asar fuses need)', () => {
    expect(pkg.build.afterPack).toBe('./scripts/fuses.mjs');
    expect(fs.existsSync(path.join(ROOT, pkg.build.afterPack))).toBe(true);
    expect(pkg.build.asar).toBe(true);
    // electron-builder's own fuse step stays off: one place flips them.
    expect(pkg.build.electronFuses).toBeUndefined();
    expect(pkg.devDependencies['@electron/fuses']).toMatch(/^\^?1\.8\./);
    expect(defaultExport).toBe(afterPack);
  });

  it.each([
    ['win32', 'win-unpacked', 'Safetynet.exe'],
    ['linux', 'linux-unpacked', 'safetynet'],
    ['darwin', 'mac', 'Safetynet.app'],
  ])('on %s flips the fuses of %s/%s', async (platform, dir, binary) => {
    flipFuses.mockClear();
    const appOutDir = path.join('/build/dist', dir);
    await afterPack({ appOutDir, electronPlatformName: platform, packager });
    expect(flipFuses).toHaveBeenCalledTimes(1);
    const [file, config] = flipFuses.mock.calls[0];
    expect(file).toBe(path.join(appOutDir, binary));
    expect(config).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: platform === 'darwin',
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
    });
  });

  it('fails the packaging on a platform it does not know, rather than ship unfused', async () => {
    await expect(afterPack({ appOutDir: '/x', electronPlatformName: 'beos', packager })).rejects.toThrow(/unknown platform/);
  });
});
