/**
 * The shell's security settings, kept apart from `index.ts` so they can be unit-tested
 * against a mocked `electron` module: isolated, sandboxed renderer without Node; a CSP on
 * every response; no permission ever granted; no navigation but to the app's own index.html,
 * no new windows, no webviews (so a file dropped on the window never becomes the page).
 */
import type { BrowserWindowConstructorOptions, WebContents, Session } from 'electron';
import { CSP } from './csp';

export { CSP };

export function windowOptions(preloadPath: string, opts: { devTools: boolean }): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 1280,
    minHeight: 720,
    show: false,
    title: 'Safetynet 社会救助',
    autoHideMenuBar: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Off in the packaged app: on a shared office PC the console would read every household.
      devTools: opts.devTools,
    },
  };
}

function decodedPath(u: URL): string | null {
  try {
    return decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
}

/**
 * True when `url` is the app itself: the packaged app's own index.html (`appUrl` a file: URL;
 * any fragment or query, as the app routes in the fragment), or the dev server's origin
 * (`appUrl` http:). Any other file, even beside it, is not the app.
 */
export function isAppUrl(url: string, appUrl: string, platform: NodeJS.Platform = process.platform): boolean {
  let u: URL, app: URL;
  try {
    u = new URL(url);
    app = new URL(appUrl);
  } catch {
    return false;
  }
  if (app.protocol === 'file:') {
    if (u.protocol !== 'file:' || u.host !== app.host) return false;
    const a = decodedPath(u);
    const b = decodedPath(app);
    if (a === null || b === null) return false;
    // Windows file names ignore case (and Chromium may spell the drive letter differently).
    return platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
  }
  return (app.protocol === 'http:' || app.protocol === 'https:') && u.origin === app.origin;
}

/** Applied to every web contents the app creates (`web-contents-created`), the main window and the print windows alike. */
export function lockDownContents(contents: WebContents, appUrl: string): void {
  // A dropped file, a link or a script asking to leave: only the app's own page may load.
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, appUrl)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function applySessionPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  // No camera, microphone, geolocation, notifications or anything else: the app never needs them.
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
