import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../../src-main/shared/gc';

describe('collectGarbage', () => {
  it('frees memory nothing refers to any more, without a command-line flag', () => {
    const holder: { big: number[][] | null } = { big: Array.from({ length: 300_000 }, (_, i) => [i, i + 1, i + 2]) };
    const held = process.memoryUsage().heapUsed;
    expect(holder.big?.length).toBe(300_000);
    holder.big = null;
    collectGarbage();
    expect(process.memoryUsage().heapUsed).toBeLessThan(held - 10_000_000);
  });
});
