/** Station package keys and addresses (docs/stations.md "Packages"): derived, never carried; a manifest that is not a station's is refused. */
import { describe, expect, it } from 'vitest';
import { packagePassphrase, newStationId } from '../../../src-main/stations/identity';
import { metaOf } from '../../../src-main/stations/packages';
import type { Manifest } from '../../../src-main/exchange/package';

const secret = 'ab'.repeat(32);

describe('station package keys', () => {
  it('differ by sender, recipient, sequence and secret, and are stable', () => {
    const k = packagePassphrase(secret, 'CS-1', 'TS-1', 3);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(packagePassphrase(secret, 'CS-1', 'TS-1', 3)).toBe(k);
    const others = [
      packagePassphrase(secret, 'CS-1', 'TS-2', 3),
      packagePassphrase(secret, 'TS-1', 'CS-1', 3),
      packagePassphrase(secret, 'CS-1', 'TS-1', 4),
      packagePassphrase('cd'.repeat(32), 'CS-1', 'TS-1', 3),
    ];
    expect(new Set([k, ...others]).size).toBe(5);
  });

  it('station ids name their level and do not repeat', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newStationId('township')));
    expect(ids.size).toBe(200);
    expect(newStationId('county')).toMatch(/^CS-[0-9A-F]{10}$/);
  });

  it('a manifest without station addresses, or whose kind disagrees with them, is not a station package', () => {
    const m = (kind: string, meta?: object) => ({ kind, meta }) as unknown as Manifest; // only kind and meta are read
    const station = { sender: 'CS-1', recipient: 'TS-1', seq: 1, prev: null, kind: 'down' };
    expect(metaOf(m('station-down', { station }))).toEqual(station);
    expect(() => metaOf(m('backup', { station }))).toThrow(/not a package between stations/);
    expect(() => metaOf(m('station-down', {}))).toThrow(/not a package between stations/);
    expect(() => metaOf(m('station-down', { station: { ...station, seq: -1 } }))).toThrow(/not a package between stations/);
  });
});
