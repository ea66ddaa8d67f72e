import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeLoopbackPort, resolveTool } from '@o11y/workspace-tools';
import type { Catalogue } from './catalogue.js';
import { parseExposition } from './exposition.js';

/**
 * node_exporter's collectors the catalogue lists: the defaults whose metric names do not depend on the machine's
 * hardware (no hwmon, nvme, thermal…), so a regeneration on another machine gives the same catalogue.
 */
export const NODE_EXPORTER_COLLECTORS = [
  'cpu',
  'diskstats',
  'filesystem',
  'loadavg',
  'meminfo',
  'netdev',
  'stat',
  'time',
  'uname',
  'vmstat',
];

/** Scrapes url until `ready(body)` holds, polling every 250 ms up to the deadline. */
async function scrapeUntil(url: string, ready: (body: string) => boolean, child: ChildProcess, deadlineMs = 30_000): Promise<string> {
  const end = Date.now() + deadlineMs;
  let last = '';
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with code ${child.exitCode} before it served metrics`);
    try {
      const res = await fetch(url);
      last = await res.text();
      if (res.ok && ready(last)) return last;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url}: no ready metrics within ${deadlineMs} ms (last body ${last.length} bytes)`);
}

async function withProcess<T>(command: string, args: readonly string[], run: (child: ChildProcess) => Promise<T>): Promise<T> {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
  try {
    return await run(child);
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${stderr}`);
  } finally {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }
}

/** node_exporter from .tools/bin with NODE_EXPORTER_COLLECTORS, scraped once. */
export async function generateNodeExporterCatalogue(): Promise<Catalogue> {
  const tool = resolveTool('node_exporter');
  const port = await freeLoopbackPort();
  const args = [
    `--web.listen-address=127.0.0.1:${port}`,
    '--collector.disable-defaults',
    ...NODE_EXPORTER_COLLECTORS.map((c) => `--collector.${c}`),
  ];
  const body = await withProcess(tool.path, args, (child) =>
    scrapeUntil(`http://127.0.0.1:${port}/metrics`, (b) => b.includes('node_cpu_seconds_total'), child),
  );
  // Its own Go runtime and process metrics are left out: they name the build, not what a node exports.
  const metrics = Object.fromEntries(Object.entries(parseExposition(body)).filter(([n]) => n.startsWith('node_')));
  return {
    component: 'node-exporter',
    version: tool.version,
    source: `generated: .tools/bin/node_exporter --collector.disable-defaults ${NODE_EXPORTER_COLLECTORS.map((c) => `--collector.${c}`).join(' ')}`,
    notes: 'The charts pin quay.io/prometheus/node-exporter:v1.11.1; the tool built here is the version above.',
    metrics,
  };
}

/**
 * The collector from .tools/bin scraping its own telemetry and remote-writing to a closed port, so receiver,
 * processor and exporter metrics (including failures) all appear. Instance-specific labels are names, not values.
 */
