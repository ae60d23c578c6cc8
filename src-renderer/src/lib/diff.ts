/**
 * A readable before→after diff of two household (or any) objects: flattened to paths, members
 * keyed by name/ID number rather than array position, only the changed leaves listed.
 */
export interface Change {
  path: string;
  before: unknown;
  after: unknown;
}

function label(item: unknown, i: number): string {
  if (item && typeof item === 'object') {
    const idNumber: unknown = Reflect.get(item, 'idNumber'),
      name: unknown = Reflect.get(item, 'name');
    if (typeof idNumber === 'string' && idNumber) return `[${typeof name === 'string' ? name + ' ' : ''}${idNumber}]`;
  }
  return `[${i + 1}]`;
}

export function flatten(v: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(v)) {
    if (v.length === 0) out.set(prefix, '[]');
    v.forEach((item, i) => flatten(item, `${prefix}${label(item, i)}`, out));
  } else if (v && typeof v === 'object') {
    const entries = Object.entries(v);
    if (entries.length === 0) out.set(prefix, '{}');
    for (const [k, x] of entries) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, v);
  }
  return out;
}

export function diff(before: unknown, after: unknown): Change[] {
  const a = flatten(before ?? {}),
    b = flatten(after ?? {});
  const keys = new Set([...a.keys(), ...b.keys()]);
  const out: Change[] = [];
  for (const k of keys) {
    const x = a.has(k) ? a.get(k) : undefined,
      y = b.has(k) ? b.get(k) : undefined;
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ path: k, before: x, after: y });
  }
  return out;
}
