import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP } from '../../../src-main/shell/csp';
import { SECURITY_HEADERS } from '../../../src-main/host/http-host';
import { ROOT } from '../../fixtures/paths';

describe('the app CSP is one policy everywhere', () => {
  it('the renderer meta, the Electron session and the loopback host carry the same policy', () => {
    const html = fs.readFileSync(path.join(ROOT, 'src-renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    // A meta cannot carry frame-ancestors; the headers add it (X-Frame-Options too on the host).
    expect(meta).toBe(CSP.replace(/; frame-ancestors 'none'$/, ''));
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CSP);
    expect(CSP).toContain("frame-ancestors 'none'");
    expect(CSP).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
  });
});
