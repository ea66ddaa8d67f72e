import { parse } from 'yaml';
import type { Json } from './dashboard-model.js';
import type { KubernetesObject } from './environment-artifacts.js';

/** An OpenTelemetry Collector configuration found in the environment's charts. */
export interface ArtifactCollector {
  /** e.g. `k8s/adot-metrics.yaml ConfigMap adot-col/adot-metrics-config (collector.yaml)` */
  readonly source: string;
  readonly namespace: string;
  /** ConfigMap name, for finding the workload that mounts it; absent for an OpenTelemetryCollector resource. */
  readonly configMap?: string;
  readonly config: Json;
}

const isCollectorConfig = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && 'receivers' in value && 'exporters' in value && 'service' in value;

/** Collector configurations: ConfigMap entries that parse as one, and OpenTelemetryCollector resources' `spec.config`. */
export function artifactCollectors(objects: readonly KubernetesObject[]): ArtifactCollector[] {
  const out: ArtifactCollector[] = [];
  for (const o of objects) {
    const namespace = o.metadata.namespace ?? 'default';
    const where = `${o.chart} ${o.kind} ${namespace}/${o.metadata.name}`;
    if (o.kind === 'ConfigMap') {
      for (const [key, text] of Object.entries(o.data ?? {})) {
        let value: unknown;
        try {
          value = parse(text);
        } catch {
          continue;
        }
        if (isCollectorConfig(value)) out.push({ source: `${where} (${key})`, namespace, configMap: o.metadata.name, config: value });
      }
    } else if (o.kind === 'OpenTelemetryCollector') {
      const raw = (o.spec as { config?: unknown } | undefined)?.config;
      const value = typeof raw === 'string' ? (parse(raw) as unknown) : raw;
      if (isCollectorConfig(value)) out.push({ source: where, namespace, config: value });
    }
  }
  return out;
}

type Pipeline = { receivers?: string[]; exporters?: string[] };
const pipelinesOf = (config: Json) => Object.entries(((config.service as Json | undefined)?.pipelines ?? {}) as Record<string, Pipeline>);
const componentType = (id: string) => id.split('/')[0]!;

/**
 * Why a collector is not part of the metrics run, or undefined when it is: it must scrape (prometheus
 * receiver) into Prometheus remote write in a metrics pipeline.
 */
export function notAMetricsPipeline(config: Json): string | undefined {
  const metrics = pipelinesOf(config).filter(([name]) => componentType(name) === 'metrics');
  const scrapes = metrics.some(([, p]) => (p.receivers ?? []).some((r) => componentType(r) === 'prometheus'));
  const writes = metrics.some(([, p]) => (p.exporters ?? []).some((e) => componentType(e) === 'prometheusremotewrite'));
  if (scrapes && writes) return undefined;
  const kinds = pipelinesOf(config)
    .map(([name]) => componentType(name))
    .filter((k, i, all) => all.indexOf(k) === i);
  return `no metrics pipeline from a prometheus receiver to prometheusremotewrite (pipelines: ${kinds.join(', ') || 'none'})`;
}

