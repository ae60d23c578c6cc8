import { describe, expect, it, vi } from 'vitest';

const exposed: Record<string, any> = {};
const invoke = vi.fn(async () => ({ ok: true, value: 1 }));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (k: string, v: unknown) => (exposed[k] = v) },
  ipcRenderer: { invoke },
}));

describe('preload', () => {
  it('exposes a single invoke on one channel and nothing of ipcRenderer', async () => {
    await import('../../../src-main/preload');
    expect(Object.keys(exposed)).toEqual(['safetynet']);
    expect(Object.keys(exposed.safetynet)).toEqual(['invoke']);
    await exposed.safetynet.invoke({ method: 'app.status', input: {} });
    expect(invoke).toHaveBeenCalledWith('safetynet:invoke', { method: 'app.status', input: {} });
  });
});
