import { PREVIEW_SCRAPE_JOBS, type PreviewWorkload } from '@o11y/env-local';
import {
  batchProcessor,
  memoryLimiterProcessor,
  prometheusRemoteWriteExporter,
  toStaticScrapeConfig,
  type CollectorConfig,
} from '@o11y/k8s';
import { formatInterval } from '@o11y/environment';
import { parseDuration } from './grafana-time.js';

// The jobs and discovery labels are the local environment's (the metrics contract checks the same ones).
export { PREVIEW_SCRAPE_JOBS, type PreviewWorkload } from '@o11y/env-local';

export interface PreviewCollectorOptions {
  readonly scrapeInterval: string;
  /** Where each workload listens, host:port. */
  readonly addresses: Readonly<Record<PreviewWorkload, string>>;
  /** Prometheus's remote-write receiver, e.g. http://127.0.0.1:9090/api/v1/write. */
  readonly remoteWriteUrl: string;
  /** Loopback port of the health_check extension (readiness). */
  readonly healthCheckPort: number;
}

/**
 * The recipe's metrics pipeline run locally: prometheus receiver with the charts' jobs on fixed targets →
 * memory_limiter, batch → prometheusremotewrite to the local Prometheus. No SigV4: nothing leaves loopback.
 */
export function previewCollectorConfig(options: PreviewCollectorOptions): CollectorConfig {
  const intervalMs = parseDuration(options.scrapeInterval);
  const workloads = Object.keys(PREVIEW_SCRAPE_JOBS).sort() as PreviewWorkload[];
  return {
    extensions: { health_check: { endpoint: `127.0.0.1:${options.healthCheckPort}` } },
    receivers: {
      prometheus: {
        config: {
          global: { scrape_interval: options.scrapeInterval, scrape_timeout: formatInterval(Math.min(10_000, intervalMs)) },
          scrape_configs: workloads.map((w) =>
            toStaticScrapeConfig(PREVIEW_SCRAPE_JOBS[w].job, [{ ...PREVIEW_SCRAPE_JOBS[w].discovered, address: options.addresses[w] }], {
              escapeDollars: true,
            }),
          ),
        },
      },
    },
    // A batch per scrape keeps the local data as fresh as the scrape interval (the chart batches 30 s for AMP).
    processors: {
      memory_limiter: memoryLimiterProcessor(),
      'batch/metrics': batchProcessor({ timeout: options.scrapeInterval, sendBatchSize: 8192 }),
    },
    exporters: { prometheusremotewrite: prometheusRemoteWriteExporter(options.remoteWriteUrl, null) },
    service: {
      extensions: ['health_check'],
      pipelines: {
        metrics: { receivers: ['prometheus'], processors: ['memory_limiter', 'batch/metrics'], exporters: ['prometheusremotewrite'] },
      },
      // Its own metrics endpoint (8888) is not needed and could clash with another preview port.
      telemetry: { metrics: { level: 'none' } },
    },
  };
}
