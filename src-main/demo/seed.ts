// placeholder replaced by the demo module
import type { Store } from '../db/open';
export function seedDemoCounty(_store: Store, _n: number): void {
  throw new Error('not yet');
}
export async function createDemoDatabase(_file: string, _o: { households: number; seed?: number; onProgress?: (d: number, t: number) => void }): Promise<void> {
  throw new Error('not yet');
}
