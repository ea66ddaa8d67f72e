export interface EnvoyTrafficOptions {
  /** host:port for the stats endpoint. @default '127.0.0.1:9901' (Envoy's admin port) */
  readonly listenAddress: string;
  /** Requests per second entering the mesh. @default 30 */
  readonly rps: number;
  /** Seed of the random traffic; the same seed replays the same traffic. @default the current time */
  readonly seed: number;
  /** Milliseconds between simulation steps. @default 200 */
  readonly tickMs: number;
}

export const USAGE = `Usage: envoy-traffic [--listen-address=127.0.0.1:9901] [--rps=30] [--seed=N] [--tick-ms=200]
Synthetic Envoy stats for local preview only: three made-up services in two namespaces.`;

export class FlagError extends Error {}

/** Parses `--name=value` / `--name value` flags. */
export function parseFlags(args: readonly string[], now = Date.now()): EnvoyTrafficOptions {
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const m = /^--?([a-z-]+)(?:=(.*))?$/.exec(args[i]!);
    if (!m) throw new FlagError(`unexpected argument ${args[i]}\n${USAGE}`);
    if (m[1] === 'help' || m[1] === 'h') throw new FlagError(USAGE);
    if (!['listen-address', 'rps', 'seed', 'tick-ms'].includes(m[1]!)) throw new FlagError(`unknown flag --${m[1]}\n${USAGE}`);
    const value = m[2] ?? args[++i];
    if (value === undefined) throw new FlagError(`flag --${m[1]} needs a value`);
    values[m[1]!] = value;
  }
  const listenAddress = values['listen-address'] ?? '127.0.0.1:9901';
  if (!/^.+:\d+$/.test(listenAddress)) throw new FlagError(`--listen-address must be host:port, got ${listenAddress}`);
  const number = (name: string, fallback: number, min: number) => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min) throw new FlagError(`--${name} must be a number >= ${min}, got ${raw}`);
    return n;
  };
  return { listenAddress, rps: number('rps', 30, 0), seed: number('seed', now % 2 ** 32, 0), tickMs: number('tick-ms', 200, 10) };
}

export function splitListenAddress(address: string): { host: string; port: number } {
  const i = address.lastIndexOf(':');
  return { host: address.slice(0, i).replace(/^\[(.*)\]$/, '$1'), port: Number(address.slice(i + 1)) };
}
