// Types of scripts/fuses.mjs (the electron-builder afterPack hook) for its tests.
import type { FuseConfig } from '@electron/fuses';

export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { executableName?: string; appInfo: { productFilename: string } };
}

export function fuseConfig(platform: string): FuseConfig;
export function electronBinaryPath(context: PackContext): string;
export function afterPack(context: PackContext): Promise<void>;
export default afterPack;
