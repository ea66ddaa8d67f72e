// Test helpers for the grafana-double, a stand-in for the Grafana HTTP API run as its own process.
// This entry point only spawns the process: no server code is loaded into the caller.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DoubleRequest } from './request-record.js';
export type { DoubleRequest } from './request-record.js';

export interface GrafanaDoubleOptions {
  /** Grafana version to imitate (10.4.x, 11.6.x, 12.4.x, 13.0.x); default 12.4.2. */
  version?: string;
  /** Amazon Managed Grafana differences: /api/health 400, no basic auth, service accounts via the bootstrap token. */
  amg?: boolean;
  /** Share of requests that fail at random (0..1). */
  faults?: number;
  seed?: number;
  /** Milliseconds added to every API answer, like a network round trip (benchmarks). */
  latencyMs?: number;
  /** Defaults to a new temporary directory, kept across restart() and removed by stop(); a given one is never removed. */
  dataDir?: string;
  /** Stand-in only: a token with Admin rights in org 1 from start. */
  bootstrapToken?: string;
  /** Force nested folders on or off (default: off on 10.4, on from 11). */
  nestedFolders?: boolean;
}

export interface GrafanaDoubleProcess {
  url: string;
  dataDir: string;
  pid: number;
  /** SIGTERM, waits for the process to exit. */
  stop(): Promise<void>;
  /** SIGKILL, waits for the process to exit. */
  kill(): Promise<void>;
  /** A new process on the same data directory (and port); stops this one first if it still runs. */
  restart(): Promise<GrafanaDoubleProcess>;
  requests(): Promise<DoubleRequest[]>;
  resetRequests(): Promise<void>;
}

const READY_LINE = /listening on (http:\/\/\S+)/;
const READY_DEADLINE_MS = 30_000;

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function pollReady(url: string, deadline: number): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(`${url}/__double/requests`);
      if (response.ok) return;
    } catch {
      // not accepting connections yet
    }
    if (Date.now() > deadline) throw new Error(`grafana-double at ${url} did not answer within ${READY_DEADLINE_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function launch(options: GrafanaDoubleOptions, dataDir: string, port: number, ownsDataDir: boolean): Promise<GrafanaDoubleProcess> {
  const require = createRequire(import.meta.url);
  const tsxLoader = pathToFileURL(require.resolve('tsx')).href;
  const main = join(import.meta.dirname, 'main.ts');
  const args = ['--import', tsxLoader, main, '--port', String(port), '--data', dataDir, '--grafana-version', options.version ?? '12.4.2'];
  if (options.amg) args.push('--amg');
  if (options.faults !== undefined) args.push('--faults', String(options.faults));
  if (options.seed !== undefined) args.push('--seed', String(options.seed));
  if (options.latencyMs) args.push('--latency-ms', String(options.latencyMs));
  if (options.bootstrapToken) args.push('--bootstrap-token', options.bootstrapToken);
  if (options.nestedFolders) args.push('--nested-folders');
  // one node process (tsx as a loader, not its CLI wrapper) so SIGKILL hits the server itself
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const deadline = Date.now() + READY_DEADLINE_MS;

  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`grafana-double printed no ready line within ${READY_DEADLINE_MS} ms:\n${output}`));
    }, READY_DEADLINE_MS);
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`grafana-double exited (${code}) before it was ready:\n${output}`));
    };
    child.once('exit', onExit);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = READY_LINE.exec(output);
      if (!found) return;
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      const url = found[1]!;
      pollReady(url, deadline).then(
        () => {
          clearTimeout(timer);
          child.off('exit', onExit);
          const actualPort = Number(new URL(url).port);
          const handle: GrafanaDoubleProcess = {
            url,
            dataDir,
            pid: child.pid!,
            async stop() {
              child.kill('SIGTERM');
              await exited(child);
              // a data directory the caller did not give is ours to remove; kill() keeps it, as a crash would
              if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
            },
            async kill() {
              child.kill('SIGKILL');
              await exited(child);
            },
            async restart() {
              if (child.exitCode === null && child.signalCode === null) await handle.stop();
              return launch(options, dataDir, actualPort, ownsDataDir);
            },
            async requests() {
              const response = await fetch(`${url}/__double/requests`);
              return (await response.json()) as DoubleRequest[];
            },
            async resetRequests() {
              await fetch(`${url}/__double/requests`, { method: 'DELETE' });
            },
          };
          resolve(handle);
        },
        (error: unknown) => {
          clearTimeout(timer);
          child.kill('SIGKILL');
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  });
}

/** Starts the stand-in as a separate process on a free loopback port and waits until it answers. */
export function startGrafanaDouble(options: GrafanaDoubleOptions = {}): Promise<GrafanaDoubleProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'grafana-double-'));
  return launch(options, dataDir, 0, options.dataDir === undefined);
}
