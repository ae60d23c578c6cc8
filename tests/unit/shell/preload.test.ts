import { describe, expect, it, vi } from 'vitest';

type DomListener = (e: { preventDefault(): void }) => void;
const exposed: Record<string, Record<string, (...a: unknown[]) => unknown>> = {};
const listeners: { type: string; listener: DomListener; capture: boolean }[] = [];
const invoke = vi.fn(async () => ({ ok: true, value: 1 }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (k: string, v: Record<string, (...a: unknown[]) => unknown>) => (exposed[k] = v) },
  ipcRenderer: { invoke, send: vi.fn(), on: vi.fn() },
}));
// The preload's window (a sandboxed preload shares the page's DOM).
vi.stubGlobal('addEventListener', (type: string, listener: DomListener, capture: boolean) => listeners.push({ type, listener, capture }));
await import('../../../src-main/preload');

describe('preload', () => {
  it('exposes a single invoke on one channel and nothing of ipcRenderer', async () => {
    expect(Object.keys(exposed)).toEqual(['safetynet']);
    expect(Object.keys(exposed.safetynet)).toEqual(['invoke']);
    await exposed.safetynet.invoke({ method: 'app.status', input: {} });
    expect(invoke).toHaveBeenCalledWith('safetynet:invoke', { method: 'app.status', input: {} });
    expect(Object.values(exposed.safetynet)).not.toContain(invoke);
  });

  it('prevents the default of every dragover and drop, so a dropped file never becomes the page', () => {
    expect(listeners.map((l) => [l.type, l.capture])).toEqual([
      ['dragover', true],
      ['drop', true],
    ]);
    for (const l of listeners) {
      const e = { preventDefault: vi.fn() };
      l.listener(e);
      expect(e.preventDefault).toHaveBeenCalled();
    }
  });
});