/** A static target standing in for what Kubernetes discovery would have found. */
export interface StaticTarget {
  readonly address: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface LocalizeOptions {
  /** Targets for a scrape job, given its Kubernetes discovery role and namespaces (undefined: all). */
  readonly targetsFor: (job: string, role: string, namespaces: readonly string[] | undefined) => readonly StaticTarget[];
  readonly remoteWriteUrl: string;
  readonly healthCheckPort: number;
  readonly telemetryPort: number;
}

export interface LocalizedCollector {
  readonly config: Json;
  /** One line per change made to the environment's configuration. */
  readonly changes: readonly string[];
  /** Ports the configuration listens on in the cluster, mapped to the local ones (the collector's own pod is a target too). */
  readonly ports: ReadonlyMap<number, number>;
}

const portOf = (endpoint: unknown) => Number(/:(\d+)$/.exec(String(endpoint ?? ''))?.[1]);

/**
 * The environment's collector configuration, changed only where it cannot run on this machine: Kubernetes
 * discovery becomes static targets carrying the same `__meta_kubernetes_*` labels (the relabelling runs
 * unchanged, except rules writing `__address__`, as the static address is already the one to scrape), SigV4
 * goes and remote write points at the local Prometheus, and its own endpoints listen on free loopback ports.
 */
export function localizeCollectorConfig(original: Json, options: LocalizeOptions): LocalizedCollector {
  const config = structuredClone(original) as Json;
  const changes: string[] = [];
  const ports = new Map<number, number>();
  const extensions = (config.extensions ?? {}) as Record<string, Json>;
  const service = config.service as Json & { extensions?: string[]; telemetry?: Json };

  for (const id of Object.keys(extensions)) {
    if (componentType(id) === 'sigv4auth') {
      delete extensions[id];
      service.extensions = (service.extensions ?? []).filter((e) => e !== id);
      changes.push(`extension ${id} removed (no AWS here)`);
    } else if (componentType(id) === 'health_check') {
      ports.set(portOf(extensions[id]!.endpoint) || 13133, options.healthCheckPort);
      extensions[id] = { ...extensions[id], endpoint: `127.0.0.1:${options.healthCheckPort}` };
      changes.push(`extension ${id} on 127.0.0.1:${options.healthCheckPort}`);
    }
  }

  for (const [id, receiver] of Object.entries((config.receivers ?? {}) as Record<string, Json>)) {
    if (componentType(id) !== 'prometheus') continue;
    const scrapeConfigs = ((receiver.config as Json | undefined)?.scrape_configs ?? []) as Json[];
    for (const job of scrapeConfigs) {
      const sd = job.kubernetes_sd_configs as { role: string; namespaces?: { names?: string[] } }[] | undefined;
      if (!sd) continue;
      if (sd.length !== 1) throw new Error(`scrape job ${String(job.job_name)}: ${sd.length} kubernetes_sd_configs, expected 1`);
      const targets = options.targetsFor(String(job.job_name), sd[0]!.role, sd[0]!.namespaces?.names);
      delete job.kubernetes_sd_configs;
      job.static_configs = targets.map((t) => ({ targets: [t.address], labels: { ...t.labels } }));
      const relabel = (job.relabel_configs ?? []) as Json[];
      const kept = relabel.filter((r) => r.target_label !== '__address__');
      if (kept.length < relabel.length) {
        job.relabel_configs = kept;
        changes.push(`scrape job ${String(job.job_name)}: relabelling to __address__ dropped (the static address is the one to scrape)`);
      }
      changes.push(
        `scrape job ${String(job.job_name)}: kubernetes_sd_configs (role ${sd[0]!.role}) replaced by ${targets.length} static targets`,
      );
    }
  }

  for (const [id, exporter] of Object.entries((config.exporters ?? {}) as Record<string, Json>)) {
    if (componentType(id) !== 'prometheusremotewrite') continue;
    exporter.endpoint = options.remoteWriteUrl;
    if (exporter.auth) {
      delete exporter.auth;
      changes.push(`exporter ${id}: auth removed`);
    }
    changes.push(`exporter ${id}: endpoint ${options.remoteWriteUrl}`);
  }

  const metrics = ((service.telemetry ??= {}).metrics ??= {}) as Json;
  // Without a reader the collector would serve its metrics on the default port 8888, which may be taken.
  if (!Array.isArray(metrics.readers)) {
    metrics.readers = [{ pull: { exporter: { prometheus: { host: '127.0.0.1', port: 8888 } } } }];
    changes.push('own metrics: a pull reader added (the configuration has none)');
  }
  const readers = metrics.readers as Json[];
  for (const reader of readers) {
    const prometheus = ((reader.pull as Json | undefined)?.exporter as Json | undefined)?.prometheus as Json | undefined;
    if (!prometheus) continue;
    ports.set(Number(prometheus.port ?? 8888), options.telemetryPort);
    prometheus.host = '127.0.0.1';
    prometheus.port = options.telemetryPort;
    changes.push(`own metrics on 127.0.0.1:${options.telemetryPort}`);
  }
  return { config, changes, ports };
}
