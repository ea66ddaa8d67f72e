import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoveryLabels, SELECTORS } from '@o11y/k8s';
import { stringify } from 'yaml';
import { artifactCollectors, localizeCollectorConfig, notAMetricsPipeline, type StaticTarget } from './artifact-collectors.js';
import { locateBinaries, NODE_EXPORTER, OTELCOL, PROMETHEUS } from './binaries.js';
import { startChild, waitUntilServing, type ManagedChild } from './child-process.js';
import { PREVIEW_SCRAPE_JOBS, type PreviewWorkload } from './collector-config.js';
import { artifactKubernetesObjects, type EnvironmentArtifacts } from './environment-artifacts.js';
import { discoveredPods, endpointsRoleTargets, podRoleTargets, type DiscoveredPod, type DiscoveryTarget } from '@o11y/metrics-contract';
import { freeLoopbackPort } from '@o11y/workspace-tools';
import { renderPrometheusConfig } from './prometheus-config.js';
import { previewWorkloads } from './stack.js';

/** Which pods of the charts a local twin stands in for. */
const TWIN_OF: Readonly<Record<Exclude<PreviewWorkload, 'envoy-traffic'>, (pod: DiscoveredPod) => boolean>> = {
  'node-exporter': (p) => p.labels[SELECTORS.appName] === SELECTORS.nodeExporterName,
  'prometheus-sample-app': (p) => p.labels[SELECTORS.appName] === 'prometheus-sample-app',
};

export interface EnvironmentPipelineOptions {
  readonly workspaceRoot: string;
  /** How long each process may take to serve; generous, the machine is shared. @default 120 s */
  readonly startTimeoutMs?: number;
  readonly log?: (line: string) => void;
  /** Applied to each localized collector configuration before it runs (for showing that a check fails). */
  readonly alterCollectorConfig?: (config: Record<string, unknown>) => void;
}

