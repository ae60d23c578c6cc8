/**
 * The shell's own open dialogs (docs/security.md "Inputs"): the only way a path reaches the
 * service in Electron. What the user picks here is allowed for a while (shared/file-gate.ts
 * shellGate); a path the page names by itself is refused.
 */
import type { BrowserWindow, OpenDialogOptions } from 'electron';
import type { DialogKind } from '../shared/file-gate';

/** What the shell needs of Electron's `dialog` (a mock in tests/unit/shell). */
export interface OpenDialog {
  showOpenDialog(window: BrowserWindow, options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
  showOpenDialog(options: OpenDialogOptions): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export function dialogChooser(dialog: OpenDialog, window: () => BrowserWindow | null) {
  return async (kind: DialogKind, extensions?: string[]): Promise<string | null> => {
    const options: OpenDialogOptions = {
      properties: kind === 'folder' ? ['openDirectory', 'createDirectory'] : ['openFile'],
      ...(extensions?.length ? { filters: [{ name: extensions.join(', '), extensions }] } : {}),
    };
    const w = window();
    const r = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
    return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
  };
}
