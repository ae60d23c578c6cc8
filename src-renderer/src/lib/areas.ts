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

/**
 * A village picker's options, cascading from the township: with a township chosen its villages by name; with none, every
 * village as `城关镇 › 东街社区`, so two villages of one name in different townships are told apart (UX.md, issue 21).
 */
export function villageOptions(areas: Area[], township: string | number | null | undefined): { value: string; label: string }[] {
  const tid = township === '' || township === null || township === undefined ? null : Number(township);
  const names = new Map(areas.filter((a) => a.level === 'township').map((a) => [a.id, a.name]));
  return areas
    .filter((a) => a.level === 'village' && (tid === null || a.parentId === tid))
    .map((a) => ({ value: String(a.id), label: tid === null ? `${names.get(a.parentId ?? -1) ?? ''} › ${a.name}` : a.name }))
    .sort((x, y) => (tid === null ? x.label.localeCompare(y.label, 'zh-CN') : 0));
}
