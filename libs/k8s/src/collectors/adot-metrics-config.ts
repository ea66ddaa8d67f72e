import {
  batchProcessor,
  debugExporter,
  healthCheckExtension,
  memoryLimiterProcessor,
  prometheusReceiver,
  prometheusRemoteWriteExporter,
  sigv4AuthExtension,
  telemetryOnPort,
  type CollectorConfig,
  type ComponentSettings,
} from './otel-collector-config.js';
import type { ScrapeJob } from './scrape-config.js';
import { annotatedServiceEndpointsJob, envoySidecarJob, kubeStateMetricsJob, nodeExporterJob } from './scrape-jobs.js';

/** What the ADOT metrics pipeline needs to know; shared by the Deployment and the OpenTelemetryCollector variants. */
export interface AdotMetricsPipelineOptions {
  /** AWS region of the AMP workspace; signs remote write with SigV4. */
  readonly region: string;
  /** AMP remote-write URL (see `ampRemoteWriteUrl`). */
  readonly remoteWriteUrl: string;
  /**
   * Scrape jobs of the prometheus receiver.
   * @default - Services annotated `scrape: "true"`, kube-state-metrics, node-exporter and App Mesh Envoy sidecars
   */
  readonly scrapeJobs?: readonly ScrapeJob[];
  /** @default '15s' */
  readonly scrapeInterval?: string;
  /**
   * Also print metrics with the debug exporter (verbose; for troubleshooting).
   * @default false
   */
  readonly debug?: boolean;
}

/** The recipes' jobs; Envoy's because the App Mesh recipe (and the Envoy dashboard and alerts) read its sidecars' stats. */
export function defaultMetricsScrapeJobs(): ScrapeJob[] {
  return [annotatedServiceEndpointsJob(), kubeStateMetricsJob(), nodeExporterJob(), envoySidecarJob()];
}

/** prometheus receiver → memory_limiter, batch → prometheusremotewrite (sigv4auth) [+ debug]. */
export function adotMetricsConfig(options: AdotMetricsPipelineOptions): CollectorConfig {
  const exporters: Record<string, ComponentSettings> = { prometheusremotewrite: prometheusRemoteWriteExporter(options.remoteWriteUrl) };
  if (options.debug) exporters.debug = debugExporter();
  return {
    extensions: { health_check: healthCheckExtension(), sigv4auth: sigv4AuthExtension(options.region) },
    receivers: {
      prometheus: prometheusReceiver(options.scrapeJobs ?? defaultMetricsScrapeJobs(), { scrapeInterval: options.scrapeInterval ?? '15s' }),
    },
    processors: { memory_limiter: memoryLimiterProcessor(), 'batch/metrics': batchProcessor({ timeout: '30s', sendBatchSize: 8192 }) },
    exporters,
    service: {
      extensions: ['health_check', 'sigv4auth'],
      pipelines: {
        metrics: { receivers: ['prometheus'], processors: ['memory_limiter', 'batch/metrics'], exporters: Object.keys(exporters) },
      },
      telemetry: telemetryOnPort(),
    },
  };
}
