import { stringify } from 'yaml';
import { toPrometheusConfig, type ScrapeGlobals, type ScrapeJob } from './scrape-config.js';
import { PORTS } from '../versions.js';

/** One component's settings, keyed by component id (`type` or `type/name`). */
export type ComponentSettings = Readonly<Record<string, unknown>>;

export interface CollectorPipeline {
  readonly receivers: readonly string[];
  /** @default [] */
  readonly processors?: readonly string[];
  readonly exporters: readonly string[];
}

/** An OpenTelemetry collector configuration; pipeline keys are `traces`, `metrics`, `logs` or `<signal>/<name>`. */
export interface CollectorConfig {
  readonly extensions?: Readonly<Record<string, ComponentSettings>>;
  readonly receivers: Readonly<Record<string, ComponentSettings>>;
  readonly processors?: Readonly<Record<string, ComponentSettings>>;
  readonly exporters: Readonly<Record<string, ComponentSettings>>;
  readonly service: {
    readonly extensions?: readonly string[];
    readonly pipelines: Readonly<Record<string, CollectorPipeline>>;
    readonly telemetry?: ComponentSettings;
  };
}

/** The configuration as a plain JSON object (what the OpenTelemetryCollector v1beta1 `spec.config` takes). */
export function collectorConfigObject(config: CollectorConfig): Record<string, unknown> {
  return JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
}

/** The configuration as the YAML file the collector reads. */
export function renderCollectorConfig(config: CollectorConfig): string {
  return stringify(collectorConfigObject(config), { lineWidth: 0, version: '1.1' });
}

// ---- typed component settings -------------------------------------------------------------------

/** OTLP receiver on all interfaces (collectors ≥ v0.104 default to localhost, which a Service cannot reach). */
export function otlpReceiver(ports: { grpc?: number; http?: number } = {}): ComponentSettings {
  return {
    protocols: {
      grpc: { endpoint: `0.0.0.0:${ports.grpc ?? PORTS.otlpGrpc}` },
      http: { endpoint: `0.0.0.0:${ports.http ?? PORTS.otlpHttp}` },
    },
  };
}

export function prometheusReceiver(jobs: readonly ScrapeJob[], globals?: ScrapeGlobals): ComponentSettings {
  return { config: toPrometheusConfig(jobs, globals) };
}

/** Refuses data before the pod's memory limit is hit; percentages keep it right when resources change. */
export function memoryLimiterProcessor(): ComponentSettings {
  return { check_interval: '1s', limit_percentage: 80, spike_limit_percentage: 25 };
}

export function batchProcessor(options: { timeout: string; sendBatchSize: number }): ComponentSettings {
  return { timeout: options.timeout, send_batch_size: options.sendBatchSize };
}

/** Remote write signed with SigV4 by the `sigv4auth` extension (`null`: unsigned, e.g. to a local Prometheus). */
export function prometheusRemoteWriteExporter(endpoint: string, authenticator: string | null = 'sigv4auth'): ComponentSettings {
  return {
    endpoint,
    ...(authenticator ? { auth: { authenticator } } : {}),
    resource_to_telemetry_conversion: { enabled: false },
    // Keep the names the targets expose (the dashboards query them): by default the exporter appends `_total` to
    // counters without it, so `envoy_http_downstream_rq_xx` would arrive as `envoy_http_downstream_rq_xx_total`
    // (and test_counter0, the collector's own otelcol_* counters). Every collector path goes through here: aws (ADOT
    // to AMP) and the local preview. Collector v0.165 logs it as deprecated for `translation_strategy:
    // UnderscoreEscapingWithoutSuffixes` but still honours it; the pinned ADOT image predates that setting.
    add_metric_suffixes: false,
  };
}

export function awsXrayExporter(region: string): ComponentSettings {
  return { region };
}

/** The `debug` exporter; `logging` was removed in ADOT v0.42. */
export function debugExporter(verbosity: 'basic' | 'normal' | 'detailed' = 'basic'): ComponentSettings {
  return { verbosity };
}

export function sigv4AuthExtension(region: string, service = 'aps'): ComponentSettings {
  return { region, service };
}

/** health_check on 0.0.0.0 so kubelet probes on the pod IP reach it (the default became localhost). */
export function healthCheckExtension(port: number = PORTS.collectorHealthCheck): ComponentSettings {
  return { endpoint: `0.0.0.0:${port}` };
}

/** The collector's own metrics as a Prometheus endpoint on all interfaces, so they can be scraped. */
export function telemetryOnPort(port: number = PORTS.collectorTelemetry): ComponentSettings {
  return { metrics: { level: 'detailed', readers: [{ pull: { exporter: { prometheus: { host: '0.0.0.0', port } } } }] } };
}

/** The builder for an AMP workspace's remote-write URL. */
export function ampRemoteWriteUrl(region: string, workspaceId: string): string {
  return `https://aps-workspaces.${region}.amazonaws.com/workspaces/${workspaceId}/api/v1/remote_write`;
}
