/** Every property optional, recursively; arrays and functions are replaced, not merged. */
export type DeepPartial<T> = T extends readonly unknown[] | ((...args: never[]) => unknown)
  ? T
  : T extends object
    ? { readonly [K in keyof T]?: DeepPartial<T[K]> }
    : T;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/**
 * Defaults with an environment's overrides applied, so one threshold changes without copying the rest:
 * `withOverrides(defaults, { downstreamLatency: { thresholdMs: 10 } })`.
 */
export function withOverrides<T>(defaults: T, overrides: DeepPartial<NoInfer<T>> | undefined): T {
  if (overrides === undefined) return defaults;
  if (!isPlainObject(defaults) || !isPlainObject(overrides)) return overrides as T;
  const out: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(overrides)) {
    if (value !== undefined) out[key] = withOverrides((defaults as Record<string, unknown>)[key], value as never);
  }
  return out as T;
}
