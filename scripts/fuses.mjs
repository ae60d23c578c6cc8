// electron-builder `afterPack` hook (package.json build.afterPack): flips Electron's fuses in the
// packaged binary before it is signed, so the shipped app cannot be turned into a plain Node
// (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect) and loads only its own, checked app.asar.
// It runs where the app is packaged (a machine with the Electron binary); here
// tests/unit/shell/fuses.test.ts proves it against the packaging configuration.
import path from 'node:path';
import { flipFuses, FuseVersion, FuseV1Options } from '@electron/fuses';

/** The fuse settings for the binary of `platform` (electron-builder's electronPlatformName). */
export function fuseConfig(platform) {
  return {
    version: FuseVersion.V1,
    // macOS arm64 refuses a binary whose ad-hoc signature no longer matches; no-op elsewhere.
    resetAdHocDarwinSignature: platform === 'darwin' || platform === 'mas',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
  };
}

/** Where electron-builder put the Electron binary (the same rule as its own PlatformPackager.addElectronFuses). */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName: platform, packager } = context;
  if (platform === 'linux') return path.join(appOutDir, packager.executableName);
  const ext = { darwin: '.app', mas: '.app', win32: '.exe' }[platform];
  if (ext === undefined) throw new Error(`fuses: unknown platform ${platform}`);
  return path.join(appOutDir, `${packager.appInfo.productFilename}${ext}`);
}

export async function afterPack(context) {
  const binary = electronBinaryPath(context);
  console.log(`  • flipping Electron fuses  binary=${binary}`);
  await flipFuses(binary, fuseConfig(context.electronPlatformName));
}

export default afterPack;