export async function generateCollectorCatalogue(): Promise<Catalogue> {
  const tool = resolveTool('otelcol');
  const [telemetryPort, deadPort] = [await freeLoopbackPort(), await freeLoopbackPort()];
  const dir = mkdtempSync(join(tmpdir(), 'o11y-catalogue-'));
  const config = {
    receivers: {
      prometheus: {
        config: {
          scrape_configs: [{ job_name: 'self', scrape_interval: '1s', static_configs: [{ targets: [`127.0.0.1:${telemetryPort}`] }] }],
        },
      },
    },
    processors: { memory_limiter: { check_interval: '1s', limit_percentage: 80, spike_limit_percentage: 25 }, batch: { timeout: '1s' } },
    exporters: {
      // A one-batch queue in front of a dead endpoint with short retries: sends fail and the queue overflows,
      // so the failure families that appear only on a first failure are listed too.
      prometheusremotewrite: {
        endpoint: `http://127.0.0.1:${deadPort}/api/v1/write`,
        retry_on_failure: { enabled: true, initial_interval: '200ms', max_interval: '200ms', max_elapsed_time: '2s' },
        remote_write_queue: { enabled: true, queue_size: 1, num_consumers: 1 },
      },
    },
    service: {
      pipelines: { metrics: { receivers: ['prometheus'], processors: ['memory_limiter', 'batch'], exporters: ['prometheusremotewrite'] } },
      telemetry: {
        logs: { level: 'error' },
        metrics: { level: 'detailed', readers: [{ pull: { exporter: { prometheus: { host: '127.0.0.1', port: telemetryPort } } } }] },
      },
    },
  };
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  try {
    const body = await withProcess(tool.path, [`--config=${file}`], (child) =>
      scrapeUntil(
        `http://127.0.0.1:${telemetryPort}/metrics`,
        (b) =>
          [
            'otelcol_exporter_send_failed_metric_points',
            'otelcol_exporter_enqueue_failed_metric_points',
            'otelcol_processor_batch_batch_send_size',
          ].every((name) => b.includes(name)),
        child,
        120_000,
      ),
    );
    // Scrape-target and build-identity families of this run (target_info, promhttp) are not the collector's telemetry.
    const metrics = Object.fromEntries(Object.entries(parseExposition(body)).filter(([n]) => n.startsWith('otelcol_')));
    return {
      component: 'otel-collector',
      version: tool.version,
      source:
        'generated: .tools/bin/otelcol (prometheus receiver -> memory_limiter, batch -> prometheusremotewrite), telemetry level detailed',
      notes: 'The aws charts run ADOT v0.48.0, built on an older collector; the collector built here is the version above.',
      metrics,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The TypeScript twin of the Prometheus sample app (apps/prometheus-sample-app) with the chart's settings. */
export async function generateSampleAppCatalogue(workspaceRoot: string): Promise<Catalogue> {
  const port = await freeLoopbackPort();
  const main = join(workspaceRoot, 'apps/prometheus-sample-app/src/main.ts');
  const tsx = join(workspaceRoot, 'node_modules/.bin/tsx');
  // The chart's defaults: every type, 10 of each, one label, one data point.
  const args = [main, `-listen_address=127.0.0.1:${port}`, '-metric_type=all', '-metric_count=10', '-label_count=1', '-datapoint_count=1'];
  const body = await withProcess(tsx, args, (child) =>
    scrapeUntil(`http://127.0.0.1:${port}/metrics`, (b) => /^test_summary9\{/m.test(b), child),
  );
  return {
    component: 'prometheus-sample-app',
    version: 'apps/prometheus-sample-app (twin of aws-otel-community prometheus-sample-app)',
    source: 'generated: apps/prometheus-sample-app -metric_type=all -metric_count=10 -label_count=1 -datapoint_count=1',
    metrics: parseExposition(body),
  };
}

/**
 * Grafana Alloy's prometheus.remote_write is Prometheus's remote-write queue (storage/remote) inside Alloy, and Alloy
 * cannot run here; so its remote-write families come from the pinned Prometheus in .tools/bin writing to a closed
 * port (failures and retries appear), and Alloy's own labels are added as it documents them.
 */
export async function generateAlloyCatalogue(alloyImage: string): Promise<Catalogue> {
  const tool = resolveTool('prometheus');
  const [webPort, deadPort] = [await freeLoopbackPort(), await freeLoopbackPort()];
  const dir = mkdtempSync(join(tmpdir(), 'o11y-catalogue-'));
  const config = {
    global: { scrape_interval: '1s' },
    scrape_configs: [{ job_name: 'self', static_configs: [{ targets: [`127.0.0.1:${webPort}`] }] }],
    remote_write: [
      {
        url: `http://127.0.0.1:${deadPort}/api/v1/write`,
        queue_config: { batch_send_deadline: '1s', min_backoff: '100ms', max_backoff: '200ms' },
      },
    ],
  };
  writeFileSync(join(dir, 'prometheus.yml'), JSON.stringify(config));
  try {
    const args = [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${webPort}`,
    ];
    const body = await withProcess(tool.path, args, (child) =>
      scrapeUntil(
        `http://127.0.0.1:${webPort}/metrics`,
        (b) => /^prometheus_remote_storage_samples_retried_total\{/m.test(b) && /^prometheus_remote_storage_samples_pending\{/m.test(b),
        child,
        120_000,
      ),
    );
    const metrics = Object.fromEntries(
      Object.entries(parseExposition(body))
        .filter(([n]) => n.startsWith('prometheus_remote_storage_'))
        // Alloy labels every component's own metrics with the component that exposes them.
        .map(([n, m]) => [n, { ...m, labels: [...m.labels, 'component_id', 'component_path'] }]),
    );
    return {
      component: 'alloy',
      version: alloyImage,
      source: `generated: .tools/bin/prometheus ${tool.version} remote_write (the queue Alloy's prometheus.remote_write embeds), plus Alloy's component_id and component_path labels`,
      notes: 'Alloy cannot run here; only its remote-write families are listed, the ones the pipeline dashboard and alerts read.',
      metrics,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
