import { useEffect, useState } from 'react';
import { call } from '../api';
import type { Output } from '../../../src-main/contract';

export type Area = Output<'areas.list'>[number];
let cache: Area[] | null = null;

export function invalidateAreas() {
  cache = null;
}

export function useAreas(): Area[] {
  const [areas, setAreas] = useState<Area[]>(cache ?? []);
  useEffect(() => {
    if (cache) return;
    let live = true;
    call('areas.list', {})
      .then((a) => {
        cache = a;
        if (live) setAreas(a);
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return areas;
}
