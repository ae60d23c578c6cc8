/**
 * A stand-in for the `electron` module (the binary cannot run on these machines) that records
 * what the shell does: app events, the windows and their options, the IPC handlers, the
 * session's policies. Like Electron, creating a window emits `web-contents-created`.
 */
import { vi } from 'vitest';
import type { SafeStorage } from 'electron';

type Backend = ReturnType<SafeStorage['getSelectedStorageBackend']>;
const KEYRING: Backend = 'gnome_libsecret';

/** Any listener the shell registers (a method signature, so listeners of every shape fit). */
type Listener = { fn(...args: unknown[]): unknown }['fn'];
type OpenHandler = (d: { url: string }) => { action: string };

export interface FakeEvent {
  preventDefault: () => void;
  defaultPrevented: boolean;
}

export function fakeEvent(): FakeEvent {
  const e: FakeEvent = {
    defaultPrevented: false,
    preventDefault: () => {
      e.defaultPrevented = true;
    },
  };
  return e;
}

export function fakeContents() {
  const listeners: Record<string, Listener[]> = {};
  let openHandler: OpenHandler | null = null;
  return {
    listeners,
    on: vi.fn((name: string, fn: Listener) => {
      (listeners[name] ??= []).push(fn);
    }),
    setWindowOpenHandler: vi.fn((fn: OpenHandler) => {
      openHandler = fn;
    }),
    /** What a page asking for `window.open(url)` gets. */
    open: (url: string) => openHandler?.({ url }) ?? { action: 'allow' },
    /** Emits a navigation event as Chromium would; true when the navigation goes ahead. */
    navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
      const e = fakeEvent();
      for (const fn of listeners[event] ?? []) fn(e, url);
      return !e.defaultPrevented;
    },
    attachWebview(): boolean {
      const e = fakeEvent();
      for (const fn of listeners['will-attach-webview'] ?? []) fn(e, {}, {});
      return !e.defaultPrevented;
    },
  };
}

export type FakeContents = ReturnType<typeof fakeContents>;

export class FakeWindow {
  static created: (w: FakeWindow) => void = () => {};
  webContents = fakeContents();
  minimized = false;
  listeners: Record<string, Listener[]> = {};
  loadFile = vi.fn(async (_file: string) => {});
  loadURL = vi.fn(async (_url: string) => {});
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn(() => {
    this.minimized = false;
  });
  destroy = vi.fn();
  constructor(public options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    FakeWindow.created(this);
  }
  isMinimized() {
    return this.minimized;
  }
  on(name: string, fn: Listener) {
    (this.listeners[name] ??= []).push(fn);
    return this;
  }
  once(name: string, fn: Listener) {
    return this.on(name, fn);
  }
}

const mask = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));

export function fakeElectron() {
  const fresh = () => ({
    lock: true,
    packaged: false,
    userData: '',
    appListeners: {} as Record<string, Listener[]>,
    windows: [] as FakeWindow[],
    ipcHandlers: {} as Record<string, Listener>,
    headersFn: null as Listener | null,
    permissionRequestFn: null as Listener | null,
    permissionCheckFn: null as Listener | null,
    /** The OS's key protection: whether it is offered, and Linux's backend (`basic_text` protects nothing). */
    safeStorage: { available: true, backend: KEYRING },
  });
  const state = fresh();
  const emit = (name: string, ...args: unknown[]) => (state.appListeners[name] ?? []).map((fn) => fn(...args));
  FakeWindow.created = (w) => {
    state.windows.push(w);
    emit('web-contents-created', {}, w.webContents);
  };

  const app = {
    requestSingleInstanceLock: vi.fn(() => state.lock),
    quit: vi.fn(),
    on: vi.fn((name: string, fn: Listener) => {
      (state.appListeners[name] ??= []).push(fn);
    }),
    setName: vi.fn(),
    enableSandbox: vi.fn(),
    whenReady: vi.fn(async () => {}),
    getPath: vi.fn(() => state.userData),
    getVersion: () => '0.1.0',
    get isPackaged() {
      return state.packaged;
    },
  };
  const defaultSession = {
    webRequest: { onHeadersReceived: (fn: Listener) => (state.headersFn = fn) },
    setPermissionRequestHandler: (fn: Listener) => (state.permissionRequestFn = fn),
    setPermissionCheckHandler: (fn: Listener) => (state.permissionCheckFn = fn),
  };
  const module = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: { handle: vi.fn((channel: string, fn: Listener) => (state.ipcHandlers[channel] = fn)) },
    session: { defaultSession },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t: unknown) => t) },
    dialog: { showErrorBox: vi.fn() },
    safeStorage: {
      isEncryptionAvailable: vi.fn(() => state.safeStorage.available),
      getSelectedStorageBackend: vi.fn(() => state.safeStorage.backend),
      // Reversible but not the key's bytes, as DPAPI or a keyring would give.
      encryptString: vi.fn((s: string) => Buffer.concat([Buffer.from('fake-os:'), mask(Buffer.from(s, 'utf8'))])),
      decryptString: vi.fn((b: Buffer) => {
        if (!b.subarray(0, 8).equals(Buffer.from('fake-os:')))
          throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
        return mask(b.subarray(8)).toString('utf8');
      }),
    },
  };
  return {
    state,
    module,
    emit,
    /** Back to a fresh app before each boot of the shell. */
    reset(userData: string) {
      Object.assign(state, fresh(), { userData });
      vi.clearAllMocks();
    },
  };
}

export type FakeElectron = ReturnType<typeof fakeElectron>;
