/**
 * Which file-system paths a caller of the service may name (docs/security.md "Inputs"). The
 * renderer never names one of its own choosing: in Electron it names only what the shell's own
 * dialogs chose a moment ago (a short-lived allow-list), in a browser (the loopback host) none at
 * all — files come in as uploads to the app's transfer folder and go out as downloads. Only the
 * command line and the tests, whose caller is the machine's user naming files on purpose, pass
 * any path (`local`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { TransferFolder } from './transfer';

export type FileMode = 'local' | 'shell' | 'host';
export type DialogKind = 'file' | 'folder';

export interface FileGate {
  readonly mode: FileMode;
  readonly transfer: TransferFolder;
  /** Whether the caller may name this path: a file or package to read, a folder to write into. */
  allows(p: string): boolean;
  /** The shell's own open dialog (Electron only): the path chosen, now allowed for a while, or null. */
  choose?(kind: DialogKind, extensions?: string[]): Promise<string | null>;
}

/** The command line and tests: the caller is this machine's user, naming files on purpose. */
export function localGate(transfer: TransferFolder): FileGate {
  return { mode: 'local', transfer, allows: () => true };
}

/** The loopback host: no path at all, uploads and downloads only. */
export function hostGate(transfer: TransferFolder): FileGate {
  return { mode: 'host', transfer, allows: () => false };
}

/** How long a path the user chose stays allowed: the wizard's steps take minutes, not hours. */
export const CHOSEN_MS = 30 * 60_000;

/**
 * Electron: `dialog` is the shell's own open dialog (shell/dialogs.ts); each path it returns is
 * allowed for CHOSEN_MS, the files of a chosen package folder with it.
 */
export function shellGate(
  transfer: TransferFolder,
  dialog: (kind: DialogKind, extensions?: string[]) => Promise<string | null>,
  now: () => number = Date.now,
): FileGate {
  const chosen = new Map<string, number>();
  const key = (p: string) => {
    const abs = path.resolve(p);
    // The real path where it exists: a link made after the choice does not lead elsewhere.
    try {
      return fs.realpathSync(abs);
    } catch {
      return abs;
    }
  };
  return {
    mode: 'shell',
    transfer,
    allows(p) {
      const until = chosen.get(key(p));
      return until !== undefined && until >= now();
    },
    async choose(kind, extensions) {
      const p = await dialog(kind, extensions);
      if (!p) return null;
      for (const [k, until] of chosen) if (until < now()) chosen.delete(k);
      chosen.set(key(p), now() + CHOSEN_MS);
      return p;
    },
  };
}
