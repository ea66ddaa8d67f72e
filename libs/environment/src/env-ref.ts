/**
 * A reference to an environment variable, resolved only at publish time, so that
 * secrets and per-account values (workspace ids, regions) never reach artifacts.
 * In artifacts it appears as the string `${env:NAME}`.
 */
export type EnvRef = `\${env:${string}}`;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ENV_REF = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function fromEnv(name: string): EnvRef {
  if (!ENV_NAME.test(name)) throw new Error(`invalid environment variable name: ${JSON.stringify(name)}`);
  return `\${env:${name}}`;
}

export function isEnvRef(value: unknown): value is EnvRef {
  return typeof value === 'string' && /^\$\{env:[A-Za-z_][A-Za-z0-9_]*\}$/.test(value);
}

/** Names of every environment variable referenced anywhere inside a JSON value. */
export function envRefsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    for (const m of value.matchAll(ENV_REF)) found.add(m[1]!);
  } else if (Array.isArray(value)) {
    for (const v of value) envRefsIn(v, found);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) envRefsIn(v, found);
  }
  return found;
}

/** Replaces every `${env:NAME}` with its value; throws naming every missing variable. */
export function resolveEnvRefs<T>(value: T, env: Readonly<Record<string, string | undefined>>, context: string): T {
  const missing = [...envRefsIn(value)].filter((n) => env[n] === undefined || env[n] === '');
  if (missing.length > 0) {
    throw new Error(`${context}: environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not set`);
  }
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(ENV_REF, (_, n: string) => env[n]!);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
