import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_KNOBS, type CallRecord, type ControlPlaneKnobs, type TokenRecord } from './control-plane-standin.js';

export interface StartControlPlaneStandinOptions {
  /** URL of a grafana-double started with `amg: true`. */
  readonly grafanaUrl: string;
  readonly bootstrapToken: string;
  readonly workspaceId?: string;
  readonly region?: string;
  readonly grafanaVersion?: string;
  /** Deadline for the ready line; the machine is shared, so generous. */
  readonly readyTimeoutMs?: number;
}

/** A running control-plane stand-in process and its test channel. */
export interface ControlPlaneStandinProcess {
  readonly url: string;
  readonly workspaceId: string;
  readonly region: string;
  /** The access key pair it accepts; give it to the SDK through the environment (the default provider chain). */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly pid: number;
  setKnobs(knobs: Partial<ControlPlaneKnobs>): Promise<ControlPlaneKnobs>;
  tokens(): Promise<TokenRecord[]>;
  calls(): Promise<CallRecord[]>;
  resetCalls(): Promise<void>;
  /** Back to DEFAULT_KNOBS with no recorded calls, between tests. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

const MAIN = fileURLToPath(new URL('./control-plane-standin-main.ts', import.meta.url));

/** Starts the stand-in as a separate process and waits (with a deadline) for its ready line. */
export async function startControlPlaneStandin(options: StartControlPlaneStandinOptions): Promise<ControlPlaneStandinProcess> {
  const workspaceId = options.workspaceId ?? 'g-0123456789';
  const region = options.region ?? 'us-east-1';
  const credentials = { accessKeyId: ['AKIA', 'STANDIN000000000'].join(''), secretAccessKey: `standin-${process.pid}-${Date.now()}` };
  const args = [
    '--import',
    'tsx',
    MAIN,
    '--grafana-url',
    options.grafanaUrl,
    '--bootstrap-token',
    options.bootstrapToken,
    '--workspace-id',
    workspaceId,
    '--region',
    region,
  ];
  args.push(
    '--grafana-version',
    options.grafanaVersion ?? '12.4',
    '--access-key-id',
    credentials.accessKeyId,
    '--secret-access-key',
    credentials.secretAccessKey,
  );
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`AMG control-plane stand-in not ready after ${options.readyTimeoutMs ?? 30_000} ms: ${stderr}`));
    }, options.readyTimeoutMs ?? 30_000);
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`AMG control-plane stand-in exited with ${code}: ${stderr}`));
    });
  });
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new Error(`stand-in ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    url,
    workspaceId,
    region,
    credentials,
    pid: child.pid!,
    setKnobs: (knobs) => call('POST', '/__standin/knobs', knobs),
    tokens: () => call('GET', '/__standin/tokens'),
    calls: () => call('GET', '/__standin/calls'),
    resetCalls: async () => void (await call('DELETE', '/__standin/calls')),
    reset: async () => {
      await call('POST', '/__standin/knobs', DEFAULT_KNOBS);
      await call('DELETE', '/__standin/calls');
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
