/**
 * The last line of the host's "never dies on a request": once a host is listening, an exception
 * or rejection that escapes a request path (a callback the request handler cannot catch) is
 * logged, not fatal, so one bad request cannot end an import that is running. Installed only
 * after the server listens, so a startup error (port taken, store unreadable) still stops the
 * process; removed when the last host closes.
 */
let hosts = 0;

function logEscaped(err: unknown): void {
  console.error('safetynet host: unexpected error outside a request handler; the host goes on serving:', err);
}

/** Installs the guard (once for all hosts of the process); returns its release. */
export function installCrashGuard(): () => void {
  if (hosts++ === 0) {
    process.on('uncaughtException', logEscaped);
    process.on('unhandledRejection', logEscaped);
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--hosts === 0) {
      process.off('uncaughtException', logEscaped);
      process.off('unhandledRejection', logEscaped);
    }
  };
}

/** For tests: whether the guard is installed. */
export function crashGuardInstalled(): boolean {
  return process.listeners('uncaughtException').includes(logEscaped);
}
