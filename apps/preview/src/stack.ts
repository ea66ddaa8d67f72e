import { LOCAL_ENDPOINTS, listenAddress } from '@o11y/env-local';
import { compareStrings } from '@o11y/environment';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCollectorConfig } from '@o11y/k8s';
import { locateBinaries, NODE_EXPORTER, OTELCOL, PROMETHEUS } from './binaries.js';
import { startChild, waitUntilServing, type ManagedChild } from './child-process.js';
import { PREVIEW_SCRAPE_JOBS, previewCollectorConfig, type PreviewWorkload } from './collector-config.js';
import { acquirePreviewLock } from './lock.js';
import { freeLoopbackPort } from '@o11y/workspace-tools';
import { isListening } from './ports.js';
import { renderPrometheusConfig, type ScrapeTarget } from './prometheus-config.js';

export interface PreviewStackOptions {
  readonly workspaceRoot: string;
  /** How often the collector scrapes the workloads. @default '15s' */
  readonly scrapeInterval?: string;
  /** host:port for the Prometheus started here; port 0 picks a free one. @default '127.0.0.1:9090' (the local environment's data source) */
  readonly prometheusListen?: string;
  /** Use this running Prometheus instead of starting one (PROMETHEUS_URL); it must have its remote-write receiver enabled. */
  readonly prometheusUrl?: string;
  /** Keep the temporary data directory (TSDB, config, logs) after stop. @default false */
  readonly keepData?: boolean;
  /** @default DEFAULT_LOCK_FILE in the OS temp directory */
  readonly lockFile?: string;
  readonly log?: (line: string) => void;
  /** How long each process may take to serve. @default 15 s */
  readonly startTimeoutMs?: number;
}

export interface PreviewStack {
  readonly prometheusUrl: string;
  /** False when connected to an existing Prometheus (PROMETHEUS_URL). */
  readonly startedPrometheus: boolean;
  readonly scrapeInterval: string;
  readonly dataDir: string;
  readonly targets: readonly ScrapeTarget[];
  /** Processes started here, Prometheus first, the collector last. */
  readonly processes: readonly { readonly name: string; readonly pid: number; readonly port: number }[];
  /** Stops every process started here, removes the data directory (unless kept) and the lock. Idempotent. */
  stop(): Promise<void>;
}

/** A local workload: how to start it on a port; the collector scrapes it with the chart's job for it. */
export interface Workload {
  readonly name: PreviewWorkload;
  readonly command: string;
  readonly args: (port: number) => string[];
  readonly readyPath: string;
}

/** The twin workloads: the pinned node_exporter, the sample app and the Envoy traffic generator. */
export function previewWorkloads(root: string, nodeExporter: string): Workload[] {
  const tsx = (main: string) => [process.execPath, ['--import', 'tsx', join(root, main)]] as const;
  const [node, sampleApp] = tsx('apps/prometheus-sample-app/src/main.ts');
  const [, envoyTraffic] = tsx('apps/envoy-traffic/src/main.ts');
  return [
    {
      name: 'node-exporter',
      command: nodeExporter,
      // The systemd collector only logs errors outside a systemd session; no panel uses it.
      args: (port) => [`--web.listen-address=127.0.0.1:${port}`, '--no-collector.systemd'],
      readyPath: '/metrics',
    },
    {
      name: 'prometheus-sample-app',
      command: node,
      // The recipe's invocation: ten metrics of each type.
      args: (port) => [...sampleApp, `-listen_address=127.0.0.1:${port}`, '-metric_count=10'],
      readyPath: '/',
    },
    {
      name: 'envoy-traffic',
      command: node,
      args: (port) => [...envoyTraffic, `--listen-address=127.0.0.1:${port}`],
      readyPath: '/ready',
    },
  ];
}

/**
 * Starts node-exporter, the sample app and the Envoy traffic generator on free loopback ports, a Prometheus
 * with its remote-write receiver (or uses PROMETHEUS_URL), and the recipe's metrics pipeline: an OpenTelemetry
 * Collector scraping them with the charts' jobs and remote-writing to that Prometheus. Under a lock, so only
 * one preview runs.
 */
