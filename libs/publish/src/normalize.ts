import { createHash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

const stringify = configure({ deterministic: true, bigint: false });

/** Placeholder for write-only values: compared as set/unset, never by value. */
export const SECRET = '(secret)';

/**
 * Drops what Grafana fills in as defaults or leaves empty (null, "", false, [], {}), recursively,
 * so that an absent field and its default compare equal.
 */
export function pruneDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pruneDefaults);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const p = pruneDefaults(v);
      if (p === null || p === undefined || p === '' || p === false) continue;
      if (Array.isArray(p) && p.length === 0) continue;
      if (p && typeof p === 'object' && !Array.isArray(p) && Object.keys(p).length === 0) continue;
      out[k] = p;
    }
    return out;
  }
  return value;
}

export function omit(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out = { ...value };
  for (const k of keys) delete out[k];
  return out;
}

export function pick(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in value) out[k] = value[k];
  return out;
}

/** `sha256:<hex>` of a comparable form: what the ownership mark records as written. */
export function checksum(comparable: unknown): string {
  return `sha256:${createHash('sha256')
    .update(stringify(comparable) ?? '')
    .digest('hex')}`;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