export interface EnvironmentPipeline {
  readonly prometheusUrl: string;
  /** Collector configurations run, by source. */
  readonly collectors: readonly { readonly source: string; readonly changes: readonly string[] }[];
  /** Collector configurations found and not run, with why. */
  readonly notRun: readonly string[];
  /** Scrape jobs given at least one static target, with their count. */
  readonly jobs: ReadonlyMap<string, number>;
  /** Workloads of the charts nothing stands in for here. */
  readonly withoutTwin: readonly string[];
  readonly processes: readonly { readonly name: string; readonly pid: number }[];
  readonly dataDir: string;
  /** Stops every process started here and removes the data directory. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Runs an environment's own metrics pipeline on loopback: every collector configuration of its charts that
 * scrapes into Prometheus remote write (localized by localizeCollectorConfig), scraping the twin workloads
 * (the pinned node_exporter, the sample app, the Envoy traffic generator, the collectors themselves) and
 * writing into the pinned Prometheus with its remote-write receiver.
 */
export async function startEnvironmentPipeline(
  artifacts: EnvironmentArtifacts,
  options: EnvironmentPipelineOptions,
): Promise<EnvironmentPipeline> {
  const log = options.log ?? (() => {});
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  const objects = artifactKubernetesObjects(artifacts);
  const found = artifactCollectors(objects);
  const runnable = found.filter((c) => notAMetricsPipeline(c.config) === undefined);
  const notRun = found.filter((c) => !runnable.includes(c)).map((c) => `${c.source}: ${notAMetricsPipeline(c.config)}`);
  if (runnable.length === 0)
    throw new Error(`${artifacts.manifest.environment}: no collector configuration in its charts scrapes into Prometheus remote write`);

  const children: ManagedChild[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), `o11y-pipeline-${artifacts.manifest.environment}-`));
  let stopped = false;
  // If the process dies without stop(), nothing may outlive it.
  const onExit = () => {
    for (const child of children) if (child.isRunning()) process.kill(child.pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.on('exit', onExit);
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all(children.map((c) => c.stop()));
    rmSync(dataDir, { recursive: true, force: true });
    process.off('exit', onExit);
  };

  try {
    const [nodeExporter, otelcol, prometheus] = locateBinaries([NODE_EXPORTER, OTELCOL, PROMETHEUS]);
    mkdirSync(join(dataDir, 'logs'));
    const logFile = (name: string) => join(dataDir, 'logs', `${name}.log`);
    const start = (name: string, command: string, args: string[], cwd = dataDir) => {
      const child = startChild({ name, command, args, cwd, logFile: logFile(name) });
      children.push(child);
      return child;
    };

    // The twins, then Prometheus, all at once: readiness is polled with deadlines.
    const twinAddress = new Map<PreviewWorkload, string>();
    const prometheusPort = await freeLoopbackPort();
    const prometheusUrl = `http://127.0.0.1:${prometheusPort}`;
    writeFileSync(join(dataDir, 'prometheus.yml'), renderPrometheusConfig('15s', []));
    const waits = previewWorkloads(options.workspaceRoot, nodeExporter!).map(async (w) => {
      const port = await freeLoopbackPort();
      const child = start(w.name, w.command, w.args(port), options.workspaceRoot);
      twinAddress.set(w.name, `127.0.0.1:${port}`);
      await waitUntilServing(child, `http://127.0.0.1:${port}${w.readyPath}`, timeoutMs);
    });
    const prometheusChild = start('prometheus', prometheus!, [
      `--config.file=${join(dataDir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dataDir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${prometheusPort}`,
      '--storage.tsdb.retention.time=1d',
      '--web.enable-remote-write-receiver',
    ]);
    waits.push(waitUntilServing(prometheusChild, `${prometheusUrl}/-/ready`, timeoutMs));
    const settled = await Promise.allSettled(waits);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;

    // Every collector's own ports first: each one's discovery sees the others' pods too.
    const collectors = await Promise.all(
      runnable.map(async (c) => ({ ...c, healthCheckPort: await freeLoopbackPort(), telemetryPort: await freeLoopbackPort() })),
    );
    const pods = discoveredPods(objects);
    const localized = collectors.map((c) =>
      localizeCollectorConfig(c.config, {
        targetsFor: () => [],
        remoteWriteUrl: `${prometheusUrl}/api/v1/write`,
        healthCheckPort: c.healthCheckPort,
        telemetryPort: c.telemetryPort,
      }),
    );
    const addressOf = (t: DiscoveryTarget): string | undefined => {
      for (const [twin, matches] of Object.entries(TWIN_OF)) if (matches(t.pod)) return twinAddress.get(twin as PreviewWorkload);
      const i = collectors.findIndex((c) => c.configMap && c.namespace === t.pod.namespace && t.pod.configMaps.includes(c.configMap));
      const local = i >= 0 && t.port ? localized[i]!.ports.get(t.port.number) : undefined;
      return local ? `127.0.0.1:${local}` : undefined;
    };
    const withAddress = (targets: DiscoveryTarget[]): StaticTarget[] =>
      targets.flatMap((t) => {
        const address = addressOf(t);
        return address ? [{ address, labels: t.labels }] : [];
      });
    // The generator stands in for every sidecar of a mesh and carries their namespace/service/pod labels itself.
    const envoy: StaticTarget = {
      address: twinAddress.get('envoy-traffic')!,
      labels: discoveryLabels({ ...PREVIEW_SCRAPE_JOBS['envoy-traffic'].discovered, address: '' }),
    };
    const byRole: Record<string, StaticTarget[]> = {
      pod: [...withAddress(podRoleTargets(pods)), envoy],
      endpoints: withAddress(endpointsRoleTargets(objects, pods)),
    };
    const withoutTwin = pods.filter((p) => !podRoleTargets([p]).some((t) => addressOf(t))).map((p) => `${p.namespace}/${p.workload.name}`);

    const jobs = new Map<string, number>();
    const run: { source: string; changes: readonly string[] }[] = [];
    for (const [i, c] of collectors.entries()) {
      const { config, changes } = localizeCollectorConfig(c.config, {
        targetsFor: (job, role, namespaces) => {
          const targets = (byRole[role] ?? []).filter(
            (t) => !namespaces || namespaces.includes(t.labels.__meta_kubernetes_namespace ?? ''),
          );
          if (!byRole[role]) log(`scrape job ${job}: Kubernetes discovery role "${role}" is not emulated, so it gets no targets`);
          jobs.set(job, (jobs.get(job) ?? 0) + targets.length);
          return targets;
        },
        remoteWriteUrl: `${prometheusUrl}/api/v1/write`,
        healthCheckPort: c.healthCheckPort,
        telemetryPort: c.telemetryPort,
      });
      options.alterCollectorConfig?.(config);
      const file = join(dataDir, `otelcol-${i}.yaml`);
      writeFileSync(file, stringify(config));
      const child = start(`otelcol-${i}`, otelcol!, [`--config=file:${file}`]);
      await waitUntilServing(child, `http://127.0.0.1:${c.healthCheckPort}/`, timeoutMs);
      log(`${c.source}: running (${changes.length} changes)`);
      run.push({ source: c.source, changes });
    }
    return {
      prometheusUrl,
      collectors: run,
      notRun,
      jobs,
      withoutTwin,
      processes: children.map((c) => ({ name: c.name, pid: c.pid })),
      dataDir,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
