/** Plain JSON helpers shared by the normaliser, the emitters and the comparison. */

export type Json = Record<string, any>;

export function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

/** Deep equality of JSON values; `undefined` object members count as absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/** Objects merged key by key (arrays and scalars of `top` win); `undefined` in `top` removes the key. */
export function deepMerge(base: unknown, top: unknown): unknown {
  if (!isObject(base) || !isObject(top)) return top;
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(top)) {
    if (v === undefined) delete out[k];
    else out[k] = deepMerge(base[k], v);
  }
  return out;
}

/** Fills what `value` lacks from `defaults` (both plain objects); `value` always wins. */
export function withDefaults(value: unknown, defaults: unknown): unknown {
  if (value === undefined) return clone(defaults);
  if (!isObject(value) || !isObject(defaults)) return value;
  const out: Json = { ...value };
  for (const [k, d] of Object.entries(defaults)) out[k] = withDefaults(value[k], d);
  return out;
}

/** Drops members whose value is undefined or null, recursively (Grafana treats them as unset). */
export function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (!isObject(v)) return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined && x !== null) out[k] = withoutNulls(x);
  return out;
}

export type PathPart = string | number;

export function getPath(v: unknown, path: readonly PathPart[]): unknown {
  let cur: any = v;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[p];
  }
  return cur;
}

/** Sets a value deep inside a plain object, creating objects on the way. */
export function setPath(target: Json, path: readonly PathPart[], value: unknown): void {
  let cur: any = target;
  path.slice(0, -1).forEach((p) => {
    if (!isObject(cur[p])) cur[p] = {};
    cur = cur[p];
  });
  cur[path[path.length - 1]!] = value;
}

export function formatPath(path: readonly PathPart[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** Every leaf path where `a` and `b` differ (objects compared member by member, arrays by length then index). */
export function diffPaths(a: unknown, b: unknown, path: PathPart[] = []): PathPart[][] {
  if (deepEqual(a, b)) return [];
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => diffPaths(a[k], b[k], [...path, k]));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((x, i) => diffPaths(x, b[i], [...path, i]));
  }
  return [path];
}