export async function startPreviewStack(options: PreviewStackOptions): Promise<PreviewStack> {
  const log = options.log ?? (() => {});
  const scrapeInterval = options.scrapeInterval ?? '15s';
  const timeoutMs = options.startTimeoutMs ?? 15_000;
  const lock = acquirePreviewLock(options.lockFile);
  const children: { child: ManagedChild; port: number }[] = [];
  let dataDir: string | undefined;
  let stopped = false;

  // If the process dies without stop() (an uncaught error), nothing may outlive it.
  const onExit = () => {
    for (const { child } of children) if (child.isRunning()) process.kill(child.pid, 'SIGKILL');
    if (dataDir && !options.keepData) rmSync(dataDir, { recursive: true, force: true });
    lock.release();
  };
  process.on('exit', onExit);

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(children.map(({ child }) => child.stop()));
    if (dataDir && !options.keepData) rmSync(dataDir, { recursive: true, force: true });
    lock.release();
    process.off('exit', onExit);
  };

  try {
    const [nodeExporter, otelcol, prometheus] = locateBinaries(
      options.prometheusUrl ? [NODE_EXPORTER, OTELCOL] : [NODE_EXPORTER, OTELCOL, PROMETHEUS],
    );
    dataDir = mkdtempSync(join(tmpdir(), 'o11y-preview-'));
    mkdirSync(join(dataDir, 'logs'));
    const logFile = (name: string) => join(dataDir!, 'logs', `${name}.log`);

    const targets: ScrapeTarget[] = [];
    const addresses = {} as Record<PreviewWorkload, string>;
    // allSettled: on a failure every branch has finished, so stop() sees every child started.
    const started = await Promise.allSettled(
      previewWorkloads(options.workspaceRoot, nodeExporter!).map(async (w) => {
        const port = await freeLoopbackPort();
        const child = startChild({
          name: w.name,
          command: w.command,
          args: w.args(port),
          cwd: options.workspaceRoot,
          logFile: logFile(w.name),
        });
        children.push({ child, port });
        await waitUntilServing(child, `http://127.0.0.1:${port}${w.readyPath}`, timeoutMs);
        const { job } = PREVIEW_SCRAPE_JOBS[w.name];
        addresses[w.name] = `127.0.0.1:${port}`;
        targets.push({ job: job.jobName, address: addresses[w.name], metricsPath: job.metricsPath ?? '/metrics' });
      }),
    );
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    targets.sort((a, b) => compareStrings(a.job, b.job));

    let prometheusUrl: string;
    if (options.prometheusUrl) {
      prometheusUrl = options.prometheusUrl.replace(/\/+$/, '');
      const res = await fetch(`${prometheusUrl}/api/v1/status/buildinfo`, { signal: AbortSignal.timeout(5000) }).catch((e: Error) => e);
      if (res instanceof Error || !res.ok)
        throw new Error(
          `PROMETHEUS_URL=${prometheusUrl} does not answer as a Prometheus (${res instanceof Error ? res.message : `HTTP ${res.status}`})`,
        );
      log(`using the Prometheus at ${prometheusUrl}: the collector remote-writes to it (start it with --web.enable-remote-write-receiver)`);
    } else {
      const [host, portText] = splitHostPort(options.prometheusListen ?? listenAddress(LOCAL_ENDPOINTS.prometheus));
      let port = Number(portText);
      if (port === 0) port = await freeLoopbackPort();
      else if (await isListening(port, host)) {
        throw new Error(
          `${host}:${port} is already in use; stop what listens there, or set PROMETHEUS_URL=http://${host}:${port} to use that Prometheus`,
        );
      }
      // Prometheus scrapes nothing itself: the collector's remote writes are its data.
      writeFileSync(join(dataDir, 'prometheus.yml'), renderPrometheusConfig(scrapeInterval, []));
      const child = startChild({
        name: 'prometheus',
        command: prometheus!,
        args: [
          `--config.file=${join(dataDir, 'prometheus.yml')}`,
          `--storage.tsdb.path=${join(dataDir, 'tsdb')}`,
          `--web.listen-address=${host}:${port}`,
          '--storage.tsdb.retention.time=1d',
          '--web.enable-remote-write-receiver',
        ],
        cwd: dataDir,
        logFile: logFile('prometheus'),
      });
      children.unshift({ child, port });
      prometheusUrl = `http://${host}:${port}`;
      await waitUntilServing(child, `${prometheusUrl}/-/ready`, timeoutMs);
    }
    const healthCheckPort = await freeLoopbackPort();
    const collectorConfig = previewCollectorConfig({
      scrapeInterval,
      addresses,
      remoteWriteUrl: `${prometheusUrl}/api/v1/write`,
      healthCheckPort,
    });
    writeFileSync(join(dataDir, 'otelcol.yaml'), renderCollectorConfig(collectorConfig));
    const collector = startChild({
      name: 'otelcol',
      command: otelcol!,
      args: [`--config=file:${join(dataDir, 'otelcol.yaml')}`],
      cwd: dataDir,
      logFile: logFile('otelcol'),
    });
    children.push({ child: collector, port: healthCheckPort });
    await waitUntilServing(collector, `http://127.0.0.1:${healthCheckPort}/`, timeoutMs);
    lock.update({ prometheusUrl });
    return {
      prometheusUrl,
      startedPrometheus: !options.prometheusUrl,
      scrapeInterval,
      dataDir,
      targets,
      processes: children.map(({ child, port }) => ({ name: child.name, pid: child.pid, port })),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

function splitHostPort(address: string): [string, string] {
  const i = address.lastIndexOf(':');
  if (i < 0) throw new Error(`--prometheus-listen must be host:port, got ${address}`);
  return [address.slice(0, i) || '127.0.0.1', address.slice(i + 1)];
}
