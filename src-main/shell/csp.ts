/**
 * The app's Content-Security-Policy, one policy for both transports: the Electron shell adds it
 * to every response of its session, the loopback host to every answer, and
 * src-renderer/index.html carries it in a meta (without frame-ancestors, which a meta cannot set;
 * tests/unit/shell/csp.test.ts keeps the three equal). No electron import: the host uses it too.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
