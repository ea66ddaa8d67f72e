import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startGrafanaDouble } from '@o11y/grafana-double';

const run = promisify(execFile);

/** The Grafana the preview publishes to, and how it was chosen. */
export interface PreviewGrafana {
  readonly url: string;
  readonly kind: 'given' | 'compose' | 'double';
  /** One line saying which Grafana this is. */
  readonly description: string;
  /** Environment for the publisher (URL and credentials). */
  readonly env: Readonly<Record<string, string>>;
  /** Stops what the preview started (nothing for a given URL). Idempotent. */
  stop(): Promise<void>;
}

export interface ChooseGrafanaOptions {
  readonly workspaceRoot: string;
  /** --grafana-url, else GRAFANA_URL. */
  readonly url?: string;
  /** Version the environment declares: the stand-in imitates it. */
  readonly version: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** How long a started Grafana may take to answer. @default 120 s (an image pull is not counted: `up --wait` does it first) */
  readonly startTimeoutMs?: number;
  /** Whether a Docker engine answers; injectable for tests. */
  readonly dockerAnswers?: () => Promise<boolean>;
}

export const COMPOSE_FILE = (root: string) => join(root, 'apps', 'preview', 'grafana', 'compose.yaml');

async function dockerEngineAnswers(): Promise<boolean> {
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** Polls /api/health until Grafana answers with its database ok, or the deadline passes. */
export async function waitForGrafana(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Grafana at ${url} did not answer /api/health within ${timeoutMs} ms (${last})`);
}

/**
 * --grafana-url / GRAFANA_URL; else, where a Docker engine answers, Grafana 12.4 from the compose file
 * the project ships; else the stand-in (no UI, for headless checks).
 */
export async function chooseGrafana(options: ChooseGrafanaOptions): Promise<PreviewGrafana> {
  const env = options.env ?? process.env;
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  const credentials = {
    ...(env.GRAFANA_TOKEN ? { GRAFANA_TOKEN: env.GRAFANA_TOKEN } : {}),
    GRAFANA_USER: env.GRAFANA_USER ?? 'admin',
    GRAFANA_PASSWORD: env.GRAFANA_PASSWORD ?? 'admin',
  };
  const given = options.url ?? env.GRAFANA_URL;
  if (given) {
    const url = given.replace(/\/+$/, '');
    await waitForGrafana(url, 10_000);
    return {
      url,
      kind: 'given',
      description: `Grafana at ${url} (--grafana-url or GRAFANA_URL)`,
      env: { GRAFANA_URL: url, ...credentials },
      stop: async () => {},
    };
  }
  if (await (options.dockerAnswers ?? dockerEngineAnswers)()) {
    const file = COMPOSE_FILE(options.workspaceRoot);
    const port = env.GRAFANA_PORT ?? '3000';
    const compose = (...args: string[]) =>
      run('docker', ['compose', '-f', file, ...args], { env: { ...process.env, GRAFANA_PORT: port }, timeout: 10 * 60_000 });
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      // down -v drops the tmpfs data with the container.
      await compose('down', '-v', '--remove-orphans').catch(() => {});
    };
    const url = `http://127.0.0.1:${port}`;
    try {
      await compose('up', '-d', '--wait');
      await waitForGrafana(url, timeoutMs);
    } catch (e) {
      await stop();
      throw new Error(`could not start Grafana from ${file}: ${(e as Error).message.split('\n')[0]}`);
    }
    return {
      url,
      kind: 'compose',
      description: `Grafana 12.4 in Docker (${file}), anonymous admin on ${url}, data removed on exit`,
      env: { GRAFANA_URL: url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'admin' },
      stop,
    };
  }
  const double = await startGrafanaDouble({ version: options.version });
  let stopped = false;
  return {
    url: double.url,
    kind: 'double',
    description:
      `the stand-in Grafana (libs/grafana-double, imitating ${options.version}, the version the environment declares) at ${double.url}: ` +
      'it has no UI and is for headless checks; ' +
      'for a real one start Docker (compose file apps/preview/grafana/compose.yaml) or pass --grafana-url',
    env: { GRAFANA_URL: double.url, GRAFANA_USER: 'admin', GRAFANA_PASSWORD: 'admin' },
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await double.stop();
    },
  };
}
