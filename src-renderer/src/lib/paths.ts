/** Dotted paths into form values (`members.1.idNumber`), and what the keyboard moves between. */

export function getIn(o: any, path: string): any {
  return path.split('.').reduce((x, k) => (x == null ? x : x[k]), o);
}

/** A copy of `o` with `value` at `path`, copying only the objects on the way. */
export function setIn<T>(o: T, path: string, value: unknown): T {
  const [k, ...rest] = path.split('.');
  const cur: any = o;
  const copy: any = Array.isArray(cur) ? [...cur] : { ...cur };
  copy[k] = rest.length ? setIn(cur[k], rest.join('.'), value) : value;
  return copy;
}

export const FOCUSABLE = 'input:not([type=hidden]):not([readonly]):not([disabled]), select:not([disabled]), textarea:not([disabled])';
